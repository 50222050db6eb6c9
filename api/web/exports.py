"""Whole lists in one response (`per_page=all`): streamed as JSON, CSV or GeoJSON.

A newsroom exporting "all evacuee claims" must get all of them, filtered as
the JSON pages are, without paging through headers. The claim lists can hold
a million rows, so their export is a generator over one cursor
(`store.iter_claims`) on a connection of its own (`store.connect_export`:
small page cache, no memory map), written out in chunks as it is read: the
worker's memory stays flat however many rows go out. The count and the rows
are read in one read transaction, so `X-Total-Count` is the number of rows
sent even while the loader writes. The other lists (sources, actors, places,
figures, quantities) are small beside the claims and are exported from the
list their view already builds, through the same writers.

Representations and filters are those of the pages (`api.web.formats`); such
a response has no ETag (it is never buffered to hash) and is never kept by
the response cache.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

import orjson
from flask import Response, current_app, request, stream_with_context
from werkzeug.urls import iri_to_uri

from api import store
from api.web import claim_json, formats

#: Bytes gathered before a chunk is handed to the server: few writes, little memory.
CHUNK_BYTES = 1 << 16
#: CSV rows formatted at once.
CSV_BATCH = 256


def claims(f: store.ClaimFilter, page: int) -> Response:
    """Every claim matching `f` (its paging ignored), streamed from one cursor.

    Page 1 (also after a claim, with `after`) is the whole list; a later page of
    "all" is empty.
    """
    media = _media()
    db = store.connect_export(current_app.config["EVACFACTS_DB"])
    try:
        db.conn.execute("BEGIN")  # one snapshot for the count and the rows
        total = store.count_claims(db, f)
    except BaseException:
        db.close()
        raise
    rows = store.iter_claims(db, f) if page <= 1 else iter(())
    root = claim_json.root_url()

    def items() -> Iterator[Any]:
        try:
            for row in rows:
                yield claim_json.csv_values(row, root) if media == formats.CSV \
                    else claim_json.claim(row, root)
        finally:
            db.close()

    if media == formats.CSV:
        body = _csv(items(), claim_json.CSV_COLUMNS)
    else:
        body = _json(items(), total, page)
    return _response(media, body, total, close=db.close)


def whole(items: list[dict], page: int) -> Response:
    """A list its view built whole (sources, actors, places, figures, quantities)."""
    media = _media()
    sent = items if page <= 1 else []
    if media == formats.CSV:
        body: Iterator[bytes] = iter([formats.to_csv(
            sent, formats.CSV_ROWS.get(request.endpoint or "")).encode()])
    elif media == formats.GEOJSON:
        body = _geojson(iter(sent))
    else:
        body = _json(iter(sent), len(items), page)
    return _response(media, body, len(items))


def _media() -> str:
    """The media type asked for (an `Accept` the list cannot answer was refused with a 406
    before the view ran: `api.web.formats`)."""
    return formats.wanted(geo=request.endpoint in formats.GEO_ENDPOINTS)


def _response(media: str, body: Iterator[bytes], total: int,
              close: Callable[[], None] | None = None) -> Response:
    response = Response(stream_with_context(_chunked(body)), mimetype=media)
    if media == formats.CSV:
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
    if close is not None:
        response.call_on_close(close)
    response.headers["X-Total-Count"] = str(total)
    response.vary.add("Accept")
    return response


def _chunked(parts: Iterable[bytes]) -> Iterator[bytes]:
    """Join small pieces into chunks of about `CHUNK_BYTES`."""
    buffer: list[bytes] = []
    size = 0
    for part in parts:
        buffer.append(part)
        size += len(part)
        if size >= CHUNK_BYTES:
            yield b"".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)


def _json(items: Iterator[Any], total: int, page: int) -> Iterator[bytes]:
    """The page envelope of `links.page`, its one page holding every item."""
    yield b'{"items":['
    for n, item in enumerate(items):
        yield (b"," if n else b"") + orjson.dumps(item)
    url = iri_to_uri(request.url)
    yield orjson.dumps({"total": total, "page": page, "per_page": total, "pages": 1,
                        "links": {"self": url, "first": url, "prev": None, "next": None,
                                  "last": url}}).replace(b"{", b"],", 1)


def _csv(rows: Iterator[list], columns: list[str]) -> Iterator[bytes]:
    """A header, then the rows, written `CSV_BATCH` at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    while batch := list(islice(rows, CSV_BATCH)):
        writer.writerows(batch)
        yield out.getvalue().encode()
        out.seek(0)
        out.truncate()
    yield out.getvalue().encode()


def _geojson(items: Iterator[dict]) -> Iterator[bytes]:
    yield b'{"type":"FeatureCollection","features":['
    for n, item in enumerate(items):
        yield (b"," if n else b"") + orjson.dumps(formats.feature(item))
    yield b"]}"
