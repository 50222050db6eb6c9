"""Concurrent writers and readers against a live server, and what must hold afterwards.

Posters submit new reports, a deleter removes reports the posters had stored,
readers page through lists and details, and (optionally) `evacfacts load`
writes a batch into the same file, all at once for a bounded time. Then: no
response was a 5xx, every acknowledged post is there with the claims it was
answered with, every deleted source and its claims are gone, the loader
failed no report, and `PRAGMA integrity_check` is `ok`. Driven by
`tests/web/test_soak.py` (short, in CI) and `bench/soak.py` (40 s, with a load of
500 reports).
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

PLACES = ["Idlib", "Aleppo", "Homs", "Mosul", "Kherson", "Derna", "Khartoum", "Mariupol"]
READS = ["/health", "/v1/claims?per_page=20", "/v1/claims?quantity=evacuees&sort=-value",
         "/v1/sources?per_page=10", "/v1/figures?quantity=evacuees", "/v1/locations",
         "/v1/actors"]


@dataclass
class Soak:
    """What the clients saw."""

    statuses: Counter = field(default_factory=Counter)  # (method, status) -> responses
    server_errors: list[str] = field(default_factory=list)
    stored: dict[str, int] = field(default_factory=dict)  # posted id -> claims answered
    deleted: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def saw(self, method: str, path: str, status: int, body: bytes) -> None:
        with self.lock:
            self.statuses[(method, status)] += 1
            if status >= 500:
                self.server_errors.append(f"{method} {path}: {status} {body[:300]!r}")


def request(base: str, method: str, path: str, *, key: str | None = None,
            body: dict | None = None) -> tuple[int, bytes]:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def report_text(poster: int, n: int, rng: random.Random) -> str:
    """A short, unique report with a few figures the extractor reads."""
    place, other = rng.sample(PLACES, 2)
    return (f"Convoy report {poster}-{n}-{rng.randrange(10**9)}\n\n"
            f"Officials said {rng.randrange(50, 5000)} people were evacuated from {place} "
            f"on day {n}. At least {rng.randrange(3, 60)} buses left for {other}, "
            f"the Red Cross said.\n")


def run(base: str, key: str, seconds: float, *, posters: int = 4, deleters: int = 1,
        readers: int = 3, seed: int = 13) -> Soak:
    """Run the clients against `base` for `seconds`; return what they saw."""
    soak = Soak()
    deadline = time.monotonic() + seconds

    def poster(i: int) -> None:
        rng = random.Random(seed * 100 + i)
        n = 0
        while time.monotonic() < deadline:
            n += 1
            status, body = request(base, "POST", "/v1/sources", key=key,
                                   body={"text": report_text(i, n, rng)})
            soak.saw("POST", "/v1/sources", status, body)
            if status in (200, 201):
                answer = json.loads(body)
                with soak.lock:
                    soak.stored[answer["id"]] = len(answer["claims"])

    def deleter(i: int) -> None:
        rng = random.Random(seed * 200 + i)
        while time.monotonic() < deadline:
            with soak.lock:
                candidates = sorted(set(soak.stored) - soak.deleted)
            if len(candidates) < 3:
                time.sleep(0.05)
                continue
            victim = rng.choice(candidates)
            status, body = request(base, "DELETE", f"/v1/sources/{victim}", key=key)
            soak.saw("DELETE", victim, status, body)
            if status == 204:
                with soak.lock:
                    soak.deleted.add(victim)

    def reader(i: int) -> None:
        rng = random.Random(seed * 300 + i)
        while time.monotonic() < deadline:
            path = rng.choice(READS)
            status, body = request(base, "GET", path)
            soak.saw("GET", path, status, body)

    threads = [threading.Thread(target=poster, args=(i,)) for i in range(posters)]
    threads += [threading.Thread(target=deleter, args=(i,)) for i in range(deleters)]
    threads += [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return soak


@dataclass
class Check:
    """What was found afterwards."""

    missing: list[str]  # acknowledged, not deleted, and not there (or with other claims)
    resurrected: list[str]  # deleted, yet the source or one of its claims is there
    integrity: str


def check(base: str, db: Path, soak: Soak) -> Check:
    missing, resurrected = [], []
    for source_id, claims in sorted(soak.stored.items()):
        status, body = request(base, "GET", f"/v1/sources/{source_id}")
        if source_id in soak.deleted:
            _, listed = request(base, "GET", f"/v1/claims?source={source_id}")
            if status != 404 or json.loads(listed)["total"] != 0:
                resurrected.append(source_id)
        elif status != 200 or json.loads(body)["claim_count"] != claims:
            missing.append(f"{source_id}: {status}")
    conn = sqlite3.connect(db)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return Check(missing, resurrected, integrity)


def start_load(corpus: Path, db: Path) -> subprocess.Popen:
    """`evacfacts load CORPUS` into `db`, one extractor process, as a background writer."""
    return subprocess.Popen(
        [sys.executable, "-c", "from api.cli import main; main()", "load", str(corpus),
         "--db", str(db), "-j", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
