"""Figures, quantities, CSV and GeoJSON on the real seeds."""

from __future__ import annotations

import csv
import io

import geojson
import pytest

from api.web.formats import flatten


@pytest.fixture
def database(seed_db):
    """The project's seed reports, loaded with the real extractor (once per session)."""
    return seed_db


def _figure(client, **query) -> list[dict]:
    return client.get("/v1/figures", query_string={**query, "per_page": 100}).json["items"]


def test_buses_for_east_aleppo_are_consistent(client):
    (buses,) = _figure(client, quantity="buses", status="occurred", location="East Aleppo")
    assert buses["place"]["name"] == "East Aleppo"
    assert buses["verdict"] == "consistent"
    assert {(v["value"], v["qualifier"]) for v in buses["values"]} == {
        (17, "at_least"), (20, "exact")}
    assert buses["spread"] == {"min": 17, "max": 20, "ratio": pytest.approx(1.176, abs=0.001)}
    assert buses["most_attested"]["value"] == 20


def test_evacuated_fighters_conflict(client):
    (fighters,) = _figure(client, quantity="evacuees", group="fighters")
    assert fighters["verdict"] == "conflicting"
    assert {v["value"] for v in fighters["values"]} == {4000, 5000}
    detail = client.get(fighters["links"]["self"]).json
    assert len(detail["claims"]) == fighters["claim_count"] >= 3


def test_evacuees_figure_lists_values_in_report_order(client):
    (civilians,) = _figure(client, quantity="evacuees", group="civilians", status="occurred")
    detail = client.get(f"/v1/figures/{civilians['id']}").json
    timeline = detail["timeline"]
    assert {t["value"] for t in timeline} == {200, 1000, 3000}
    keys = [(t["reported"] is None, t["reported"] or "") for t in timeline]
    assert keys == sorted(keys)  # dated reports first, in date order
    assert timeline[0]["reported"] == "2016-12-15" and timeline[0]["value"] == 1000
    assert [c["id"] for c in detail["claims"]] == [t["claim_id"] for t in timeline]


def test_unknown_figure_is_a_404_problem(client):
    response = client.get("/v1/figures/buses._.occurred.atlantis")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
    assert client.get("/v1/figures/nonsense").status_code == 404


def test_every_location_a_seed_claim_names_has_coordinates(client):
    items = client.get("/v1/locations?per_page=100").json["items"]
    named = [loc for loc in items if loc["claim_count"]]
    assert named and all(loc["lat"] is not None and loc["lon"] is not None for loc in named)


@pytest.mark.parametrize("path", ["/v1/locations", "/v1/figures"])
def test_geojson_validates(client, path):
    response = client.get(path, headers={"Accept": "application/geo+json"})
    assert response.mimetype == "application/geo+json"
    collection = geojson.loads(response.get_data(as_text=True))
    assert collection.is_valid, collection.errors()
    assert collection["features"] and all(f["geometry"] for f in collection["features"])
    assert client.get(f"{path}?format=geojson").data == response.data


def test_claims_csv_round_trips_to_the_json_rows(client):
    query = {"per_page": 100}
    items = client.get("/v1/claims", query_string=query).json["items"]
    response = client.get("/v1/claims", query_string=query, headers={"Accept": "text/csv"})
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [flatten(i) for i in items]
    assert len(rows) == 47 and rows[0]["links.self"].startswith("http")
    assert client.get("/v1/claims?format=csv&per_page=100").data == response.data


def test_geojson_is_refused_where_items_have_no_place(client):
    # `format` lists only what each endpoint offers (as the OpenAPI document says): a 422.
    response = client.get("/v1/claims?format=geojson")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert "format" in response.json["detail"]


def test_quantities_count_the_vocabulary(client):
    items = client.get("/v1/quantities").json["items"]
    by_name = {i["quantity"]: i for i in items}
    assert by_name["buses"]["claim_count"] == 4
    assert by_name["evacuees"]["groups"]["fighters"] == 4
    assert by_name["missing"]["claim_count"] == 0
    assert client.get("/v1/quantities?format=csv").mimetype == "text/csv"
