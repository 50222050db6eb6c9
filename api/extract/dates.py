"""When a report was written, read from its own text: its date and, in a live blog,
each entry's time.

A figure that grows across reports (951, then about 1,000, then some 3,000) is
not a conflict; telling the two apart needs each claim's time. Two pieces of
evidence are used, both from the report's own text:

- the publication date: a dateline (`publication_date`), else the
  latest date of an embedded post's sign-off ("— ICRC (@ICRC) December 15,
  2016"): a report cannot predate what it embeds, so that date is a lower bound
  and is recorded as such (`published_basis = "embed"`);
- a live blog's entry time stamp ("3:47 pm"), found by the extractor's
  segmenter (`api.extract.segment`), normalised to 24-hour `HH:MM`. Time zones
  are not converted: entries of one blog share one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import datetime

from api.extract.segment import segment

_SIGN_OFF = re.compile(
    r"^\s*[—–-]{1,2}\s*.{0,80}?\(@\w+\)\s*(?P<date>[A-Z][a-z]+\.? \d{1,2},? \d{4})\s*$",
    re.MULTILINE,
)
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap])?\.?\s?m?\.?", re.IGNORECASE
)


_TIME_LINE = re.compile(r"^\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*$", re.IGNORECASE | re.MULTILINE)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:published|updated|posted|last updated)\s*(?:on)?\s*:?\s*)?"
    r"(?:[A-Z][a-z]+day,?\s+)?(?P<date>[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+\.? \d{4}"
    r"|\d{4}-\d{2}-\d{2})\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")


def publication_date(text: str) -> str | None:
    """ISO date of a dateline (a line that is only a date, maybe "Published ..."), if any."""
    for match in _DATE_LINE.finditer(text[:3000]):
        raw = match.group("date").replace(",", "").replace(".", "")
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(raw, fmt).date().isoformat()
            except ValueError:
                continue
    return None


def is_live_blog(text: str) -> bool:
    """Whether the text reads as a live blog: at least two lines that are only a clock time."""
    return len(_TIME_LINE.findall(text)) >= 2


def embedded_date(text: str) -> str | None:
    """The latest ISO date among embedded posts' sign-off lines, if any."""
    dates = []
    for match in _SIGN_OFF.finditer(text):
        raw = match.group("date").replace(",", "").replace(".", "")
        for fmt in ("%B %d %Y", "%b %d %Y"):
            try:
                dates.append(datetime.strptime(raw, fmt).date().isoformat())
                break
            except ValueError:
                continue
    return max(dates, default=None)


def clock(stamp: str) -> str | None:
    """'3:47 pm' -> '15:47', '12:07 GMT' -> '12:07', '9 pm' -> '21:00'; None if no time."""
    stamp = re.sub(r"^\s*updated:?\s*", "", stamp, flags=re.IGNORECASE)
    stamp = re.sub(r"^[A-Za-z]+\.?\s+\d{1,2},?\s+", "", stamp)  # "Dec 15, 3:47 pm"
    match = _CLOCK.match(stamp)
    if not match or (match.group("m") is None and not match.group("ampm")):
        return None
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    ampm = (match.group("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def entry_times(text: str) -> Callable[[int], str | None]:
    """A function: character offset -> the `HH:MM` of the live-blog entry holding it.

    Offsets outside any timed entry (an article, a blog's introduction) give None.
    """
    doc = segment(text)
    if not doc.live_blog:
        return lambda _offset: None
    starts = [s.start for s in doc.sentences]
    times = [clock(doc.entry_times[s.entry]) if s.entry in doc.entry_times else None
             for s in doc.sentences]

    def at(offset: int) -> str | None:
        i = bisect.bisect_right(starts, offset) - 1
        return times[i] if i >= 0 else None

    return at
