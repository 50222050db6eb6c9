#!/usr/bin/env python3
"""Make a large benchmark database from a loaded one by copying its reports in SQL.

    python bench/multiply.py BASE.db OUT.db [--times 10]

Loading 1.5M claims with `evacfacts load` takes about half an hour of both
cores (about 1,000 claims/s); on a shared machine that is too long to repeat.
This copies BASE (a database `evacfacts load` wrote, e.g. 5,000 synthetic
reports from `../shared/bench/make_corpus.py`, about 150,000 claims) into OUT
and appends TIMES - 1 copies of every source and claim under fresh ids
(`<source id>~<k>`, claim ids re-prefixed the same way) and a different content
hash, so OUT has TIMES as many reports and claims with the same distributions
of quantities, values, places and actors, and the same actors and locations.
Full-text indexes follow through their triggers. The figure tables are then
rebuilt from all claims (`api.figures.tally.rebuild`, what the migration's
first open does), and the file is checkpointed.
Prints the row counts and the time each step took.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import time
from pathlib import Path

from api import store
from api.figures import tally


def multiply(base: Path, out: Path, times: int) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(base) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(base, out)
    db = store.connect(out)  # migrates: the figure tables start empty
    conn = db.conn
    sources = [r[1] for r in conn.execute("PRAGMA table_info(sources)")]
    claims = [r[1] for r in conn.execute("PRAGMA table_info(claims)")]
    names = {table: ", ".join(f'"{c}"' for c in columns)
             for table, columns in (("sources", sources), ("claims", claims))}
    started = time.perf_counter()
    # Indexes and full-text triggers are dropped while copying and made again once: building
    # an index over sorted rows is far faster than updating it row by row.
    deferred = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name IN ('claims', 'sources') "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL")]
    for (kind, name) in conn.execute(
            "SELECT type, name FROM sqlite_master WHERE tbl_name IN ('claims', 'sources') "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL").fetchall():
        conn.execute(f"DROP {kind.upper()} {name}")
    for k in range(1, times):
        suffix = f"~{k}"
        source_values = [{"id": "id || :suffix", "content_hash": "content_hash || :suffix",
                          "name": "name || :suffix"}.get(c, f'"{c}"') for c in sources]
        claim_values = [{"id": "source_id || :suffix || substr(id, length(source_id) + 1)",
                         "source_id": "source_id || :suffix"}.get(c, f'"{c}"') for c in claims]
        with store.write_transaction(db):
            conn.execute(f"INSERT INTO sources ({names['sources']}) SELECT "
                         f"{', '.join(source_values)} FROM sources WHERE id NOT LIKE '%~%'",
                         {"suffix": suffix})
            conn.execute(f"INSERT INTO claims ({names['claims']}) SELECT "
                         f"{', '.join(claim_values)} FROM claims WHERE source_id NOT LIKE '%~%'",
                         {"suffix": suffix})
        print(f"copy {k}: {time.perf_counter() - started:.0f} s", flush=True)
    with store.write_transaction(db):
        for sql in deferred:
            conn.execute(sql)
        for table in ("claims", "sources"):
            conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")
    print(f"indexes and full-text made again: {time.perf_counter() - started:.0f} s",
          flush=True)
    started = time.perf_counter()
    with store.write_transaction(db):
        tally.rebuild(db)
    print(f"figures rebuilt in {time.perf_counter() - started:.0f} s", flush=True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(store.counts(db))
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args()
    multiply(args.base, args.out, args.times)


if __name__ == "__main__":
    main()
