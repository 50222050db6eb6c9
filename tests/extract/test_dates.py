"""When claims were reported: live-blog entry times, embedded and dateline dates."""

from __future__ import annotations

import pytest

from api.extract import dates
from api.extract.dates import clock, embedded_date, entry_times

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


@pytest.mark.parametrize(("text", "expected"), [
    ("Title\nPublished: December 15, 2016\nBody", "2016-12-15"),
    ("Title\n15 December 2016\nBody", "2016-12-15"),
    ("Title\n2016-12-13\n", "2016-12-13"),
    ("Title\nOn December 15, 2016 the buses left.\n", None),
    ("Title\nno date here\n", None),
])
def test_publication_date_comes_only_from_a_dateline(text, expected):
    assert dates.publication_date(text) == expected
