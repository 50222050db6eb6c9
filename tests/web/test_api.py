"""The v1 API through Flask's test client: every endpoint, filter and error shape."""

from __future__ import annotations

import sqlite3

import pytest

from api import store
from api.web.app import create_app
from tests.conftest import REPORTS


def texts(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [c["text"] for c in response.json["items"]]


def assert_problem(response, status: int, *words: str) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert body["status"] == status and body["title"] and body["type"] == "about:blank"
    for word in words:
        assert word in body["detail"], body
    return body


# --- claims ------------------------------------------------------------------------------

def test_claims_lists_everything_in_source_order(client):
    response = client.get("/v1/claims")
    assert texts(response) == ["951 people", "At least 20 buses", "Hundreds of civilians",
                               "4,000 fighters", "About 50,000 people"]
    assert response.json["total"] == 5
    assert response.headers["X-Total-Count"] == "5"


def test_claim_carries_guide_fields_names_ids_and_links(client):
    claim = client.get("/v1/claims", query_string={"quantity": "evacuees",
                                                   "group": "fighters"}).json["items"][0]
    assert claim["id"] == f"beta-{REPORTS['beta.txt'].index('4,000 fighters')}"
    assert claim["source_file"] == "beta.txt" and claim["source_id"] == "beta"
    assert "source" not in claim  # the file name is never mistaken for the source's id
    assert (claim["actor"], claim["via"], claim["origin"]) == (
        "Syrian official", "Reuters", "East Aleppo")
    assert (claim["actor_id"], claim["via_id"], claim["origin_id"]) == (
        "syrian-official", "reuters", "east-aleppo")
    assert claim["status"] == "planned"
    assert claim["sentence"].startswith("Reuters reported citing")
    assert claim["links"]["destination"] is None
    for name, url in claim["links"].items():
        if url:
            assert client.get(url).status_code == 200, name


def test_claim_span_highlights_the_source_text(client):
    for claim in client.get("/v1/claims").json["items"]:
        source = client.get(claim["links"]["source"]).json
        assert source["text"][claim["start"]:claim["end"]] == claim["text"]
        assert claim["sentence"] in source["text"]


@pytest.mark.parametrize(("query", "expected"), [
    ({"quantity": "evacuees"}, ["951 people", "4,000 fighters"]),
    ({"quantity": "trapped"}, ["About 50,000 people"]),
    ({"group": "fighters"}, ["4,000 fighters"]),
    ({"status": "planned"}, ["4,000 fighters"]),
    ({"qualifier": "vague"}, ["Hundreds of civilians"]),
    ({"actor": "Reuters"}, ["4,000 fighters"]),
    ({"actor": "syrian-official"}, ["4,000 fighters"]),
    ({"actor": "international committee of the red cross"}, ["951 people"]),
    ({"actor": "Nobody"}, []),
    ({"location": "East Aleppo"}, ["951 people", "4,000 fighters"]),
    ({"location": "eastern Aleppo"}, ["951 people", "4,000 fighters"]),
    ({"location": "Aleppo"}, ["951 people", "Hundreds of civilians", "4,000 fighters"]),
    ({"location": "syria"}, ["951 people", "Hundreds of civilians", "4,000 fighters"]),
    ({"location": "Idlib"}, ["951 people"]),
    ({"location": "Atlantis"}, []),
    ({"source": "beta"}, ["4,000 fighters", "About 50,000 people"]),
    ({"value_min": 1000}, ["4,000 fighters", "About 50,000 people"]),
    ({"value_max": 200}, ["At least 20 buses", "Hundreds of civilians"]),
    ({"value_min": 200, "value_max": 951}, ["951 people", "Hundreds of civilians"]),
    ({"value_min": 5, "value_max": 5}, []),
    ({"q": "buses"}, ["At least 20 buses"]),
    ({"q": "evacuate"}, ["951 people", "4,000 fighters"]),
    ({"q": 'trapped" OR "x'}, []),
    ({"q": '"'}, []),  # a lone quote typed in a search box: no word, no match, no 500
    ({"q": '"buses'}, ["At least 20 buses"]),
    ({"q": "NEAR( * -"}, []),
    ({"quantity": "evacuees", "location": "Idlib"}, ["951 people"]),
    ({"sort": "-value"}, ["About 50,000 people", "4,000 fighters", "951 people",
                          "Hundreds of civilians", "At least 20 buses"]),
    ({"sort": "value", "per_page": 2}, ["At least 20 buses", "Hundreds of civilians"]),
    ({"sort": "quantity", "per_page": 1}, ["At least 20 buses"]),
    ({"sort": "-source", "per_page": 1}, ["About 50,000 people"]),
])
def test_claim_filters(client, query, expected):
    response = client.get("/v1/claims", query_string=query)
    assert texts(response) == expected
    assert response.json["total"] == len(expected) or "per_page" in query


def test_pagination_links_in_body_and_headers(client):
    first = client.get("/v1/claims?quantity=evacuees&per_page=1")
    assert first.json["total"] == 2 and first.json["pages"] == 2
    assert first.json["links"]["prev"] is None
    assert 'rel="next"' in first.headers["Link"] and 'rel="prev"' not in first.headers["Link"]
    second = client.get(first.json["links"]["next"])
    assert texts(second) == ["4,000 fighters"]
    assert "quantity=evacuees" in first.json["links"]["next"]
    assert second.json["links"]["next"] is None
    assert second.json["links"]["prev"] == first.json["links"]["self"].replace(
        "page=1", "page=1")
    assert 'rel="prev"' in second.headers["Link"] and 'rel="next"' not in second.headers["Link"]
    beyond = client.get("/v1/claims?page=9")
    assert beyond.json["items"] == [] and beyond.json["total"] == 5


@pytest.mark.parametrize(("query", "words"), [
    ("quantity=goats", ["quantity", "Must be one of", "evacuees"]),
    ("group=aliens", ["group"]),
    ("status=maybe", ["status"]),
    ("qualifier=roughly", ["qualifier"]),
    ("page=-1", ["page", "greater than or equal to 1"]),
    ("page=0", ["page"]),
    ("page=two", ["page", "integer"]),
    ("per_page=0", ["per_page"]),
    ("per_page=101", ["per_page", "100"]),
    ("value_min=-3", ["value_min"]),
    ("value_max=lots", ["value_max"]),
    ("sort=size", ["sort", "value"]),
    ("quantiy=buses", ["quantiy", "Unknown field"]),
    ("q=", ["q"]),
])
def test_bad_claim_arguments_get_a_clear_422(client, query, words):
    body = assert_problem(client.get(f"/v1/claims?{query}"), 422, *words)
    assert body["errors"]
    assert body["instance"] == "/v1/claims"


def test_a_value_range_with_its_minimum_above_its_maximum_is_empty(client):
    body = client.get("/v1/claims?value_min=10&value_max=5").get_json()
    assert (body["items"], body["total"]) == ([], 0)


def test_get_claim_and_404(client):
    claim_id = client.get("/v1/claims").json["items"][0]["id"]
    assert client.get(f"/v1/claims/{claim_id}").json["text"] == "951 people"
    assert_problem(client.get("/v1/claims/alpha-999999"), 404, "alpha-999999")


# --- sources -----------------------------------------------------------------------------

def test_sources_list_without_text(client):
    body = client.get("/v1/sources").json
    assert [s["id"] for s in body["items"]] == ["alpha", "beta"]
    alpha = body["items"][0]
    assert "text" not in alpha
    assert alpha["claim_count"] == 3 and alpha["kind"] == "article"
    assert alpha["published"] == "2016-12-15" and alpha["title"].startswith("Evacuation")
    assert client.get(alpha["links"]["claims"]).json["total"] == 3


@pytest.mark.parametrize(("query", "ids"), [
    ({"kind": "live_blog"}, ["beta"]),
    ({"kind": "article"}, ["alpha"]),
    ({"q": "Madaya"}, ["beta"]),
    ({"q": "nothing-like-this"}, []),
    ({"q": '"'}, []),
    ({"q": 'Madaya"'}, ["beta"]),
    ({"per_page": 1, "page": 2}, ["beta"]),
])
def test_sources_filters(client, query, ids):
    assert [s["id"] for s in client.get("/v1/sources", query_string=query).json["items"]] == ids


def test_source_detail_has_text_and_claim_count(client):
    body = client.get("/v1/sources/beta").json
    assert body["text"] == REPORTS["beta.txt"]
    assert body["claim_count"] == 2 and body["word_count"] == len(REPORTS["beta.txt"].split())
    assert body["links"]["self"].endswith("/v1/sources/beta")


def test_source_claims_and_404s(client):
    assert texts(client.get("/v1/sources/alpha/claims?quantity=buses")) == ["At least 20 buses"]
    assert_problem(client.get("/v1/sources/nope"), 404, "nope")
    assert_problem(client.get("/v1/sources/nope/claims"), 404, "nope")
    assert_problem(client.get("/v1/sources?kind=tweet"), 422, "kind")
    assert_problem(client.get("/v1/sources/alpha/claims?page=0"), 422, "page")


# --- actors ------------------------------------------------------------------------------

def test_actors(client):
    body = client.get("/v1/actors").json
    assert [a["name"] for a in body["items"]] == [
        "International Committee of the Red Cross", "Reuters", "Syrian official"]
    assert body["total"] == 3
    reuters = client.get("/v1/actors/reuters").json
    assert reuters["claim_count"] == 1 and reuters["aliases"] == ["Reuters news agency"]
    assert reuters["kind"] == "media"
    assert client.get("/v1/actors/syrian-official").json["kind"] is None  # not in the reference
    assert texts(client.get(reuters["links"]["claims"])) == ["4,000 fighters"]
    assert texts(client.get("/v1/actors/reuters/claims?quantity=buses")) == []
    assert_problem(client.get("/v1/actors/nobody"), 404, "nobody")
    assert_problem(client.get("/v1/actors/nobody/claims"), 404)
    assert_problem(client.get("/v1/actors?per_page=1000"), 422, "per_page")
    assert [a["id"] for a in client.get("/v1/actors?kind=media").json["items"]] == ["reuters"]
    assert client.get("/v1/claims?actor=ICRC").json["total"] == 1  # by alias
    assert client.get("/v1/actors?per_page=1&page=3").json["items"][0]["id"] == "syrian-official"


# --- locations ---------------------------------------------------------------------------

def test_locations(client):
    body = client.get("/v1/locations").json
    assert [loc["id"] for loc in body["items"]] == [
        "aleppo", "east-aleppo", "idlib", "madaya", "syria"]
    aleppo = client.get("/v1/locations/aleppo").json
    assert aleppo["kind"] == "city" and aleppo["parent_id"] == "syria"
    assert aleppo["lat"] == pytest.approx(36.2, abs=0.1)
    assert client.get(aleppo["links"]["parent"]).json["name"] == "Syria"
    children = client.get(aleppo["links"]["children"]).json["items"]
    assert [c["id"] for c in children] == ["east-aleppo"]
    east = client.get("/v1/locations/east-aleppo").json
    assert east["aliases"] == ["eastern Aleppo", "east Aleppo"] and east["claim_count"] == 2


def test_a_places_claim_count_is_the_total_of_its_claims_including_places_inside_it(client):
    items = client.get("/v1/locations?per_page=100").json["items"]
    for place in items:
        listed = client.get(place["links"]["claims"]).json["total"]
        assert place["claim_count"] == listed, place["id"]
        assert client.get(place["links"]["self"]).json["claim_count"] == listed
    by_id = {p["id"]: p["claim_count"] for p in items}
    assert by_id["syria"] >= by_id["aleppo"] >= by_id["east-aleppo"] > 0  # counted inward


def test_an_actors_claim_count_is_the_total_of_its_claims(client):
    for actor in client.get("/v1/actors?per_page=100").json["items"]:
        assert actor["claim_count"] == client.get(actor["links"]["claims"]).json["total"]


@pytest.mark.parametrize(("query", "ids"), [
    ({"kind": "city"}, ["aleppo", "idlib"]),
    ({"parent": "syria"}, ["aleppo", "idlib"]),
    ({"kind": "country"}, ["syria"]),
    ({"parent": "madaya"}, []),
])
def test_location_filters(client, query, ids):
    items = client.get("/v1/locations", query_string=query).json["items"]
    assert [loc["id"] for loc in items] == ids


def test_location_claims_include_places_inside(client):
    assert texts(client.get("/v1/locations/syria/claims")) == [
        "951 people", "Hundreds of civilians", "4,000 fighters"]
    assert texts(client.get("/v1/locations/madaya/claims")) == ["About 50,000 people"]
    assert texts(client.get("/v1/locations/aleppo/claims?quantity=killed")) == [
        "Hundreds of civilians"]
    assert_problem(client.get("/v1/locations/atlantis"), 404, "atlantis")
    assert_problem(client.get("/v1/locations/atlantis/claims"), 404)
    assert_problem(client.get("/v1/locations?colour=red"), 422, "colour")


# --- errors, health, configuration -------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/v1"])
def test_index_links_to_every_collection(client, path):
    links = client.get(path).json["links"]
    collections = {rule.rule.removeprefix("/v1/") for rule in client.application.url_map
                   .iter_rules() if rule.rule.startswith("/v1/") and not rule.arguments}
    assert collections == {"claims", "sources", "actors", "locations", "figures", "quantities"}
    assert set(links) == collections | {"docs", "openapi", "health"}
    for name, url in links.items():
        assert client.get(url).status_code == 200, name


@pytest.mark.parametrize(("path", "accept"), [
    ("/v1/claims", "application/geo+json"),  # claims have no single place: no GeoJSON
    ("/v1/claims", "application/xml"),
    ("/v1/claims/alpha-77", "text/csv"),  # one object: JSON only
    ("/v1", "application/xml"),
    ("/health", "text/html"),
    ("/v1/figures", "application/xml, text/plain;q=0.5"),
])
def test_a_media_type_the_operation_does_not_produce_is_406(client, path, accept):
    body = assert_problem(client.get(path, headers={"Accept": accept}), 406, accept)
    assert "application/json" in body["detail"]


@pytest.mark.parametrize(("path", "accept", "media"), [
    ("/v1/claims", "text/html,application/xhtml+xml,*/*;q=0.8", "application/json"),
    ("/v1/claims", "application/json", "application/json"),
    ("/v1/claims", "text/csv", "text/csv"),
    ("/v1/locations", "application/geo+json", "application/geo+json"),
    ("/v1/claims/alpha-77", "*/*", "application/json"),
])
def test_what_an_operation_produces_is_served(client, path, accept, media):
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == media


def test_browsers_on_other_origins_may_read_the_api(client):
    response = client.get("/v1/claims", headers={"Origin": "https://newsroom.example"})
    assert response.headers["Access-Control-Allow-Origin"] in ("*", "https://newsroom.example")
    assert {"Link", "X-Total-Count"} <= {
        h.strip() for h in response.headers["Access-Control-Expose-Headers"].split(",")}
    preflight = client.options("/v1/claims", headers={
        "Origin": "https://newsroom.example", "Access-Control-Request-Method": "GET"})
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert client.get("/docs", headers={"Origin": "https://x.example"}).headers.get(
        "Access-Control-Allow-Origin") is None


def test_unknown_route_and_wrong_method_are_problems(client):
    assert_problem(client.get("/v2/claims"), 404)
    assert_problem(client.get("/v1/nothing"), 404)
    response = client.delete("/v1/claims")
    assert_problem(response, 405)
    assert "GET" in response.headers["Allow"]
    assert_problem(client.post("/v1/sources/alpha"), 405)


def test_a_bug_is_a_500_problem_without_details(db_path):
    app = create_app({"EVACFACTS_DB": str(db_path)})

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    body = assert_problem(response, 500, "could not complete")
    assert "secret" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    assert set(body) == {"type", "title", "status", "detail", "instance"}


@pytest.mark.parametrize("status", [400, 401, 403, 409, 413, 429, 501, 503])
def test_every_http_error_is_a_problem(db_path, status):
    from flask import abort

    app = create_app({"EVACFACTS_DB": str(db_path)})

    @app.route("/fail")
    def fail():
        abort(status)

    response = app.test_client().get("/fail")
    body = assert_problem(response, status)
    assert body["detail"] and body["instance"] == "/fail"
    assert "<html" not in response.get_data(as_text=True).lower()


def test_health(client, monkeypatch):
    body = client.get("/health").json
    assert body == {"status": "ok",
                    "counts": {"sources": 2, "claims": 5, "actors": 3, "locations": 5}}

    def broken(_db):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "counts", broken)
    assert_problem(client.get("/health"), 503, "disk I/O error")


def test_database_comes_from_evacfacts_db(tmp_path, monkeypatch):
    monkeypatch.setenv("EVACFACTS_DB", str(tmp_path / "env" / "api.web.db"))
    client = create_app().test_client()
    assert client.get("/v1/claims").json["total"] == 0
    assert (tmp_path / "env" / "api.web.db").exists()


def test_reloading_keeps_ids_stable(tmp_path, reports_dir, gazetteer, client):
    from api.load.batch import load_paths
    from tests.conftest import fake_extract

    db = store.connect(tmp_path / "again.db")
    list(load_paths(db, sorted(reports_dir.glob("*.txt")), fake_extract, gazetteer=gazetteer))
    again = create_app({"EVACFACTS_DB": str(tmp_path / "again.db")}).test_client()
    for path in ("/v1/claims", "/v1/sources", "/v1/actors", "/v1/locations"):
        assert [i["id"] for i in again.get(path).json["items"]] == [
            i["id"] for i in client.get(path).json["items"]]
