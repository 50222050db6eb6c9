"""Every claim's `confidence` and `cues` in the API and CSV, and the `confidence_min`
filter (the extractor's side: tests/extract/test_confidence.py)."""

import csv
import io
import json

import pytest

from api import store
from api.extract import extract_claims
from api.load.batch import load_paths
from api.web.app import create_app
from tests.conftest import copy_database
from tests.extract.test_confidence import BLOG, REPORT


@pytest.fixture(scope="module")
def confidence_database(tmp_path_factory):
    """The two reports through the real extractor, loaded once for the module."""
    folder = tmp_path_factory.mktemp("confidence")
    (folder / "riverton.txt").write_text(REPORT, encoding="utf-8")
    (folder / "blog.txt").write_text(BLOG, encoding="utf-8")
    db = store.connect(folder / "c.db")
    assert all(r.status == "new" for r in load_paths(db, sorted(folder.glob("*.txt")),
                                                      extract_claims))
    db.close()
    return folder / "c.db"


@pytest.fixture
def database(tmp_path, confidence_database):
    """What `client` serves: the test's own copy of the two reports' database."""
    return copy_database(confidence_database, tmp_path / "c.db")


def test_the_api_serves_confidence_and_cues(client):
    items = client.get("/v1/claims?per_page=100").json["items"]
    assert items and all(0 <= c["confidence"] <= 1 and c["cues"] for c in items)
    one = client.get(f"/v1/claims/{items[0]['id']}").json
    assert one["confidence"] == items[0]["confidence"] and one["cues"] == items[0]["cues"]


def test_confidence_min_keeps_only_claims_at_or_above_it(client):
    everything = client.get("/v1/claims?per_page=100").json["items"]
    threshold = sorted(c["confidence"] for c in everything)[len(everything) // 2]
    kept = client.get(f"/v1/claims?per_page=100&confidence_min={threshold}").json
    assert kept["items"] and all(c["confidence"] >= threshold for c in kept["items"])
    assert kept["total"] == sum(c["confidence"] >= threshold for c in everything)


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "high"])
def test_confidence_min_outside_0_to_1_is_a_422(client, bad):
    response = client.get(f"/v1/claims?confidence_min={bad}")
    assert response.status_code == 422
    assert "confidence_min" in json.dumps(response.json)


def test_csv_has_confidence_and_cues_columns(client):
    body = client.get("/v1/claims?format=csv&per_page=100").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows and all(0 <= float(r["confidence"]) <= 1 and r["cues"] for r in rows)


def test_live_blog_claims_keep_their_entry_time(client):
    items = client.get("/v1/claims?source=blog&per_page=100").json["items"]
    assert {c["value"]: c["entry_time"] for c in items} == {300: "10:05", 45: "09:40"}


def test_claims_loaded_before_confidence_existed_read_as_null(tmp_path):
    db = store.connect(tmp_path / "old.db")
    source = {"id": "s", "name": "s.txt", "title": "t", "kind": "article", "published": None,
              "word_count": 1, "content_hash": "h", "text": "x" * 20}
    row = {"id": "s-0", "source_id": "s", "quantity": "evacuees", "value": 5,
           "value_low": 5, "value_high": 5, "qualifier": "exact", "group": "people",
           "status": "occurred", "actor_id": None, "via_id": None, "origin_id": None,
           "destination_id": None, "location_id": None, "text": "5", "start": 0, "end": 1,
           "sentence": "x"}
    store.replace_source(db, source, [row], [], [])
    client = create_app({"EVACFACTS_DB": str(tmp_path / "old.db"), "TESTING": True}).test_client()
    claim = client.get("/v1/claims/s-0").json
    assert claim["confidence"] is None and claim["cues"] == []
