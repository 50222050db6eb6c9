"""A claim's report time: the report's date joined with its live-blog entry time."""

from __future__ import annotations

from api.figures.timeline import reported


def test_reported_joins_date_and_entry_time():
    assert reported("2016-12-15", "15:47") == "2016-12-15T15:47"
    assert reported("2016-12-15", None) == "2016-12-15"
    assert reported(None, "15:47") is None
