"""Extraction in worker processes, writing in this one: the loader's `--jobs`.

The extractor is CPU-bound pure Python (about 150 reports/s per core), so a
big load is only as fast as the cores it uses. SQLite wants a single writer,
so workers only compute rows (`api.load.prepare`) and the calling process writes
each report in its own transaction, in input order. At most `jobs * WINDOW`
reports are in flight at once, so memory stays flat however big the corpus.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from sqlite_utils import Database

from api.corpus.decoding import Decoded
from api.load import files, prepare
from api.reference.actors import Actors
from api.reference.gazetteer import Gazetteer

#: Reports queued per worker: enough to keep every worker busy, few enough to bound memory.
WINDOW = 4

_worker: dict = {}


def _init(extract: prepare.Extractor, gazetteer: Gazetteer, actors: Actors) -> None:
    """Runs once in each worker: keep the extractor and reference data for its jobs."""
    _worker.update(extract=extract, gazetteer=gazetteer, actors=actors)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """End this worker once the loader that started it is gone.

    A loader killed outright (SIGKILL, the OOM killer) cannot stop its pool,
    and a worker waiting for its next report would wait for ever: it is
    re-parented, so a changed parent pid is the sign.
    """
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _prepare(path: Path, report: Decoded) -> tuple:
    return prepare.prepare(path, report, _worker["extract"], _worker["gazetteer"],
                          _worker["actors"])


def load_paths(
    db: Database,
    paths: Iterable[Path],
    extract: prepare.Extractor,
    gazetteer: Gazetteer,
    actors: Actors,
    *,
    force: bool,
    jobs: int,
) -> Iterator[files.FileResult]:
    """`api.load.batch.load_paths` with extraction spread over `jobs` processes."""
    pending: deque[tuple[Path, str | None, Future | files.FileResult]] = deque()
    with ProcessPoolExecutor(jobs, initializer=_init,
                             initargs=(extract, gazetteer, actors)) as pool:
        for path in paths:
            pending.append(_submit(db, pool, path, force))
            while len(pending) > jobs * WINDOW:
                yield _write(db, *pending.popleft())
        while pending:
            yield _write(db, *pending.popleft())


def _submit(db: Database, pool: ProcessPoolExecutor, path: Path, force: bool):
    """Queue one report for extraction, unless it is unchanged or unreadable."""
    try:
        found = files.read_changed(db, path, force=force)
    except Exception as err:
        return path, None, files.failed(path, err)
    if isinstance(found, files.FileResult):
        return path, None, found
    report, old_hash = found
    return path, old_hash, pool.submit(_prepare, path, report)


def _write(db: Database, path: Path, old_hash: str | None, job) -> files.FileResult:
    """Write a prepared report in one transaction (or pass on a result already known)."""
    if isinstance(job, files.FileResult):
        return job
    try:
        return files.write(db, path, old_hash, job.result())
    except Exception as err:  # one bad report must not stop the others
        return files.failed(path, err)
