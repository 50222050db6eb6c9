"""Load report files one at a time: read, skip when unchanged, prepare, write.

Each report goes in whole or not at all (one transaction), an unchanged
report (same content hash) is skipped, and a failing report becomes a
`FileResult` instead of stopping the others. Nothing here prints: the CLI
says what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from api import store
from api.corpus.decoding import Decoded
from api.corpus.reading import read_report_with_encoding
from api.figures import tally
from api.load.prepare import Extractor, content_hash, prepare, source_id_for
from api.reference.actors import Actors
from api.reference.gazetteer import Gazetteer


@dataclass
class FileResult:
    """What happened to one file: new, changed, re-extracted (unchanged, but `force`),
    unchanged or failed."""

    path: Path
    status: str
    claims: int = 0
    error: str | None = None
    encoding: str | None = None


def load_file(
    db: Database,
    path: Path,
    extract: Extractor,
    gazetteer: Gazetteer,
    actors: Actors,
    *,
    force: bool = False,
) -> FileResult:
    """Load one report; raises on any error, leaving the database as it was."""
    found = read_changed(db, path, force=force)
    if isinstance(found, FileResult):
        return found
    report, old_hash = found
    return write(db, path, old_hash, prepare(path, report, extract, gazetteer, actors))


def read_changed(
    db: Database, path: Path, *, force: bool
) -> tuple[Decoded, str | None] | FileResult:
    """A report's text (and encoding) and its stored hash, or the "unchanged" result when
    there is nothing to load (same SHA-256 as stored, and not `force`). Shared by the
    serial and parallel loads."""
    report = read_report_with_encoding(path)
    old_hash = store.source_hash(db, source_id_for(path))
    if old_hash == content_hash(report.text) and not force:
        return FileResult(path, "unchanged", encoding=report.encoding)
    return report, old_hash


def write(db: Database, path: Path, old_hash: str | None, prepared: tuple) -> FileResult:
    """Write what `prepare` computed for one report, in one transaction."""
    source, rows, actor_rows, locations = prepared
    tally.write_source(db, source, rows, actor_rows, locations)
    if old_hash is None:
        status = "new"
    else:
        status = "re-extracted" if old_hash == source["content_hash"] else "changed"
    return FileResult(path, status, claims=len(rows), encoding=source["encoding"])


def failed(path: Path, err: BaseException) -> FileResult:
    """The result of a report that could not be loaded."""
    return FileResult(path, "failed", error=f"{type(err).__name__}: {err}")
