"""Memory of a whole export: `curl -H 'Accept: text/csv' '/v1/claims?per_page=all'` at scale.

    .venv/bin/python bench/export_memory.py                      # builds build/bench/export.db
    .venv/bin/python bench/export_memory.py --db path/to/big.db  # any loaded database

The database (unless `--db` names one that exists) is built by duplication:
`seeds/reports` are loaded with `evacfacts load` (the real extractor), then
their sources and claims are copied in SQL, copy n of source `S` becoming
`S-cN` with claims `S-cN-<start>` (the loader's id scheme), until there are
at least `--claims` claims (1.5M by default; about 3 minutes and 2 GB). The
full-text indexes are filled by the tables' own triggers, as for a load.

The server is gunicorn with `gunicorn.conf.py` and 2 workers, as `make serve`
runs it. After a warm-up (every worker answers a few pages), each process's
resident set is read (idle), then curl fetches the export while psutil samples
every process's RSS every 20 ms; the report gives the rows received (parsed
as CSV), `X-Total-Count`, the database's own count, and for each process its
idle and peak RSS. The bar: every row, and no process more than 50 MB above
its idle size.
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import suppress
from pathlib import Path

import psutil
from scale import free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BAR_MB = 50


def build(db: Path, claims: int) -> None:
    """Seeds loaded, then copied in SQL until the database holds `claims` claims."""
    db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    subprocess.run([str(BIN / "evacfacts"), "load", str(ROOT / "seeds" / "reports"),
                    "--db", str(db)], check=True)
    conn = sqlite3.connect(db)
    seed_claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    copies = -(-(claims - seed_claims) // seed_claims)
    source_cols = [r[1] for r in conn.execute("PRAGMA table_info(sources)")]
    claim_cols = [r[1] for r in conn.execute("PRAGMA table_info(claims)")]
    replaced_source = {"id": "s.id || '-c' || n.n", "content_hash": "s.content_hash || n.n"}
    replaced_claim = {"id": "c.source_id || '-c' || n.n || '-' || c.start",
                      "source_id": "c.source_id || '-c' || n.n"}
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("CREATE TEMP TABLE n(n INTEGER PRIMARY KEY)")
    conn.execute("WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k "
                 "WHERE n < ?) INSERT INTO n SELECT n FROM k", [copies])
    conn.execute("CREATE TEMP TABLE seed_sources AS SELECT * FROM sources")
    conn.execute("CREATE TEMP TABLE seed_claims AS SELECT * FROM claims")
    started = time.monotonic()
    with conn:
        conn.execute(
            f"INSERT INTO sources ({', '.join(map(_q, source_cols))}) SELECT "
            + ", ".join(replaced_source.get(c, f"s.{_q(c)}") for c in source_cols)
            + " FROM n, seed_sources s")
        conn.execute(
            f"INSERT INTO claims ({', '.join(map(_q, claim_cols))}) SELECT "
            + ", ".join(replaced_claim.get(c, f"c.{_q(c)}") for c in claim_cols)
            + " FROM n, seed_claims c ORDER BY n.n, c.source_id, c.start")
    conn.execute("ANALYZE")
    total = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    conn.close()
    print(f"built {db}: {total} claims ({copies} copies of the seeds) in "
          f"{time.monotonic() - started:.0f} s", flush=True)


def _q(column: str) -> str:
    return f'"{column}"'


def rss_mb(proc: psutil.Process) -> float:
    return proc.memory_info().rss / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", type=Path, default=ROOT / "build" / "bench" / "export.db")
    parser.add_argument("--claims", type=int, default=1_500_000)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    args = parser.parse_args()
    if args.rebuild or not args.db.exists():
        build(args.db, args.claims)
    in_db = sqlite3.connect(args.db).execute("SELECT count(*) FROM claims").fetchone()[0]

    port = free_port()
    env = {**os.environ, "EVACFACTS_DB": str(args.db), "WORKERS": "2"}
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "--bind",
         f"127.0.0.1:{port}", "api.web.app:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/health", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        for _ in range(20):  # warm every worker: imports, connection, a page of each kind
            for path in ("/v1/claims?per_page=100", "/v1/sources", "/v1/claims?quantity=buses"):
                urllib.request.urlopen(base + path, timeout=120).read()
        master = psutil.Process(server.pid)
        procs = [master, *master.children()]
        idle = {p.pid: rss_mb(p) for p in procs}
        peak = dict(idle)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                for p in procs:
                    with suppress(psutil.NoSuchProcess):
                        peak[p.pid] = max(peak[p.pid], rss_mb(p))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out = args.db.with_suffix(".claims.csv")
        started = time.monotonic()
        curl = subprocess.run(
            ["curl", "-sS", "-D", "-", "-o", str(out), "-H", "Accept: text/csv",
             f"{base}/v1/claims?per_page=all"], capture_output=True, text=True, check=True)
        seconds = time.monotonic() - started
        done.set()
        sampler.join()
        headers = dict(line.split(": ", 1) for line in curl.stdout.strip().splitlines()[1:]
                       if ": " in line)
        with open(out, newline="", encoding="utf-8") as f:
            rows = sum(1 for _ in csv.reader(f)) - 1
        size = out.stat().st_size
        out.unlink()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    print(f"curl -H 'Accept: text/csv' '{base}/v1/claims?per_page=all'")
    print(f"  {curl.stdout.splitlines()[0]}; X-Total-Count {headers.get('X-Total-Count')}; "
          f"claims in the database {in_db}; CSV rows received {rows}; "
          f"{size / 1e6:.0f} MB in {seconds:.1f} s ({rows / seconds:,.0f} rows/s)")
    worst = 0.0
    for p in procs:
        role = "master" if p.pid == server.pid else "worker"
        grown = peak[p.pid] - idle[p.pid]
        worst = max(worst, grown)
        print(f"  {role} {p.pid}: idle {idle[p.pid]:.1f} MB, peak {peak[p.pid]:.1f} MB, "
              f"+{grown:.1f} MB")
    every_row = rows == in_db == int(headers.get("X-Total-Count", -1))
    print(f"[{'x' if every_row else ' '}] every row ({rows} of {in_db})")
    print(f"[{'x' if worst <= BAR_MB else ' '}] peak RSS within {BAR_MB} MB of idle "
          f"(+{worst:.1f} MB)")
    sys.exit(0 if every_row and worst <= BAR_MB else 1)


if __name__ == "__main__":
    main()
