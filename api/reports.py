"""What a report is, before any claim is read from it: its files, id, title, kind, date.

Kept apart from the loader so the rules for a report's metadata (and how its
file is read, which fixes the offsets) live in one small module.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from api.config import max_report_bytes
from api.timeline import embedded_date

_TIME_LINE = re.compile(r"^\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*$", re.IGNORECASE | re.MULTILINE)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:published|updated|posted|last updated)\s*(?:on)?\s*:?\s*)?"
    r"(?:[A-Z][a-z]+day,?\s+)?(?P<date>[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+\.? \d{4}"
    r"|\d{4}-\d{2}-\d{2})\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")


def report_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories to the `*.txt` reports under them, sorted; keep files as given.

    The same walk as `evacfacts extract`, so both commands see the same reports.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(f for f in p.rglob("*.txt") if f.is_file()) if p.is_dir() else [p])
    return out


def source_id_for(path: Path) -> str:
    """Stable source id: the file name without extension, made URL-safe.

    Keyed on the name (not the content hash) so that an edited report
    replaces its own claims instead of becoming a second source.
    """
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-") or "source"


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


def source_row(path: Path, text: str) -> dict:
    """The `sources` row for a report: title, kind, word count, hash and date.

    The date is the dateline's, else the latest embedded post's (a lower bound;
    `published_basis` says which, see `api.timeline`).
    """
    title = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
    live = "live" in title.casefold() or len(_TIME_LINE.findall(text)) >= 2
    dateline, embed = publication_date(text), embedded_date(text)
    return {
        "id": source_id_for(path),
        "name": path.name,
        "title": title,
        "kind": "live_blog" if live else "article",
        "published": dateline or embed,
        "published_basis": "dateline" if dateline else "embed" if embed else None,
        "word_count": len(text.split()),
        "content_hash": content_hash(text),
        "text": text,
    }


def content_hash(text: str) -> str:
    """SHA-256 of the text: an unchanged report is skipped without extracting it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ReportError(ValueError):
    """A report file that cannot be read as text: too large, binary or not UTF-8."""


def read_report(path: Path) -> str:
    """A report file's text as the extractor reads it (see `decode_report`).

    Offsets index into this string, so `evacfacts extract` and `evacfacts load`
    both read through here. Files over `EVACFACTS_MAX_REPORT_BYTES` are refused
    before they are read.
    """
    limit = max_report_bytes()
    size = path.stat().st_size
    if size > limit:
        raise ReportError(f"too large: {size} bytes, the limit is {limit} "
                          "(EVACFACTS_MAX_REPORT_BYTES)")
    return decode_report(path.read_bytes())


def decode_report(data: bytes) -> str:
    """A report's bytes as text: UTF-8, a byte-order mark dropped.

    The one decoder for files (`read_report`) and submitted bodies
    (`POST /v1/sources`), so both give the same text and offsets. Binary
    data (NUL bytes, e.g. an image) and oversized data are refused with a
    clear reason.
    """
    limit = max_report_bytes()
    if len(data) > limit:
        raise ReportError(f"too large: {len(data)} bytes, the limit is {limit} "
                          "(EVACFACTS_MAX_REPORT_BYTES)")
    if b"\x00" in data:
        raise ReportError("binary file (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReportError(f"not valid UTF-8 (byte {err.start})") from None
