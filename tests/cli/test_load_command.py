"""`evacfacts load`: its summary, per-file errors, progress bar and `EVACFACTS_DB`."""

from __future__ import annotations

import sys
import types

import pytest
from click.testing import CliRunner

from api.cli import LoadRate, main, run_load
from tests.conftest import fake_extract


@pytest.fixture
def fake_ingest(monkeypatch, seeds):
    module = types.ModuleType("api.extract")
    module.extract_claims = fake_extract
    monkeypatch.setitem(sys.modules, "api.extract", module)


def test_cli_load_reports_errors_and_summary(tmp_path, reports_dir, fake_ingest):
    (reports_dir / "broken.txt").write_bytes(bytes(range(1, 256)) * 4)  # no encoding
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(main, ["load", str(reports_dir), "--db", str(db)])
    assert result.exit_code == 1
    assert "error:" in result.output and "broken.txt" in result.output
    assert "3 reports: 2 new, 0 changed, 0 re-extracted, 0 unchanged, 1 failed" in result.output
    again = CliRunner().invoke(main, ["load", str(reports_dir / "alpha.txt"), "--db", str(db)])
    assert again.exit_code == 0
    assert "1 reports: 0 new, 0 changed, 0 re-extracted, 1 unchanged, 0 failed" in again.output


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path, reports_dir, seeds, capsys):
    assert run_load([str(reports_dir)], str(tmp_path / "a.db"), fake_extract,
                      progress=True) == 0
    err = capsys.readouterr().err
    assert "Loading reports" in err
    assert run_load([str(reports_dir)], str(tmp_path / "b.db"), fake_extract) == 0
    captured = capsys.readouterr()
    assert "Loading reports" not in captured.err  # pytest's stderr is no terminal
    assert captured.out.startswith("2 reports: 2 new")


def test_cli_load_uses_evacfacts_db(tmp_path, reports_dir, fake_ingest, monkeypatch):
    monkeypatch.setenv("EVACFACTS_DB", str(tmp_path / "env.db"))
    result = CliRunner().invoke(main, ["load", str(reports_dir)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.db").exists()


def test_force_on_unchanged_reports_says_re_extracted(tmp_path, reports_dir, fake_ingest):
    db = str(tmp_path / "force.db")
    CliRunner().invoke(main, ["load", str(reports_dir), "--db", db])
    again = CliRunner().invoke(main, ["load", str(reports_dir), "--db", db, "--force"])
    assert again.exit_code == 0, again.output
    assert "2 reports: 0 new, 0 changed, 2 re-extracted, 0 unchanged, 0 failed" in again.output


def test_load_without_db_names_the_file_it_writes(tmp_path, reports_dir, fake_ingest,
                                                  monkeypatch):
    monkeypatch.delenv("EVACFACTS_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["load", str(reports_dir)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "data" / "evacfacts.db"
    assert written.exists()
    assert f"writing to {written}" in result.output and "EVACFACTS_DB" in result.output
    named = CliRunner().invoke(main, ["load", str(reports_dir), "--db", str(tmp_path / "b.db")])
    assert "writing to" not in named.output


def test_progress_shows_count_rate_and_time_left_after_a_slow_start():
    """Five seconds of start-up, then ten reports a second: 90 left take 9 s, not minutes."""
    rate = LoadRate(100)
    assert rate.describe() == "starting"
    for n in range(10):
        rate.done(5.0 + n / 10)
    assert rate.per_second() == pytest.approx(10)
    assert rate.eta_seconds() == pytest.approx(9)
    assert rate.describe() == "10.0 reports/s, 0:09 left"

