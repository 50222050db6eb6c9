"""A request whose SQL outlives the statement timeout is stopped and answered 503 problem+json,
well before gunicorn would kill the worker and send its HTML error page."""

from __future__ import annotations

import pytest

from api import store
from api.web import claims


@pytest.fixture
def app_config():
    return {"TESTING": True, "EVACFACTS_STATEMENT_TIMEOUT": 0.2}


def _endless(db, _filter):
    """A query that never ends on its own."""
    db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
               "SELECT count(*) FROM n").fetchone()


def test_a_query_past_the_deadline_is_a_503_problem(client, monkeypatch):
    monkeypatch.setattr(claims.store, "list_claims", _endless)
    response = client.get("/v1/claims")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.json["status"] == 503 and "0.2 s" in response.json["detail"]
    assert response.headers["Retry-After"]


def test_the_next_request_gets_a_fresh_deadline(client, monkeypatch):
    monkeypatch.setattr(claims.store, "list_claims", _endless)
    assert client.get("/v1/claims").status_code == 503
    monkeypatch.undo()
    assert client.get("/v1/claims").status_code == 200


def test_a_deadline_stops_only_statements_that_run_past_it(tmp_path):
    db = store.connect(tmp_path / "x.db")
    store.set_deadline(db, 5)
    assert db.execute("SELECT count(*) FROM claims").fetchone() == (0,)
    store.set_deadline(db, None)
