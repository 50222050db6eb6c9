"""Writes queue instead of failing: 4 posters, 1 deleter and 3 readers against a live
2-worker gunicorn, with `evacfacts load` writing into the same file alongside.

Short here (`SECONDS`); `bench/soak.py` runs the same clients for 40 s beside a
load of 500 reports.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import SHARED, copy_database
from tests.live_server import gunicorn
from tests.web import soak

MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
SECONDS = 10
LOAD_REPORTS = 40
KEY = "soak-key-5d1f"


@pytest.mark.skipif(not MAKE_CORPUS.exists(), reason=f"{MAKE_CORPUS} is not beside the repo")
def test_concurrent_posts_deletes_reads_and_a_load_lose_nothing_and_never_fail(
        tmp_path, seed_load):
    db = copy_database(seed_load.path, tmp_path / "soak.db")
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(corpus), "-n", str(LOAD_REPORTS),
                    "--paragraphs", "2"], check=True, capture_output=True)
    with gunicorn(db, workers=2, env={"EVACFACTS_API_KEYS": KEY}) as base:
        loader = soak.start_load(corpus, db)
        try:
            seen = soak.run(base, KEY, SECONDS)
        finally:
            out, err = loader.communicate(timeout=300)
        found = soak.check(base, db, seen)

    assert seen.server_errors == []
    assert seen.statuses[("POST", 201)] >= 8 and seen.deleted  # both kinds of write ran
    assert seen.statuses[("GET", 200)] >= 20
    assert found.missing == [] and found.resurrected == []
    assert found.integrity == "ok"
    assert loader.returncode == 0, err
    assert f"{LOAD_REPORTS} reports: {LOAD_REPORTS} new" in out and " 0 failed" in out
