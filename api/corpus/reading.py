"""A report file's bytes as text: read bounded and non-blocking, then decoded.

`evacfacts extract`, `evacfacts load` and `POST /v1/sources` all read through
here, so a report has the same text, and so the same offsets, whichever way it
came in.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from api.config import max_report_bytes
from api.corpus import decoding
from api.corpus.decoding import Decoded, ReportError


def read_report(path: Path) -> str:
    """A report file's text as the extractor reads it (see `decode_report_with_encoding`).

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




def decode_report_with_encoding(data: bytes) -> Decoded:
    """A report's bytes as text, with the encoding used: UTF-8 (a byte-order mark
    dropped), UTF-16 or UTF-32 with a byte-order mark, else a legacy encoding
    detected among `api.corpus.decoding.LEGACY_ENCODINGS`.

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
