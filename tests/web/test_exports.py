"""Whole lists (`per_page=all`): every item, filtered as the pages are, streamed, flat CSV.

Run on the real seeds (47 claims, 28 figures), so an export is checked against what
paging through the JSON pages gives.
"""

from __future__ import annotations

import csv
import io

import geojson
import pytest

from api.web.formats import flatten

CSV_ACCEPT = {"Accept": "text/csv"}
GEO_ACCEPT = {"Accept": "application/geo+json"}


@pytest.fixture
def database(seed_db):
    return seed_db


def _paged(client, path: str, **query) -> list[dict]:
    """Every item of a list, by following its pages of 3."""
    items, url = [], path
    params = {**query, "per_page": 3}
    while url:
        body = client.get(url, query_string=params).json
        items += body["items"]
        url, params = body["links"]["next"], None
    return items


def _csv(response) -> list[dict]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


@pytest.mark.parametrize("query", [{}, {"quantity": "evacuees"}, {"location": "Aleppo"},
                                   {"q": "buses", "sort": "-value"}, {"actor": "nobody"}])
def test_claims_csv_of_all_is_every_page_filtered_the_same(client, query):
    paged = _paged(client, "/v1/claims", **query)
    response = client.get("/v1/claims", query_string={**query, "per_page": "all"},
                          headers=CSV_ACCEPT)
    assert response.is_streamed and "ETag" not in response.headers
    rows = _csv(response)
    assert rows == [flatten(i) for i in paged]
    assert response.headers["X-Total-Count"] == str(len(paged))
    if not paged:  # no claim: the header still names the columns
        assert response.get_data(as_text=True).startswith("id,source_id,source_file,")


def test_claims_json_of_all_is_one_page_of_everything(client):
    body = client.get("/v1/claims?per_page=all&quantity=evacuees").json
    paged = _paged(client, "/v1/claims", quantity="evacuees")
    assert body["items"] == paged
    assert (body["total"], body["page"], body["pages"], body["per_page"]) == (
        len(paged), 1, 1, len(paged))
    assert body["links"]["next"] is None and body["links"]["prev"] is None


def test_all_after_a_claim_is_the_rest_and_a_later_page_of_all_is_empty(client):
    paged = _paged(client, "/v1/claims")
    rest = client.get("/v1/claims", query_string={"per_page": "all", "after": paged[9]["id"]})
    assert rest.json["items"] == paged[10:]
    assert client.get("/v1/claims?per_page=all&page=2").json["items"] == []


def test_nested_claim_lists_export_whole(client):
    source = client.get("/v1/sources").json["items"][0]
    rows = _csv(client.get(source["links"]["claims"] + "?per_page=all", headers=CSV_ACCEPT))
    assert len(rows) == source["claim_count"] > 0


@pytest.mark.parametrize("path", ["/v1/sources", "/v1/actors", "/v1/locations",
                                  "/v1/quantities", "/v1/figures"])
def test_every_list_exports_whole_as_json_and_csv(client, path):
    paged = _paged(client, path)
    assert len(paged) > 3  # more than one page
    body = client.get(f"{path}?per_page=all").json
    assert body["items"] == paged and body["total"] == len(paged)
    rows = _csv(client.get(f"{path}?per_page=all", headers=CSV_ACCEPT))
    assert rows
    for row in rows:  # flat: no JSON in any cell
        assert not any(cell.startswith(("[", "{")) for cell in row.values()), row


@pytest.mark.parametrize("path", ["/v1/locations", "/v1/figures"])
def test_geojson_of_all_has_every_feature(client, path):
    total = client.get(f"{path}?per_page=3").json["total"]
    assert total > 3
    response = client.get(f"{path}?per_page=all", headers=GEO_ACCEPT)
    assert response.mimetype == "application/geo+json"
    collection = geojson.loads(response.get_data(as_text=True))
    assert collection.is_valid, collection.errors()
    assert len(collection["features"]) == total


def test_figures_csv_is_one_row_per_value_with_flat_columns(client):
    figures = client.get("/v1/figures?per_page=all").json["items"]
    for response in (client.get("/v1/figures?per_page=all", headers=CSV_ACCEPT),
                     client.get("/v1/figures?per_page=100&format=csv")):
        rows = _csv(response)
        assert len(rows) == sum(len(f["values"]) for f in figures)
        fighters = [r for r in rows if r["quantity"] == "evacuees" and r["group"] == "fighters"]
        assert {r["value.value"] for r in fighters} == {"4000", "5000"}
        assert {"id", "verdict", "place.name", "value.qualifier", "value.sources.name",
                "value.actors.name", "sources.id"} <= set(rows[0])
        assert not any(k.startswith("timeline") for k in rows[0])


@pytest.mark.parametrize("value", ["0", "101", "al", "-1", "ALL"])
def test_per_page_is_a_size_up_to_100_or_all(client, value):
    response = client.get("/v1/claims", query_string={"per_page": value})
    assert response.status_code == 422 and "per_page" in response.json["detail"]
