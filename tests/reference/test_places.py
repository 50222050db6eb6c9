"""Where places lie: the gazetteer's aliases, countries and vague place phrases."""

from __future__ import annotations

import pytest

from api.reference import areas
from api.reference.gazetteer import Gazetteer


def test_countries_are_pinned_at_their_capital_and_aliases_resolve():
    gaz = Gazetteer(places_file=None)
    syria = gaz.resolve("Syria")[0]
    assert syria["kind"] == "country"
    assert (syria["lat"], syria["lon"]) == pytest.approx((33.51, 36.29), abs=0.05)  # Damascus
    assert gaz.resolve("UK")[0]["name"] == "United Kingdom"
    assert [r["id"] for r in gaz.resolve("Ohio")] == ["ohio", "united-states"]


def test_descriptive_phrase_lies_inside_the_reports_main_place(gazetteer):
    context = areas.main_place([gazetteer.resolve("East Aleppo"), gazetteer.resolve("Aleppo"),
                                gazetteer.resolve("Idlib")])
    assert context[0]["id"] == "aleppo"  # East Aleppo also counts for Aleppo
    chain = areas.locate("the rebel-held area of the city", gazetteer.resolve, context)
    assert chain[0]["id"] == "aleppo--the-rebel-held-area-of-the-city"
    assert (chain[0]["kind"], chain[0]["parent_id"]) == ("area", "aleppo")
    assert chain[0]["lat"] == pytest.approx(36.2, abs=0.1)
    assert [r["id"] for r in chain[1:]] == ["aleppo", "syria"]


def test_phrase_naming_a_place_lies_inside_that_place(gazetteer):
    chain = areas.locate("former opposition territory in eastern Aleppo", gazetteer.resolve,
                         None)
    assert chain[0]["parent_id"] == "east-aleppo"


def test_unknown_proper_name_stays_bare(gazetteer):
    context = areas.main_place([gazetteer.resolve("Aleppo")])
    chain = areas.locate("Madaya", gazetteer.resolve, context)
    assert chain == [{"id": "madaya", "name": "Madaya", "kind": None, "parent_id": None,
                      "lat": None, "lon": None, "aliases": []}]


def test_gazetteer_maps_aliases_to_canonical_names(gazetteer):
    assert gazetteer.resolve("eastern Aleppo")[0]["name"] == "East Aleppo"
    assert [r["id"] for r in gazetteer.resolve("East Aleppo")] == [
        "east-aleppo", "aleppo", "syria"]
