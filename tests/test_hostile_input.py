"""Hostile report files: each gets a clear error, the rest of the batch still loads."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from api import store
from api.cli import main
from api.reports import ReportError, read_report

GOOD = "Officials said 300 people were evacuated from the town on Monday.\n"


def test_too_large_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("EVACFACTS_MAX_REPORT_BYTES", "100")
    path = tmp_path / "big.txt"
    path.write_text("x" * 101)
    with pytest.raises(ReportError, match="too large"):
        read_report(path)


def test_binary_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ReportError, match="binary"):
        read_report(path)


def test_invalid_utf8_is_refused(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"ok \xff\xfe\xfd broken")
    with pytest.raises(ReportError, match="UTF-8"):
        read_report(path)


def test_utf8_read_exactly(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_bytes("\ufeffCafé — 300 évacués\r\n".encode())
    assert read_report(path) == "Café — 300 évacués\r\n"


def test_load_reports_bad_files_and_loads_the_rest(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a_good.txt").write_text(GOOD)
    (reports / "b_empty.txt").write_text("")
    (reports / "c_blank.txt").write_text("  \n\t\n")
    (reports / "d_image.txt").write_bytes(b"\x89PNG\x00\x00")
    (reports / "e_latin.txt").write_bytes(b"\xe9vacu\xe9s 300")
    db_path = tmp_path / "x.db"
    result = CliRunner().invoke(main, ["load", str(reports), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "d_image.txt" in result.output and "binary" in result.output
    assert "e_latin.txt" in result.output and "UTF-8" in result.output
    db = store.connect(db_path)
    ids = {r["id"] for r in db.query("SELECT id FROM sources")}
    assert ids == {"a_good", "b_empty", "c_blank"}
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_extract_names_bad_file_and_goes_on(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01")
    (tmp_path / "b.txt").write_text(GOOD)
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "binary" in result.output
    assert '"value": 300' in result.output
