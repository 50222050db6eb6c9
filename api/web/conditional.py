"""HTTP caching: ETag and Cache-Control on successful reads, 304 on a match.

The data changes only when the loader runs or a key holder posts or deletes a
report, so clients and proxies may keep
a response for a short while (`max-age`) and then revalidate it cheaply:
the ETag is a hash of the body, identical on every replica serving the same
database file, and `If-None-Match` with it gets a bodiless 304.
"""

from __future__ import annotations

import hashlib

from flask import Flask, Response, current_app, request

#: Seconds a client or proxy may reuse a response without asking (`EVACFACTS_MAX_AGE`).
DEFAULT_MAX_AGE = 60


def init_app(app: Flask) -> None:
    """Add ETag and Cache-Control to the API's successful GET and HEAD responses."""
    app.config.setdefault("EVACFACTS_MAX_AGE", DEFAULT_MAX_AGE)
    app.after_request(_cache_headers)


def _cache_headers(response: Response) -> Response:
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if request.path == "/health":  # a load balancer must see the live state
        response.headers["Cache-Control"] = "no-store"
        return response
    if response.direct_passthrough or "ETag" in response.headers:
        return response  # static files: Flask sets their own validators
    max_age = int(current_app.config["EVACFACTS_MAX_AGE"])
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    if response.is_streamed:
        return response  # an export (`per_page=all`) is never buffered to be hashed
    response.set_etag(hashlib.blake2b(response.get_data(), digest_size=16).hexdigest())
    return response.make_conditional(request)
