"""`/v1/actors`: who numbers are attributed to."""

from __future__ import annotations

from flask_smorest import abort

from api import store
from api.web import exports, links
from api.web.claims import claim_page
from api.web.db import get_db
from api.web.formats import doc as formats_doc
from api.web.smorest import Blueprint
from schemas.args import ALL, ActorArgs, ClaimArgs
from schemas.resources import ActorPageSchema, ActorSchema, ClaimPageSchema

blp = Blueprint("actors", __name__, url_prefix="/v1/actors",
                description="Speakers and intermediaries, one per canonical name.")


#: The path parameter, documented with an example that exists in the seeds.
ID = {
    "in": "path", "name": "actor_id", "example": "reuters",
    "description": "Actor id (its canonical name, slugged)",
}


def _actor_or_404(actor_id: str) -> dict:
    row = store.get_actor(get_db(), actor_id)
    if row is None:
        abort(404, message=f"No actor with id {actor_id!r}.")
    return row


@blp.route("")
@blp.arguments(ActorArgs, location="query")
@blp.response(200, ActorPageSchema, headers=links.PAGE_HEADERS)
@blp.doc(**formats_doc(ActorPageSchema))
def list_actors(args: dict):
    """List actors

    Every speaker and intermediary (via) claims are attributed to, one per
    canonical name, with its aliases and how many claims it stated or passed on.
    """
    if args["per_page"] == ALL:
        rows, _ = store.list_actors(get_db(), kind=args.get("kind"), limit=-1, offset=0)
        return exports.whole([links.actor(r) for r in rows], args["page"])
    rows, total = store.list_actors(get_db(), kind=args.get("kind"), limit=args["per_page"],
                                    offset=(args["page"] - 1) * args["per_page"])
    return links.page([links.actor(r) for r in rows], total, args["page"], args["per_page"])


@blp.route("/<actor_id>", parameters=[ID])
@blp.response(200, ActorSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_actor(actor_id: str):
    """Get one actor

    Its kind, aliases, claim count and a link to its claims.
    """
    return links.actor(_actor_or_404(actor_id))


@blp.route("/<actor_id>/claims", parameters=[ID])
@blp.arguments(ClaimArgs, location="query")
@blp.response(200, ClaimPageSchema, headers=links.PAGE_HEADERS)
@blp.doc(**formats_doc(ClaimPageSchema))
@blp.alt_response(404, response="NOT_FOUND")
def actor_claims(args: dict, actor_id: str):
    """List the claims an actor stated or passed on

    Takes the same filters as `/v1/claims`.
    """
    _actor_or_404(actor_id)
    return claim_page(args, actor_id=actor_id)
