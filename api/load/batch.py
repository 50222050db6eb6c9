"""Load many report files, serially or with extraction in worker processes.

This is the library call behind `evacfacts load`: it yields one `FileResult`
per file, in input order, and the caller decides what to print.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlite_utils import Database

from api.figures import tally
from api.load import parallel
from api.load.files import FileResult, failed, load_file
from api.load.prepare import Extractor
from api.reference import actors as actor_registry
from api.reference import gazetteer as place_names
from api.reference.actors import Actors
from api.reference.gazetteer import Gazetteer


def load_paths(
    db: Database,
    paths: Iterable[Path],
    extract: Extractor,
    *,
    gazetteer: Gazetteer | None = None,
    actors: Actors | None = None,
    force: bool = False,
    jobs: int = 1,
) -> Iterator[FileResult]:
    """Load each report in turn, yielding a result per file; errors do not stop the rest.

    Reference data (places, actors) defaults to the files under `seeds/`, built
    once per process.
    With `jobs` > 1, extraction runs in that many worker processes while this
    process stays the only writer (one transaction per report, in input order).
    """
    gazetteer = gazetteer or place_names.gazetteer()
    actors = actors or actor_registry.actors()
    tally.ensure_built(db)  # figures follow each report from here on
    if jobs > 1:
        yield from parallel.load_paths(db, paths, extract, gazetteer, actors,
                                       force=force, jobs=jobs)
        return
    for path in paths:
        try:
            yield load_file(db, path, extract, gazetteer, actors, force=force)
        except Exception as err:  # one bad report must not stop the others
            yield failed(path, err)
