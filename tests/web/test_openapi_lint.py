"""The committed OpenAPI document passes Spectral (`spectral:oas`) and Redocly
(`recommended`) with no error and no warning.

The rules are the linters' own, as `.spectral.yaml` and `redocly.yaml` set
them (a rule turned off is turned off there, with its reason). The linters
are npm packages pinned by package-lock.json; `make test` installs them
(`make node_modules`) before running the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

BIN = ROOT / "node_modules" / ".bin"
#: Redocly: no telemetry, no update check (nothing leaves the machine).
QUIET = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}


def linter(name: str) -> str:
    path = BIN / name
    if not path.exists() or not shutil.which("node"):
        pytest.skip(f"{name} is not installed; `make test` installs it (make node_modules)")
    return str(path)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=180,
                          env={**os.environ, **QUIET})


def test_spectral_finds_nothing():
    result = run(linter("spectral"), "lint", "--format=json", "--quiet", "--ruleset",
                 ".spectral.yaml", "openapi.yaml")
    problems = json.loads(result.stdout or "[]")
    found = [f"{'/'.join(map(str, p['path']))}: {p['code']}: {p['message']}"
             for p in problems]
    assert found == [], "\n".join(found)


def test_redocly_finds_nothing():
    result = run(linter("redocly"), "lint", "--format=json", "--config", "redocly.yaml",
                 "openapi.yaml")
    report = json.loads(result.stdout)
    found = [f"{p['location'][0]['pointer']}: {p['ruleId']} ({p['severity']}): {p['message']}"
             for p in report["problems"]]
    assert found == [], "\n".join(found)
    assert result.returncode == 0, result.stderr
