"""Extraction into claims files, in this process or across a Dask cluster.

The corpus is cut into partitions of consecutive reports; each partition is
one task that extracts its reports and writes `part-<n>.jsonl`
(`api.load.claims_files.write_partition`). Run here, the tasks run one after
the other; given a scheduler (`tcp://host:port`), they are Dask futures on
its workers, which must see the report paths and the output directory (a
shared file system) and have evacfacts installed. The partition files are
the same bytes either way.

Dask, not a pool of our own, because what a cluster needs is already there:
workers that join and leave, a task re-run on another worker when its worker
dies (a partition file is written whole under a temporary name, so a re-run
leaves exactly one copy), and a dashboard. `dask[distributed]` is the optional
`cluster` extra: nothing else imports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from api.load.claims_files import PART_GLOB, partitions, write_partition
from api.load.prepare import Extractor
from api.reference import actors as actor_registry
from api.reference import gazetteer as place_names

#: Reports per partition (one task, one file): big enough that a task's overhead is
#: small, small enough that a lost worker costs little to redo.
PARTITION_SIZE = 200
#: Times a task that raised is tried again (a worker lost mid-task does not count).
TASK_RETRIES = 2


def extract_partition(out: str, index: int, paths: list[str], extract: Extractor) -> dict:
    """One task: extract `paths` into partition `index` of `out`, with the reference
    data of the process it runs in (built once per worker)."""
    return write_partition(Path(out), index, map(Path, paths), extract,
                           place_names.gazetteer(), actor_registry.actors())


def extract_to_claims_files(
    paths: list[Path], out: Path, extract: Extractor, *, scheduler: str | None = None,
    partition_size: int = PARTITION_SIZE,
) -> Iterator[dict]:
    """Extract every report into claims files under `out` (created; it must hold no
    partition files yet), yielding each partition's summary as it is written: in order
    here, as they finish on a cluster."""
    out.mkdir(parents=True, exist_ok=True)
    if any(out.glob(PART_GLOB)):
        raise FileExistsError(f"{out} already holds claims files; give an empty directory")
    parts = [[str(path) for path in part] for part in partitions(paths, partition_size)]
    try:
        if scheduler is None:
            for index, part in enumerate(parts):
                yield extract_partition(str(out), index, part, extract)
            return
        yield from _on_cluster(scheduler, str(out), parts, extract)
    finally:
        for partial in out.glob(".part-*.tmp"):  # left by a worker lost mid-write
            partial.unlink(missing_ok=True)


def _on_cluster(scheduler: str, out: str, parts: list[list[str]],
                extract: Extractor) -> Iterator[dict]:
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        futures = client.map(extract_partition, [out] * len(parts), range(len(parts)), parts,
                             [extract] * len(parts), pure=False, retries=TASK_RETRIES)
        for future in as_completed(futures):
            yield future.result()
