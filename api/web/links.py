"""Links between objects and between pages, built with `url_for` so routes stay the truth."""

from __future__ import annotations

import math

from flask import request, url_for
from werkzeug.urls import iri_to_uri

#: The pagination headers, as documented in the OpenAPI file.
PAGE_HEADERS = {
    "X-Total-Count": {"description": "Items matching, on all pages",
                      "schema": {"type": "integer"}},
    "Link": {"description": "RFC 8288 links: first, prev, next, last",
             "schema": {"type": "string"}},
}


def _url(endpoint: str, **values) -> str | None:
    if any(v is None for v in values.values()):
        return None
    return url_for(endpoint, _external=True, **values)


def claim(row: dict) -> dict:
    """A claim row plus links to itself, its source and its actors and places."""
    return {**row, "links": {
        "self": _url("claims.get_claim", claim_id=row["id"]),
        "source": _url("sources.get_source", source_id=row["source_id"]),
        "actor": _url("actors.get_actor", actor_id=row["actor_id"]),
        "via": _url("actors.get_actor", actor_id=row["via_id"]),
        "origin": _url("locations.get_location", location_id=row["origin_id"]),
        "destination": _url("locations.get_location", location_id=row["destination_id"]),
        "location": _url("locations.get_location", location_id=row["location_id"]),
    }}


def source(row: dict) -> dict:
    return {**row, "links": {
        "self": _url("sources.get_source", source_id=row["id"]),
        "claims": _url("sources.source_claims", source_id=row["id"]),
    }}


def actor(row: dict) -> dict:
    return {**row, "links": {
        "self": _url("actors.get_actor", actor_id=row["id"]),
        "claims": _url("actors.actor_claims", actor_id=row["id"]),
    }}


def location(row: dict) -> dict:
    return {**row, "links": {
        "self": _url("locations.get_location", location_id=row["id"]),
        "claims": _url("locations.location_claims", location_id=row["id"]),
        "parent": _url("locations.get_location", location_id=row["parent_id"]),
        "children": url_for("locations.list_locations", parent=row["id"], _external=True),
    }}


def page(
    items: list[dict], total: int, page: int | None, per_page: int,
    *, next_after: str | None = None,
) -> tuple[dict, dict]:
    """The page envelope (items, total, links) and its headers (X-Total-Count, Link).

    `page` None means the request paged by key (`after`): then `next` carries
    `after=<next_after>` (None on the last page), `prev` is null and `page` is null.
    """
    pages = max(1, math.ceil(total / per_page))
    query = {k: v for k, v in request.args.to_dict(flat=False).items() if k != "after"}

    def at(n: int) -> str:
        args = {**query, "page": n, "per_page": per_page}
        return url_for(request.endpoint, **request.view_args, **args, _external=True)

    if page is None:
        query.pop("page", None)
        after = None if next_after is None else url_for(
            request.endpoint, **request.view_args,
            **{**query, "per_page": per_page, "after": next_after}, _external=True)
        # request.url is an IRI (non-ASCII query values decoded): links must be URIs.
        links = {"self": iri_to_uri(request.url), "first": at(1), "prev": None, "next": after,
                 "last": at(pages)}
    else:
        links = {
            "self": at(page),
            "first": at(1),
            "prev": at(min(page - 1, pages)) if page > 1 else None,
            "next": at(page + 1) if page < pages else None,
            "last": at(pages),
        }
    link_header = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items()
                            if url and rel != "self")
    body = {"items": items, "total": total, "page": page, "per_page": per_page,
            "pages": pages, "links": links}
    return body, {"X-Total-Count": str(total), "Link": link_header}
