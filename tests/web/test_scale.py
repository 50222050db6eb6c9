"""The read path at scale: keyset paging, deep pages, cached counts, no N+1, HTTP caching.

Speed itself is measured by `make bench`, not here; these tests pin the
behaviour the fast paths must keep: the same rows as plain OFFSET paging,
counts that follow the loader's writes, a constant number of queries per page.
"""

from __future__ import annotations

import random

import pytest
from flask import url_for

from api import store
from api.web import claim_json, links
from api.web import db as api_db
from api.web.app import create_app
from schemas.resources import ClaimSchema
from tests.conftest import copy_database

QUANTITIES = ["evacuees", "buses", "killed", "trapped"]
PLACES = [{"id": i, "name": i.title(), "kind": k, "parent_id": p, "lat": None, "lon": None}
          for i, k, p in (("syria", "country", None), ("aleppo", "city", "syria"),
                          ("idlib", "city", "syria"))]


def _write_source(db, n: int, rng: random.Random, claims: int = 9) -> None:
    source_id = f"s{n:03d}"
    rows = []
    for i in range(claims):
        start = i * 10
        rows.append({
            "id": f"{source_id}-{start}", "source_id": source_id,
            "quantity": rng.choice(QUANTITIES), "value": rng.choice([5, 50, 500, 5000]),
            "value_low": None, "value_high": None, "qualifier": "exact", "group": None,
            "status": "occurred", "actor_id": rng.choice([None, "reuters"]), "via_id": None,
            "origin_id": rng.choice([None, "aleppo", "idlib"]), "destination_id": None,
            "location_id": None, "text": "x", "start": start, "end": start + 1,
            "sentence": "x",
        })
    source = {"id": source_id, "name": f"{source_id}.txt", "title": "t", "kind": "article",
              "published": None, "word_count": 1, "content_hash": str(n), "text": "x" * 100}
    store.replace_source(db, source, rows, [{"id": "reuters", "name": "Reuters"}], PLACES)


@pytest.fixture(scope="session")
def big_database(tmp_path_factory):
    """60 sources, 540 claims, many equal sort keys (value, quantity) to test tie-breaks."""
    path = tmp_path_factory.mktemp("scale") / "big.db"
    db = store.connect(path)
    rng = random.Random(5)
    for n in range(60):
        _write_source(db, n, rng)
    db.close()
    return path


@pytest.fixture
def big_db(tmp_path, big_database):
    """The big database: the test's own copy, free to write."""
    return copy_database(big_database, tmp_path / "big.db")


@pytest.fixture
def database(big_db):
    return big_db


@pytest.fixture
def app_config():
    """Every request computed: these tests pin the work behind a page, which the response
    cache (tested in test_response_cache.py) would skip on a repeat."""
    return {"TESTING": True, "EVACFACTS_RESPONSE_CACHE_MB": 0}


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.get_json()
    return [c["id"] for c in response.get_json()["items"]]


def _walk_by_key(client, query: str) -> list[str]:
    """Page 1 by number, then from its last id on by key, following `links.next`."""
    seen = _ids(client.get(f"/v1/claims?{query}&per_page=7"))
    response = client.get(f"/v1/claims?{query}&per_page=7&after={seen[-1]}")
    seen += _ids(response)
    while (url := response.get_json()["links"]["next"]) is not None:
        response = client.get(url)
        assert response.get_json()["page"] is None
        assert response.get_json()["links"]["prev"] is None
        assert "after=" in url and "&page=" not in url and "?page=" not in url
        seen += _ids(response)
    return seen


def _walk_by_page(client, query: str) -> list[str]:
    first = client.get(f"/v1/claims?{query}&per_page=7").get_json()
    return [i for p in range(1, first["pages"] + 1)
            for i in _ids(client.get(f"/v1/claims?{query}&per_page=7&page={p}"))]


@pytest.mark.parametrize("query", [
    "sort=source", "sort=-source", "sort=value", "sort=-value", "sort=quantity",
    "sort=-id", "quantity=evacuees", "quantity=buses&sort=-value",
    "location=Syria&value_min=50", "actor=reuters&sort=value",
])
def test_paging_by_key_returns_exactly_the_offset_pages(client, query):
    by_page = _walk_by_page(client, query)
    assert by_page and len(by_page) == len(set(by_page))
    assert _walk_by_key(client, query) == by_page


def test_a_deep_page_is_the_rows_a_plain_offset_query_gives(client, big_db):
    db = store.connect(big_db)
    expected = [r[0] for r in db.execute(
        "SELECT id FROM claims WHERE quantity = 'evacuees' ORDER BY value DESC, id DESC "
        "LIMIT 10 OFFSET 40")]
    assert _ids(client.get("/v1/claims?quantity=evacuees&sort=-value&per_page=10&page=5")) \
        == expected
    # ... and starting after the row just before that page gives the same rows.
    before = db.execute("SELECT id FROM claims WHERE quantity = 'evacuees' "
                        "ORDER BY value DESC, id DESC LIMIT 1 OFFSET 39").fetchone()[0]
    keyed = client.get(f"/v1/claims?quantity=evacuees&sort=-value&per_page=10&after={before}")
    assert _ids(keyed) == expected
    assert keyed.get_json()["total"] == db.execute(
        "SELECT count(*) FROM claims WHERE quantity = 'evacuees'").fetchone()[0]


def test_after_a_claim_that_does_not_exist_is_an_empty_page(client):
    body = client.get("/v1/claims?after=nope").get_json()
    assert body["items"] == [] and body["links"]["next"] is None
    assert body["total"] == client.get("/v1/claims").get_json()["total"]


def test_page_with_after_counts_pages_from_that_claim(client):
    first = _ids(client.get("/v1/claims?sort=id&per_page=5&after=s001-0"))
    second = _ids(client.get("/v1/claims?sort=id&per_page=5&after=s001-0&page=2"))
    both = _ids(client.get("/v1/claims?sort=id&per_page=10&after=s001-0"))
    assert len(first) == 5 and first + second == both


def test_the_last_claim_has_nothing_after_it(client):
    last = client.get("/v1/claims?sort=id&after=s059-80")
    assert last.get_json()["items"] == [] and last.get_json()["links"]["next"] is None


def test_etag_and_cache_control_let_clients_revalidate(client):
    first = client.get("/v1/claims?quantity=buses")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "public, max-age=60"
    again = client.get("/v1/claims?quantity=buses", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    other = client.get("/v1/claims?quantity=killed", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag
    one = client.get("/v1/claims/s001-0")
    assert client.get("/v1/claims/s001-0", headers={
        "If-None-Match": one.headers["ETag"]}).status_code == 304
    assert client.get("/health").headers["Cache-Control"] == "no-store"
    missing = client.get("/v1/claims/nope")
    assert missing.status_code == 404 and "ETag" not in missing.headers


def test_max_age_comes_from_the_environment(big_db, monkeypatch):
    monkeypatch.setenv("EVACFACTS_MAX_AGE", "5")
    client = create_app({"EVACFACTS_DB": str(big_db)}).test_client()
    assert client.get("/v1/sources").headers["Cache-Control"] == "public, max-age=5"


def _traced(app, client, url: str) -> list[str]:
    with app.app_context():
        conn = api_db.get_db().conn
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        assert client.get(url).status_code == 200
    finally:
        conn.set_trace_callback(None)
    return statements


def test_a_page_costs_the_same_queries_whatever_its_size(app, client):
    url = "/v1/claims?location=Syria&actor=reuters&per_page="
    assert len(_ids(client.get(f"{url}100"))) > 2  # and the count is now cached
    small, large = _traced(app, client, f"{url}2"), _traced(app, client, f"{url}100")
    # no query per claim: 2 are BEGIN, COMMIT; 1 the cached count the page plan reads
    assert len(small) == len(large) <= 9, large


def test_counts_are_cached_until_the_database_changes(app, client, big_db):
    url = "/v1/claims?quantity=evacuees&per_page=1"
    first = _traced(app, client, url)
    assert any("count(*)" in s for s in first)
    assert not any("count(*)" in s for s in _traced(app, client, url))
    total = client.get(url).get_json()["total"]
    writer = store.connect(big_db)  # the loader, in another connection
    _write_source(writer, 999, random.Random(1), claims=30)
    writer.close()
    after = client.get(url).get_json()["total"]
    assert after > total
    assert after == store.connect(big_db).execute(
        "SELECT count(*) FROM claims WHERE quantity = 'evacuees'").fetchone()[0]


def test_the_count_cache_is_bounded():
    cache = store.CountCache(size=2)
    db = store.connect(":memory:")
    for n in range(5):
        assert cache.count(db, f"SELECT {n}", {}) == n
    assert len(cache.counts) == 2


def test_a_worker_thread_keeps_its_connection(app, client):
    with app.app_context():
        first = api_db.get_db()
    client.get("/v1/claims")
    with app.app_context():
        assert api_db.get_db() is first


def test_fast_rendering_equals_the_documented_schema(app, client):
    """`api.web.claim_json` must give what marshmallow and `url_for` would."""
    body = client.get("/v1/claims?per_page=100&location=Syria").get_json()
    with app.test_request_context("/v1/claims", base_url="http://localhost"):
        db = api_db.get_db()
        expected = [ClaimSchema().dump(links.claim(store.get_claim(db, c["id"])))
                    for c in body["items"]]
        assert url_for("claims.get_claim", claim_id="a", _external=True).startswith(
            claim_json.root_url())
    assert body["items"] == expected
    assert any(c["links"]["origin"] for c in expected)
    single = client.get(f"/v1/claims/{expected[0]['id']}").get_json()
    assert single == expected[0]
