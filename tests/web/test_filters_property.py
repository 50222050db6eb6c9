"""Property test: any combination of claim filters returns exactly what a naive
Python filter over all claims returns, in the requested order, across pages."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

QUANTITIES = ["evacuees", "buses", "killed", "trapped", "convoys"]
GROUPS = ["people", "civilians", "fighters", "children"]
PLACES = ["Syria", "Aleppo", "East Aleppo", "eastern Aleppo", "Idlib", "Madaya", "Atlantis"]
ACTORS = ["Reuters", "Syrian official", "ICRC", "reuters", "Nobody"]
#: The corpus's values and their neighbours, so the bounds' edges get tested.
VALUES = st.one_of(st.sampled_from([0, 19, 20, 21, 200, 951, 952, 4000, 50000, 50001]),
                   st.integers(0, 60000))

filters = st.fixed_dictionaries({}, optional={
    "quantity": st.sampled_from(QUANTITIES),
    "group": st.sampled_from(GROUPS),
    "status": st.sampled_from(["occurred", "planned"]),
    "qualifier": st.sampled_from(["exact", "at_least", "vague", "approximate"]),
    "location": st.sampled_from(PLACES),
    "actor": st.sampled_from(ACTORS),
    "source": st.sampled_from(["alpha", "beta", "gamma"]),
    "value_min": VALUES,
    "value_max": VALUES,
    "sort": st.sampled_from(["source", "-source", "value", "-value", "id", "-id"]),
    "per_page": st.integers(1, 4),
})


@pytest.fixture
def app_config():
    return {}


@pytest.fixture
def world(client):
    """The app's client, every claim, and the place and actor lookups to filter by hand."""
    claims = client.get("/v1/claims?per_page=100").json["items"]
    places = client.get("/v1/locations?per_page=100").json["items"]
    actors = client.get("/v1/actors?per_page=100").json["items"]
    return client, claims, places, actors


def expected(query: dict, claims, places, actors) -> list[str]:
    def place_ids(key: str) -> set[str]:
        match = [p for p in places if key.casefold() in
                 {p["id"], p["name"].casefold(), *(a.casefold() for a in p["aliases"])}]
        inside = {p["id"] for p in match}
        while True:
            more = {p["id"] for p in places if p["parent_id"] in inside} - inside
            if not more:
                return inside
            inside |= more

    def actor_ids(key: str) -> set[str]:
        return {a["id"] for a in actors if key.casefold() in
                {a["id"], a["name"].casefold(), *(x.casefold() for x in a["aliases"])}}

    out = []
    for c in claims:
        if any(k in query and c[k] != query[k] for k in ("quantity", "group", "status",
                                                         "qualifier")):
            continue
        if "source" in query and c["source_id"] != query["source"]:
            continue
        if "value_min" in query and c["value"] < query["value_min"]:
            continue
        if "value_max" in query and c["value"] > query["value_max"]:
            continue
        if "location" in query and not (
                {c["origin_id"], c["destination_id"], c["location_id"]}
                & place_ids(query["location"])):
            continue
        if "actor" in query and not ({c["actor_id"], c["via_id"]} & actor_ids(query["actor"])):
            continue
        out.append(c)
    sort = query.get("sort", "source")
    key = {"source": lambda c: (c["source_id"], c["start"]), "value": lambda c: c["value"],
           "id": lambda c: c["id"]}[sort.lstrip("-")]
    out.sort(key=lambda c: c["id"], reverse=sort.startswith("-"))  # the tie-breaker
    out.sort(key=key, reverse=sort.startswith("-"))
    return [c["id"] for c in out]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=filters)
def test_any_filter_combination_matches_a_naive_filter(world, query):
    client, claims, places, actors = world
    response = client.get("/v1/claims", query_string=query)
    assert response.status_code == 200
    want = expected(query, claims, places, actors)
    got, url = [], response.request.url
    while url:
        page = client.get(url).json
        assert page["total"] == len(want)
        got.extend(c["id"] for c in page["items"])
        url = page["links"]["next"]
    assert got == want
