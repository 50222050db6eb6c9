"""Read replicas (`EVACFACTS_READ_ONLY=1`): copies of one snapshot answer alike, refuse writes.

Each replica is its own app over its own copy of the snapshot, as on two
machines behind a load balancer: a client that revalidates on the other
replica must find its ETag still good, and a write sent to a replica gets the
documented 405 problem, whatever key it carries. The last test runs two real
gunicorn servers, asked with the same `Host` (as a load balancer forwards it:
the links in a body are absolute URLs, so the host is part of the answer).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from api import store
from api.web.app import create_app
from tests.conftest import ROOT

URLS = [
    "/v1/claims?per_page=2",
    "/v1/claims?quantity=evacuees&value_min=500",
    "/v1/sources/alpha/claims",
    "/v1/figures",
    "/v1/quantities",
    "/v1/locations",
]
KEY = "replica-test-key"


@pytest.fixture
def replicas(tmp_path, db_path: Path):
    """Two read-only apps, each over its own copy of one snapshot of the fake corpus."""
    snap = store.snapshot(db_path, tmp_path / "snapshot.db")
    apps = []
    for name in ("a", "b"):
        copy = shutil.copyfile(snap, tmp_path / f"replica-{name}.db")
        apps.append(create_app({"EVACFACTS_DB": str(copy), "EVACFACTS_READ_ONLY": True,
                                "EVACFACTS_API_KEYS": [KEY], "TESTING": True}))
    return [app.test_client() for app in apps]


@pytest.mark.parametrize("url", URLS)
def test_two_replicas_of_one_snapshot_give_the_same_etag_and_max_age(replicas, url):
    first, second = (client.get(url) for client in replicas)
    assert first.status_code == second.status_code == 200
    assert first.headers["ETag"] == second.headers["ETag"]
    assert first.headers["Cache-Control"] == second.headers["Cache-Control"] == \
        "public, max-age=60"
    assert first.data == second.data
    again = replicas[1].get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_replica_answers_as_the_writer_it_was_copied_from(replicas, client):
    for url in URLS:
        assert replicas[0].get(url).headers["ETag"] == client.get(url).headers["ETag"]


@pytest.mark.parametrize(("method", "url"), [("post", "/v1/sources"),
                                             ("delete", "/v1/sources/alpha")])
@pytest.mark.parametrize("key", [KEY, None])
def test_a_write_to_a_replica_gets_a_405_problem_naming_the_writer(replicas, method, url, key):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    response = getattr(replicas[0], method)(url, json={"text": "300 people left."},
                                            headers=headers)
    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert "read-only replica" in response.json["detail"]
    assert replicas[0].get("/v1/sources/alpha").status_code == 200


def test_a_replica_does_not_touch_its_file(tmp_path, replicas):
    before = (tmp_path / "replica-a.db").read_bytes()
    for url in URLS:
        replicas[0].get(url)
    assert (tmp_path / "replica-a.db").read_bytes() == before
    assert not list(tmp_path.glob("replica-a.db-*"))  # no WAL, no shared memory


def test_a_replica_refuses_to_start_without_its_file_or_on_an_older_schema(tmp_path):
    with pytest.raises(FileNotFoundError):
        create_app({"EVACFACTS_DB": str(tmp_path / "missing.db"), "EVACFACTS_READ_ONLY": True})
    old = tmp_path / "old.db"
    db = store.connect(old)
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm401_claim_confidence'")
    db.conn.commit()
    db.close()
    with pytest.raises(RuntimeError, match="lacks migrations"):
        create_app({"EVACFACTS_DB": str(old), "EVACFACTS_READ_ONLY": True})


# --- two real servers ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def servers(tmp_path, db_path: Path) -> Iterator[list[str]]:
    """Two gunicorn servers (`gunicorn.conf.py`, one worker each), each over its own copy
    of one snapshot, as two replica machines run them."""
    snap = store.snapshot(db_path, tmp_path / "snapshot.db")
    processes, urls = [], []
    for name in ("a", "b"):
        copy = shutil.copyfile(snap, tmp_path / f"server-{name}.db")
        port = _free_port()
        env = {**{k: v for k, v in os.environ.items() if k != "EVACFACTS_SEEDS"},
               "EVACFACTS_DB": str(copy), "EVACFACTS_READ_ONLY": "1",
               "EVACFACTS_API_KEYS": KEY}
        processes.append(subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"),
             "--bind", f"127.0.0.1:{port}", "--workers", "1", "api.web.app:create_app()"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
            stderr=(tmp_path / f"server-{name}.log").open("wb")))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, process in zip(urls, processes, strict=True):
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"{url}/health", timeout=2)
                    break
                except OSError:
                    assert process.poll() is None and time.monotonic() < deadline, \
                        f"{url} did not start (see its log in {tmp_path})"
                    time.sleep(0.1)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def _get(url: str, **headers: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Host": "api.example.org", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_two_read_only_servers_behind_one_host_give_the_same_etag_and_refuse_writes(servers):
    for path in URLS:
        (s1, h1, b1), (s2, h2, b2) = (_get(server + path) for server in servers)
        assert s1 == s2 == 200 and b1 == b2
        assert h1["ETag"] == h2["ETag"] and h1["Cache-Control"] == h2["Cache-Control"]
        assert _get(servers[1] + path, **{"If-None-Match": h1["ETag"]})[0] == 304
    request = urllib.request.Request(f"{servers[0]}/v1/sources", method="POST",
                                     data=b'{"text": "300 people left."}',
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {KEY}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 405
    assert refused.value.headers["Content-Type"] == "application/problem+json"
    assert "read-only replica" in refused.value.read().decode()
