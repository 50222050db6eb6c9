"""The explorer's drawings as numbers: where each value's interval, band and marker go."""

from __future__ import annotations

import math

from api.web import charts


def value(v, qualifier="exact", low=None, high=None, text=None):
    low = v if low is None and qualifier == "exact" else low
    high = v if high is None and qualifier == "exact" else high
    return {"value": v, "value_low": low, "value_high": high, "qualifier": qualifier,
            "text": text or str(v)}


def test_at_least_17_reaches_over_20_and_the_band_is_at_20():
    bars = charts.value_bars([value(20), value(17, "at_least", low=17)])
    twenty, at_least = bars["rows"]
    assert twenty["point"] and not at_least["point"] and at_least["open"]
    assert at_least["x1"] < twenty["x1"] and at_least["x2"] > twenty["x2"]
    assert bars["common"]["x1"] <= twenty["x1"] <= bars["common"]["x2"]
    assert bars["common"]["label"] == "20"


def test_4000_and_5000_share_no_number():
    bars = charts.value_bars([value(4000), value(4000, "approximate"), value(5000)])
    exact, about, five = bars["rows"]
    assert bars["common"] is None
    assert (about["low"], about["high"]) == (3600, 4400)
    assert about["x2"] < five["x1"] and exact["x1"] < five["x1"]


def test_every_value_fits_on_the_axis():
    bars = charts.value_bars([value(951), value(1000, "approximate"), value(3000)])
    right = charts.LEFT + charts.WIDTH
    assert all(charts.LEFT <= r["x1"] <= r["x2"] <= right for r in bars["rows"])
    assert bars["ticks"][0]["label"] == "0" and bars["ticks"][-1]["x"] <= right


def test_nice_ticks_step_by_one_two_or_five():
    assert charts.nice_ticks(23) == [0, 5, 10, 15, 20]
    assert charts.nice_ticks(5750) == [0, 2000, 4000]


def test_timeline_orders_dated_claims_in_time_and_counts_the_undated():
    claims = [{**value(951), "reported": "2016-12-15T10:00", "id": "a"},
              {**value(3000, "approximate"), "reported": "2016-12-16", "id": "b"},
              {**value(20), "reported": None, "id": "c"}]
    drawn = charts.timeline(claims)
    first, second = drawn["points"]
    assert first["x"] < second["x"] and first["y"] > second["y"]  # later and higher
    assert second["y_low"] > second["y"] > second["y_high"]  # its ±10 % whisker
    assert drawn["undated"] == 1
    assert charts.timeline([claims[2]]) is None


def test_map_marks_only_located_places_and_grows_with_claims():
    places = [{"id": "aleppo", "lat": 36.2, "lon": 37.16, "claim_count": 40},
              {"id": "idlib", "lat": 35.93, "lon": 36.63, "claim_count": 1},
              {"id": "somewhere", "lat": None, "lon": None, "claim_count": 5}]
    drawn = charts.place_map(places)
    assert [m["id"] for m in drawn["markers"]] == ["aleppo", "idlib"]
    aleppo, idlib = drawn["markers"]
    assert aleppo["r"] > idlib["r"]
    assert aleppo["x"] == round(37.16 * drawn["k"], 4) and aleppo["y"] == -36.2
    x, y, width, height = map(float, drawn["box"].split())
    assert all(x < m["x"] < x + width and y < m["y"] < y + height for m in drawn["markers"])
    assert math.isclose(drawn["k"], math.cos(math.radians((36.2 + 35.93) / 2)), rel_tol=1e-5)
    assert charts.place_map(places[2:]) is None
