"""Connections: opening the database, the per-connection pragmas, and cached counts.

Foreign keys, the busy timeout and the cache sizes are per-connection settings
in SQLite, so every connection is opened here: `connect` for anything that
may migrate, `connect_writer` for the loader, `connect_reader` for the API's
long-lived worker connections, `connect_export` for one streamed export. The
count cache lives here too because it is per connection: it is keyed on what
this connection sees of the database's version.
"""

from __future__ import annotations

import sqlite3
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from api.config import lock_wait
from api.store.schema import migrations


def busy_timeout_ms() -> int:
    """Milliseconds a connection waits for a lock before `database is locked`
    (`EVACFACTS_LOCK_WAIT`, in seconds, default 10). In WAL mode readers never wait
    for the writer; writers (the loader, `POST` and `DELETE /v1/sources`) queue for
    the write lock (`api.store.writes.write_transaction`) for up to this long."""
    return round(lock_wait() * 1000)


# --- opening connections -------------------------------------------------------------


def connect(path: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database, enforce foreign keys, migrate.

    Foreign keys and the busy timeout are per-connection settings in SQLite,
    so every connection goes through here. WAL lets gunicorn workers read
    while the loader writes (`tests/web/test_concurrent_reads.py`).
    The API's per-request connections skip the migration check (`migrate=False`);
    the app migrates once at start-up.
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    db.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    db.execute("PRAGMA foreign_keys = ON")
    if migrate and str(path) != ":memory:":
        db.enable_wal()
    if migrate and migrations.pending(db):
        migrations.apply(db)
    return db


def connect_writer(path: str | Path) -> Database:
    """The loader's connection: `synchronous = NORMAL`, SQLite's advice for WAL.

    A commit then waits for no fsync (the WAL is synced at checkpoints), so one
    transaction per report stays cheap; a crash still loses no committed
    report, only power loss can drop the last few, which a reload restores.
    A claim touches a dozen indexes at scattered places, so the writer gets
    the readers' page cache too (SQLite's default is 2 MB).
    """
    db = connect(path)
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA cache_size = -65536")  # KiB: 64 MiB
    return db


def connect_reader(path: str | Path) -> Database:
    """A long-lived connection for the API: foreign keys on, a large cache, mmap reads.

    Kept for the life of a worker thread (`api.web.db`), so the page cache and
    memory map stay warm across requests.
    """
    db = connect(path, migrate=False)
    db.execute("PRAGMA cache_size = -65536")  # KiB: 64 MiB per connection
    db.execute("PRAGMA mmap_size = 1073741824")
    return db


# --- statement deadlines ---------------------------------------------------------------

#: SQLite virtual-machine steps between two looks at the clock: about a millisecond of work.
_DEADLINE_STEPS = 20_000


def set_deadline(db: Database, seconds: float | None) -> None:
    """Interrupt any statement of this connection still running `seconds` from now.

    A query that runs longer than the server lets a request live (gunicorn kills
    its worker at `timeout`, and the client gets an HTML error page) is
    stopped by SQLite itself: the progress handler looks at the clock every
    `_DEADLINE_STEPS` steps, and the statement fails with `interrupted`
    (`deadline_passed`), which the API answers as a 503 problem. None lifts it.
    """
    if seconds is None:
        db.conn.set_progress_handler(None, 0)
        return
    deadline = time.monotonic() + seconds
    db.conn.set_progress_handler(lambda: time.monotonic() > deadline, _DEADLINE_STEPS)


def deadline_passed(error: BaseException) -> bool:
    """Whether `error` is a statement stopped by `set_deadline`."""
    return isinstance(error, sqlite3.OperationalError) and str(error) == "interrupted"


def connect_export(path: str | Path) -> Database:
    """A connection for one streamed export (`per_page=all`), closed when it ends.

    The workers' kept connections map the file into memory and keep a 64 MiB page
    cache: right for pages asked again and again, but a scan of a million claims
    through them would leave the worker holding every page it touched. This one
    reads with a 2 MiB cache and no memory map, so an export's memory stays flat
    whatever the database's size.
    """
    db = connect(path, migrate=False)
    db.execute("PRAGMA cache_size = -2048")  # KiB
    db.execute("PRAGMA mmap_size = 0")
    return db


@contextmanager
def read_snapshot(db: Database) -> Iterator[None]:
    """Run several reads on one snapshot of the database (a read transaction).

    A page's total and its rows are two statements; a writer committing between
    them would give a page that disagrees with its own total (4 items of "3").
    Inside a transaction already open, it changes nothing.
    """
    if db.conn.in_transaction:
        yield
        return
    db.conn.execute("BEGIN")
    try:
        yield
    finally:
        db.conn.commit()  # a read transaction: this only ends the snapshot


# --- database version and cached counts ----------------------------------------------


class CountCache:
    """Totals of count queries on one connection, valid until the database changes.

    A filtered count at a million claims reads every matching index entry;
    the data only changes when the loader commits, so each distinct count is
    computed once per database version. The version is SQLite's
    `data_version` (bumped by other connections' commits) plus this
    connection's own `total_changes`; any change empties the cache.
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self.version: tuple[int, int] | None = None
        self.counts: OrderedDict[tuple, int] = OrderedDict()

    def count(self, db: Database, sql: str, params: dict) -> int:
        version = data_version(db)
        if version != self.version:
            self.version = version
            self.counts.clear()
        key = (sql, tuple(sorted(params.items())))
        if key in self.counts:
            self.counts.move_to_end(key)
            return self.counts[key]
        total = self.counts[key] = db.execute(sql, params).fetchone()[0]
        if len(self.counts) > self.size:
            self.counts.popitem(last=False)
        return total


def data_version(db: Database) -> tuple[int, int]:
    """A value that changes whenever the database does, as seen from this connection.

    SQLite's `data_version` moves on every commit by another connection (or
    process); this connection's own writes show in `total_changes`. The
    value means nothing on another connection.
    """
    return db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes


_count_caches: weakref.WeakKeyDictionary[Database, CountCache] = weakref.WeakKeyDictionary()


def cached_count(db: Database, sql: str, params: dict) -> int:
    """`SELECT count(*) ...` through the connection's `CountCache`."""
    cache = _count_caches.get(db)
    if cache is None:
        cache = _count_caches[db] = CountCache()
    return cache.count(db, sql, params)
