"""One JSON error shape for every status: RFC 9457 problem details.

Clients (and a later issue) expect `application/problem+json` with type,
title, status and detail, never an HTML page or a stack trace, whether the
error is a bad filter, an unknown route or a bug.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask import Response, current_app, json, request
from werkzeug.exceptions import HTTPException, InternalServerError

PROBLEM_MIMETYPE = "application/problem+json"
#: Seconds a client is asked to wait before retrying a write that found the lock taken.
RETRY_AFTER_S = 2
#: The `Retry-After` header, as documented on the write operations' 503.
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before retrying",
                               "schema": {"type": "integer"}}}


def problem(status: int, detail: str, *, title: str | None = None,
            headers: dict | None = None, **extra: Any) -> Response:
    """A problem-details response."""
    body = {
        "type": "about:blank",
        "title": title or _title(status),
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    return Response(json.dumps(body), status=status, mimetype=PROBLEM_MIMETYPE,
                    headers=headers)


def handle_http_exception(error: HTTPException) -> Response:
    """Turn any HTTPException (including webargs validation errors) into a problem."""
    if isinstance(error, InternalServerError) or error.code is None:
        if getattr(error, "original_exception", None) is not None:
            current_app.logger.error("unhandled error on %s", request.path,
                                     exc_info=error.original_exception)
        return problem(500, "The server could not complete the request. "
                       "The error has been logged.")
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
    headers.update(data.get("headers") or {})
    extra = {"errors": errors} if errors else {}
    detail = data.get("message") or (_describe(errors) if errors else error.description)
    return problem(error.code or 500, detail, headers=headers, **extra)


def write_lock_busy(error: Exception) -> Response:
    """A write that waited the whole busy timeout for the lock (`store.WriteLockBusy`):
    nothing was written and trying again shortly is the fix, so 503 with `Retry-After`."""
    current_app.logger.warning("write refused on %s: %s", request.path, error)
    return problem(503, f"The database is busy with other writes: {error}.",
                   headers={"Retry-After": str(RETRY_AFTER_S)})


def _describe(errors: dict) -> str:
    """'quantity: Must be one of ...; page: Must be ...' from webargs' nested messages."""
    parts = []
    for location_errors in errors.values():
        items = location_errors.items() if isinstance(location_errors, dict) else []
        for name, messages in items:
            text = " ".join(_flatten(messages))
            parts.append(text if name == "_schema" else f"{name}: {text}")
    return "; ".join(parts) or "Invalid request."


def _flatten(messages: Any) -> list[str]:
    if isinstance(messages, str):
        return [messages]
    if isinstance(messages, dict):
        return [m for v in messages.values() for m in _flatten(v)]
    return [m for v in messages for m in _flatten(v)]


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
