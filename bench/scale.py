#!/usr/bin/env python3
"""`make bench`: load at two sizes, then evacfacts against Datasette and bare Flask, with wrk.

    python bench/scale.py [-n 50000] [--duration 10] [--connections 16] [--jobs 2]
    python bench/scale.py --db PATH      # step 2 only, on a database already loaded
    python bench/scale.py -n 10000 --loads-only   # step 1 only

1. Writes a synthetic corpus of N reports (and one of N/10) with
   `../shared/bench/make_corpus.py` and loads each into a fresh database with
   `evacfacts load --jobs J`, printing reports/s, MB/s, claims/s and peak RSS.
   Peak RSS is the largest sum of the resident sets of the loader and all its
   worker processes, sampled every 20 ms with psutil (`RUSAGE_CHILDREN` would
   only give the largest single process).
2. Serves the N database four ways on free 127.0.0.1 ports: evacfacts under
   gunicorn (`gunicorn.conf.py`) as configured by default; the same with the
   response cache off (`EVACFACTS_RESPONSE_CACHE_MB=0`: every request parsed,
   queried and rendered, the cost of a URL nobody asked for before);
   Datasette (`--immutable`, an inspect file, facet suggestions off: its
   documented settings for speed); and a bare Flask app returning evacfacts'
   first page as a fixed body (`bench/ceiling.py`, same gunicorn settings).
   Each is driven with `wrk` on the same queries, after a warm-up run, and
   each run starts once the machine is idle again (`wait_idle`).
3. Prints one table (requests/s, p99) with the ratios evacfacts/Datasette,
   uncached/Datasette and evacfacts/ceiling, and checks the issue's bars (on
   the default configuration). Results also go to `build/bench/results.json`.

The deep page is page 2,000 of 50 (or the last page, on a small N), reached
by key: evacfacts' `after=<id of the last claim of page 1,999>` and
Datasette's `_next=<that page's last primary key>`, each in its own default
order (source order for evacfacts, primary key for Datasette).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import psutil
from datasette.utils import tilde_encode

ROOT = Path(__file__).resolve().parents[1]
MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"
BIN = Path(sys.executable).parent
PER_PAGE = 50
DEEP_PAGE = 2000


# --- loading ---------------------------------------------------------------------------


def make_corpus(out: Path, n: int) -> int:
    """Write n reports into `out` (once); return their total size in bytes."""
    if not out.exists() or len(list(out.glob("*.txt"))) != n:
        subprocess.run([sys.executable, str(MAKE_CORPUS), str(out), "-n", str(n)], check=True,
                       stdout=subprocess.DEVNULL)
    return sum(p.stat().st_size for p in out.glob("*.txt"))


def tree_rss(process: psutil.Process) -> int:
    """Resident bytes of a process and all its descendants."""
    total = 0
    for p in [process, *process.children(recursive=True)]:
        with suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def measure_load(corpus: Path, db: Path, jobs: int) -> dict:
    """Time `evacfacts load` on a corpus into a new database, sampling its peak RSS."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    reports = len(list(corpus.glob("*.txt")))
    started = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "evacfacts"), "load", str(corpus), "--db", str(db),
                             "--jobs", str(jobs)], stdout=subprocess.PIPE, text=True)
    handle, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(handle))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    summary = proc.stdout.read().strip()
    if proc.returncode:
        raise SystemExit(f"load failed: {summary}")
    with sqlite3.connect(db) as conn:
        claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # Datasette --immutable skips the WAL
    return {"reports": reports, "mb": size / 1e6, "claims": claims, "seconds": seconds,
            "reports_s": reports / seconds, "mb_s": size / 1e6 / seconds,
            "claims_s": claims / seconds, "peak_rss_mb": peak / 1e6, "summary": summary}


# --- serving ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(command: list[str], port: int, probe: str, env: dict | None = None):
    """Run a server in its own process group until the block ends; wait until it answers."""
    proc = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=30).read()
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise SystemExit(f"{command[0]} did not start: "
                                     f"{proc.stderr.read().decode()[-2000:]}") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def gunicorn(app: str, port: int, *extra: str) -> list[str]:
    return [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"),
            "--bind", f"127.0.0.1:{port}", *extra, app]


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=120) as response:
        assert response.status == 200, url
        return json.loads(response.read())


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def wait_idle(limit: float = 60, busy: float = 15.0) -> None:
    """Wait (at most `limit` seconds) until the machine's CPU use falls below `busy` percent.

    When wrk stops, a server may still be working through requests already
    queued (a slow query times 16 connections); the next run must not pay
    for them.
    """
    deadline = time.monotonic() + limit
    while psutil.cpu_percent(interval=0.5) >= busy and time.monotonic() < deadline:
        pass


def wrk(url: str, duration: int, connections: int, threads: int) -> dict:
    """Requests/s and p99 latency (ms) of one wrk run; fails on any non-2xx answer."""
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s",
                          "--latency", "--timeout", "10s", url],
                         check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"wrk got errors from {url}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p99_ms": float(value) * _UNITS[unit],
            "socket_errors": errors.group(1) if errors else None}


def wrk_rps(base: str, script: Path, paths: Path, duration: int, connections: int,
            threads: int) -> dict:
    """Requests/s, p99 (ms) and non-2xx answers of one wrk run of a Lua script walking the
    paths listed in a file (`bench/mixed.lua`)."""
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s",
                          "--latency", "--timeout", "10s", "-s", str(script), base],
                         check=True, capture_output=True, text=True,
                         env={**os.environ, "WRK_PATHS": str(paths)}).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p99_ms": float(value) * _UNITS[unit],
            "non_2xx": int(non_2xx.group(1)) if non_2xx else 0}


# --- the queries -------------------------------------------------------------------------


def queries(db: Path) -> dict[str, dict[str, str]]:
    """Each query as an evacfacts path and the Datasette path that returns the same rows."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    evacuees = conn.execute("SELECT count(*) FROM claims WHERE quantity = 'evacuees'"
                            ).fetchone()[0]
    page = min(DEEP_PAGE, max(2, evacuees // PER_PAGE))
    skip = (page - 1) * PER_PAGE - 1  # the last row of the page before the deep one
    ours = conn.execute("SELECT id FROM claims WHERE quantity = 'evacuees' "
                        "ORDER BY source_id, start, id LIMIT 1 OFFSET ?", [skip]).fetchone()[0]
    theirs = conn.execute("SELECT id FROM claims WHERE quantity = 'evacuees' ORDER BY id "
                          "LIMIT 1 OFFSET ?", [skip]).fetchone()[0]
    place = conn.execute("SELECT id, name FROM locations WHERE name = 'Mosul'").fetchone() or \
        conn.execute("SELECT l.id, l.name FROM claims c JOIN locations l ON l.id = c.origin_id "
                     "GROUP BY l.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    inside = [r[0] for r in conn.execute(
        "WITH RECURSIVE inside(id) AS (SELECT ? UNION SELECT l.id FROM locations l "
        "JOIN inside ON l.parent_id = inside.id) SELECT id FROM inside", [place[0]])]
    one = conn.execute("SELECT id FROM claims ORDER BY rowid LIMIT 1 OFFSET ?",
                       [conn.execute("SELECT count(*) FROM claims").fetchone()[0] // 2]
                       ).fetchone()[0]
    conn.close()
    ids = ", ".join(f"'{i}'" for i in inside)
    table = f"/{db.stem}/claims"  # Datasette names a database after its file
    where = f"(origin_id IN ({ids}) OR destination_id IN ({ids}) OR location_id IN ({ids}))"
    q = urllib.parse.quote
    return {
        "first page": {
            "evacfacts": f"/v1/claims?quantity=evacuees&per_page={PER_PAGE}",
            "datasette": f"{table}.json?quantity=evacuees&_size={PER_PAGE}"},
        "filtered": {
            "evacfacts": f"/v1/claims?quantity=evacuees&value_min=1000&value_max=5000"
                         f"&location={q(place[1])}&per_page={PER_PAGE}",
            "datasette": f"{table}.json?quantity=evacuees&value__gte=1000"
                         f"&value__lte=5000&_where={q(where)}&_size={PER_PAGE}"},
        f"deep page ({page})": {
            "evacfacts": f"/v1/claims?quantity=evacuees&per_page={PER_PAGE}&after={q(ours)}",
            "datasette": f"{table}.json?quantity=evacuees&_size={PER_PAGE}"
                         f"&_next={q(tilde_encode(theirs))}"},
        "claim by id": {
            "evacfacts": f"/v1/claims/{q(one)}",
            "datasette": f"{table}/{q(tilde_encode(one))}.json"},
    }


def check_same_rows(name: str, ours: dict, theirs: dict) -> None:
    """Both servers must answer each query with the same number of rows (like for like)."""
    if "items" in ours:
        assert len(ours["items"]) == len(theirs["rows"]), (name, len(ours["items"]),
                                                            len(theirs["rows"]))
        assert ours["total"] == theirs["filtered_table_rows_count"] or name.startswith(
            "deep"), (name, ours["total"], theirs["filtered_table_rows_count"])
    else:
        assert ours["id"] == theirs["rows"][0][0], name


# --- the run -------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict:
    out = ROOT / "build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    results: dict = {"n": args.n, "jobs": args.jobs, "duration": args.duration,
                     "connections": args.connections, "load": {}, "serve": {}}
    db = out / "evacfacts.db"
    for n in (args.n // 10, args.n):
        corpus = out / f"corpus-{n}"
        make_corpus(corpus, n)
        target = db if n == args.n and not args.loads_only else out / f"load-{n}.db"
        load = results["load"][n] = measure_load(corpus, target, args.jobs)
        print(f"load {n:>7} reports: {load['seconds']:7.1f} s, {load['reports_s']:6.1f} "
              f"reports/s, {load['mb_s']:5.2f} MB/s, {load['claims_s']:7.0f} claims/s, "
              f"peak RSS {load['peak_rss_mb']:6.1f} MB ({load['claims']} claims)", flush=True)
    if args.loads_only:
        return results
    return serve_all(db, args, results)


def serve_all(db: Path, args: argparse.Namespace, results: dict) -> dict:
    """Step 2: serve `db` with evacfacts, Datasette and the bare-Flask ceiling, drive each."""
    out = ROOT / "build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    paths = queries(db)
    inspect = out / "inspect.json"
    subprocess.run([str(BIN / "datasette"), "inspect", str(db), "--inspect-file", str(inspect)],
                   check=True)
    wrk_args = (args.duration, args.connections, args.threads)
    ports = {name: free_port() for name in ("evacfacts", "uncached", "datasette", "ceiling")}
    app = "api.web.app:create_app()"
    with serve(gunicorn(app, ports["evacfacts"]), ports["evacfacts"], "/health",
               env={"EVACFACTS_DB": str(db)}) as ours, \
         serve(gunicorn(app, ports["uncached"]), ports["uncached"], "/health",
               env={"EVACFACTS_DB": str(db), "EVACFACTS_RESPONSE_CACHE_MB": "0"}) as cold, \
         serve([str(BIN / "datasette"), "serve", "--immutable", str(db), "--inspect-file",
                str(inspect), "-h", "127.0.0.1", "-p", str(ports["datasette"]),
                "--setting", "suggest_facets", "off", "--setting", "num_sql_threads", "3"],
               ports["datasette"], "/-/versions.json") as theirs:
        for name, pair in paths.items():
            check_same_rows(name, get_json(ours + pair["evacfacts"]),
                            get_json(theirs + pair["datasette"]))
        body = out / "first-page.json"
        with urllib.request.urlopen(ours + paths["first page"]["evacfacts"]) as response:
            body.write_bytes(response.read())
        for name, pair in paths.items():
            row = results["serve"][name] = {"urls": pair}
            for server, base, path in (("evacfacts", ours, pair["evacfacts"]),
                                       ("uncached", cold, pair["evacfacts"]),
                                       ("datasette", theirs, pair["datasette"])):
                wait_idle()
                wrk(base + path, 2, *wrk_args[1:])  # warm-up
                wait_idle()
                row[server] = wrk(base + path, *wrk_args)
                print(f"{name:<18} {server:<10} {row[server]['rps']:8.0f} req/s  "
                      f"p99 {row[server]['p99_ms']:7.2f} ms", flush=True)
    with serve(gunicorn("ceiling:app", ports["ceiling"], "--pythonpath", str(ROOT / "bench")),
               ports["ceiling"], "/", env={"BENCH_BODY": str(body)}) as ceiling:
        wait_idle()
        wrk(ceiling + "/", 2, *wrk_args[1:])
        wait_idle()
        results["ceiling"] = wrk(ceiling + "/", *wrk_args)
        results["ceiling"]["bytes"] = body.stat().st_size
    (out / "results.json").write_text(json.dumps(results, indent=2))
    return results


def report(results: dict) -> str:
    """The results as Markdown tables (serving, loading) and the bars they were run for."""
    lines: list[str] = []
    bars: list[tuple[str, bool]] = []
    if results["serve"]:
        lines, bars = serve_report(results)
    if not results["load"]:
        lines.append("\n(no load measured: `--db` served an existing database)")
    else:
        lines += ["", "| load | reports | MB | claims | s | reports/s | MB/s | claims/s | "
                  "peak RSS MB |", "|---|---|---|---|---|---|---|---|---|"]
        for n, load in results["load"].items():
            lines.append(f"| N={n} | {load['reports']} | {load['mb']:.1f} | {load['claims']} | "
                         f"{load['seconds']:.1f} | {load['reports_s']:.1f} | "
                         f"{load['mb_s']:.2f} | {load['claims_s']:.0f} | "
                         f"{load['peak_rss_mb']:.0f} |")
        small, big = (results["load"][k] for k in sorted(results["load"], key=int))
        bars += [
            (f"load N ≤ 11× the time of N/10 ({big['seconds'] / small['seconds']:.1f}×)",
             big["seconds"] <= 11 * small["seconds"]),
            (f"peak RSS of N within 1.5× of N/10 "
             f"({big['peak_rss_mb'] / small['peak_rss_mb']:.2f}×)",
             big["peak_rss_mb"] <= 1.5 * small["peak_rss_mb"]),
        ]
    lines += ["", *(f"- [{'x' if ok else ' '}] {text}" for text, ok in bars)]
    return "\n".join(lines)


def serve_report(results: dict) -> tuple[list[str], list[tuple[str, bool]]]:
    """The serving table, with the ratios, and the serving bars."""
    ceiling = results["ceiling"]
    lines = [
        "| query | evacfacts req/s | p99 ms | uncached req/s | p99 ms | Datasette req/s | "
        "p99 ms | evacfacts/Datasette | uncached/Datasette | evacfacts/ceiling |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in results["serve"].items():
        ours, cold, theirs = row["evacfacts"], row["uncached"], row["datasette"]
        lines.append(f"| {name} | {ours['rps']:.0f} | {ours['p99_ms']:.2f} | "
                     f"{cold['rps']:.0f} | {cold['p99_ms']:.2f} | "
                     f"{theirs['rps']:.0f} | {theirs['p99_ms']:.2f} | "
                     f"{ours['rps'] / theirs['rps']:.1f}× | {cold['rps'] / theirs['rps']:.1f}× | "
                     f"{ours['rps'] / ceiling['rps']:.2f}× |")
    lines.append(f"| ceiling (bare Flask, fixed {ceiling['bytes']} B body) | "
                 f"{ceiling['rps']:.0f} | {ceiling['p99_ms']:.2f} | | | | | | | 1.00× |")
    serve = results["serve"]
    first = serve["first page"]["evacfacts"]
    deep = next(v for k, v in serve.items() if k.startswith("deep"))["evacfacts"]
    bars = [
        ("evacfacts ≥ 4× Datasette req/s on every query",
         all(r["evacfacts"]["rps"] >= 4 * r["datasette"]["rps"] for r in serve.values())),
        ("evacfacts p99 lower than Datasette's on every query",
         all(r["evacfacts"]["p99_ms"] < r["datasette"]["p99_ms"] for r in serve.values())),
        (f"first page ≥ 0.6× ceiling ({first['rps'] / ceiling['rps']:.2f}×)",
         first["rps"] >= 0.6 * ceiling["rps"]),
        (f"deep page latency within 1.5× of the first page "
         f"({first['rps'] / deep['rps']:.2f}× by req/s, p99 {deep['p99_ms']:.2f} vs "
         f"{first['p99_ms']:.2f} ms)", first["rps"] <= 1.5 * deep["rps"]),
    ]
    return lines, bars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50_000, help="reports in the big corpus")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="extractor processes for the loads")
    parser.add_argument("--db", type=Path,
                        help="serve this existing database instead of writing and loading "
                             "corpora (step 2 only)")
    parser.add_argument("--loads-only", action="store_true",
                        help="step 1 only: load N/10 and N into build/bench/load-*.db, no serving")
    args = parser.parse_args()
    if args.db:
        results = serve_all(args.db, args, {"n": None, "jobs": None, "duration": args.duration,
                                            "connections": args.connections, "load": {},
                                            "serve": {}})
    else:
        results = run(args)
    text = report(results)
    (ROOT / "build" / "bench" / "results.md").write_text(text + "\n")
    print("\n" + text)


if __name__ == "__main__":
    main()
