"""Other representations of list pages: CSV for spreadsheets, GeoJSON for maps.

Every list endpoint answers JSON; a request for `text/csv` (the `Accept` header
or `?format=csv`) gets the page's items as CSV, and on the map-ready lists
(`/v1/locations`, `/v1/figures`) `application/geo+json` (or `?format=geojson`)
gets a GeoJSON FeatureCollection. The conversion works on the JSON page the
view produced, after the request, so every list (and every filter) gets the
formats without a second code path per view; pagination stays in the `Link`
and `X-Total-Count` headers.

Before a view runs, an `Accept` header naming none of the types the
operation answers with (`application/xml` anywhere, GeoJSON on a list
without places) is refused with a 406 problem, so a client never gets JSON
it did not ask for and cannot read. A 204 has no body, so no `Content-Type`.

CSV columns are the items' fields, nested objects flattened with dots
(`links.self`, `place.name`), lists of names joined with "; ", and lists of
objects as one column per key, each joined with "; " (`sources.name`); null
is an empty cell. No cell holds JSON. A figure is one row per value it lists
(`value.*` columns beside the figure's own; its timeline is the claims export).

`per_page=all` streams the whole list instead of a page (`api.web.exports`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, request
from marshmallow import Schema

from api.web.errors import problem
from api.web.links import PAGE_HEADERS
from schemas.examples import example_of

CSV = "text/csv"
GEOJSON = "application/geo+json"
JSON = "application/json"

#: Endpoints whose items have a place: they also speak GeoJSON.
GEO_ENDPOINTS = frozenset({"locations.list_locations", "figures.list_figures"})
#: Endpoints answering a page of a list: JSON and CSV (and GeoJSON, above).
LIST_ENDPOINTS = GEO_ENDPOINTS | {
    "claims.list_claims", "sources.list_sources", "sources.source_claims",
    "actors.list_actors", "actors.actor_claims", "locations.location_claims",
    "quantities.list_quantities",
}
_BY_NAME = {"json": JSON, "csv": CSV, "geojson": GEOJSON}


def offered(endpoint: str | None) -> list[str]:
    """The media types an endpoint answers with."""
    if endpoint in GEO_ENDPOINTS:
        return [JSON, CSV, GEOJSON]
    return [JSON, CSV] if endpoint in LIST_ENDPOINTS else [JSON]


def wanted(geo: bool) -> str:
    """The media type the request asks for: `?format=` first, then `Accept`; JSON by default."""
    name = request.args.get("format")
    if name in _BY_NAME:
        media = _BY_NAME[name]
    else:
        offered = [JSON, CSV, *([GEOJSON] if geo else [])]
        media = request.accept_mimetypes.best_match(offered, default=JSON)
    return media


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def flatten(item: dict, prefix: str = "") -> dict[str, str]:
    """One CSV row: nested objects become dotted columns, a list of objects one column
    per key with the objects' values joined by "; "."""
    row: dict[str, str] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            row.update(flatten(value, f"{prefix}{key}."))
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            parts = [flatten(v) if isinstance(v, dict) else {"": _cell(v)} for v in value]
            for sub in dict.fromkeys(k for p in parts for k in p):
                row[f"{prefix}{key}.{sub}" if sub else f"{prefix}{key}"] = "; ".join(
                    p.get(sub, "") for p in parts)
        else:
            row[f"{prefix}{key}"] = _cell(value)
    return row


def figure_rows(figure: dict) -> list[dict]:
    """A figure as CSV rows: one per value it lists, the value's fields as `value.*`
    beside the figure's own (its per-claim `timeline` is left to the claims export)."""
    own = {k: v for k, v in figure.items() if k not in ("values", "timeline")}
    return [{**own, "value": value} for value in figure["values"]] or [own]


#: Endpoints whose items are more than one CSV row each.
CSV_ROWS = {"figures.list_figures": figure_rows}


def columns(rows: list[dict]) -> list[str]:
    """Every column of these flattened rows, in first-seen order. An empty list of objects
    flattens to one bare column (`actors`) where a full one gives `actors.id`, ...: the
    bare one is left out, its empty cell is what the dotted ones hold for that row."""
    seen = list(dict.fromkeys(k for r in rows for k in r))
    prefixes = {c.rsplit(".", 1)[0] for c in seen if "." in c}
    return [c for c in seen if c not in prefixes]


def to_csv(items: list[dict], explode: Callable[[dict], list[dict]] | None = None) -> str:
    """Items as CSV; `explode` turns an item into its rows (`figure_rows`)."""
    if explode is not None:
        items = [r for item in items for r in explode(item)]
    rows = [flatten(i) for i in items]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(rows), restval="", extrasaction="ignore",
                            lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def feature(item: dict) -> dict:
    """A GeoJSON Feature: the item's (or its place's) coordinates, the item as properties."""
    where = item.get("place") if "place" in item else item
    lat, lon = (where or {}).get("lat"), (where or {}).get("lon")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if None not in (lat, lon) else None
    return {"type": "Feature", "id": item.get("id"), "geometry": geometry, "properties": item}


def to_geojson(items: list[dict]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": [feature(i) for i in items]},
                      ensure_ascii=False)


def _convert(response: Response) -> Response:
    """After a list view: re-encode a JSON page as CSV or GeoJSON when asked."""
    if (request.method != "GET" or response.status_code != 200 or not response.is_json
            or response.is_streamed):  # a streamed export is already in its format
        return response
    media = wanted(geo=request.endpoint in GEO_ENDPOINTS)
    response.vary.add("Accept")
    if media == JSON:
        return response
    body = response.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        return response  # not a list page: JSON only
    if media == CSV:
        response.set_data(to_csv(body["items"], CSV_ROWS.get(request.endpoint or "")))
        response.mimetype = CSV
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
    else:
        response.set_data(to_geojson(body["items"]))
        response.mimetype = GEOJSON
    return response


def _refuse_unacceptable() -> Response | None:
    """Before an API view: a 406 when `Accept` names nothing the operation answers with.

    No `Accept` (or `*/*`) means anything; `?format=` overrides the header (and
    is itself checked by the view's arguments).
    """
    if request.blueprint not in _API_BLUEPRINTS or "format" in request.args:
        return None
    if not request.accept_mimetypes:  # no Accept header: anything goes
        return None
    types = offered(request.endpoint)
    if request.accept_mimetypes.best_match(types) is None:
        asked = request.headers.get("Accept", "")
        return problem(406, f"This operation answers with {', '.join(types)}; the Accept "
                       f"header asked for {asked!r}.")
    return None


def _no_media_type_without_body(response: Response) -> Response:
    if response.status_code == 204:
        response.headers.pop("Content-Type", None)
    return response


#: The blueprints whose views negotiate (the API's; not the docs page or its assets).
_API_BLUEPRINTS: set[str] = set()


def init_app(app: Flask, api_blueprints: set[str]) -> None:
    """Negotiate the media type of the views of `api_blueprints`; convert list pages."""
    _API_BLUEPRINTS.update(api_blueprints)
    app.before_request(_refuse_unacceptable)
    app.after_request(_convert)
    app.after_request(_no_media_type_without_body)


#: OpenAPI fragments: the extra media types a list endpoint's 200 response offers.
def doc(page_schema: type[Schema], geo: type[Schema] | None = None,
        rows: Callable[[dict], list[dict]] | None = None) -> dict:
    """`@blp.doc(**formats.doc(PageSchema))`: document JSON and CSV (and GeoJSON, with the
    FeatureCollection schema `geo`) on a list's 200 response. The fragment replaces the
    response's content, so JSON is restated. The CSV example is this module's own
    rendering of the item schema's example, so it shows the endpoint's real columns."""
    item = page_schema().fields["items"].inner.schema
    csv_doc = {"schema": {"type": "string", "description": "The page's items, one row each; "
                          "nested objects as dotted columns (`links.self`)"},
               "example": to_csv([example_of(item)], rows)}
    content = {JSON: {"schema": page_schema}, CSV: csv_doc}
    if geo is not None:
        content[GEOJSON] = {"schema": geo}
    return {"responses": {"200": {"description": "OK", "content": content,
                                  "headers": PAGE_HEADERS}}}
