"""The application factory: configuration, database, blueprints, docs, errors."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app
from flask_cors import CORS
from werkzeug.exceptions import HTTPException, InternalServerError

from api import config, store
from api.web import (
    actors,
    auth,
    claims,
    conditional,
    db,
    docs,
    explorer,
    figures,
    formats,
    health,
    index,
    locations,
    quantities,
    response_cache,
    security_headers,
    sources,
    submissions,
)
from api.web.errors import handle_http_exception, problem, write_lock_busy
from api.web.smorest import Api

DESCRIPTION = """\
Structured, attributed, citable claims about evacuations: each number a report
gives (evacuees, buses, people killed, ...) with who said it, where it applies
and the exact span in the source text.

Try `GET /v1/claims?quantity=evacuees`. Lists are paginated (`page`,
`per_page` up to 100) and carry `total` and `links` in the body, and
`X-Total-Count` and `Link` headers; `per_page=all` streams the whole list
(JSON, CSV or GeoJSON) for exports. Errors are RFC 9457 problem details.

What a claim is (its fields, vocabularies, the bounds each hedge implies and
how mentions in one report merge) is documented in `docs/claims.md` in the
repository.

Reads are open. Writing (`POST /v1/sources`, `DELETE /v1/sources/{id}`)
needs a key from `EVACFACTS_API_KEYS`: press "Authorize" and paste it.

Links in responses are absolute URLs on the host that answered (the
examples show the placeholder `https://evacfacts.example.org`). Search text
(`q`) is matched as plain words, never as a query language. A 422's
`errors` holds the messages per field under where it was sent: `query`,
`path` or `body` (whatever the body's media type). A media type the
operation does not produce, asked for in `Accept`, is a 406.

Writes queue for the database; one that waits longer than the server allows
answers 503 with `Retry-After`.
"""

#: The document's `info` and `servers`: the server is the host serving the document, so
#: Swagger UI's "Try it out" and generated clients' defaults work wherever it runs.
SPEC_OPTIONS = {
    "info": {
        "description": DESCRIPTION,
        "contact": {"name": "evacfacts maintainers"},
        "license": {"name": "No licence granted yet: all rights reserved"},
    },
    "servers": [{"url": "/", "description": "The host serving this document"}],
}


def create_app(config_overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app; `config_overrides` wins over the environment (tests use it)."""
    app = Flask(__name__)
    # An id holding "/" ("/v1/claims/%2F0") names no claim: a 404, not a redirect to
    # another resource's URL with the slashes merged.
    app.url_map.merge_slashes = False
    app.config.update(
        API_TITLE="evacfacts",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        OPENAPI_SWAGGER_UI_URL=docs.ASSETS_URL,
        OPENAPI_SWAGGER_UI_CONFIG={
            "validatorUrl": None,  # the default sends the spec to an outside validator
            "tryItOutEnabled": True,
            "displayRequestDuration": True,
        },
        API_SPEC_OPTIONS={**SPEC_OPTIONS,
                          "components": {"securitySchemes": auth.SECURITY_SCHEMES}},
        JSON_SORT_KEYS=False,
    )
    app.config.update(config.from_env())
    app.config.update(config_overrides or {})
    app.json.sort_keys = False

    db.init_app(app)
    response_cache.init_app(app)  # first: it keeps responses as every other hook left them
    security_headers.init_app(app)
    conditional.init_app(app)
    submissions.init_app(app)
    # Any front end, on any origin, may call the API from a browser; writes still need a
    # bearer key (sent as a header, not a cookie, so no credentials mode is involved).
    CORS(app, resources={r"/v1/*": {"origins": "*"}, r"/openapi.json": {"origins": "*"}},
         methods=["GET", "HEAD", "OPTIONS", "POST", "DELETE"],
         allow_headers=["Authorization", "Content-Type"],
         expose_headers=["Link", "X-Total-Count", "ETag", "Location"])
    api = Api(app)
    resources = (claims, sources, actors, locations, figures, quantities, health, index)
    for module in resources:
        api.register_blueprint(module.blp)
    app.register_blueprint(docs.bp)
    explorer.init_app(app)
    formats.init_app(app, {module.blp.name for module in resources})
    # flask-smorest handles HTTPExceptions; anything else raised by a view is a bug: a 500.
    app.register_error_handler(Exception, _unexpected)
    app.register_error_handler(store.WriteLockBusy, write_lock_busy)
    return app


def _unexpected(error: Exception):
    """Any exception that is not an HTTPException is a 500 problem, never a stack trace;
    a query stopped at its deadline (`store.set_deadline`) is a 503."""
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    if store.deadline_passed(error):
        seconds = current_app.config["EVACFACTS_STATEMENT_TIMEOUT"]
        return problem(503, f"The query ran longer than the {seconds:g} s a request may take "
                       "and was stopped. Narrow the filters, or try again later.",
                       headers={"Retry-After": "30"})
    wrapped = InternalServerError()
    wrapped.original_exception = error
    return handle_http_exception(wrapped)
