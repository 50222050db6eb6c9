"""The one error shape: RFC 9457 problem details."""

from marshmallow import Schema, fields


class ProblemSchema(Schema):
    """Every error response, whatever its status, as `application/problem+json`."""

    type = fields.String(metadata={"description": "URI naming the problem type",
                                   "example": "about:blank"})
    title = fields.String(metadata={"description": "Short summary of the status",
                                    "example": "Unprocessable Entity"})
    status = fields.Integer(metadata={"description": "HTTP status code", "example": 422})
    detail = fields.String(metadata={
        "description": "What went wrong, for a person",
        "example": "quantity: Must be one of: evacuees, trapped, displaced, ...",
    })
    instance = fields.String(metadata={"description": "The request path",
                                       "example": "/v1/claims"})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.Dict(keys=fields.String(), values=fields.List(fields.String())),
        metadata={
            "description": "On a 422: the messages per field, by where the field was sent: "
                           "`query` (a query parameter), `path` or `body` (the request body, "
                           "whatever its media type). `_schema` holds messages about the whole "
                           "body.",
            "example": {"query": {"per_page": ["Must be greater than or equal to 1 and less "
                                               "than or equal to 100."]}}})
