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
from api.web.errors import handle_http_exception, problem
from api.web.smorest import Api

DESCRIPTION = """\
Structured, attributed, citable claims about evacuations: each number a report
gives (evacuees, buses, people killed, ...) with who said it, where it applies
and the exact span in the source text.

Try `GET /v1/claims?quantity=evacuees`. Lists are paginated (`page`,
`per_page` up to 100) and carry `total` and `links` in the body, and
`X-Total-Count` and `Link` headers. Errors are RFC 9457 problem details.

Reads are open. Writing (`POST /v1/sources`, `DELETE /v1/sources/{id}`)
needs a key from `EVACFACTS_API_KEYS`: press "Authorize" and paste it.
"""


def create_app(config_overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app; `config_overrides` wins over the environment (tests use it)."""
    app = Flask(__name__)
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
        API_SPEC_OPTIONS={"info": {"description": DESCRIPTION},
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
    for module in (claims, sources, actors, locations, figures, quantities, health, index):
        api.register_blueprint(module.blp)
    app.register_blueprint(docs.bp)
    formats.init_app(app)
    # flask-smorest handles HTTPExceptions; anything else raised by a view is a bug: a 500.
    app.register_error_handler(Exception, _unexpected)
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
