"""`/` and `/v1`: where a newcomer (or a crawler) starts, with links to everything."""

from __future__ import annotations

from flask import url_for

from api.web.smorest import Blueprint
from schemas.resources import IndexSchema

blp = Blueprint("index", __name__, description="Entry points.")


@blp.route("/v1")
@blp.response(200, IndexSchema)
def index():
    """List the API's collections and documentation

    Links to every collection (claims, sources, actors, locations, figures,
    quantities), the Swagger UI, this OpenAPI document and the health check.
    """
    return _links()


@blp.route("/")
@blp.response(200, IndexSchema)
def root():
    """List the API's collections and documentation (site root)

    The same as `GET /v1`: where a newcomer or a crawler lands.
    """
    return _links()


def _links() -> dict:
    return {
        "name": "evacfacts",
        "version": "v1",
        "links": {
            "claims": url_for("claims.list_claims", _external=True),
            "sources": url_for("sources.list_sources", _external=True),
            "actors": url_for("actors.list_actors", _external=True),
            "locations": url_for("locations.list_locations", _external=True),
            "figures": url_for("figures.list_figures", _external=True),
            "quantities": url_for("quantities.list_quantities", _external=True),
            "docs": url_for("api-docs.openapi_swagger_ui", _external=True),
            "openapi": url_for("api-docs.openapi_json", _external=True),
            "health": url_for("health.health", _external=True),
        },
    }
