"""`/v1/sources`: the reports, their text and their claims."""

from __future__ import annotations

from flask import url_for
from flask_smorest import abort

from api import store
from api.figures import tally
from api.web import auth, claim_json, exports, links, submissions
from api.web.claims import claim_page
from api.web.db import get_db
from api.web.errors import RETRY_AFTER
from api.web.formats import doc as formats_doc
from api.web.smorest import Blueprint
from schemas.args import ALL, ClaimArgs, SourceArgs
from schemas.resources import (
    ClaimPageSchema,
    SourceDetailSchema,
    SourcePageSchema,
    SubmittedSourceSchema,
)
from schemas.submit import TEXT_PATTERN, SubmitSchema

blp = Blueprint("sources", __name__, url_prefix="/v1/sources",
                description="The reports claims were extracted from.")


#: The path parameter, documented with an example that exists in the seeds.
ID = {
    "in": "path", "name": "source_id", "example": "001_b82afe57916aa4f6",
    "description": "Source id (a loaded file's name without .txt; `post-...` when posted)",
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
    if args["per_page"] == ALL:
        rows, _ = store.list_sources(get_db(), q=args.get("q"), kind=args.get("kind"),
                                     limit=-1, offset=0)
        return exports.whole([links.source(r) for r in rows], args["page"])
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


# --- writing: posting and deleting reports ---------------------------------------------

#: Why a write may answer 503.
BUSY = ("Other writes held the database for longer than the server waits "
        "(`EVACFACTS_LOCK_WAIT`): nothing was written; retry after `Retry-After` seconds.")

LOCATION = {"Location": {"description": "URL of the source", "required": True,
                         "schema": {"type": "string", "format": "uri"}}}

#: Both bodies `POST /v1/sources` takes: JSON with metadata, or the bare text.
SUBMIT_BODY = {"required": True, "content": {
    submissions.JSON: {"schema": SubmitSchema},
    submissions.TEXT: {"schema": {"type": "string", "pattern": TEXT_PATTERN},
                       "example": "Officials said 300 people were evacuated from Idlib."},
}}


@blp.route("", methods=["POST"])
@blp.response(201, SubmittedSourceSchema, headers=LOCATION,
              description="Stored: the new source and the claims extracted from it.")
@blp.alt_response(200, schema=SubmittedSourceSchema, headers=LOCATION,
                  description="Already stored (same text, by SHA-256): the existing source, "
                              "nothing written.")
@blp.alt_response(400, response="BAD_REQUEST", description="The JSON body does not parse.")
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN", description="Writes are disabled: the server "
                  "has no API keys configured.")
@blp.alt_response(405, response="METHOD_NOT_ALLOWED", description="This server is a "
                  "read-only replica (`EVACFACTS_READ_ONLY`): send writes to the writer.")
@blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
@blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
@blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE", headers=RETRY_AFTER,
                  description=BUSY)
@blp.doc(security=auth.SECURITY, requestBody=SUBMIT_BODY)
@auth.key_required
def post_source():
    """Submit a report

    Extracts its claims and stores both in one transaction. Send JSON
    (`text`, and optionally `title`, `url`, `outlet`, `published_at`) or the
    bare text as `text/plain` (UTF-8). Needs `Authorization: Bearer <key>`.
    The same text again returns the stored source with 200.
    """
    fields = submissions.submitted()
    db = get_db()
    source_id, created = submissions.save(db, fields)
    body = links.source(store.get_source(db, source_id))
    root = claim_json.root_url()
    body["claims"] = [claim_json.claim_data(r, root)
                      for r in store.all_claims(db, store.ClaimFilter(source_id=source_id))]
    location = url_for("sources.get_source", source_id=source_id, _external=True)
    return body, 201 if created else 200, {"Location": location}


@blp.route("/<source_id>", parameters=[ID], methods=["DELETE"])
@blp.response(204, description="Deleted, with its claims.")
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN", description="Writes are disabled: the server "
                  "has no API keys configured.")
@blp.alt_response(405, response="METHOD_NOT_ALLOWED", description="This server is a "
                  "read-only replica (`EVACFACTS_READ_ONLY`): send writes to the writer.")
@blp.alt_response(404, response="NOT_FOUND")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE", headers=RETRY_AFTER,
                  description=BUSY)
@blp.doc(security=auth.SECURITY)
@auth.key_required
def delete_source(source_id: str):
    """Delete a source

    Removes the report and its claims, and the actors and places no other
    claim refers to. Needs `Authorization: Bearer <key>`.
    """
    if not tally.delete_source(get_db(), source_id):
        abort(404, message=f"No source with id {source_id!r}.")
