"""When a claim was reported, as one sortable string: a figure's timeline is in this order.

A figure that grows across reports (951, then about 1,000, then some 3,000) is
not a conflict; telling the two apart needs each claim's time, which the
loader stores from the report's own text (`api.extract.dates`).
"""

from __future__ import annotations


def reported(published: str | None, entry_time: str | None) -> str | None:
    """ISO date, or date and time, of a claim's report; None when the date is unknown."""
    if published is None:
        return None
    return f"{published}T{entry_time}" if entry_time else published
