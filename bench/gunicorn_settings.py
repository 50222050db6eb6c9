#!/usr/bin/env python3
"""Choose gunicorn's settings by measurement: each candidate under wrk on the same database.

    python bench/gunicorn_settings.py --db build/bench/evacfacts.db [--duration 5]

`gunicorn.conf.py` reads WORKER_CLASS, WORKERS and THREADS from the
environment, so each candidate is the shipped config with those three set.
Each is driven on two requests: the first page of `quantity=evacuees` as
served by default (a replay from the response cache: what gunicorn and WSGI
cost) and the same page with the response cache off (parsed, queried and
rendered: what a worker costs when it computes). Each is run `--runs` times
(new connections each time: how wrk's 16 connections fall on the workers
varies from run to run, and with it the rate), and the table gives the
median requests/s with the lowest and highest, and the median p99. The table
goes to stdout and `build/bench/gunicorn.md`.
"""

from __future__ import annotations

import argparse
import os
import statistics
from pathlib import Path

from scale import PER_PAGE, ROOT, free_port, gunicorn, serve, wrk

#: (worker class, workers, threads); the machine has os.cpu_count() cores.
CANDIDATES = (
    ("sync", 2, 1), ("sync", 4, 1),
    ("gthread", 2, 1), ("gthread", 2, 2), ("gthread", 2, 4), ("gthread", 4, 2),
)
PATH = f"/v1/claims?quantity=evacuees&per_page={PER_PAGE}"


def measure(db: Path, candidate: tuple[str, int, int], args: argparse.Namespace) -> dict:
    worker_class, workers, threads = candidate
    row = {}
    for label, cache_mb in (("replayed", "32"), ("computed", "0")):
        port = free_port()
        env = {"EVACFACTS_DB": str(db), "WORKER_CLASS": worker_class, "WORKERS": str(workers),
               "THREADS": str(threads), "EVACFACTS_RESPONSE_CACHE_MB": cache_mb}
        with serve(gunicorn("api.web.app:create_app()", port), port, "/health", env=env) as base:
            wrk(base + PATH, 2, args.connections, args.threads)  # warm-up
            runs = [wrk(base + PATH, args.duration, args.connections, args.threads)
                    for _ in range(args.runs)]
        rates = [r["rps"] for r in runs]
        row[label] = {"rps": statistics.median(rates), "low": min(rates), "high": max(rates),
                      "p99_ms": statistics.median(r["p99_ms"] for r in runs)}
    return row


def cell(result: dict) -> str:
    return (f"{result['rps']:.0f} ({result['low']:.0f}–{result['high']:.0f}) | "
            f"{result['p99_ms']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a loaded database")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--runs", type=int, default=3, help="wrk runs per candidate")
    args = parser.parse_args()
    lines = [f"{os.cpu_count()} cores, wrk -c{args.connections} -t{args.threads} "
             f"-d{args.duration}s, {args.runs} runs each, `{PATH}`", "",
             "| worker class | workers | threads | replayed req/s (range) | p99 ms | "
             "computed req/s (range) | p99 ms |", "|---|---|---|---|---|---|---|"]
    for candidate in CANDIDATES:
        row = measure(args.db.resolve(), candidate, args)
        line = (f"| {candidate[0]} | {candidate[1]} | {candidate[2]} | "
                f"{cell(row['replayed'])} | {cell(row['computed'])} |")
        print(line, flush=True)
        lines.append(line)
    out = ROOT / "build" / "bench" / "gunicorn.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
