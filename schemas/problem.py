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
    errors = fields.Dict(metadata={"description": "Per-parameter validation messages"})
