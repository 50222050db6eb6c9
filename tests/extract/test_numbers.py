"""Amounts: numbers, hedges, bounds, and the numbers that are not counts."""

from __future__ import annotations

import pytest

from api.extract.numbers import find_amounts, parse_number


def amounts(text: str) -> list[tuple[str, int, int | None, int | None, str]]:
    return [(text[a.start : a.end], a.value, a.low, a.high, a.qualifier)
            for a in find_amounts(text, 0, len(text))]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("951", 951), ("4,000", 4000), ("1.2 million", 1_200_000), ("2.5m", 2_500_000),
        ("Twenty-nine", 29), ("five thousands", 5000), ("one hundred and fifty", 150),
        ("two dozen", 24), ("a dozen", 12), ("half a million", 500_000), ("a thousand", 1000),
        ("forty thousand", 40_000), ("seventeen", 17),
    ],
)
def test_parse_number(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least 82 dead", ("at least 82", 82, 82, None, "at_least")),
        ("no fewer than 30 boats", ("no fewer than 30", 30, 30, None, "at_least")),
        ("more than 40 wounded", ("more than 40", 40, 40, None, "more_than")),
        ("over 300 people", ("over 300", 300, 300, None, "more_than")),
        ("nearly 2,000 people", ("nearly 2,000", 2000, None, 2000, "nearly")),
        ("just under 1,000 people", ("just under 1,000", 1000, None, 1000, "nearly")),
        ("as many as 200 patients", ("as many as 200", 200, None, 200, "up_to")),
        ("up to 500 people", ("up to 500", 500, None, 500, "up_to")),
        ("some 3,000 people", ("some 3,000", 3000, 3000, 3000, "approximate")),
        ("an estimated 10,000 people", ("an estimated 10,000", 10000, 10000, 10000, "approximate")),
        ("between 500 and 700 people", ("between 500 and 700", 500, 500, 700, "range")),
        ("500 to 700 people", ("500 to 700", 500, 500, 700, "range")),
        ("500-700 people", ("500-700", 500, 500, 700, "range")),
        ("two or three buses", ("two or three", 2, 2, 3, "range")),
        ("1,000-plus residents", ("1,000-plus", 1000, 1000, None, "more_than")),
        ("dozens of people", ("dozens", 24, 24, 99, "vague")),
        ("scores of people", ("scores", 40, 40, 99, "vague")),
        ("hundreds of people", ("hundreds", 200, 200, 999, "vague")),
        ("Thousands fled", ("Thousands", 2000, 2000, 9999, "vague")),
        ("tens of thousands of people", ("tens of thousands", 20000, 20000, 99999, "vague")),
        ("hundreds of thousands of people",
         ("hundreds of thousands", 200000, 200000, 999999, "vague")),
        ("millions of people", ("millions", 2000000, 2000000, 9999999, "vague")),
        ("several hundred people", ("several hundred", 200, 200, 999, "vague")),
    ],
)
def test_hedges_and_bounds(text, expected):
    assert amounts(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The convoy left at 3:47 pm on Tuesday.",
        "Talks resumed at 0400 GMT and again at 6 a.m. local time.",
        "The fire began on December 15, 2016, and on 3 March.",
        "The appeal raised $5 million and £20m.",
        "Turnout was 40% and 12 per cent.",
        "A 5-year-old girl and a 24-hour curfew.",
        "Flight 123 and Route 9 and Category 4 and magnitude 7.8.",
        "Call +44 20 7946 0958 or 555-0100 for help.",
        "See https://example.org/report/2016/12 and @ICRC_sy and #Aleppo2016.",
        "COVID-19 spread after F-16 strikes near I-95.",
        "The storm brought 12 inches of rain over 48 hours.",
    ],
)
def test_distractors_are_not_amounts(text):
    assert amounts(text) == []


def test_offsets_point_at_the_text():
    text = "Officials said about 1,200 people and 14 buses had left."
    for a in find_amounts(text, 0, len(text)):
        assert text[a.start : a.end].endswith(text[a.core_start : a.core_end])
