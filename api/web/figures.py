"""`/v1/figures`: every value reports give for one thing counted, and whether they agree.

The grouping and comparison rules are in `api.figures.compare`; the figures are
kept up to date as reports are written (`api.figures.tally`), so a page reads
a few index ranges whatever the number of claims. Lists inside a figure hold
their first entries in report order (`LIST_LIMIT` on a page, `DETAIL_LIMIT` on
a figure's own page); the counts beside them are always whole, and every claim
of a figure is one `/v1/claims?figure=` page away. A page of figures is
rendered straight to JSON (`api.web.claim_json`), in the documented shape.
"""

from __future__ import annotations

from flask import url_for
from flask_smorest import abort

from api import store
from api.figures import compare, tally
from api.web import claim_json, exports, links
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


#: Entries of each list (values, their sources and actors, sources, actors, timeline)
#: in a figure on a page of figures, and on a figure's own page.
LIST_LIMIT = 5
DETAIL_LIMIT = 20


def _with_links(figure: dict) -> dict:
    place = figure["place"]
    return {**figure, "links": {
        "self": url_for("figures.get_figure", figure_id=figure["id"], _external=True),
        "place": url_for("locations.get_location", location_id=place["id"], _external=True)
        if place else None,
        "claims": url_for("claims.list_claims", figure=figure["id"], _external=True),
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
    Lists hold their first 5 entries in report order (`value_count`,
    `source_count`, `actor_count` and `claim_count` count them all).
    Also as CSV and as GeoJSON (one point per figure at its place).
    """
    db = get_db()
    inside = None
    if args.get("location"):
        inside = store.find_location_id(db, args["location"])
        if inside is None:
            figures: list[dict] = []
            if args["per_page"] == ALL:
                return exports.whole(figures, args["page"])
            return claim_json.json_response(*links.page(figures, 0, args["page"],
                                                        args["per_page"]))
    every = args["per_page"] == ALL
    figures, total = tally.page(
        db, quantity=args.get("quantity"), group=args.get("group"),
        status=args.get("status"), inside=inside, verdict=args.get("verdict"),
        per_page=-1 if every else args["per_page"],
        offset=0 if every else (args["page"] - 1) * args["per_page"], limit=LIST_LIMIT)
    if every:
        return exports.whole([_with_links(f) for f in figures], args["page"])
    return claim_json.json_response(*links.page([_with_links(f) for f in figures], total,
                                                 args["page"], args["per_page"]))


@blp.route("/<figure_id>", parameters=[ID])
@blp.response(200, FigureDetailSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_figure(figure_id: str):
    """Get one figure with its claims

    `timeline` and `claims` are in the order they were reported, so a figure
    that grows (951, then about 1,000, then some 3,000) reads as growth. Lists
    hold their first 20 entries; `links.claims` pages through every claim.
    """
    found = tally.one(get_db(), figure_id, limit=DETAIL_LIMIT) \
        if compare.parse_figure_id(figure_id) else None
    if found is None:
        abort(404, message=f"No figure with id {figure_id!r}.")
    figure, claims = found
    return {**_with_links(figure), "claims": [links.claim(c) for c in claims]}
