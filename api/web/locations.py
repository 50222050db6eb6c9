"""`/v1/locations`: places, their hierarchy and coordinates."""

from __future__ import annotations

from flask_smorest import abort

from api import store
from api.web import exports, links
from api.web.claims import claim_page
from api.web.db import get_db
from api.web.formats import doc as formats_doc
from api.web.smorest import Blueprint
from schemas.args import ALL, ClaimArgs, LocationArgs
from schemas.geojson import feature_collection
from schemas.resources import ClaimPageSchema, LocationPageSchema, LocationSchema

blp = Blueprint("locations", __name__, url_prefix="/v1/locations",
                description="Canonical places with kind, parent and coordinates where known.")


#: The path parameter, documented with an example that exists in the seeds.
ID = {
    "in": "path", "name": "location_id", "example": "aleppo",
    "description": "Location id (its canonical name, slugged)",
}


def _location_or_404(location_id: str) -> dict:
    row = store.get_location(get_db(), location_id)
    if row is None:
        abort(404, message=f"No location with id {location_id!r}.")
    return row


@blp.route("")
@blp.arguments(LocationArgs, location="query")
@blp.response(200, LocationPageSchema, headers=links.PAGE_HEADERS)
@blp.doc(**formats_doc(LocationPageSchema, geo=feature_collection(LocationSchema, "Location")))
def list_locations(args: dict):
    """List locations

    Canonical places with their kind, parent and coordinates where known,
    and how many claims name each. Also as CSV and as GeoJSON (one point
    per place; null geometry when its coordinates are unknown).
    """
    if args["per_page"] == ALL:
        rows, _ = store.list_locations(get_db(), kind=args.get("kind"),
                                       parent_id=args.get("parent"), limit=-1, offset=0)
        return exports.whole([links.location(r) for r in rows], args["page"])
    rows, total = store.list_locations(
        get_db(), kind=args.get("kind"), parent_id=args.get("parent"),
        limit=args["per_page"], offset=(args["page"] - 1) * args["per_page"],
    )
    return links.page([links.location(r) for r in rows], total, args["page"], args["per_page"])


@blp.route("/<location_id>", parameters=[ID])
@blp.response(200, LocationSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_location(location_id: str):
    """Get one location

    Its kind, parent, coordinates, aliases and links to its claims, its
    parent and the places directly inside it.
    """
    return links.location(_location_or_404(location_id))


@blp.route("/<location_id>/claims", parameters=[ID])
@blp.arguments(ClaimArgs, location="query")
@blp.response(200, ClaimPageSchema, headers=links.PAGE_HEADERS)
@blp.doc(**formats_doc(ClaimPageSchema))
@blp.alt_response(404, response="NOT_FOUND")
def location_claims(args: dict, location_id: str):
    """List the claims at a place or anywhere inside it

    A claim matches when its origin, destination or location is this place
    or inside it. Takes the same filters as `/v1/claims`.
    """
    _location_or_404(location_id)
    return claim_page(args, location_id=location_id)
