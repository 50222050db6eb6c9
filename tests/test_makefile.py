"""`make serve` installs only what serving needs and loads only the reports it is given;
`make test` installs the dev extras. Checked with `make -n` (what would run) on a venv
that does not exist yet, as on a fresh clone."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")


def planned(tmp_path, target: str, **variables: str) -> str:
    args = [f"{k}={v}" for k, v in {"VENV": str(tmp_path / "venv"), **variables}.items()]
    result = subprocess.run(["make", "-n", target, *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_serve_installs_the_package_without_the_dev_extras(tmp_path):
    out = planned(tmp_path, "serve")
    assert "pip install --quiet -e .\n" in out
    assert "[dev]" not in out
    assert "gunicorn -c gunicorn.conf.py" in out


def test_test_installs_the_dev_extras(tmp_path):
    assert "pip install --quiet -e '.[dev,cluster]'" in planned(tmp_path, "test")


def test_serve_loads_the_seeds_into_the_default_database_only(tmp_path):
    assert "evacfacts load seeds/reports --db data/evacfacts.db" in planned(tmp_path, "serve")
    own = planned(tmp_path, "serve", EVACFACTS_DB=str(tmp_path / "own.db"))
    assert "evacfacts load" not in own and "seeds/reports" not in own


def test_serve_loads_the_reports_it_is_given_into_your_database(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("Officials said 300 people were evacuated.")
    out = planned(tmp_path, "serve", EVACFACTS_DB=str(tmp_path / "own.db"),
                  REPORTS=str(reports))
    assert f"evacfacts load {reports} --db {tmp_path / 'own.db'}" in out
