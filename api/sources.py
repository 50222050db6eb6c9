"""`/v1/sources`: the reports, their text and their claims."""

from __future__ import annotations

from flask_smorest import abort

from api import links, store
from api.claims import claim_page
from api.db import get_db
from api.formats import doc as formats_doc
from api.smorest import Blueprint
from schemas.args import ClaimArgs, SourceArgs
from schemas.resources import ClaimPageSchema, SourceDetailSchema, SourcePageSchema

blp = Blueprint("sources", __name__, url_prefix="/v1/sources",
                description="The reports claims were extracted from.")


#: The path parameter, documented with an example that exists in the seeds.
ID = {
    "in": "path", "name": "source_id", "example": "001_b82afe57916aa4f6",
    "description": "Source id (the file name without .txt)",
}


def _source_or_404(source_id: str) -> dict:
    row = store.get_source(get_db(), source_id)
    if row is None:
        abort(404, message=f"No source with id {source_id!r}.")
    return row


@blp.route("")
@blp.arguments(SourceArgs, location="query")
@blp.response(200, SourcePageSchema, headers=links.PAGE_HEADERS)
@blp.doc(**formats_doc(SourcePageSchema))
def list_sources(args: dict):
    """List sources

    Without their text; `q` searches titles and text.
    """
    rows, total = store.list_sources(
        get_db(), q=args.get("q"), kind=args.get("kind"), limit=args["per_page"],
        offset=(args["page"] - 1) * args["per_page"],
    )
    return links.page([links.source(r) for r in rows], total, args["page"], args["per_page"])


@blp.route("/<source_id>", parameters=[ID])
@blp.response(200, SourceDetailSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_source(source_id: str):
    """Get one source with its full text

    Claim offsets (`start`, `end`) index into `text`.
    """
    return links.source(_source_or_404(source_id))


@blp.route("/<source_id>/claims", parameters=[ID])
@blp.arguments(ClaimArgs, location="query")
@blp.response(200, ClaimPageSchema, headers=links.PAGE_HEADERS)
@blp.doc(**formats_doc(ClaimPageSchema))
@blp.alt_response(404, response="NOT_FOUND")
def source_claims(args: dict, source_id: str):
    """List one source's claims

    Takes the same filters as `/v1/claims`.
    """
    _source_or_404(source_id)
    return claim_page(args, source_id=source_id)
