"""Hostile report files: each gets a clear error or is read correctly, the rest of the batch
still loads, and nothing is half-written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from api import cli, store
from api.cli import main, run_load
from api.load.validation import validate_claims
from tests.conftest import fake_extract
from tests.corpus.test_decoding import LEGACY, _garbage

GOOD = "Officials said 300 people were evacuated from the town on Monday.\n"


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
    assert "3 reports: 2 new, 0 changed, 0 re-extracted, 0 unchanged, 1 failed" in captured.out
    assert assert_consistent(db_path) == {"a", "c"}
