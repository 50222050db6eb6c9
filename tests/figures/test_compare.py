"""Comparing the values of one figure: tolerance for approximate values, growth over time."""

from __future__ import annotations

from api.figures import compare


def _claim(value, qualifier="exact", low=None, high=None, published=None, source="s"):
    return {"id": f"{source}-{value}", "source_id": source, "start": 0, "quantity": "evacuees",
            "group": "people", "status": "occurred", "value": value,
            "value_low": value if low is None else low,
            "value_high": value if high is None else high, "qualifier": qualifier,
            "published": published, "entry_time": None, "text": str(value)}


def test_approximate_values_fit_within_the_tolerance():
    assert compare.verdict([_claim(951), _claim(1000, "approximate")])[0] == "consistent"
    assert compare.verdict([_claim(4000), _claim(5000)])[0] == "conflicting"
    assert compare.verdict([_claim(17, "at_least", high=None), _claim(20)]) == (
        "consistent", None)


def test_later_larger_counts_are_growth_not_conflict():
    claims = [_claim(951, published="2016-12-15", source="a"),
              _claim(3000, "approximate", published="2016-12-16", source="b")]
    assert compare.verdict(claims) == ("consistent", "growing")
    shrinking = [_claim(3000, published="2016-12-15"), _claim(951, published="2016-12-16")]
    assert compare.verdict(shrinking) == ("conflicting", None)
    undated = [_claim(951), _claim(3000)]
    assert compare.verdict(undated) == ("conflicting", None)
