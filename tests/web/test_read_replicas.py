"""Read replicas (`EVACFACTS_READ_ONLY=1`): copies of one snapshot answer alike, refuse writes.

Each replica is its own app over its own copy of the snapshot, as on two
machines behind a load balancer: a client that revalidates on the other
replica must find its ETag still good, and a write sent to a replica gets the
documented 405 problem, whatever key it carries.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api import store
from api.web.app import create_app

URLS = [
    "/v1/claims?per_page=2",
    "/v1/claims?quantity=evacuees&value_min=500",
    "/v1/sources/alpha/claims",
    "/v1/figures",
    "/v1/quantities",
    "/v1/locations",
]
KEY = "replica-test-key"


@pytest.fixture
def replicas(tmp_path, db_path: Path):
    """Two read-only apps, each over its own copy of one snapshot of the fake corpus."""
    snap = store.snapshot(db_path, tmp_path / "snapshot.db")
    apps = []
    for name in ("a", "b"):
        copy = shutil.copyfile(snap, tmp_path / f"replica-{name}.db")
        apps.append(create_app({"EVACFACTS_DB": str(copy), "EVACFACTS_READ_ONLY": True,
                                "EVACFACTS_API_KEYS": [KEY], "TESTING": True}))
    return [app.test_client() for app in apps]


@pytest.mark.parametrize("url", URLS)
def test_two_replicas_of_one_snapshot_give_the_same_etag_and_max_age(replicas, url):
    first, second = (client.get(url) for client in replicas)
    assert first.status_code == second.status_code == 200
    assert first.headers["ETag"] == second.headers["ETag"]
    assert first.headers["Cache-Control"] == second.headers["Cache-Control"] == \
        "public, max-age=60"
    assert first.data == second.data
    again = replicas[1].get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_replica_answers_as_the_writer_it_was_copied_from(replicas, client):
    for url in URLS:
        assert replicas[0].get(url).headers["ETag"] == client.get(url).headers["ETag"]


@pytest.mark.parametrize(("method", "url"), [("post", "/v1/sources"),
                                             ("delete", "/v1/sources/alpha")])
@pytest.mark.parametrize("key", [KEY, None])
def test_a_write_to_a_replica_gets_a_405_problem_naming_the_writer(replicas, method, url, key):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    response = getattr(replicas[0], method)(url, json={"text": "300 people left."},
                                            headers=headers)
    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert "read-only replica" in response.json["detail"]
    assert replicas[0].get("/v1/sources/alpha").status_code == 200


def test_a_replica_does_not_touch_its_file(tmp_path, replicas):
    before = (tmp_path / "replica-a.db").read_bytes()
    for url in URLS:
        replicas[0].get(url)
    assert (tmp_path / "replica-a.db").read_bytes() == before
    assert not list(tmp_path.glob("replica-a.db-*"))  # no WAL, no shared memory


def test_a_replica_refuses_to_start_without_its_file_or_on_an_older_schema(tmp_path):
    with pytest.raises(FileNotFoundError):
        create_app({"EVACFACTS_DB": str(tmp_path / "missing.db"), "EVACFACTS_READ_ONLY": True})
    old = tmp_path / "old.db"
    db = store.connect(old)
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm401_claim_confidence'")
    db.conn.commit()
    db.close()
    with pytest.raises(RuntimeError, match="lacks migrations"):
        create_app({"EVACFACTS_DB": str(old), "EVACFACTS_READ_ONLY": True})
