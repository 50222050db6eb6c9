#!/usr/bin/env python3
"""A mixed read workload: ~750 distinct URLs, evacfacts (cache on and off) against Datasette.

    python bench/mixed.py DB [--duration 20] [--connections 16] [--urls 750] [--seed 1]

Real clients ask many different URLs, so a response cache that replays the same
page says little about them. This picks, from DB, a shuffled list of distinct
requests in six kinds, in equal numbers:

- claim by id (`/v1/claims/<id>`; Datasette `/<db>/claims/<id>.json`);
- quantity pages (`quantity`, `group`, `status` combinations that exist);
- value ranges (`quantity` with `value_min` and `value_max` drawn from the data);
- per-source lists (`/v1/sources/<id>/claims`; Datasette `?source_id=`);
- places (`location=<name>`: the place and every place inside it; Datasette a `_where`
  on the three place columns with the same ids);
- actors (`actor=<name>`: claims it stated or passed on; Datasette `_where` on
  `actor_id` and `via_id`).

Every list asks 50 rows in claim id order (`sort=id` on evacfacts, the primary
key order that is Datasette's default), so both return the same rows;
Datasette gets `_nocount=1` (no count, its fastest). evacfacts' default order
(source, then position) takes the same plans (`store.claims._page_plan`,
checked by `tests/store/test_claim_plans.py`). Before the runs, 60 of the pairs
are fetched from both servers and must give the same claim ids. `bench/mixed.lua`
walks the list in wrk, each thread from its own point. Three servers run on free
127.0.0.1 ports, as in `bench/scale.py`: evacfacts under `gunicorn.conf.py`
with the response cache on, the same with `EVACFACTS_RESPONSE_CACHE_MB=0`, and
Datasette (`--immutable`, inspect file, facet suggestions off). Each run
follows a warm-up and waits for an idle machine; any non-2xx answer fails the
run. Then the figures and quantities pages are timed uncached, one request at a
time (median of 5, after one warm-up). Results go to `build/bench/mixed.json`.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from datasette.utils import tilde_encode
from scale import BIN, ROOT, free_port, gunicorn, serve, wait_idle, wrk_rps

PER_PAGE = 50
LUA = ROOT / "bench" / "mixed.lua"
#: Pages timed one request at a time on the uncached server (the issue's bar: ≤ 50 ms).
TIMED = ("/v1/figures?per_page=20", "/v1/figures?quantity=buses", "/v1/quantities",
         "/v1/figures?quantity=evacuees&page=3", "/v1/figures?verdict=consistent")


def urls(db: Path, count: int, seed: int) -> list[tuple[str, str]]:
    """(evacfacts path, Datasette path) pairs, `count` in all, shuffled."""
    r = random.Random(seed)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    table = f"/{db.stem}/claims"
    q = urllib.parse.quote
    each = count // 6
    pairs: list[tuple[str, str]] = []
    total = conn.execute("SELECT max(rowid) FROM claims").fetchone()[0]
    for rowid in r.sample(range(1, total + 1), each * 2):
        row = conn.execute("SELECT id FROM claims WHERE rowid = ?", [rowid]).fetchone()
        if row and len(pairs) < each:
            pairs.append((f"/v1/claims/{q(row[0])}", f"{table}/{q(tilde_encode(row[0]))}.json"))
    kinds = conn.execute('SELECT quantity, "group", status, qualifier FROM claims '
                         'GROUP BY quantity, "group", status, qualifier').fetchall()
    for quantity, group, status, qualifier in r.sample(kinds, min(each, len(kinds))):
        filters = {"quantity": quantity, "status": status, "qualifier": qualifier,
                   **({"group": group} if group else {})}
        if r.random() < 0.3:  # some pages by quantity alone, or without the qualifier
            filters = {"quantity": quantity} if r.random() < 0.5 else {
                k: v for k, v in filters.items() if k != "qualifier"}
        ours = urllib.parse.urlencode({**filters, "per_page": PER_PAGE, "sort": "id"})
        theirs = urllib.parse.urlencode({**filters, "_size": PER_PAGE, "_nocount": 1})
        pairs.append((f"/v1/claims?{ours}", f"{table}.json?{theirs}"))
    quantities = [q_ for (q_,) in conn.execute("SELECT DISTINCT quantity FROM claims")]
    for i in range(each):
        quantity = quantities[i % len(quantities)]
        low = r.choice([10, 50, 100, 200, 500, 1000, 2000, 5000])
        high = low + r.choice([10, 100, 500, 1000, 2510, 10000])
        pairs.append((f"/v1/claims?quantity={quantity}&value_min={low}&value_max={high}"
                      f"&per_page={PER_PAGE}&sort=id",
                      f"{table}.json?quantity={quantity}&value__gte={low}&value__lte={high}"
                      f"&_size={PER_PAGE}&_nocount=1"))
    sources = [s for (s,) in conn.execute(
        "SELECT id FROM sources ORDER BY random() LIMIT ?", [each])]
    for source in sources:
        pairs.append((f"/v1/sources/{q(source)}/claims?per_page={PER_PAGE}&sort=id",
                      f"{table}.json?source_id={q(source)}&_size={PER_PAGE}&_nocount=1"))
    places = conn.execute("SELECT DISTINCT l.id, l.name FROM locations l JOIN claims c "
                          "ON c.origin_id = l.id").fetchall()
    for i in range(each):
        place_id, name = places[i % len(places)]
        inside = [x for (x,) in conn.execute(
            "WITH RECURSIVE inside(id) AS (SELECT ? UNION SELECT l.id FROM locations l "
            "JOIN inside ON l.parent_id = inside.id) SELECT id FROM inside", [place_id])]
        ids = ", ".join(f"'{x}'" for x in inside)
        where = f"(origin_id IN ({ids}) OR destination_id IN ({ids}) OR location_id IN ({ids}))"
        quantity = quantities[(i // len(places)) % len(quantities)]
        pairs.append((f"/v1/claims?location={q(name)}&quantity={quantity}&per_page={PER_PAGE}"
                      "&sort=id",
                      f"{table}.json?quantity={quantity}&_where={q(where)}&_size={PER_PAGE}"
                      "&_nocount=1"))
    actors = conn.execute("SELECT id, name FROM actors").fetchall()
    for i in range(each):
        actor_id, name = actors[i % len(actors)]
        quantity = quantities[(i // len(actors)) % len(quantities)]
        where = f"(actor_id = '{actor_id}' OR via_id = '{actor_id}')"
        pairs.append((f"/v1/claims?actor={q(name)}&quantity={quantity}&per_page={PER_PAGE}"
                      "&sort=id",
                      f"{table}.json?quantity={quantity}&_where={q(where)}&_size={PER_PAGE}"
                      "&_nocount=1"))
    conn.close()
    unique = list(dict.fromkeys(pairs))
    r.shuffle(unique)
    return unique


def check_same_rows(ours: str, theirs: str, pairs: list[tuple[str, str]]) -> None:
    """Both servers give the same claim ids for a sample of the pairs."""
    for mine, other in pairs[:60]:
        with urllib.request.urlopen(ours + mine, timeout=60) as response:
            body = json.loads(response.read())
        with urllib.request.urlopen(theirs + other, timeout=60) as response:
            rows = json.loads(response.read())["rows"]
        ids = [i["id"] for i in body["items"]] if "items" in body else [body["id"]]
        assert ids == [r[0] if isinstance(r, list) else r["id"] for r in rows], (mine, other)


def drive(base: str, paths: list[str], name: str, args: argparse.Namespace) -> dict:
    listing = ROOT / "build" / "bench" / f"mixed-{name}.txt"
    listing.write_text("\n".join(paths) + "\n")
    wait_idle()
    wrk_rps(base, LUA, listing, 3, args.connections, args.threads)  # warm-up
    wait_idle()
    return wrk_rps(base, LUA, listing, args.duration, args.connections, args.threads)


def time_pages(base: str) -> dict[str, float]:
    """Median milliseconds of each `TIMED` page, one request at a time."""
    out = {}
    for path in TIMED:
        times = []
        for _ in range(6):
            started = time.perf_counter()
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
                assert response.status == 200, path
            times.append((time.perf_counter() - started) * 1000)
        out[path] = statistics.median(times[1:])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--urls", type=int, default=750)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    out = ROOT / "build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    pairs = urls(args.db, args.urls, args.seed)
    print(f"{len(pairs)} distinct URLs", flush=True)
    inspect = out / f"inspect-{args.db.stem}.json"
    subprocess.run([str(BIN / "datasette"), "inspect", str(args.db), "--inspect-file",
                    str(inspect)], check=True)
    ports = {name: free_port() for name in ("cached", "uncached", "datasette")}
    app = "api.web.app:create_app()"
    results: dict = {"db": str(args.db), "urls": len(pairs), "duration": args.duration,
                     "connections": args.connections}
    with serve(gunicorn(app, ports["cached"]), ports["cached"], "/health",
               env={"EVACFACTS_DB": str(args.db)}) as cached, \
         serve(gunicorn(app, ports["uncached"]), ports["uncached"], "/health",
               env={"EVACFACTS_DB": str(args.db), "EVACFACTS_RESPONSE_CACHE_MB": "0"}) as cold, \
         serve([str(BIN / "datasette"), "serve", "--immutable", str(args.db),
                "--inspect-file", str(inspect), "-h", "127.0.0.1", "-p",
                str(ports["datasette"]), "--setting", "suggest_facets", "off",
                "--setting", "num_sql_threads", "3"],
               ports["datasette"], "/-/versions.json") as theirs:
        check_same_rows(cold, theirs, pairs)
        results["pages_ms"] = time_pages(cold)
        for path, ms in results["pages_ms"].items():
            print(f"uncached {path:<45} {ms:8.1f} ms", flush=True)
        for name, base, paths in (("datasette", theirs, [p[1] for p in pairs]),
                                  ("uncached", cold, [p[0] for p in pairs]),
                                  ("cached", cached, [p[0] for p in pairs])):
            results[name] = drive(base, paths, name, args)
            print(f"{name:<10} {results[name]['rps']:8.0f} req/s  p99 "
                  f"{results[name]['p99_ms']:7.1f} ms  non-2xx {results[name]['non_2xx']}",
                  flush=True)
    for name in ("uncached", "cached"):
        results[f"{name}/datasette"] = results[name]["rps"] / results["datasette"]["rps"]
        print(f"{name}/datasette: {results[f'{name}/datasette']:.1f}×")
    (out / f"mixed-{args.db.stem}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
