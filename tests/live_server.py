"""A real server for the tests that need one: gunicorn with `gunicorn.conf.py`, as served,
or the app in a thread of the test's own process when one worker is enough.

The Flask test client runs one request at a time in the test's own process;
what several worker processes do to one database file (the write lock, WAL,
the response caches) shows only with a real multi-worker server. Also used by
`bench/soak.py`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def threaded(app) -> Iterator[str]:
    """Serve a WSGI `app` over HTTP on a free 127.0.0.1 port, in a thread, until the block
    ends; yields the base URL (for clients that need a real socket: browsers, generated
    SDKs, fuzzers)."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(db: Path, *, workers: int = 2, env: dict[str, str] | None = None,
             ) -> Iterator[str]:
    """Serve `db` with gunicorn (`gunicorn.conf.py`, `workers` workers) until the block ends;
    yields the base URL once `/health` answers."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "api.web.app:create_app()"]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log,
                                start_new_session=True,
                                env={**os.environ, "EVACFACTS_DB": str(db), **(env or {})})
        try:
            yield _started(proc, f"http://127.0.0.1:{port}", log)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _started(proc: subprocess.Popen, base: str, log) -> str:
    """`base` once `/health` answers; the server's log in the error if it never does."""
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/health", timeout=10).read()
            return base
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"gunicorn did not start: {log.read()[-3000:]!r}") from None
            time.sleep(0.1)
