"""One database connection per worker thread, opened once and kept.

Opening a SQLite connection per request costs more than the query it serves
(file open, schema parse, cold page cache); a gunicorn worker serves one
request at a time per thread, so each thread keeps its own connection, and
its page cache stays warm. The key includes the process id: with `--preload`
the app is built before gunicorn forks, and a connection must never cross a
fork. Readers see the loader's commits at once (WAL); cached counts notice
them through `store.CountCache`.
"""

from __future__ import annotations

import os
import threading

from flask import Flask, current_app
from sqlite_utils import Database

from api import store
from api.figures import tally

_EXTENSION = "evacfacts_db"


class _Connections(threading.local):
    """This thread's connection to the app's database, reopened after a fork."""

    pid: int | None = None
    db: Database | None = None


def get_db() -> Database:
    """This worker thread's connection (foreign keys on), opened on first use."""
    return connection(current_app)


def connection(app: Flask) -> Database:
    """This worker thread's connection to `app`'s database, outside a request too
    (`api.web.response_cache` answers before Flask sets one up)."""
    local: _Connections = app.extensions[_EXTENSION]
    if local.db is None or local.pid != os.getpid():
        path = app.config["EVACFACTS_DB"]
        local.db = (store.connect_read_only(path) if app.config.get("EVACFACTS_READ_ONLY")
                    else store.connect_reader(path))
        local.pid = os.getpid()
    return local.db


def _start_deadline() -> None:
    """Give this request's statements `EVACFACTS_STATEMENT_TIMEOUT` seconds in all."""
    store.set_deadline(get_db(), current_app.config["EVACFACTS_STATEMENT_TIMEOUT"])


def init_app(app: Flask) -> None:
    """Create or migrate the database once; connections are then made per thread.

    A read replica (`EVACFACTS_READ_ONLY`) changes nothing: its file must exist
    and already have every migration of this code (a snapshot of a writer
    running it), else the app refuses to start rather than serve another schema.
    """
    app.before_request(_start_deadline)
    if app.config.get("EVACFACTS_READ_ONLY"):
        db = store.connect_read_only(app.config["EVACFACTS_DB"])
        try:
            if store.migrations.pending(db):
                raise RuntimeError(
                    f"{app.config['EVACFACTS_DB']} lacks migrations this version needs: serve "
                    "a snapshot of a writer running this version (evacfacts snapshot)")
        finally:
            db.close()
    else:
        db = store.connect(app.config["EVACFACTS_DB"])
        tally.ensure_built(db)  # a database from before the figure tables: fill them once
        db.close()
    app.extensions[_EXTENSION] = _Connections()
