"""Schemathesis from outside, as a client team runs it: `schemathesis run --checks all`.

The service runs as a real HTTP server (in a thread) on a copy of the seeds
database with one write key; the `schemathesis` command, in its own process,
reads `/openapi.json` from it and runs every phase (the document's examples,
coverage of each parameter's edge values, fuzzing of valid and invalid
requests in every documented media type, and stateful sequences following
the links it infers: post, read back, delete, read again) with every check
and the key as a bearer header. Nothing bends its requests: every request
the document allows must be answered as documented, every request it forbids
refused. Posted texts go through the real extractor.

Bounded for CI: few examples per operation, one worker and a fixed seed, so a
run is the same every time. Response time is not judged here (speed is
measured in bench/, on a quiet machine): the limit is raised well above what
a loaded CI machine may need, so only a hung request fails.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from api.web.app import create_app
from tests.conftest import copy_database
from tests.live_server import threaded

KEY = "schemathesis-write-key"
EXAMPLES = 10
SEED = 20261203


@pytest.fixture
def server(tmp_path, seed_load):
    db = copy_database(seed_load.path, tmp_path / "seeds.db")
    app = create_app({"EVACFACTS_DB": str(db), "EVACFACTS_API_KEYS": [KEY]})
    with threaded(app) as base:
        yield base


def test_schemathesis_run_with_every_check_finds_nothing(server, tmp_path):
    command = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("schemathesis is not installed; `make test` installs it")
    run = subprocess.run(
        [command, "run", f"{server}/openapi.json", "--checks", "all",
         "--header", f"Authorization: Bearer {KEY}",
         "--max-examples", str(EXAMPLES), "--seed", str(SEED), "--workers", "1",
         "--max-response-time", "60", "--generation-database", "none", "--no-color"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600)
    report = run.stdout + run.stderr
    assert run.returncode == 0, report[-6000:]
    assert "19 selected / 19 total" in report and "Stateful" in report, report[-3000:]
