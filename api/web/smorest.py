"""flask-smorest, adjusted to this API's conventions.

- errors are problem details (`api.web.errors`), also in the OpenAPI document;
- unknown query parameters are rejected instead of silently ignored, so a
  typo such as `?quantiy=buses` gets a 422 rather than an unfiltered page;
- each argument schema is instantiated once, not on every request.
"""

from __future__ import annotations

import functools
import http
from typing import ClassVar

import flask_smorest
from flask_smorest.utils import prepare_response
from marshmallow import Schema
from webargs.flaskparser import FlaskParser

from api.web import errors
from schemas.problem import ProblemSchema


class StrictParser(FlaskParser):
    """Query strings follow the schema's `unknown` (RAISE by default)."""

    DEFAULT_UNKNOWN_BY_LOCATION: ClassVar[dict[str, str | None]] = {
        **FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": None, "querystring": None,
    }

    def _get_schema(self, argmap, req):
        """The one instance of an argument schema class.

        webargs instantiates a schema class per request, and building its
        fields costs as much as running the page's SQL; the schemas hold no
        per-request state, so one instance serves every request.
        """
        if isinstance(argmap, type) and issubclass(argmap, Schema):
            return _instance(argmap)
        return super()._get_schema(argmap, req)


def _own_schema(_converter, field, **_kwargs) -> dict:
    return field.openapi_schema() if hasattr(field, "openapi_schema") else {}


@functools.cache
def _instance(schema: type[Schema]) -> Schema:
    return schema()


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint with the strict argument parser."""

    ARGUMENTS_PARSER = StrictParser()


class Api(flask_smorest.Api):
    """flask-smorest's Api with problem-details errors."""

    ERROR_SCHEMA = ProblemSchema

    def _init_spec(self, *args, **kwargs):
        """A field with an `openapi_schema()` (`schemas.args.PerPage`) is documented by it."""
        super()._init_spec(*args, **kwargs)
        self.ma_plugin.converter.add_attribute_function(_own_schema)

    def handle_http_exception(self, error):
        return errors.handle_http_exception(error)

    def _register_responses(self):
        """Document error responses as `application/problem+json`."""
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
                prepare_response(response, self.spec, errors.PROBLEM_MIMETYPE)
            else:
                prepare_response(response, self.spec, self.DEFAULT_RESPONSE_CONTENT_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, errors.PROBLEM_MIMETYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)
