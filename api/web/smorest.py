"""flask-smorest, adjusted to this API's conventions.

- errors are problem details (`api.web.errors`), also in the OpenAPI document;
- unknown query parameters are rejected instead of silently ignored, so a
  typo such as `?quantiy=buses` gets a 422 rather than an unfiltered page;
- each argument schema is instantiated once, not on every request;
- the document is written for client generators: every operation has an
  `operationId` (its view's name in camelCase), its security (`[]` for
  reads, unless the view states the bearer scheme) and a 406; each closed
  list of words (`schemas.enums`) is one named component, referred to by
  every field that takes it; a nullable reference is "the reference or
  null" (`anyOf` with a null-only schema), which is valid OpenAPI 3.0.3 and
  which generators read as "this type or null".
"""

from __future__ import annotations

import functools
import http
from typing import ClassVar

import flask_smorest
from flask_smorest.utils import prepare_response
from marshmallow import Schema, fields
from webargs.flaskparser import FlaskParser

from api.web import errors
from schemas.enums import ENUMS, Term
from schemas.problem import ProblemSchema

#: How a 406 is documented on every operation.
NOT_ACCEPTABLE = ("The `Accept` header names no media type this operation answers with "
                  "(every operation speaks JSON; lists also CSV, map-ready lists GeoJSON).")


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


def _own_schema(self, field: fields.Field, **_kwargs) -> dict:
    """A field that writes its own OpenAPI schema (`schemas.args.PerPage`), with the word
    lists it refers to registered as components."""
    if not hasattr(field, "openapi_schema"):
        return {}
    for name in getattr(field, "enums", ()):
        if name not in self.spec.components.schemas:
            words, description = ENUMS[name]
            self.spec.components.schema(name, {"type": "string", "enum": list(words),
                                               "description": description})
    return field.openapi_schema()


@functools.cache
def _instance(schema: type[Schema]) -> Schema:
    return schema()


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint with the strict argument parser, whose routes document
    themselves the same way (operation id, security, 406)."""

    ARGUMENTS_PARSER = StrictParser()

    def route(self, rule, *, parameters=None, **options):
        register = super().route(rule, parameters=parameters, **options)

        def decorator(func):
            endpoint = options.get("endpoint") or func.__name__
            stated = getattr(func, "_apidoc", {}).get("manual_doc", {})
            func = self.doc(operationId=_camel(endpoint))(func)
            if "security" not in stated:  # a read: open to anyone
                func = self.doc(security=[])(func)
            func = self.alt_response(406, response="NOT_ACCEPTABLE",
                                     description=NOT_ACCEPTABLE)(func)
            return register(func)

        return decorator


def _camel(name: str) -> str:
    """`list_claims` -> `listClaims`."""
    first, *rest = name.split("_")
    return first + "".join(word.capitalize() for word in rest)


class Api(flask_smorest.Api):
    """flask-smorest's Api with problem-details errors."""

    ERROR_SCHEMA = ProblemSchema

    def _init_spec(self, **kwargs):
        super()._init_spec(**kwargs)
        converter = self.ma_plugin.converter
        converter.add_attribute_function(enum_reference)
        converter.add_attribute_function(nullable_reference)
        converter.add_parameter_attribute_function(plain_parameter_reference)
        converter.add_attribute_function(_own_schema)  # `schemas.args.PerPage`

    def _register_pagination_header(self):
        """Not used: pages carry their own links (`api.web.links`), so flask-smorest's
        pagination header and its schema stay out of the document."""

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


# --- apispec attribute functions (bound to its OpenAPIConverter: `self`) -----------------

def enum_reference(self, field: fields.Field, ret: dict, **_kwargs) -> dict:
    """A `Term` as a reference to its list, registered as a component on first use."""
    if not isinstance(field, Term):
        return {}
    name = field.enum_name
    if name not in self.spec.components.schemas:
        words, description = ENUMS[name]
        self.spec.components.schema(name, {"type": "string", "enum": list(words),
                                           "description": description})
    for key in ("type", "enum", "nullable"):
        ret.pop(key, None)
    ref = {"$ref": f"#/components/schemas/{name}"}
    if field.allow_none:
        return {"anyOf": [ref, _null("string")]}
    return {"allOf": [ref]} if ret else ref  # OpenAPI 3.0 ignores a $ref's siblings


def nullable_reference(self, field: fields.Field, ret: dict, **_kwargs) -> dict:
    """A nullable nested object as "the reference or null", instead of apispec's `anyOf`
    with a bare `{type: object, nullable: true}` (any object at all, which generators
    turn into a second, unnamed type)."""
    options = ret.get("anyOf")
    if not field.allow_none or not options:
        return {}
    refs = [o for o in options if "$ref" in o or "allOf" in o]
    if len(refs) != 1 or len(options) != 2:
        return {}
    return {"anyOf": [*refs, _null("object")]}


def _null(type_: str) -> dict:
    """The schema only null matches (OpenAPI 3.0 has no `type: null`)."""
    return {"type": type_, "nullable": True, "enum": [None]}


def plain_parameter_reference(self, field: fields.Field, ret: dict, **_kwargs) -> dict:
    """A parameter's schema that is only `allOf: [ref]` (its description moved to the
    parameter) as the plain reference."""
    schema = ret.get("schema", {})
    if set(schema) == {"allOf"} and len(schema["allOf"]) == 1:
        ret["schema"] = schema["allOf"][0]
    return {}
