"""Hostile report bytes: each is read exactly or refused with a clear error, never mojibake."""

from __future__ import annotations

import codecs
import os
import random

import pytest

from api.corpus.decoding import LEGACY_ENCODINGS
from api.corpus.reading import (
    ReportError,
    decode_report_with_encoding,
    read_report,
    read_report_with_encoding,
)


def _garbage(seed: int, size: int) -> bytes:
    """Random bytes without NUL: text in no encoding."""
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(size))


# --- decoding ------------------------------------------------------------------------

LEGACY = {
    "cp1252": "The mayor said \u201cabout 300 people\u201d left \u2014 at a cost of "
              "\u20ac5,000; caf\u00e9 owners fled, na\u00efve \u2018hopes\u2019\u2026\n",
    "latin_1": "Les autorit\u00e9s ont \u00e9vacu\u00e9 300 personnes; le pr\u00e9fet a "
               "d\u00e9clar\u00e9 que l'\u00e9vacuation se poursuivrait \u00e0 No\u00ebl.\n",
    "iso8859_15": "Le pr\u00e9fet a dit : 300 \u00e9vacu\u00e9s, co\u00fbt 5 000 \u20ac, "
                  "une \u0153uvre de longue haleine.\n",
    "cp1251": "\u0412\u043b\u0430\u0441\u0442\u0438 \u044d\u0432\u0430\u043a\u0443\u0438"
              "\u0440\u043e\u0432\u0430\u043b\u0438 300 \u0447\u0435\u043b\u043e\u0432\u0435"
              "\u043a \u0438\u0437 \u0433\u043e\u0440\u043e\u0434\u0430, \u0441\u043e\u043e"
              "\u0431\u0449\u0438\u043b \u043c\u044d\u0440.\n",
    "cp1253": "\u039f\u03b9 \u03b1\u03c1\u03c7\u03ad\u03c2 \u03b5\u03ba\u03ba\u03ad\u03bd"
              "\u03c9\u03c3\u03b1\u03bd 300 \u03ac\u03c4\u03bf\u03bc\u03b1 \u03b1\u03c0\u03cc "
              "\u03c4\u03b7\u03bd \u03c0\u03cc\u03bb\u03b7.\n",
    "iso8859_7": "\u0386\u03b8\u03b7\u03bd\u03b1: \u039f\u03b9 \u03b1\u03c1\u03c7\u03ad\u03c2 "
                 "\u03b5\u03ba\u03ba\u03ad\u03bd\u03c9\u03c3\u03b1\u03bd 300 \u03ac\u03c4"
                 "\u03bf\u03bc\u03b1.\n",
    "cp1256": "\u0642\u0627\u0644\u062a \u0627\u0644\u0633\u0644\u0637\u0627\u062a \u0625"
              "\u0646\u0647\u0627 \u0623\u062c\u0644\u062a 300 \u0634\u062e\u0635 \u0645\u0646 "
              "\u0627\u0644\u0645\u062f\u064a\u0646\u0629.\n",
}
LEGACY["koi8_r"] = LEGACY["cp1251"]


@pytest.mark.parametrize("encoding", sorted(LEGACY))
def test_legacy_encodings_are_detected_not_mangled(encoding):
    text = LEGACY[encoding]
    decoded = decode_report_with_encoding(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == ("cp1252" if encoding == "latin_1" else encoding)
    assert decoded.encoding in LEGACY_ENCODINGS


def test_windows_1252_file_is_read_exactly(tmp_path):
    path = tmp_path / "w.txt"
    path.write_bytes(LEGACY["cp1252"].encode("cp1252"))
    assert read_report(path) == LEGACY["cp1252"]
    assert read_report_with_encoding(path).encoding == "cp1252"


def test_short_latin_1_text_is_read_as_western_not_cyrillic():
    assert decode_report_with_encoding(b"\xe9vacu\xe9s 300").text == "évacués 300"


def test_utf8_wins_over_any_legacy_reading():
    text = "Café — 300 évacués, l’évacuation\n"
    assert decode_report_with_encoding(text.encode()).encoding == "utf-8"
    assert decode_report_with_encoding(text.encode()).text == text  # not "CafÃ©"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark(codec):
    bom = "\ufeff".encode(codec)
    decoded = decode_report_with_encoding(bom + LEGACY["cp1252"].encode(codec))
    assert decoded == decode_report_with_encoding(LEGACY["cp1252"].encode("utf-16"))
    assert decoded.text == LEGACY["cp1252"] and decoded.encoding == "utf-16"


def test_a_stray_byte_order_mark_before_ascii_is_refused_not_read_as_cjk():
    with pytest.raises(ReportError, match="UTF-16 byte-order mark but is not UTF-16 text"):
        # would decode to six CJK characters
        decode_report_with_encoding(b"\xff\xfe not utf-8 \xc3")


def test_utf8_read_exactly(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_bytes("\ufeffCafé — 300 évacués\r\n".encode())
    assert read_report(path) == "Café — 300 évacués\r\n"


@pytest.mark.parametrize(("seed", "size"), [(1, 40), (2, 400), (3, 4000), (4, 100_000)])
def test_random_bytes_are_refused_not_mojibake(seed, size):
    with pytest.raises(ReportError, match=r"not valid UTF-8 \(byte \d+\) and not readable"):
        decode_report_with_encoding(_garbage(seed, size))


def test_utf8_with_a_corrupt_byte_is_refused_not_read_as_cp1252():
    data = ("Café — 300 évacués, l’évacuation continue. " * 5).encode() + b"\xff broken"
    with pytest.raises(ReportError, match="not valid UTF-8"):
        decode_report_with_encoding(data)


def test_utf8_marked_text_with_a_corrupt_byte_is_refused():
    with pytest.raises(ReportError, match="UTF-8 byte-order mark but is not valid UTF-8"):
        decode_report_with_encoding(
            codecs.BOM_UTF8 + "Caf\u00e9 300 ".encode() + b"\xe9vacu\xe9s")


def test_binary_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ReportError, match="binary"):
        read_report(path)


def test_too_large_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("EVACFACTS_MAX_REPORT_BYTES", "100")
    path = tmp_path / "big.txt"
    path.write_text("x" * 101)
    with pytest.raises(ReportError, match="too large"):
        read_report(path)
    with pytest.raises(ReportError, match="too large"):
        decode_report_with_encoding(b"x" * 101)


def test_a_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    with pytest.raises(ReportError, match="not a regular file"):
        read_report(path)
