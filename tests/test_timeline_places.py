"""When claims were reported, and where vague place phrases lie (issue 4)."""

from __future__ import annotations

import pytest

from api.extract.dates import clock, embedded_date, entry_times
from api.figures.timeline import reported
from api.reference import areas
from api.reference.gazetteer import Gazetteer

BLOG = (
    "LIVE: Storm updates\n\n"
    "Intro line before any entry said 12 people left.\n\n"
    "9:05 pm\n\n"
    "Officials said 300 people were evacuated.\n\n"
    "10.46am\n\n"
    "Some 40 buses arrived.\n"
)


@pytest.mark.parametrize(("stamp", "expected"), [
    ("3:47 pm", "15:47"), ("12:07 GMT", "12:07"), ("10.46am", "10:46"), ("9 pm", "21:00"),
    ("12:30 a.m.", "00:30"), ("Updated: 8:15", "08:15"), ("Dec 15, 3:47 pm", "15:47"),
    ("soon", None), ("25:00", None),
])
def test_clock_normalises_time_stamps(stamp, expected):
    assert clock(stamp) == expected


def test_entry_times_follow_the_live_blog_entries():
    at = entry_times(BLOG)
    assert at(BLOG.index("12 people")) is None
    assert at(BLOG.index("300 people")) == "21:05"
    assert at(BLOG.index("40 buses")) == "10:46"
    assert entry_times("An article. 300 people left.")(12) is None


def test_embedded_date_is_the_latest_sign_off():
    text = ("Intro.\n— Aid group (@aid) December 13, 2016\n"
            "— Agency (@agency) December 15, 2016\nMore text, December 20, 2016 in prose.\n")
    assert embedded_date(text) == "2016-12-15"
    assert embedded_date("No embeds, December 15, 2016.") is None


def test_reported_joins_date_and_entry_time():
    assert reported("2016-12-15", "15:47") == "2016-12-15T15:47"
    assert reported("2016-12-15", None) == "2016-12-15"
    assert reported(None, "15:47") is None


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
