#!/usr/bin/env python3
"""Bulk load speed: `evacfacts load --claims` on claims files, one core, claims per second.

    python bench/load_claims.py [-n 2000] [--repeat 3] [--copies 1]

Writes a synthetic corpus of N reports with `../shared/bench/make_corpus.py`,
extracts it once into claims files (`evacfacts extract --out`, not timed),
then loads them into a fresh database REPEAT times in this process with
`api.load.claims_files.load_claims_files`, the library call behind the
command, and prints the best run's claims/s: wall clock and CPU time of this
one process (the loader is single-threaded; CPU time is what one core
gives when other work shares the machine). The database goes to a temporary
directory on the same file system as the corpus. `--copies K` loads K copies
of every record under other source names (`<id>-k.txt`, ids and claim ids
to match), to measure a K times bigger load without extracting more.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402

from api import store  # noqa: E402
from api.load.claims_files import load_claims_files  # noqa: E402

MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"
BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="reports in the corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1,
                        help="load each record this many times, under other names")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench" / "claims")
    args = parser.parse_args()
    corpus, claims_dir = args.work / f"corpus-{args.n}", args.work / f"claims-{args.n}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(MAKE_CORPUS), str(corpus), "-n", str(args.n)],
                       check=True, stdout=subprocess.DEVNULL)
    if not claims_dir.exists():
        subprocess.run([str(BIN / "evacfacts"), "extract", "--out", str(claims_dir),
                        str(corpus)], check=True)
    if args.copies > 1:
        claims_dir = copies(claims_dir, args.copies)
    size = sum(p.stat().st_size for p in claims_dir.glob("part-*.jsonl"))
    best = None
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(dir=args.work) as tmp:
            db = store.connect_writer(Path(tmp) / "bulk.db")
            wall, cpu = time.perf_counter(), time.process_time()
            results = list(load_claims_files(db, [claims_dir]))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            db.close()
        claims = sum(r.claims for r in results)
        assert all(r.status == "new" for r in results), "every report loads"
        run = {"reports": len(results), "claims": claims, "wall": wall, "cpu": cpu}
        print(f"{len(results)} reports, {claims} claims ({size / 1e6:.1f} MB of claims files):"
              f" {claims / wall:,.0f} claims/s wall, {claims / cpu:,.0f} claims/s CPU, "
              f"{len(results) / wall:,.0f} reports/s wall")
        if best is None or wall < best["wall"]:
            best = run
    print(f"best: {best['claims'] / best['wall']:,.0f} claims/s wall, "
          f"{best['claims'] / best['cpu']:,.0f} claims/s CPU (bar: 20,000)")


def copies(claims_dir: Path, k: int) -> Path:
    """Claims files holding every record of `claims_dir` k times, the copies renamed."""
    out = claims_dir.with_name(f"{claims_dir.name}-x{k}")
    if out.exists():
        return out
    out.mkdir()
    for part in sorted(claims_dir.glob("part-*.jsonl")):
        with (out / part.name).open("wb") as file:
            for line in part.open("rb"):
                file.write(line)
                record = orjson.loads(line)
                source_id = record["source"]["id"]
                for n in range(1, k):
                    copy_id = f"{source_id}-{n}"
                    text = orjson.dumps(record).decode()
                    text = re.sub(rf'"{re.escape(source_id)}(-\d+(?:-\d+)?)?"',
                                  lambda m, c=copy_id: f'"{c}{m.group(1) or ""}"', text)
                    copy = orjson.loads(text)
                    copy["source"]["name"] = f"{copy_id}.txt"
                    file.write(orjson.dumps(copy) + b"\n")
    return out


if __name__ == "__main__":
    main()
