"""`/` and `/v1`: where a newcomer (or a crawler) starts, with links to everything.

`/` is negotiated: a client that prefers `text/html` to JSON (a browser) gets the
explorer's figure list; every other client (`Accept: application/json`, `*/*`,
none) gets this JSON index, as `/v1` always does.
"""

from __future__ import annotations

from flask import make_response, request, url_for

from api.web import explorer
from api.web.smorest import Blueprint
from schemas.resources import IndexSchema

blp = Blueprint("index", __name__, description="Entry points.")


@blp.route("/")
@blp.route("/v1")
@blp.response(200, IndexSchema)
def index():
    """List the API's collections and documentation

    A browser asking for `/` (preferring `text/html`) gets the explorer instead.
    """
    if request.path == "/" and explorer.wants_html():
        return make_response(explorer.figures_page())
    return {
        "name": "evacfacts",
        "version": "v1",
        "links": {
            "claims": url_for("claims.list_claims", _external=True),
            "sources": url_for("sources.list_sources", _external=True),
            "actors": url_for("actors.list_actors", _external=True),
            "locations": url_for("locations.list_locations", _external=True),
            "docs": url_for("api-docs.openapi_swagger_ui", _external=True),
            "openapi": url_for("api-docs.openapi_json", _external=True),
            "health": url_for("health.health", _external=True),
        },
    }
