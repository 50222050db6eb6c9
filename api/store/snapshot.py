"""Copies of the database for read replicas: a consistent snapshot, opened read-only.

A replica serves a file nobody writes, so it opens it `immutable` (SQLite then
takes no locks and reads no WAL) and its responses, ETags included, depend on
that file alone: two replicas given the same snapshot answer byte for byte
alike. The snapshot is taken with SQLite's online backup API, which copies
the database as one read transaction sees it, so the writer (the loader, the
API's POSTs) carries on meanwhile and the copy is never half of a write.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database


class SnapshotError(RuntimeError):
    """The copy failed SQLite's integrity check (nothing was put at the target)."""


def snapshot(source: str | Path, target: str | Path) -> Path:
    """Copy the database at `source` to `target`, consistent as of one moment.

    The copy is written beside the target under a temporary name, switched to
    the rollback journal (a replica's file must stand alone, without `-wal`
    and `-shm` beside it), checked with `PRAGMA integrity_check`, then renamed
    over the target: a replica that picks the file up sees the old snapshot
    or the new one, never a partial one.
    """
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True) as src:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)  # all pages in one step: one read transaction, one moment
            dst.execute("PRAGMA journal_mode = DELETE")
            problems = [row[0] for row in dst.execute("PRAGMA integrity_check")]
        finally:
            dst.close()
    src.close()
    if problems != ["ok"]:
        partial.unlink(missing_ok=True)
        raise SnapshotError("; ".join(problems))
    os.replace(partial, target)
    return target


def connect_read_only(path: str | Path) -> Database:
    """A replica's connection: the file opened read-only and immutable.

    SQLite refuses every write on it ("attempt to write a readonly database"),
    so nothing the API does can change a replica's data; the file must be a
    snapshot (`snapshot`), not a database another process is writing.
    """
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise FileNotFoundError(f"no database file at {path}")
    conn = sqlite3.connect(f"{resolved.as_uri()}?mode=ro&immutable=1", uri=True,
                           check_same_thread=False)
    db = Database(conn)
    db.execute("PRAGMA cache_size = -65536")  # KiB: 64 MiB, as the writer's readers
    db.execute("PRAGMA mmap_size = 1073741824")
    return db
