"""The response cache: a repeat is served from memory, never older than the database."""

from __future__ import annotations

import pytest

from api import store
from api.web.app import create_app
from api.web.response_cache import ResponseCache
from tests.conftest import fake_extract

URL = "/v1/claims?quantity=evacuees&per_page=5"


@pytest.fixture
def counted(client, monkeypatch):
    """An app over the test corpus, and a list that grows each time a claim page is computed."""
    calls: list[int] = []
    real = store.list_claims

    def counting(db, f):
        calls.append(1)
        return real(db, f)

    monkeypatch.setattr(store, "list_claims", counting)
    return client, calls


def test_a_repeat_is_replayed_with_the_same_body_and_headers(counted):
    client, calls = counted
    first, second = client.get(URL), client.get(URL)
    assert len(calls) == 1
    assert second.status_code == 200 and second.data == first.data
    for name in ("Content-Type", "Link", "X-Total-Count", "ETag", "Cache-Control",
                 "X-Content-Type-Options"):
        assert second.headers[name] == first.headers[name], name


def test_replays_follow_origin_and_revalidate(counted):
    client, calls = counted
    etag = client.get(URL).headers["ETag"]
    for origin in ("https://newsroom.example", "https://factcheck.example"):
        for _ in range(2):
            replay = client.get(URL, headers={"Origin": origin})
            assert replay.headers["Access-Control-Allow-Origin"] == origin
    assert len(calls) == 3  # one per Origin (none, two origins), each then replayed
    revalidated = client.get(URL, headers={"If-None-Match": etag})
    assert revalidated.status_code == 304 and revalidated.data == b""
    assert len(calls) == 3
    assert client.head(URL).headers["ETag"] == etag


def test_accept_and_host_are_part_of_the_key(counted):
    client, calls = counted
    as_json = client.get(URL)
    as_csv = client.get(URL, headers={"Accept": "text/csv"})
    assert as_csv.mimetype == "text/csv" and as_csv.data != as_json.data
    other_host = client.get(URL, base_url="http://mirror.example")
    assert b"http://mirror.example/v1/claims/" in other_host.data
    assert b"mirror.example" not in client.get(URL).data
    assert len(calls) == 3


def test_a_write_by_another_connection_is_seen_at_once(counted, db_path):
    client, calls = counted
    before = client.get(URL).get_json()
    writer = store.connect(db_path)
    source = next(writer.query("SELECT id FROM sources ORDER BY id"))["id"]
    writer.execute("DELETE FROM claims WHERE source_id = ?", [source])
    writer.conn.commit()
    after = client.get(URL).get_json()
    assert len(calls) == 2
    assert after["total"] < before["total"]


def test_errors_and_health_are_never_kept(counted):
    client, _ = counted
    assert client.get("/v1/claims/nope").status_code == 404
    assert client.get("/v1/claims?quantity=nope").status_code == 422
    assert client.get("/v1/claims?quantity=nope").status_code == 422
    assert client.get("/health").headers["Cache-Control"] == "no-store"


def test_a_zero_budget_turns_the_cache_off(db_path, monkeypatch):
    monkeypatch.setenv("EVACFACTS_RESPONSE_CACHE_MB", "0")
    calls: list[int] = []
    real = store.list_claims
    monkeypatch.setattr(store, "list_claims", lambda db, f: calls.append(1) or real(db, f))
    client = create_app({"EVACFACTS_DB": str(db_path)}).test_client()
    client.get(URL)
    client.get(URL)
    assert len(calls) == 2


def test_the_budget_bounds_the_bytes_kept():
    cache = ResponseCache(budget_bytes=1000)
    version = (1, 0)
    assert cache.get("a", version) is None  # the first look sets the version
    for key in "abcde":
        cache.put(key, version, ([], b"x" * 90))
    assert cache.used == 450
    cache.put("big", version, ([], b"x" * 101))  # over a tenth of the budget: not kept
    assert cache.get("big", version) is None
    for key in "fghijkl":
        cache.put(key, version, ([], b"x" * 90))
    assert cache.used <= 1000
    assert cache.get("a", version) is None and cache.get("l", version) is not None


def test_a_new_version_empties_the_cache_and_late_puts_are_dropped():
    cache = ResponseCache(budget_bytes=1000)
    cache.get("a", (1, 0))
    cache.put("a", (1, 0), ([], b"old"))
    assert cache.get("a", (2, 0)) is None and cache.used == 0
    cache.put("b", (1, 0), ([], b"built before the change"))
    assert cache.get("b", (2, 0)) is None


def test_a_write_through_the_api_is_seen_at_once(db_path):
    """POST and DELETE write on the worker's own connection: its change count moves."""
    app = create_app({"EVACFACTS_DB": str(db_path), "EVACFACTS_API_KEYS": ["k"],
                      "EVACFACTS_EXTRACTOR": fake_extract})
    client, auth = app.test_client(), {"Authorization": "Bearer k"}
    url = "/v1/sources?per_page=1"
    before = client.get(url).get_json()["total"]
    assert client.get(url).get_json()["total"] == before  # replayed
    posted = client.post("/v1/sources", headers=auth,
                         json={"text": "Officials said 300 people were evacuated on Monday."})
    assert posted.status_code == 201
    assert client.get(url).get_json()["total"] == before + 1
    deleted = client.delete(posted.headers["Location"], headers=auth)
    assert deleted.status_code == 204
    assert client.get(url).get_json()["total"] == before
