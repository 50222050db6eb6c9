"""`/health`: for load balancers and the Docker healthcheck."""

from __future__ import annotations

import sqlite3

from flask_smorest import abort

from api import store
from api.web.db import get_db
from api.web.smorest import Blueprint
from schemas.resources import HealthSchema

blp = Blueprint("health", __name__, description="Service health.")


@blp.route("/health")
@blp.response(200, HealthSchema)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def health():
    """Check that the service can read its database

    `ok` with the number of sources and claims, or a 503 when the database
    cannot be read. Never cached.
    """
    try:
        return {"status": "ok", "counts": store.counts(get_db())}
    except sqlite3.Error as err:
        abort(503, message=f"Database unavailable: {err}")
