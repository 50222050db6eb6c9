"""Claims straight to JSON: the hot path of the API, without a serializer per field.

A page of 50 claims through marshmallow and `url_for` costs several times the
SQL that fetched it (about 1,200 field dumps and 350 URL builds). The rows
already have the documented shape, so this module picks the documented
fields (the `ClaimSchema` field list, so docs and output cannot drift), adds
links by string formatting on the request's root URL, and encodes with
`orjson`. A test checks the output equals the schema dump with `url_for` links.
"""

from __future__ import annotations

import functools
import json
from urllib.parse import quote

import orjson
from flask import Response, current_app, request

from api.figures.timeline import reported
from schemas.resources import ClaimSchema

#: The fields a claim has in the API, in documented order (links come last).
CLAIM_FIELDS = [name for name in ClaimSchema().fields if name != "links"]

_LINKS = (  # link name, path under /v1, the row's column holding the id
    ("self", "claims", "id"), ("source", "sources", "source_id"),
    ("actor", "actors", "actor_id"), ("via", "actors", "via_id"),
    ("origin", "locations", "origin_id"), ("destination", "locations", "destination_id"),
    ("location", "locations", "location_id"),
)


#: A claim's CSV columns: its fields, then its links (`api.web.formats.flatten`).
CSV_COLUMNS = [*CLAIM_FIELDS, *(f"links.{name}" for name, _, _ in _LINKS)]


def claim(row: dict, root: str) -> dict:
    """A claim row as the API shows it; `root` is the request's root URL without "/"."""
    derived = {"reported": reported(row.get("published"), row.get("entry_time")),
               # stored as JSON text: embedded as it is, never parsed on the hot path
               "cues": orjson.Fragment(row.get("cues") or "[]")}
    out = {name: derived[name] if name in derived else row[name] for name in CLAIM_FIELDS}
    out["links"] = {
        name: None if row[column] is None else f"{root}/v1/{path}/{_quoted(row[column])}"
        for name, path, column in _LINKS
    }
    return out


def csv_values(row: dict, root: str) -> list:
    """A claim row as one CSV row, in `CSV_COLUMNS` order: what `api.web.formats.flatten`
    makes of `claim_data`, without building the dicts (an export writes a million)."""
    values = [row.get(name) for name in CLAIM_FIELDS]
    values[_REPORTED] = reported(row.get("published"), row.get("entry_time"))
    values[_CUES] = "; ".join(json.loads(row.get("cues") or "[]"))
    values += [None if row[column] is None else f"{root}/v1/{path}/{_quoted(row[column])}"
               for _, path, column in _LINKS]
    return values


_REPORTED, _CUES = CLAIM_FIELDS.index("reported"), CLAIM_FIELDS.index("cues")


def claim_data(row: dict, root: str) -> dict:
    """`claim` with plain values only, for a body that a marshmallow schema dumps."""
    return {**claim(row, root), "cues": json.loads(row.get("cues") or "[]")}


@functools.lru_cache(maxsize=1 << 16)
def _quoted(key: str) -> str:
    """An id as a path segment; ids of sources, actors and places repeat from row to row."""
    return quote(key, safe="")


def root_url() -> str:
    """The request's root URL (scheme, host, script root), as `url_for(_external=True)` uses."""
    return request.url_root.rstrip("/")


def json_response(body: object, headers: dict | None = None) -> Response:
    """A 200 JSON response, encoded by orjson."""
    return current_app.response_class(orjson.dumps(body), mimetype="application/json",
                                      headers=headers)
