"""`make load` (run by `make serve`): loads the seeds only when the database needs it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def make(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "EVACFACTS_DB": str(db)}, timeout=300)


def test_make_load_runs_when_the_database_is_missing_or_stale(tmp_path):
    if not shutil.which("make") or not (ROOT / ".venv" / "bin" / "evacfacts").exists():
        pytest.skip("needs make and the project's .venv (`make test` provides both)")
    db = tmp_path / "make.db"
    assert make("-q", "load", db=db).returncode == 1  # missing: needs loading
    first = make("load", db=db)
    assert first.returncode == 0, first.stderr
    seeds = len(list((ROOT / "seeds" / "reports").glob("*.txt")))
    assert f"{seeds} reports: {seeds} new" in first.stdout
    assert make("-q", "load", db=db).returncode == 0  # up to date: `make serve` skips it
    os.utime(db, (0, 0))  # seeds (and code) now newer than the database
    assert make("-q", "load", db=db).returncode == 1
    again = make("load", db=db)
    assert again.returncode == 0 and "0 failed" in again.stdout
