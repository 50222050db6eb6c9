"""`evacfacts load` killed with SIGKILL mid-batch leaves no report half in, and a rerun
ends with exactly the claims of a clean load."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

CLI = [sys.executable, "-c", "from api.cli import main; main()"]


def _batch(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i:04d}.txt").write_text(
            f"Report {i}\n\nOfficials said {100 + i} people were evacuated from Aleppo. "
            f"A further {i + 3} buses left on Monday, the Red Cross said.\n" * 3)


def _claims(db: Path) -> set[tuple]:
    with sqlite3.connect(db) as con:
        return set(con.execute("SELECT id, source_id, quantity, value, start FROM claims"))


def _children(pid: int) -> list[int]:
    """The pids of a process's children (Linux: /proc)."""
    tasks = Path(f"/proc/{pid}/task")
    return [int(c) for t in tasks.iterdir() for c in (t / "children").read_text().split()]


def _wait_gone(pids: list[int], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while (alive := [p for p in pids if Path(f"/proc/{p}").exists()
                     and "Z" not in _state(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive, f"workers still running after the loader was killed: {alive}"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return "Z"


def test_sigkill_mid_load_then_rerun_equals_clean_load(tmp_path):
    reports = tmp_path / "reports"
    _batch(reports, 400)
    clean, crashed = tmp_path / "clean.db", tmp_path / "crashed.db"
    subprocess.run([*CLI, "load", str(reports), "--db", str(clean)], check=True,
                   capture_output=True)
    proc = subprocess.Popen([*CLI, "load", str(reports), "--db", str(crashed), "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    loaded = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if crashed.exists():
            try:
                with sqlite3.connect(crashed, timeout=5) as con:
                    loaded = con.execute("SELECT count(*) FROM sources").fetchone()[0]
            except sqlite3.OperationalError:
                loaded = 0
        if loaded >= 20:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the load finished before it could be killed"
    workers = _children(proc.pid)
    assert workers, "the load runs its extraction in worker processes"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _wait_gone(workers)  # its extraction workers do not outlive it

    with sqlite3.connect(crashed) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = {r[0] for r in con.execute("SELECT id FROM sources")}
    assert 20 <= len(partial) < 400
    clean_claims = _claims(clean)
    assert len(clean_claims) >= 400
    # every source that is in has all of its claims, no more, no less
    assert _claims(crashed) == {c for c in clean_claims if c[1] in partial}

    subprocess.run([*CLI, "load", str(reports), "--db", str(crashed)], check=True,
                   capture_output=True)
    assert _claims(crashed) == clean_claims
