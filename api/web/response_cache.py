"""Finished GET responses, replayed per worker thread until the database changes.

Every read answers from data that only a write (the loader, a submitted
report) changes, and the same URLs are asked again and again: the first page
of `quantity=evacuees`, a source's claims, the figures. Building such a page
costs milliseconds (argument parsing, SQL, rendering 50 claims, the header
hooks); sending bytes already made costs a fraction of what Flask itself
costs per request. So each successful (200) GET under `/v1/` is kept whole,
headers and body, keyed by everything it depends on (scheme, host, path, query,
`Accept` and `Origin`) and tagged with the database version it was built
from; the next identical request is answered from it before Flask is entered.

The version is `store.data_version`: SQLite's `data_version`, which every
other connection's commit moves, plus the connection's own change count. A
request at another version empties the cache first, so no answer is ever
older than the data a fresh one would read. Such versions mean something on
one connection only, so each worker thread, which has its own connection
(`api.web.db`), has its own cache. Conditional requests still work: a replay goes
through werkzeug's `make_conditional`, so `If-None-Match` gets a 304.

Bodies over a tenth of the budget are not kept; the least recently used
entries go first when the budget (`EVACFACTS_RESPONSE_CACHE_MB` per worker
thread; 0 turns the cache off) is full.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from flask import Flask, Response, request

from api import store
from api.web.db import connection

#: Megabytes of responses each worker thread may keep (`EVACFACTS_RESPONSE_CACHE_MB`).
DEFAULT_BUDGET_MB = 32
#: Headers that are not kept: the server and werkzeug set them per answer.
_NOT_KEPT = frozenset({"content-length", "date"})
#: Where a request that missed carries its key and version to `_keep`.
_PENDING = "evacfacts.response_cache"

#: A kept 200 response: its headers and body.
Entry = tuple[list[tuple[str, str]], bytes]


class ResponseCache:
    """Responses by request key, valid for one database version, bounded in bytes."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget = budget_bytes
        self.used = 0
        self.version: tuple[int, int] | None = None
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()

    def get(self, key: tuple, version: tuple[int, int]) -> Entry | None:
        """The entry kept for `key` at `version`, or None (and a reset on a new version)."""
        if version != self.version:
            self.version, self.used = version, 0
            self.entries.clear()
            return None
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, key: tuple, version: tuple[int, int], entry: Entry) -> None:
        """Keep a response made at `version`, evicting the least recently used to fit."""
        size = len(entry[1])
        if size > self.budget // 10:
            return
        if version != self.version:
            return  # the data changed while this response was being built
        old = self.entries.pop(key, None)
        if old is not None:
            self.used -= len(old[1])
        while self.entries and self.used + size > self.budget:
            _, evicted = self.entries.popitem(last=False)
            self.used -= len(evicted[1])
        self.entries[key] = entry
        self.used += size


class _PerThread(threading.local):
    """One `ResponseCache` per worker thread, beside that thread's connection."""

    def __init__(self, budget_bytes: int) -> None:
        self.cache = ResponseCache(budget_bytes)


class ReplayMiddleware:
    """WSGI middleware: answer a request from the cache, or let the app answer it."""

    def __init__(self, app: Flask, budget_bytes: int) -> None:
        self.app = app
        self.wsgi_app = app.wsgi_app
        self.caches = _PerThread(budget_bytes)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        key = request_key(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        version = store.data_version(connection(self.app))
        entry = self.caches.cache.get(key, version)
        if entry is None:
            environ[_PENDING] = (self.caches.cache, key, version)
            return self.wsgi_app(environ, start_response)
        headers, body = entry
        response = self.app.response_class(body, headers=headers)
        return response.make_conditional(environ)(environ, start_response)


def request_key(environ: dict) -> tuple | None:
    """What a cacheable request's response depends on, or None when it is not cacheable.

    Links in a body are absolute, so scheme and host count; the format
    follows `Accept`, and CORS headers follow `Origin`.
    """
    if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
        return None
    path = environ.get("PATH_INFO", "")
    if not path.startswith("/v1/"):
        return None
    return (environ["wsgi.url_scheme"], environ.get("HTTP_HOST"), environ.get("SCRIPT_NAME"),
            path, environ.get("QUERY_STRING"), environ.get("HTTP_ACCEPT"),
            environ.get("HTTP_ORIGIN"))


def _keep(response: Response) -> Response:
    """After every other hook: keep a successful, fully buffered response of a cache miss."""
    pending = request.environ.pop(_PENDING, None)
    if (pending is None or response.status_code != 200 or response.direct_passthrough
            or response.is_streamed):
        return response
    cache, key, version = pending
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _NOT_KEPT]
    cache.put(key, version, (headers, response.get_data()))
    return response


def init_app(app: Flask) -> None:
    """Replay kept responses in front of the app; keep what it answers.

    Call it before any other `after_request` hook is registered: Flask runs
    them in reverse order, so `_keep` sees the response as it is sent, with
    the CORS, security and caching headers.
    """
    budget = int(app.config.get("EVACFACTS_RESPONSE_CACHE_MB", DEFAULT_BUDGET_MB))
    if budget <= 0:
        return
    app.after_request(_keep)
    app.wsgi_app = ReplayMiddleware(app, budget * 1_000_000)  # type: ignore[method-assign]
