#!/usr/bin/env python3
"""How fast each explorer page's HTML is served: first request, then p99 under wrk.

    python bench/explorer_pages.py --db build/bench/evacfacts.db [--duration 10]
        [--connections 1]

Serves the database with gunicorn (`gunicorn.conf.py`, one sync worker) on a
free 127.0.0.1 port and, for each kind of explorer page (picked from what the
database holds: the first conflicting figure, the first source, ...), times
one first request (the `/v1` calls behind it not yet in the response cache)
and then drives it with wrk as a browser asks for it (`Accept: text/html`);
a page whose first answer takes over `SLOW_MS` is reported, not driven.
Prints one table; the bar is a p99 of at most 50 ms.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from scale import free_port, get_json, gunicorn, serve, wait_idle

BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8"
BAR_MS = 50.0
#: A page slower than this once is reported as it is, not driven with wrk.
SLOW_MS = 5000.0
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def pages(root: str) -> dict[str, str]:
    """One URL per kind of explorer page, chosen from what the served database holds."""
    q = urllib.parse.quote
    source = get_json(f"{root}/v1/sources?per_page=1")["items"][0]["id"]
    place = max(get_json(f"{root}/v1/locations?per_page=100")["items"],
                key=lambda p: p["claim_count"])["id"]
    urls = {"figures (/)": "/", "sources": "/sources", "source": f"/sources/{q(source)}",
            "claims": "/claims", "claims filtered":
            f"/claims?quantity=evacuees&value_min=1000&location={q(place)}",
            "places": "/places", "post": "/post"}
    figure = get_json(f"{root}/v1/figures?verdict=conflicting&per_page=1")["items"]
    if figure:
        urls["figure"] = f"/figures/{q(figure[0]['id'])}"
    return urls


def first_request(url: str) -> tuple[float, int]:
    """Milliseconds and status of one request (a worker killed by its timeout: a 5xx)."""
    request = urllib.request.Request(url, headers={"Accept": BROWSER})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            response.read()
            assert response.headers.get_content_type() == "text/html", url
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return (time.perf_counter() - started) * 1000, status


def wrk_html(url: str, duration: int, connections: int) -> dict:
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency",
                          "--timeout", "10s", "-H", f"Accept: {BROWSER}", url],
                         check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"wrk got errors from {url}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    return {"rps": rps, "p99_ms": float(value) * _UNITS[unit]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=1)
    args = parser.parse_args()
    port = free_port()
    env = {"EVACFACTS_DB": str(args.db.resolve()), "WORKERS": "1", "WORKER_CLASS": "sync"}
    claims = None
    with serve(gunicorn("api.web.app:create_app()", port, "--workers", "1"), port,
               "/health", env) as root:
        claims = get_json(f"{root}/health")["counts"]["claims"]
        print(f"{claims:,} claims; one sync worker; wrk -t1 -c{args.connections} "
              f"-d{args.duration}s", flush=True)
        print(f"{'page':<18} {'first (ms)':>11} {'req/s':>8} {'p99 (ms)':>9}  bar", flush=True)
        for name, path in pages(root).items():
            first, status = first_request(root + path)
            if first > SLOW_MS or status != 200:  # wrk would only say the same, many times
                print(f"{name:<18} {first:11.1f} {'-':>8} {'-':>9}  NOT met (not driven: "
                      f"the first answer was {status} after {first / 1000:.1f} s)", flush=True)
                continue
            wait_idle()
            measured = wrk_html(root + path, args.duration, args.connections)
            ok = "met" if measured["p99_ms"] <= BAR_MS else "NOT met"
            print(f"{name:<18} {first:11.1f} {measured['rps']:8.1f} "
                  f"{measured['p99_ms']:9.2f}  {ok}", flush=True)


if __name__ == "__main__":
    main()
