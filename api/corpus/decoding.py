"""Bytes to text for a report: UTF-8 first, UTF-16/32 by their byte-order mark, else a
legacy encoding from a short, fixed list, else a clear refusal.

Kept apart from `api.corpus.reading` because guessing an encoding is its own problem:
a wrong guess gives mojibake that the extractor would index as if it were the
report, so the guess is made only among encodings that news text actually
comes in, and refused when none of them reads as text. The generic detector
(`charset-normalizer`, which, left to choose among all codecs, read Latin-1
French as `mac_latin2`) only ranks the candidates given here, and ties go to
the earlier candidate.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

#: Legacy encodings tried, most likely first. Windows-1252 covers ISO-8859-1 text (it
#: differs only on C1 control codes, which no report contains); ISO-8859-15 is the one
#: Western alternative with other letters. Then Cyrillic, Greek and Arabic. Central
#: European (cp1250) and Turkish (cp1254) are left out on purpose: they share nearly all
#: their bytes with cp1252, and no detector tells them apart reliably on a news report.
LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "cp1251", "koi8_r", "cp1253", "iso8859_7",
                    "cp1256")

#: Highest "mess" (share of implausible characters: symbols inside words, odd case
#: changes, control codes, mixed scripts) a legacy reading may have. Real text scores
#: below 0.05 in its own encoding; random bytes score far above 0.2 in every candidate.
MAX_MESS = 0.2

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


class ReportError(ValueError):
    """A report that cannot be read as text: too large, binary, or in no known encoding."""


@dataclass(frozen=True)
class Decoded:
    """A report's text and the encoding it was read in (a Python codec name)."""

    text: str
    encoding: str


def decode(data: bytes) -> Decoded:
    """The text of a report's bytes, or `ReportError` saying why there is none."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_marked(data, encoding)
    if b"\x00" in data:
        raise ReportError("binary file (contains NUL bytes), not a text report")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as err:
        position = err.start
    if data.startswith(codecs.BOM_UTF8):  # said it was UTF-8: a legacy reading would be wrong
        raise ReportError(f"starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                          f"(byte {position})")
    legacy = detect_legacy(data)
    if legacy is None:
        raise ReportError(
            f"not valid UTF-8 (byte {position}) and not readable as text in any of "
            f"{', '.join(LEGACY_ENCODINGS)}; convert it to UTF-8")
    return legacy


def _decode_marked(data: bytes, encoding: str) -> Decoded:
    """UTF-16 or UTF-32 text announced by its byte-order mark (which the codec drops);
    refused when what follows the mark is not text in that encoding."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReportError(f"not valid {encoding.upper()} (byte {err.start})") from None
    if "\x00" in text:
        raise ReportError("binary file (contains NUL characters), not a text report")
    if text and not any(c.isascii() for c in text):
        # Even bytes after "\xff\xfe" always decode, to CJK-looking nonsense; a real
        # report has a space, a line break or a digit somewhere, in any script.
        raise ReportError(f"starts with a {encoding.upper()} byte-order mark but is not "
                          f"{encoding.upper()} text (no space, line break or digit)")
    return Decoded(text, encoding)


def detect_legacy(data: bytes) -> Decoded | None:
    """The best reading of `data` among `LEGACY_ENCODINGS`, or None if all are a mess.

    Ranked by least mess, then fewest `oddities`, then most coherent letters
    for a language of the encoding, then the order of `LEGACY_ENCODINGS`: on
    a short text with no evidence either way, Windows-1252 wins.
    """
    # Imported here: only a file that is not UTF-8 needs the detector, and importing it
    # costs every `evacfacts extract` a tenth of a second before its first report.
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS), threshold=MAX_MESS,
                         preemptive_behaviour=False)
    readings = [m for m in matches if m.encoding in LEGACY_ENCODINGS]
    if not readings:
        return None
    texts = {m.encoding: data.decode(m.encoding) for m in readings}
    best = min(readings, key=lambda m: (round(m.chaos, 3), oddities(texts[m.encoding]),
                                        -round(m.coherence, 3),
                                        LEGACY_ENCODINGS.index(m.encoding)))
    text = texts[best.encoding]
    # Name the first candidate giving the same text (cp1252 for plain Latin-1, say).
    encoding = next(e for e in LEGACY_ENCODINGS if _decodes_to(data, e, text))
    return Decoded(text, encoding)


def _odd_characters() -> str:
    """Characters some candidate decodes a byte to that real text does not glue to a word:
    symbols, fractions, superscripts, control codes, the pilcrow and section signs."""
    chars = {bytes([b]).decode(e, "ignore") for e in LEGACY_ENCODINGS for b in range(0x80, 0x100)}
    return "".join(sorted(c for c in chars if c and (
        unicodedata.category(c) in {"Sc", "Sk", "Sm", "So", "No", "Cc", "Co"}
        or c in "¶§")))


_ODD = re.escape(_odd_characters())
_ODD_IN_WORD = re.compile(rf"(?<=[^\W\d_])[{_ODD}]|[{_ODD}](?=[^\W\d_])|[\x80-\x9f¤]")


def oddities(text: str) -> int:
    """How many characters look like a wrong encoding's: an odd character touching a letter
    ("½uvre" for "œuvre", "¶θηνα" for "Άθηνα"), a C1 control code, or "¤" (ISO-8859-15's
    euro read as Latin-1). The mess score overlooks single ones like these."""
    return len(_ODD_IN_WORD.findall(text))


def _decodes_to(data: bytes, encoding: str, text: str) -> bool:
    try:
        return data.decode(encoding) == text
    except UnicodeDecodeError:
        return False
