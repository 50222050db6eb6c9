"""The public `/v1` API called from inside the app, as any HTTP client would call it.

The explorer's pages are rendered on the server from what `/v1` answers, never
from the store, so they show exactly what an outside client would see and the
explorer stays a reference client of the API. A page's calls go through the
app's own WSGI stack (the response cache, argument validation, the views, the
JSON rendering) without a socket: a request is built with werkzeug's
`EnvironBuilder` and run with `run_wsgi_app`, the same machinery the test client
uses. A repeated call is answered by `api.web.response_cache` like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from flask import current_app, request
from werkzeug.test import EnvironBuilder, run_wsgi_app

#: Items per call when a page needs every item of a list (the API's largest page).
PAGE_SIZE = 100


@dataclass(frozen=True)
class Answer:
    """One `/v1` response: status and decoded JSON body (a problem document on errors)."""

    status: int
    body: Any

    @property
    def ok(self) -> bool:
        return self.status == 200


def get(path: str, params: Mapping[str, Any] | None = None) -> Answer:
    """GET `path` (under `/v1`) with query `params` (None values dropped) from this app."""
    query = {k: v for k, v in (params or {}).items() if v is not None and v != ""}
    builder = EnvironBuilder(
        path=path, query_string=query, base_url=request.host_url,
        headers={"Accept": "application/json"},
    )
    try:
        environ = builder.get_environ()
    finally:
        builder.close()
    app_iter, status, _headers = run_wsgi_app(current_app.wsgi_app, environ, buffered=True)
    try:
        body = b"".join(app_iter)
    finally:
        close = getattr(app_iter, "close", None)
        if close is not None:
            close()
    return Answer(int(status.split(" ", 1)[0]), orjson.loads(body) if body else None)


def every_item(path: str, params: Mapping[str, Any] | None = None,
               limit: int = 2000) -> tuple[list[dict], int]:
    """Every item of a `/v1` list (up to `limit`), following its pages; and the total.

    Claim lists are followed by key (`after`), which costs the same on every page;
    other lists by page number.
    """
    items: list[dict] = []
    query = {**(params or {}), "per_page": PAGE_SIZE}
    page = 1
    total = 0
    while len(items) < limit:
        answer = get(path, {**query, "page": page} if "after" not in query else query)
        if not answer.ok:
            break
        body = answer.body
        total = body["total"]
        items.extend(body["items"])
        if not body["links"].get("next") or not body["items"]:
            break
        if path.endswith("/claims"):
            query["after"] = body["items"][-1]["id"]
        else:
            page += 1
    return items[:limit], total
