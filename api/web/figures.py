"""`/v1/figures`: every value reports give for one thing counted, and whether they agree.

The grouping and comparison rules are in `api.figures.compare`; this module fetches the
rows, applies the filters and builds links. Figures are computed per request
from the claims, so they are never stale after a load.
"""

from __future__ import annotations

from flask import url_for
from flask_smorest import abort

from api import store
from api.figures import compare
from api.web import exports, links
from api.web.db import get_db
from api.web.formats import doc as formats_doc
from api.web.formats import figure_rows
from api.web.smorest import Blueprint
from schemas.args import ALL
from schemas.figures import (
    EXAMPLE_ID,
    FigureArgs,
    FigureDetailSchema,
    FigurePageSchema,
    FigureSchema,
)
from schemas.geojson import feature_collection

blp = Blueprint("figures", __name__, url_prefix="/v1/figures",
                description="Claims of all reports grouped by what they count, compared.")

ID = {"in": "path", "name": "figure_id", "example": EXAMPLE_ID,
      "description": "Figure id: quantity.group.status.place, `_` for no group or no place"}


def compute(quantity=None, group=None, status=None) -> tuple[list[dict], compare.Places]:
    """All figures of the given kinds, with the place hierarchy they were rolled up in."""
    db = get_db()
    claims = store.figure_claims(db, quantity=quantity, group=group, status=status)
    places = compare.Places(store.all_locations(db))
    named = store.source_places(db, (c["source_id"] for c in claims))
    return compare.figures(claims, places, named), places


def _with_links(figure: dict) -> dict:
    place = figure["place"]
    return {**figure, "links": {
        "self": url_for("figures.get_figure", figure_id=figure["id"], _external=True),
        "place": url_for("locations.get_location", location_id=place["id"], _external=True)
        if place else None,
    }}


@blp.route("")
@blp.arguments(FigureArgs, location="query")
@blp.response(200, FigurePageSchema, headers=links.PAGE_HEADERS)
@blp.doc(**formats_doc(FigurePageSchema, geo=feature_collection(FigureSchema, "Figure"),
                      rows=figure_rows))
def list_figures(args: dict):
    """List figures

    One figure per thing counted: quantity, group, status and place (places
    rolled up the hierarchy). Each lists every distinct value with its
    sources and actors, the spread, the most-attested value and a verdict,
    `consistent` or `conflicting`, from the values' bounds ("at least 17"
    fits 20; "around 1,000" fits 951 within 10 %). Most-attested first.
    Also as CSV and as GeoJSON (one point per figure at its place).
    """
    figures, places = compute(args.get("quantity"), args.get("group"), args.get("status"))
    if args.get("location"):
        inside = store.find_location_id(get_db(), args["location"])
        figures = [f for f in figures if inside and f["place"] and (
            f["place"]["id"] == inside or inside in places.ancestors(f["place"]["id"]))]
    if args.get("verdict"):
        figures = [f for f in figures if f["verdict"] == args["verdict"]]
    if args["per_page"] == ALL:
        return exports.whole([_with_links(f) for f in figures], args["page"])
    start = (args["page"] - 1) * args["per_page"]
    items = [_with_links(f) for f in figures[start:start + args["per_page"]]]
    return links.page(items, len(figures), args["page"], args["per_page"])


@blp.route("/<figure_id>", parameters=[ID])
@blp.response(200, FigureDetailSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_figure(figure_id: str):
    """Get one figure with all its claims

    `timeline` and `claims` are in the order they were reported, so a figure
    that grows (951, then about 1,000, then some 3,000) reads as growth.
    """
    key = compare.parse_figure_id(figure_id)
    if key is None:
        abort(404, message=f"No figure with id {figure_id!r}.")
    quantity, group, status, _place = key
    figures, _ = compute(quantity, group, status)
    figure = next((f for f in figures if f["id"] == figure_id), None)
    if figure is None:
        abort(404, message=f"No figure with id {figure_id!r}.")
    by_id = {c["id"]: c for c in store.figure_claims(get_db(), quantity=quantity,
                                                         group=group, status=status)}
    claims = [links.claim(by_id[t["claim_id"]]) for t in figure["timeline"]]
    return {**_with_links(figure), "claims": claims}
