"""Writing through the API: POST /v1/sources, DELETE /v1/sources/<id>, keys, limits, CORS."""

from __future__ import annotations

import io
import logging
import random

import pytest

from api import store
from api.load.prepare import content_hash
from api.web.app import create_app
from tests.conftest import REPORTS, fake_extract
from tests.web.test_api import assert_problem

KEY, OTHER_KEY = "k-3f9a1c0e-write", "k-77d2b5aa-second"
AUTH = {"Authorization": f"Bearer {KEY}"}
#: A report of the fake extractor's phrases; "Saraqib" and "Civil Defence" occur nowhere else.
TEXT = ("Convoy leaves Saraqib\n\n"
        "Civil Defence said 951 people were evacuated. At least 20 buses left.\n")


#: The app of these tests (the conftest's `client`): two write keys, the fake extractor.
CONFIG = {"TESTING": True, "EVACFACTS_API_KEYS": [KEY, OTHER_KEY],
          "EVACFACTS_EXTRACTOR": fake_extract}


@pytest.fixture
def app_config():
    return CONFIG


def counts(client) -> dict:
    return client.get("/health").json["counts"]


# --- POST ------------------------------------------------------------------------------

def test_post_json_stores_the_report_and_returns_it_with_its_claims(client):
    before = counts(client)
    response = client.post("/v1/sources", headers=AUTH, json={
        "text": TEXT, "title": "Saraqib convoy", "url": "https://example.org/a?b=1",
        "outlet": "Example News", "published_at": "2016-12-15T15:47:00Z"})
    assert response.status_code == 201, response.json
    body = response.json
    assert body["id"] == f"post-{content_hash(TEXT)[:16]}"
    assert response.headers["Location"] == f"http://localhost/v1/sources/{body['id']}"
    assert (body["title"], body["url"], body["outlet"]) == (
        "Saraqib convoy", "https://example.org/a?b=1", "Example News")
    assert (body["published"], body["published_basis"], body["published_at"]) == (
        "2016-12-15", "submitted", "2016-12-15T15:47:00Z")
    assert [c["text"] for c in body["claims"]] == ["951 people", "At least 20 buses"]
    # The same shapes as the read endpoints: the source as GET shows it, claims as listed.
    claims = body.pop("claims")
    assert client.get(response.headers["Location"]).json == body
    assert client.get(body["links"]["claims"]).json["items"] == claims
    for claim in claims:
        assert body["text"][claim["start"]:claim["end"]] == claim["text"]
    after = counts(client)
    assert (after["sources"], after["claims"]) == (before["sources"] + 1, before["claims"] + 2)


def test_post_text_plain_decodes_like_the_loader(client):
    response = client.post("/v1/sources", headers=AUTH, content_type="text/plain",
                           data=("\ufeff" + TEXT).encode("utf-8"))
    assert response.status_code == 201, response.json
    body = response.json
    assert body["text"] == TEXT  # the byte-order mark is dropped, as for files
    assert body["title"] == "Convoy leaves Saraqib" and body["url"] is None
    assert len(body["claims"]) == 2


def test_the_same_text_again_returns_the_stored_source(client, db_path):
    first = client.post("/v1/sources", headers=AUTH, json={"text": TEXT})
    before = counts(client)
    again = client.post("/v1/sources", headers=AUTH, content_type="text/plain", data=TEXT)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["id"] == first.json["id"]
    assert again.headers["Location"] == first.headers["Location"]
    assert again.json["claims"] == first.json["claims"]
    assert counts(client) == before
    db = store.connect(db_path)
    assert db.execute("SELECT count(*) FROM sources WHERE content_hash = ?",
                      [content_hash(TEXT)]).fetchone()[0] == 1


def test_a_text_already_loaded_from_a_file_is_not_stored_twice(client):
    response = client.post("/v1/sources", headers=AUTH, json={"text": REPORTS["alpha.txt"]})
    assert response.status_code == 200 and response.json["id"] == "alpha"


def test_real_extractor_is_the_default(db_path, monkeypatch):
    monkeypatch.delenv("EVACFACTS_SEEDS")  # the extractor's lexicon is in the project's seeds
    client = create_app({"EVACFACTS_DB": str(db_path), "EVACFACTS_API_KEYS": [KEY]}).test_client()
    response = client.post("/v1/sources", headers=AUTH, json={
        "text": "Officials said 300 people were evacuated from the town on Monday."})
    assert response.status_code == 201
    assert [c["value"] for c in response.json["claims"]] == [300]


# --- auth ------------------------------------------------------------------------------

#: Requests without a usable key: missing, wrong, another scheme, empty, a prefix, non-ASCII.
BAD_AUTH = [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {KEY}"},
            {"Authorization": "Bearer "}, {"Authorization": f"Bearer {KEY}x"},
            {"Authorization": f"Bearer {KEY[:-1]}"}, {"Authorization": "Bearer kéy"}]


def test_writes_without_a_valid_key_are_401(client):
    before = counts(client)
    for headers in BAD_AUTH:
        for response in (client.post("/v1/sources", headers=headers, json={"text": TEXT}),
                         client.delete("/v1/sources/alpha", headers=headers)):
            assert_problem(response, 401)
            assert response.headers["WWW-Authenticate"].startswith("Bearer"), headers
    assert counts(client) == before


def test_every_configured_key_works(client):
    response = client.post("/v1/sources", json={"text": TEXT},
                           headers={"Authorization": f"bearer {OTHER_KEY}"})
    assert response.status_code == 201


def test_writes_are_disabled_without_keys(db_path):
    client = create_app({"EVACFACTS_DB": str(db_path), **CONFIG,
                         "EVACFACTS_API_KEYS": []}).test_client()
    assert_problem(client.post("/v1/sources", headers=AUTH, json={"text": TEXT}), 403,
                   "disabled", "EVACFACTS_API_KEYS")
    assert_problem(client.delete("/v1/sources/alpha", headers=AUTH), 403, "disabled")
    assert client.get("/v1/sources/alpha").status_code == 200  # reads stay open


def test_keys_come_from_the_environment(db_path, monkeypatch):
    monkeypatch.setenv("EVACFACTS_API_KEYS", f" {KEY} ,, {OTHER_KEY},")
    app = create_app({"EVACFACTS_DB": str(db_path)})
    assert app.config["EVACFACTS_API_KEYS"] == [KEY, OTHER_KEY]


def test_keys_never_reach_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/v1/sources", headers=AUTH, json={"text": TEXT})
    client.post("/v1/sources", headers={"Authorization": "Bearer guess-0001"}, json={"text": "x"})
    client.delete("/v1/sources/nope", headers={"Authorization": f"Bearer {OTHER_KEY}"})
    assert "refused" in caplog.text and "stored as" in caplog.text  # the writes were logged
    for secret in (KEY, OTHER_KEY, "guess-0001"):
        assert secret not in caplog.text


# --- limits and validation -------------------------------------------------------------

def test_a_body_over_the_limit_is_413(client, monkeypatch):
    monkeypatch.setenv("EVACFACTS_MAX_REPORT_BYTES", "100")
    assert_problem(client.post("/v1/sources", headers=AUTH, json={"text": "x" * 101}),
                   413, "100 bytes", "EVACFACTS_MAX_REPORT_BYTES")
    assert_problem(client.post("/v1/sources", headers=AUTH, content_type="text/plain",
                               data="y" * 101), 413)
    # No Content-Length (a chunked upload): the read itself stops at the limit.
    response = client.post("/v1/sources", headers=AUTH, content_type="text/plain",
                           input_stream=io.BytesIO(b"z" * 500),
                           environ_overrides={"wsgi.input_terminated": True})
    assert_problem(response, 413)
    assert client.post("/v1/sources", headers=AUTH, content_type="text/plain",
                       data="300 people left.").status_code == 201


def test_other_media_types_are_415(client):
    for content_type in ("application/xml", "multipart/form-data; boundary=x",
                         "application/x-www-form-urlencoded", None):
        response = client.post("/v1/sources", headers=AUTH, data="300 people",
                               content_type=content_type)
        assert_problem(response, 415, "application/json", "text/plain")


#: JSON bodies with a bad field, and words the problem's detail must contain.
BAD_JSON = [
    ({"text": ""}, ["text", "empty"]),
    ({"text": " \n\t "}, ["text", "whitespace"]),
    ({"text": "300 people\u0000left"}, ["text", "NUL"]),
    ({"title": "no text"}, ["text", "Missing"]),
    ({"text": 300}, ["text", "string"]),
    ({"text": TEXT, "colour": "red"}, ["colour", "Unknown"]),
    ({"text": TEXT, "url": "ftp://example.org/x"}, ["url"]),
    ({"text": TEXT, "url": "not a url"}, ["url"]),
    ({"text": TEXT, "published_at": "15/12/2016"}, ["published_at", "ISO 8601"]),
    ({"text": TEXT, "published_at": "2016-02-30"}, ["published_at"]),
    (["300 people"], ["Invalid input type"]),
]


def test_invalid_json_fields_are_422(client):
    for body, words in BAD_JSON:
        problem = assert_problem(client.post("/v1/sources", headers=AUTH, json=body), 422,
                                 *words)
        assert problem["errors"]["body"]


def test_unpaired_surrogates_in_json_are_422(client):
    response = client.post("/v1/sources", headers=AUTH, content_type="application/json",
                           data='{"text": "300 people \\ud800 left"}')
    assert_problem(response, 422, "text", "surrogate")


def test_invalid_text_bodies_are_422(client):
    garbage = bytes(random.Random(7).choices(range(0x80, 0x100), k=2000))
    for data, word in [(b"", "empty"), (b"  \r\n\t", "whitespace"),
                       (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
                       (garbage, "UTF-8")]:
        response = client.post("/v1/sources", headers=AUTH, content_type="text/plain",
                               data=data)
        assert_problem(response, 422, "text", word)


def test_validation_errors_are_keyed_alike_whatever_the_body_media_type(client):
    as_text = client.post("/v1/sources", headers=AUTH, content_type="text/plain", data=b" ")
    as_json = client.post("/v1/sources", headers=AUTH, json={"text": " "})
    assert as_text.status_code == as_json.status_code == 422
    assert list(as_text.get_json()["errors"]) == list(as_json.get_json()["errors"]) == ["body"]
    assert list(as_text.get_json()["errors"]["body"]) == ["text"]
    assert list(as_json.get_json()["errors"]["body"]) == ["text"]


def test_a_legacy_encoding_is_detected_not_refused(client):
    text = "Evacuation \u2014 the mayor said 300 people left \u201cthe old town\u201d.\n"
    response = client.post("/v1/sources", headers=AUTH, content_type="text/plain",
                           data=text.encode("cp1252"))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["text"] == text
    assert response.get_json()["encoding"] == "cp1252"


def test_malformed_json_is_400(client):
    response = client.post("/v1/sources", headers=AUTH, content_type="application/json",
                           data='{"text": ')
    assert_problem(response, 400, "not valid JSON")
    deep = client.post("/v1/sources", headers=AUTH, content_type="application/json",
                       data="[" * 100_000)
    assert deep.status_code == 400


def test_nothing_is_written_by_a_refused_post(client):
    before = counts(client)
    client.post("/v1/sources", headers=AUTH, json={"text": "   "})
    client.post("/v1/sources", headers=AUTH, content_type="text/plain", data=b"\x00")
    assert counts(client) == before


# --- DELETE ----------------------------------------------------------------------------

def test_delete_removes_the_source_its_claims_and_entities_only_it_named(client):
    text = ("Idlib update\n\nThe ICRC said 951 people were evacuated from East Aleppo to "
            "Idlib.\nAbout 50,000 people were still trapped in Madaya.\n")
    source = client.post("/v1/sources", headers=AUTH, json={"text": text}).json
    client.delete("/v1/sources/beta", headers=AUTH)  # Madaya is then this report's alone
    assert client.get("/v1/locations/madaya").status_code == 200
    response = client.delete(f"/v1/sources/{source['id']}", headers=AUTH)
    assert response.status_code == 204 and response.data == b""
    assert_problem(client.get(f"/v1/sources/{source['id']}"), 404)
    assert client.get("/v1/claims", query_string={"source": source["id"]}).json["total"] == 0
    for claim in source["claims"]:
        assert client.get(claim["links"]["self"]).status_code == 404
    assert client.get("/v1/locations/madaya").status_code == 404  # pruned
    # Still named by alpha.txt: kept.
    for url in ("/v1/locations/east-aleppo", "/v1/locations/idlib",
                "/v1/actors/international-committee-of-the-red-cross"):
        assert client.get(url).status_code == 200, url
    assert_problem(client.delete(f"/v1/sources/{source['id']}", headers=AUTH), 404)


def test_delete_of_a_loaded_report(client):
    response = client.delete("/v1/sources/alpha", headers=AUTH)
    assert response.status_code == 204 and response.data == b""
    assert "Content-Type" not in response.headers  # no body, so no media type
    assert (counts(client)["sources"], counts(client)["claims"]) == (1, 2)
    assert client.get("/v1/locations/idlib").status_code == 404  # only alpha named it
    assert client.get("/v1/actors/international-committee-of-the-red-cross").status_code == 404
    assert client.get("/v1/locations/east-aleppo").status_code == 200  # beta names it too


def test_unknown_source_is_404_only_with_a_key(client):
    assert_problem(client.delete("/v1/sources/nope"), 401)
    assert_problem(client.delete("/v1/sources/nope", headers=AUTH), 404, "nope")


# --- HTTP ------------------------------------------------------------------------------

def test_other_methods_are_405_problems(client):
    for method, path in [("put", "/v1/sources"), ("patch", "/v1/sources/alpha"),
                         ("delete", "/v1/claims"), ("post", "/v1/claims")]:
        response = getattr(client, method)(path, headers=AUTH)
        assert_problem(response, 405)
        assert "GET" in response.headers["Allow"]


def test_cors_preflight_allows_writes_with_a_key(client):
    response = client.options("/v1/sources", headers={
        "Origin": "https://front.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Authorization, Content-Type"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] in ("*", "https://front.example")
    assert {"POST", "DELETE"} <= set(response.headers["Access-Control-Allow-Methods"]
                                     .replace(" ", "").split(","))
    allowed = response.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed


def test_cors_exposes_location_on_a_post(client):
    response = client.post("/v1/sources", headers={**AUTH, "Origin": "https://front.example"},
                           json={"text": TEXT})
    exposed = response.headers["Access-Control-Expose-Headers"]
    assert {"Location", "Link", "X-Total-Count", "ETag"} <= {
        h.strip() for h in exposed.split(",")}


# --- the write lock --------------------------------------------------------------------

@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_a_write_that_cannot_get_the_lock_is_a_503_with_retry_after(
        database, monkeypatch, method):
    """Another writer keeps the lock past the wait (`EVACFACTS_LOCK_WAIT`): the write is
    refused with a problem asking to retry, not a 500, and nothing is written."""
    monkeypatch.setenv("EVACFACTS_LOCK_WAIT", "0.2")
    client = create_app({"EVACFACTS_DB": str(database), **CONFIG}).test_client()
    before = counts(client)
    holder = store.connect(database)
    holder.conn.execute("BEGIN IMMEDIATE")
    try:
        if method == "POST":
            response = client.post("/v1/sources", headers=AUTH, json={"text": TEXT})
        else:
            source_id = client.get("/v1/sources").json["items"][0]["id"]
            response = client.delete(f"/v1/sources/{source_id}", headers=AUTH)
    finally:
        holder.conn.rollback()
    assert_problem(response, 503)
    assert int(response.headers["Retry-After"]) > 0
    assert "EVACFACTS_LOCK_WAIT" in response.json["detail"]
    assert counts(client) == before
