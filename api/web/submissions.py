"""A report posted to `POST /v1/sources`: read the body, validate it, extract, store.

The body is bounded before it is read (`EVACFACTS_MAX_REPORT_BYTES`, the
limit the loader applies to files) and a `text/plain` body is decoded by
`api.corpus.reading.decode_report_with_encoding`, the loader's decoder, so a
posted report and the same file loaded from disk give the same text and
offsets. Storing it is `api.load.posted.store_posted`.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, current_app, request
from flask_smorest import abort
from marshmallow import ValidationError
from sqlite_utils import Database

from api.config import max_report_bytes
from api.corpus.decoding import ReportError
from api.corpus.reading import decode_report_with_encoding
from api.load.posted import store_posted
from api.reference.actors import actors
from api.reference.gazetteer import gazetteer
from schemas.submit import SubmitSchema

JSON = "application/json"
TEXT = "text/plain"
MEDIA_TYPES = (JSON, TEXT)


def read_body() -> bytes:
    """The request body, refused with 415 for another media type and 413 when too large.

    Content-Length is checked first, so an oversized upload is refused without
    reading it; the read itself stops one byte past the limit, which catches
    a body without (or lying about) its length.
    """
    if request.mimetype not in MEDIA_TYPES:
        given = request.mimetype or "none"
        abort(415, message=f"Send the report as {JSON} or {TEXT} (Content-Type was {given}).")
    limit = max_report_bytes()
    too_large = f"The body is larger than {limit} bytes (EVACFACTS_MAX_REPORT_BYTES)."
    if request.content_length is not None and request.content_length > limit:
        abort(413, message=too_large)
    data = request.stream.read(limit + 1)
    if len(data) > limit:
        abort(413, message=too_large)
    return data


def submitted() -> dict[str, Any]:
    """The validated fields of the posted report (`schemas.submit.SubmitSchema`), and the
    `encoding` its text came in: a `text/plain` body's as `decode_report_with_encoding`
    found it (a legacy encoding is detected, as for files), JSON's UTF-8."""
    data = read_body()
    encoding = "utf-8"
    location = "body"  # validation errors are keyed alike whatever the body's media type
    if request.mimetype == TEXT:
        try:
            decoded = decode_report_with_encoding(data)
        except ReportError as err:
            abort(422, message=f"text: {err}.", errors={location: {"text": [str(err)]}})
        raw: Any = {"text": decoded.text}
        encoding = decoded.encoding
    else:
        try:
            raw = json.loads(data)
        except (ValueError, RecursionError) as err:
            abort(400, message=f"The body is not valid JSON: {err}.")
    try:
        fields = SubmitSchema().load(raw)
    except ValidationError as err:
        abort(422, errors={location: err.messages})
    return {**fields, "encoding": encoding}


def save(db: Database, fields: dict[str, Any]) -> tuple[str, bool]:
    """Store a posted report unless its text is already stored; (source id, created)."""
    source_id, written = store_posted(db, fields, current_app.config["EVACFACTS_EXTRACTOR"],
                                      gazetteer(), actors())
    if written is not None:
        current_app.logger.info("posted report stored as %s (%d claims)", source_id, written)
    return source_id, written is not None


def init_app(app: Flask) -> None:
    """The extractor posted reports go through: `api.extract.extract_claims`, unless the
    config sets `EVACFACTS_EXTRACTOR` (tests pin a fake one to assert exact claims)."""
    if "EVACFACTS_EXTRACTOR" not in app.config:
        from api.extract import extract_claims

        app.config["EVACFACTS_EXTRACTOR"] = extract_claims
