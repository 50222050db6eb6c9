"""Hostile report files: each gets a clear error or is read correctly, the rest of the batch
still loads, and nothing is half-written."""

from __future__ import annotations

import codecs
import os
import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from api import cli, store
from api.cli import main, run_load
from api.corpus.decoding import LEGACY_ENCODINGS
from api.corpus.reading import (
    ReportError,
    decode_report_with_encoding,
    read_report,
    read_report_with_encoding,
)
from api.load.validation import validate_claims
from tests.conftest import fake_extract

GOOD = "Officials said 300 people were evacuated from the town on Monday.\n"


def _garbage(seed: int, size: int) -> bytes:
    """Random bytes without NUL: text in no encoding."""
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(size))


def _load(*args: str) -> tuple[int, str]:
    """`evacfacts load ARGS -j 1` (in process, the real extractor and `seeds/`): exit
    status and what it printed."""
    result = CliRunner().invoke(main, ["load", *args, "-j", "1"])
    return result.exit_code, result.output


def assert_consistent(db_path: Path, extract=fake_extract) -> set[str]:
    """`integrity_check` is ok and every source has exactly the claims of its text; the
    ids of the sources loaded."""
    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        sources = con.execute("SELECT id, name, text FROM sources").fetchall()
        for source_id, name, text in sources:
            stored = con.execute("SELECT start, end, text FROM claims WHERE source_id = ? "
                                 "ORDER BY start, end", [source_id]).fetchall()
            expected = sorted((c["start"], c["end"], c["text"])
                              for c in validate_claims(extract(text, name), text))
            assert stored == expected, source_id
    return {row[0] for row in sources}


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


# --- batches: the rest still loads, nothing half-written -----------------------------


def test_load_reports_bad_files_and_loads_the_rest(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a_good.txt").write_text(GOOD)
    (reports / "b_empty.txt").write_text("")
    (reports / "c_blank.txt").write_text("  \n\t\n")
    (reports / "d_image.txt").write_bytes(b"\x89PNG\x00\x00")
    (reports / "e_latin.txt").write_bytes(b"\xe9vacu\xe9s 300")
    (reports / "f_garbage.txt").write_bytes(_garbage(5, 3000))
    (reports / "g_cp1252.txt").write_bytes(LEGACY["cp1252"].encode("cp1252"))
    db_path = tmp_path / "x.db"
    status, output = _load(str(reports), "--db", str(db_path))
    assert status == 1
    assert "d_image.txt: ReportError: binary" in output
    assert "f_garbage.txt: ReportError: not valid UTF-8" in output
    assert "g_cp1252.txt: not UTF-8, read as cp1252" in output
    from api.extract import extract_claims

    ids = assert_consistent(db_path, extract_claims)
    assert ids == {"a_good", "b_empty", "c_blank", "e_latin", "g_cp1252"}
    db = store.connect(db_path)
    assert db["sources"].get("g_cp1252")["text"] == LEGACY["cp1252"]
    assert db["sources"].get("g_cp1252")["encoding"] == "cp1252"
    assert db["sources"].get("a_good")["encoding"] == "utf-8"


def test_a_50_mb_file_is_refused_from_its_size_and_the_rest_loads(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a_good.txt").write_text(GOOD)
    with open(reports / "b_huge.txt", "wb") as huge:  # sparse: instant, no disk used
        huge.truncate(50_000_000)
    (reports / "c_good.txt").write_text(GOOD.replace("300", "400"))
    db_path = tmp_path / "x.db"
    status, output = _load(str(reports), "--db", str(db_path))
    assert status == 1
    assert ("b_huge.txt: ReportError: too large: 50000000 bytes, the limit is 5000000 "
            "(EVACFACTS_MAX_REPORT_BYTES)") in output
    from api.extract import extract_claims

    assert assert_consistent(db_path, extract_claims) == {"a_good", "c_good"}


def _long_line() -> str:
    """A 1 MB report on one line: no paragraph or sentence break the segmenter can lean on
    beyond its own bounds, a figure every 10 kB."""
    filler = "The convoy moved slowly through the damaged streets while residents watched. "
    text = "".join(filler * 120 + f"Officials said {300 + i} people were evacuated. "
                   for i in range(120))
    return (text * 2)[:1_000_000]


BIG_INPUTS = {
    "one_line_1mb": _long_line,
    "thousands_of_numbers": lambda: "Figures\n\n" + " ".join(
        f"{i} people were evacuated, {i % 40 + 2} buses." for i in range(1, 2001)) + "\n",
    "nested_quotes": lambda: "Evacuation\n\nThe mayor said " + "\u201cthey said \u201c" * 2000
    + "300 people were evacuated" + "\u201d" * 4000 + ". " + 'He said "' * 3000
    + "40 buses left" + '"' * 3000 + ".\n",
}


@pytest.mark.parametrize("name", sorted(BIG_INPUTS))
def test_pathological_reports_load_in_bounded_time_with_consistent_rows(tmp_path, name):
    from api.extract import extract_claims

    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a_good.txt").write_text(GOOD)
    (reports / f"b_{name}.txt").write_text(BIG_INPUTS[name]())
    db_path = tmp_path / "x.db"
    status, output = _load(str(reports), "--db", str(db_path))
    assert status == 0, output
    assert assert_consistent(db_path, extract_claims) == {"a_good", f"b_{name}"}
    with sqlite3.connect(db_path) as con:
        claims = con.execute("SELECT count(*) FROM claims WHERE source_id = ?",
                             [f"b_{name}"]).fetchone()[0]
    assert claims >= 1  # read and extracted, not refused or cut off


# --- the directory walk: symbolic links ----------------------------------------------


def _linked_reports(tmp_path: Path) -> Path:
    """A folder of reports with a loop, a dangling link, a self-loop and links in and out."""
    reports = tmp_path / "reports"
    (reports / "sub").mkdir(parents=True)
    (reports / "a_good.txt").write_text(GOOD)
    (reports / "sub" / "b_good.txt").write_text(GOOD.replace("300", "400"))
    (reports / "sub" / "loop").symlink_to(reports, target_is_directory=True)
    (reports / "c_dangling.txt").symlink_to(reports / "missing.txt")
    (reports / "d_self.txt").symlink_to(reports / "d_self.txt")
    (tmp_path / "secret.txt").write_text("not a report: 900 people\n")
    (reports / "e_outside.txt").symlink_to(tmp_path / "secret.txt")
    (reports / "f_inside.txt").symlink_to(reports / "a_good.txt")
    return reports


def _assert_link_messages(output: str, reports: Path) -> None:
    assert f"skipped: {reports / 'sub' / 'loop'}: symbolic link to a directory" in output
    assert f"{reports / 'c_dangling.txt'}: ReportError: broken symbolic link" in output \
        or f"{reports / 'c_dangling.txt'}: broken symbolic link" in output
    assert "d_self.txt" in output and "Too many levels of symbolic links" in output
    assert f"skipped: {reports / 'e_outside.txt'}: symbolic link to a file outside" in output


def test_load_survives_symlink_loops_and_skips_links_out(tmp_path):
    from api.extract import extract_claims

    reports = _linked_reports(tmp_path)
    db_path = tmp_path / "x.db"
    status, output = _load(str(reports), "--db", str(db_path))
    assert status == 1  # the dangling and self-looping links are reports that failed
    _assert_link_messages(output, reports)
    assert assert_consistent(db_path, extract_claims) == {"a_good", "b_good", "f_inside"}


def test_extract_walks_the_same_way(tmp_path):
    reports = _linked_reports(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(reports)])
    assert result.exit_code == 1
    _assert_link_messages(result.output, reports)
    assert '"value": 300' in result.output and '"value": 400' in result.output
    assert '"value": 900' not in result.output


def test_extract_names_bad_file_and_goes_on(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01")
    (tmp_path / "b.txt").write_text(GOOD)
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "binary" in result.output
    assert '"value": 300' in result.output


# --- a file deleted after the listing, before it is read -----------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_deleted_mid_run_fails_alone(tmp_path, seeds, monkeypatch, capsys, jobs):
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a.txt", "b_gone.txt", "c.txt"):
        (reports / name).write_text(GOOD)
    listed = cli.walk_reports

    def list_then_delete(paths):
        walk = listed(paths)
        (reports / "b_gone.txt").unlink()
        return walk

    monkeypatch.setattr(cli, "walk_reports", list_then_delete)
    db_path = tmp_path / "x.db"
    status = run_load([str(reports)], str(db_path), fake_extract, progress=False, jobs=jobs)
    captured = capsys.readouterr()
    assert status == 1
    assert f"error: {reports / 'b_gone.txt'}: FileNotFoundError" in captured.err
    assert "No such file" in captured.err
    assert "3 reports: 2 new, 0 changed, 0 unchanged, 1 failed" in captured.out
    assert assert_consistent(db_path) == {"a", "c"}
