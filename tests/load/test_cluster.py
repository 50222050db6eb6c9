"""`evacfacts extract --scheduler`: extraction on a real Dask cluster, one worker lost.

A scheduler and two workers run as their own processes on 127.0.0.1 (the
`dask` command of the `cluster` extra), as on a cluster; the claims files they
write must be the bytes a serial extraction writes, even when a worker is
killed while it extracts.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.extract import extract_claims
from api.load.cluster import extract_to_claims_files
from tests.conftest import ROOT

distributed = pytest.importorskip("distributed")

DASK = Path(sys.executable).parent / "dask"
SEED_REPORTS = sorted((ROOT / "seeds" / "reports").glob("*.txt"))


def slow_extract(text: str, source: str) -> list[dict]:
    """The extractor, slowed down so that a worker can be killed mid-task."""
    time.sleep(0.4)
    return extract_claims(text, source)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """A scheduler and two single-threaded workers (no nanny: a killed worker stays dead),
    shared by this module's tests; the last one kills a worker."""
    tmp_path = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    log = (tmp_path / "dask.log").open("wb")
    common = dict(cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    scheduler = subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port",
                                  address.rsplit(":", 1)[1], "--no-dashboard"], **common)
    workers = [subprocess.Popen([str(DASK), "worker", address, "--nthreads", "1",
                                 "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
                                 "--name", f"worker-{i}"], **common) for i in range(2)]
    try:
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        yield address, workers
    finally:
        for process in [*workers, scheduler]:
            process.terminate()
        for process in [*workers, scheduler]:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


#: Reports in the corpus, and per partition (one task each).
REPORTS, PARTITION_SIZE = 12, 2


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    """The seeds, and copies of them under other names."""
    folder = tmp_path_factory.mktemp("reports")
    for i in range(REPORTS):
        shutil.copyfile(SEED_REPORTS[i % len(SEED_REPORTS)], folder / f"report-{i:02d}.txt")
    return sorted(folder.glob("*.txt"))


@pytest.fixture(scope="module")
def serial(tmp_path_factory, corpus) -> tuple[list[dict], Path]:
    """The corpus extracted here, one partition after the other: the expected output."""
    out = tmp_path_factory.mktemp("serial") / "claims"
    return list(extract_to_claims_files(corpus, out, extract_claims,
                                        partition_size=PARTITION_SIZE)), out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_cluster_writes_the_claims_files_a_serial_extraction_writes(
        tmp_path, cluster, corpus, serial):
    address, _ = cluster
    summaries, expected = serial
    on_cluster = list(extract_to_claims_files(corpus, tmp_path / "cluster", extract_claims,
                                              scheduler=address, partition_size=PARTITION_SIZE))
    assert sorted(on_cluster, key=lambda p: p["part"]) == summaries
    assert sum(p["reports"] for p in summaries) == len(corpus)
    assert _files(tmp_path / "cluster") == _files(expected)


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(tmp_path, cluster, corpus, serial):
    address, workers = cluster
    out = tmp_path / "cluster"
    done: list[dict] = []
    run = threading.Thread(target=lambda: done.extend(extract_to_claims_files(
        corpus, out, slow_extract, scheduler=address, partition_size=PARTITION_SIZE)))
    run.start()
    with distributed.Client(address) as client:
        pids = client.run(os.getpid)
        victim = None
        deadline = time.monotonic() + 60
        while victim is None and time.monotonic() < deadline:
            busy = [a for a, keys in client.processing().items() if keys]
            if list(out.glob("part-*.jsonl")) and busy:
                victim = busy[0]
            else:
                time.sleep(0.05)
        assert victim is not None, "no worker was busy once a partition was written"
        by_pid = {p.pid: p for p in workers}
        by_pid[pids[victim]].send_signal(signal.SIGKILL)
        by_pid[pids[victim]].wait(timeout=10)
    run.join(timeout=120)
    assert not run.is_alive()
    summaries, expected = serial
    assert sorted(done, key=lambda p: p["part"]) == summaries  # each partition once
    assert _files(out) == _files(expected)  # no partial file, no report lost or doubled
