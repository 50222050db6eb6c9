"""Bearer keys for the write operations; reads stay open.

One job: decide whether a request may write. The keys come from
`EVACFACTS_API_KEYS` (app config `EVACFACTS_API_KEYS`, a list). The key a
client sends is compared with every configured key in constant time
(`hmac.compare_digest`, no early exit), so response timing tells nothing
about how much of a key was right. Keys are never logged: refusals log the
reason only.
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable
from typing import Any

from flask import current_app, request
from flask_smorest import abort

#: The OpenAPI security scheme (Swagger UI's "Authorize" button) and its requirement.
SCHEME_NAME = "bearerAuth"
SECURITY_SCHEMES = {SCHEME_NAME: {
    "type": "http", "scheme": "bearer",
    "description": "A key from `EVACFACTS_API_KEYS`, sent as `Authorization: Bearer <key>`.",
}}
SECURITY = [{SCHEME_NAME: []}]

#: Sent with every 401 (RFC 6750).
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="evacfacts"'}


def _as_bytes(value: str) -> bytes:
    # compare_digest refuses non-ASCII str; bytes compare any value in constant time.
    return value.encode("utf-8", "surrogateescape")


def key_is_valid(given: str, keys: list[str]) -> bool:
    """Whether `given` equals one of `keys`; every key is compared, whatever matched."""
    given_bytes = _as_bytes(given)
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(given_bytes, _as_bytes(key))
    return matched


#: Sent with the 405 of a read replica: what it does serve.
READ_ONLY_ALLOW = {"Allow": "GET, HEAD, OPTIONS"}


def check_request() -> None:
    """Abort with 405 on a read replica, 403 when writes are disabled, 401 when the bearer
    key is missing or wrong.

    A replica (`EVACFACTS_READ_ONLY`) answers every write with the same 405,
    key or not: the method is not allowed on this server, whoever asks, and the
    problem says where to send it.
    """
    if current_app.config.get("EVACFACTS_READ_ONLY"):
        abort(405, message="This server is a read-only replica (EVACFACTS_READ_ONLY): "
                           "send writes to the writer.", headers=READ_ONLY_ALLOW)
    keys = current_app.config.get("EVACFACTS_API_KEYS") or []
    if not keys:
        current_app.logger.warning("write refused on %s: no API keys configured", request.path)
        abort(403, message="Writes are disabled: the server has no API keys configured "
                           "(EVACFACTS_API_KEYS).")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        current_app.logger.info("write refused on %s: no bearer key", request.path)
        abort(401, message="This operation needs an API key: send "
                           "'Authorization: Bearer <key>'.", headers=CHALLENGE)
    if not key_is_valid(given.strip(), keys):
        current_app.logger.info("write refused on %s: wrong key", request.path)
        abort(401, message="The API key is not valid.",
              headers={"WWW-Authenticate": CHALLENGE["WWW-Authenticate"]
                       + ', error="invalid_token"'})


def key_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a write view: it runs only for a request with a valid key."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        check_request()
        return view(*args, **kwargs)

    return wrapper
