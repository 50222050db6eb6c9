"""No claims page falls back to a full scan of the claims table, whatever the filters and sort.

Every statement `store.list_claims` runs for a page is captured (with its
values bound) and put to `EXPLAIN QUERY PLAN`; a bare `SCAN c` (reading every
claim row) fails. Each combination is tried with both page plans the store
chooses between (`walk_is_cheaper`): walking the sort order's index, and
fetching the matches to sort them; deep pages and pages by key included.
"""

from __future__ import annotations

import itertools
import re

import pytest

from api import store
from api.store import claims as claim_reads
from tests.conftest import copy_database

FILTERS = {
    "quantity": {"quantity": "evacuees"},
    "value range": {"value_min": 100, "value_max": 5000},
    "place": {"location_id": "aleppo"},
    "actor": {"actor_id": "reuters"},
    "text": {"q": "evacuated"},
    "group": {"group": "fighters", "status": "planned"},
    "qualifier": {"qualifier": "approximate"},
    "source": {"source_id": "alpha"},
    "figure": {"figure": "evacuees.people.occurred.east-aleppo"},
    "confidence": {"confidence_min": 0.5},
}
COMBINATIONS = [(name,) for name in FILTERS] + [
    pair for pair in itertools.combinations(FILTERS, 2) if "source" not in pair
] + [("quantity", "value range", "place"), ("quantity", "actor", "value range", "text")]
SORTS = ["source", "-source", "value", "-value", "id", "-id", "quantity"]
BARE_SCAN = re.compile(r"^SCAN (c|claims)$")


@pytest.fixture(scope="module")
def db(corpus_database, tmp_path_factory):
    """The fake corpus, a copy of its own (a reader leaves a WAL file beside the file)."""
    path = copy_database(corpus_database, tmp_path_factory.mktemp("plans") / "test.db")
    db = store.connect(path, migrate=False)
    yield db
    db.close()


def _plans(db, f: store.ClaimFilter) -> list[str]:
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        store.list_claims(db, f)
    finally:
        db.conn.set_trace_callback(None)
    details = []
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            details += [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
    return details


@pytest.mark.parametrize("walk", [True, False], ids=["walk the sort index", "sort matches"])
@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("names", COMBINATIONS, ids=" + ".join)
def test_no_claims_page_scans_the_claims_table(db, monkeypatch, names, sort, walk):
    monkeypatch.setattr(claim_reads, "walk_is_cheaper", lambda *_: walk)
    filters = {k: v for name in names for k, v in FILTERS[name].items()}
    for paging in ({}, {"offset": 2000}, {"after": "alpha-60"}):
        f = store.ClaimFilter(**filters, **paging, sort=sort, limit=50)
        try:
            plan = _plans(db, f)
        except LookupError:  # `after` names a claim outside this filter's corpus: fine
            continue
        assert not [p for p in plan if BARE_SCAN.match(p)], (names, sort, paging, plan)
