"""`/v1/quantities`: the claims vocabulary with counts, for building filters."""

from __future__ import annotations

from flask import url_for

from api import store
from api.reference.vocabulary import QUANTITIES
from api.web import exports, links
from api.web.db import get_db
from api.web.formats import doc as formats_doc
from api.web.smorest import Blueprint
from schemas.args import ALL
from schemas.figures import QuantityArgs, QuantityPageSchema

blp = Blueprint("quantities", __name__, url_prefix="/v1/quantities",
                description="What claims count, with how many claims and sources use each.")


@blp.route("")
@blp.arguments(QuantityArgs, location="query")
@blp.response(200, QuantityPageSchema, headers=links.PAGE_HEADERS)
@blp.doc(**formats_doc(QuantityPageSchema))
def list_quantities(args: dict):
    """List quantities

    Every quantity of the claims vocabulary (`docs/claims.md`), in its
    order, also those no claim uses yet (count 0), with claims per group and
    per status.
    """
    totals, cells = store.maintained_quantity_counts(get_db())
    items = []
    for quantity in QUANTITIES:
        groups: dict[str, int] = {}
        statuses: dict[str, int] = {}
        for q, group, status, n in cells:
            if q == quantity:
                groups[group or "_"] = groups.get(group or "_", 0) + n
                statuses[status] = statuses.get(status, 0) + n
        claims, sources = totals.get(quantity, (0, 0))
        items.append({
            "quantity": quantity, "claim_count": claims, "source_count": sources,
            "groups": groups, "statuses": statuses,
            "links": {
                "claims": url_for("claims.list_claims", quantity=quantity, _external=True),
                "figures": url_for("figures.list_figures", quantity=quantity, _external=True),
            },
        })
    if args["per_page"] == ALL:
        return exports.whole(items, args["page"])
    start = (args["page"] - 1) * args["per_page"]
    return links.page(items[start:start + args["per_page"]], len(items), args["page"],
                      args["per_page"])
