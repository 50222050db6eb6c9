"""Security headers on every response, errors included.

Kept out of the app factory so the policy is one list in one place. No
Content-Security-Policy here: Swagger UI's inline bootstrap script would need
a nonce, which is a change of its own.
"""

from __future__ import annotations

from flask import Flask, Response

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "cross-origin",  # the API is public and CORS-enabled
}


def _add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    """Add the headers to every response, and keep debug off whatever FLASK_DEBUG says."""
    app.debug = False
    app.after_request(_add_headers)
