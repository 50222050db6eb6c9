"""`/v1/claims`: the claims, filtered, sorted and paginated."""

from __future__ import annotations

from flask_smorest import abort

from api import store
from api.web import claim_json, exports, links
from api.web.db import get_db
from api.web.formats import doc as formats_doc
from api.web.smorest import Blueprint
from schemas.args import ALL, ClaimArgs
from schemas.resources import ClaimPageSchema, ClaimSchema

blp = Blueprint("claims", __name__, url_prefix="/v1/claims",
                description="Numbers in reports, with who said them, where, and their span.")


def claim_page(args: dict, **fixed: str | None):
    """Run a claim query from validated args; `fixed` pins a filter (a parent resource).

    Actor and location filters accept an id, a name or an alias; one that
    matches nothing gives an empty page, like any other filter. The response
    is rendered by `api.web.claim_json` (the documented `ClaimPageSchema` shape);
    `per_page=all` streams every match (`api.web.exports`).
    """
    db = get_db()
    actor_id = store.find_actor_id(db, args["actor"]) if args.get("actor") else None
    location_id = store.find_location_id(db, args["location"]) if args.get("location") else None
    whole = args["per_page"] == ALL
    if not whole and ((args.get("actor") and actor_id is None)
                      or (args.get("location") and location_id is None)):
        return claim_json.json_response(*links.page([], 0, _page(args), args["per_page"]))
    if whole:  # a name that is no id matches nothing, as the pages say
        actor_id = actor_id or args.get("actor")
        location_id = location_id or args.get("location")
    f = store.ClaimFilter(
        quantity=args.get("quantity"), group=args.get("group"), status=args.get("status"),
        qualifier=args.get("qualifier"), source_id=args.get("source"),
        value_min=args.get("value_min"), value_max=args.get("value_max"), q=args.get("q"),
        confidence_min=args.get("confidence_min"), figure=args.get("figure"),
        actor_id=actor_id, location_id=location_id,
        sort=args["sort"], after=args.get("after"),
    )
    for key, value in fixed.items():
        setattr(f, key, value)
    if whole:
        return exports.claims(f, args["page"])
    f.limit = args["per_page"] + (1 if args.get("after") else 0)
    f.offset = (args["page"] - 1) * args["per_page"]
    rows, total = store.list_claims(db, f)
    more = len(rows) > args["per_page"]  # paging by key fetches one extra row to know
    rows = rows[:args["per_page"]]
    root = claim_json.root_url()
    items = [claim_json.claim(r, root) for r in rows]
    next_after = rows[-1]["id"] if more else None
    return claim_json.json_response(*links.page(items, total, _page(args), args["per_page"],
                                            next_after=next_after))


def _page(args: dict) -> int | None:
    """The page number, or None when paging by key (`after`)."""
    return None if args.get("after") else args["page"]


@blp.route("")
@blp.arguments(ClaimArgs, location="query", as_kwargs=False)
@blp.response(200, ClaimPageSchema, headers=links.PAGE_HEADERS)
@blp.doc(**formats_doc(ClaimPageSchema))
def list_claims(args: dict):
    """List claims

    Every filter is optional; they combine with AND. `location` matches a
    place and everything inside it (`Aleppo` includes `East Aleppo`).
    """
    return claim_page(args)


@blp.route("/<claim_id>", parameters=[{
    "in": "path", "name": "claim_id", "description": "Claim id (source id and start offset)",
    "example": "001_b82afe57916aa4f6-92",
}])
@blp.response(200, ClaimSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_claim(claim_id: str):
    """Get one claim

    `text` is `source.text[start:end]`: fetch the source to highlight it.
    """
    row = store.get_claim(get_db(), claim_id)
    if row is None:
        abort(404, message=f"No claim with id {claim_id!r}.")
    return claim_json.json_response(claim_json.claim(row, claim_json.root_url()))
