"""Reads during writes: the API answers every request, with consistent data, while a real
`evacfacts load` subprocess writes a batch (WAL, and a busy timeout on both sides)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from api import store
from api.web.app import create_app
from tests.conftest import SHARED

CLI = [sys.executable, "-c", "from api.cli import main; main()"]
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
REPORTS = 300


def _read_all(client) -> tuple[int, int, int]:
    """One round of reads; each must be a 200 with a well-formed body. Returns the sources
    /health counts, the total of /v1/sources and that of /v1/claims?quantity=evacuees."""
    health = client.get("/health")
    assert health.status_code == 200, health.data
    assert health.json["status"] == "ok" and set(health.json["counts"]) >= {"sources", "claims"}
    sources = client.get("/v1/sources?per_page=5")
    assert sources.status_code == 200, sources.data
    assert len(sources.json["items"]) == min(5, sources.json["total"])
    assert all({"id", "title", "claim_count"} <= set(s) for s in sources.json["items"])
    claims = client.get("/v1/claims?quantity=evacuees&per_page=20")
    assert claims.status_code == 200, claims.data
    assert claims.headers["X-Total-Count"] == str(claims.json["total"])
    for claim in claims.json["items"]:
        assert claim["quantity"] == "evacuees" and claim["text"] and claim["end"] > claim["start"]
    return health.json["counts"]["sources"], sources.json["total"], claims.json["total"]


@pytest.mark.skipif(not MAKE_CORPUS.exists(), reason=f"{MAKE_CORPUS} is not beside the repo")
def test_api_reads_while_the_loader_writes(tmp_path):
    corpus, db_path = tmp_path / "corpus", tmp_path / "live.db"
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(corpus), "-n", str(REPORTS),
                    "--paragraphs", "2"], check=True, capture_output=True)  # short: a quick load
    store.connect(db_path).close()  # migrated before either side opens it
    client = create_app({"EVACFACTS_DB": str(db_path), "TESTING": True}).test_client()
    loader = subprocess.Popen([*CLI, "load", str(corpus), "--db", str(db_path), "-j", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[tuple[int, int, int]] = []
    deadline = time.monotonic() + 120
    try:
        while loader.poll() is None and time.monotonic() < deadline:
            seen.append(_read_all(client))
            time.sleep(0.02)  # leave the loader most of a core on a small machine
    finally:
        out, err = loader.communicate(timeout=120)
    assert loader.returncode == 0, err
    assert f"{REPORTS} reports: {REPORTS} new" in out
    seen.append(_read_all(client))

    health_sources = [s[0] for s in seen]
    assert health_sources == sorted(health_sources)  # never saw a load go backwards
    assert health_sources[-1] == REPORTS and seen[-1][1] == REPORTS
    mid_load = {s for s in health_sources if 0 < s < REPORTS}
    assert len(mid_load) >= 2, f"reads saw the load grow only through {sorted(mid_load)}"
    for health_count, listed, _ in seen:
        assert listed >= health_count  # each read ran after the one before it
    assert seen[-1][2] > 0
