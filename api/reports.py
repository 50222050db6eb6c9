"""What a report is, before any claim is read from it: its text, id, title, kind, date.

Kept apart from the loader so the rules for a report's metadata (and how its
file is read, which fixes the offsets) live in one small module.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from datetime import datetime
from pathlib import Path

from api import decoding
from api.config import max_report_bytes
from api.decoding import Decoded, ReportError
from api.timeline import embedded_date

_TIME_LINE = re.compile(r"^\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*$", re.IGNORECASE | re.MULTILINE)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:published|updated|posted|last updated)\s*(?:on)?\s*:?\s*)?"
    r"(?:[A-Z][a-z]+day,?\s+)?(?P<date>[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+\.? \d{4}"
    r"|\d{4}-\d{2}-\d{2})\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")


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


def source_row(path: Path, text: str, encoding: str | None = None) -> dict:
    """The `sources` row for a report: title, kind, word count, hash, date and the
    encoding its file was read in (None when not read from bytes here).

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
        "encoding": encoding,
    }


def content_hash(text: str) -> str:
    """SHA-256 of the text: an unchanged report is skipped without extracting it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_report(path: Path) -> str:
    """A report file's text as the extractor reads it (see `decode_report`).

    Offsets index into this string, so `evacfacts extract` and `evacfacts load`
    both read through here.
    """
    return read_report_with_encoding(path).text


def read_report_with_encoding(path: Path) -> Decoded:
    """A report file's text and the encoding it was read in.

    A file over `EVACFACTS_MAX_REPORT_BYTES` is refused as too large from its
    size, before it is read (at most the limit + 1 bytes ever are, should it
    grow), so a 50 MB file costs no memory; a FIFO or device is refused as not
    a regular file. A dangling symbolic link says so rather than "No such file".
    """
    limit = max_report_bytes()
    try:  # non-blocking, so that a FIFO named like a report cannot hang the load
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        if path.is_symlink():
            raise ReportError(f"broken symbolic link to {os.readlink(path)}") from None
        raise
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReportError("not a regular file")
        if info.st_size > limit:
            raise ReportError(_too_large(info.st_size, limit))
        data = file.read(limit + 1)
    if len(data) > limit:  # grew since it was opened
        raise ReportError(_too_large(len(data), limit))
    return decoding.decode(data)


def decode_report(data: bytes) -> str:
    """A report's bytes as text (see `decode_report_with_encoding`)."""
    return decode_report_with_encoding(data).text


def decode_report_with_encoding(data: bytes) -> Decoded:
    """A report's bytes as text, with the encoding used: UTF-8 (a byte-order mark
    dropped), UTF-16 or UTF-32 with a byte-order mark, else a legacy encoding
    detected among `api.decoding.LEGACY_ENCODINGS`.

    The one decoder for files (`read_report`) and submitted bodies
    (`POST /v1/sources`), so both give the same text and offsets. Binary
    data (NUL bytes, e.g. an image), text in no known encoding and oversized
    data are refused with a clear reason (`ReportError`).
    """
    limit = max_report_bytes()
    if len(data) > limit:
        raise ReportError(_too_large(len(data), limit))
    return decoding.decode(data)


def _too_large(size: int, limit: int) -> str:
    return f"too large: {size} bytes, the limit is {limit} (EVACFACTS_MAX_REPORT_BYTES)"
