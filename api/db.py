"""One database connection per request, closed when the request ends."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlite_utils import Database

from api import store


def get_db() -> Database:
    """The request's connection, opened on first use (foreign keys on)."""
    if "db" not in g:
        g.db = store.connect(current_app.config["EVACFACTS_DB"], migrate=False)
    return g.db


def _close_db(_exc: BaseException | None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_app(app: Flask) -> None:
    """Create or migrate the database once, and close connections after each request."""
    store.connect(app.config["EVACFACTS_DB"]).close()
    app.teardown_appcontext(_close_db)
