"""``evacfacts extract``: JSON lines on stdout, per-file errors on stderr."""

from __future__ import annotations

import json

from click.testing import CliRunner

from api.cli import main


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_extract_files_and_directories(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    write(reports / "b.txt", "Officials said 300 people were evacuated from Derna.")
    write(reports / "a.txt", "Four buses left the camp.")
    write(reports / "notes.md", "Officials said 999 people were evacuated.")
    result = CliRunner().invoke(main, ["extract", str(reports)])
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(c["source"], c["value"]) for c in claims] == [("a.txt", 4), ("b.txt", 300)]


def test_unreadable_file_is_reported_and_the_rest_processed(tmp_path):
    good = write(tmp_path / "good.txt", "Officials said 300 people were evacuated.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not utf-8 \xc3")
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(main, ["extract", str(bad), str(good), str(missing)])
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["good.txt"]
    assert "bad.txt" in result.stderr and "UTF-16 byte-order mark" in result.stderr
    assert "missing.txt" in result.stderr and "No such file" in result.stderr


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffSome 40 villagers fled the village.".encode())
    result = CliRunner().invoke(main, ["extract", str(path)])
    claim = json.loads(result.stdout)
    assert claim["start"] == 0 and claim["text"] == "Some 40 villagers"


def test_requires_a_path():
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 2
