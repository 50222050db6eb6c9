"""Validation of the extractor's output before the loader stores it.

The loader trusts nothing it did not write: a claim that does not follow the
claims contract, docs/claims.md (unknown enum, span that does not match the text) fails its whole
report, so the database never holds half-valid data.
"""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from api.reference.vocabulary import GROUPS, QUALIFIERS, QUANTITIES, STATUSES

_name = {"required": True, "allow_none": True, "validate": validate.Length(min=1)}


class ExtractedClaimSchema(Schema):
    """One claim as `api.extract.extract_claims` returns it (docs/claims.md shape)."""

    source = fields.String(required=True)
    quantity = fields.String(required=True, validate=validate.OneOf(QUANTITIES))
    value = fields.Integer(required=True, strict=True)
    value_low = fields.Integer(required=True, allow_none=True, strict=True)
    value_high = fields.Integer(required=True, allow_none=True, strict=True)
    qualifier = fields.String(required=True, validate=validate.OneOf(QUALIFIERS))
    group = fields.String(required=True, allow_none=True, validate=validate.OneOf(GROUPS))
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    actor = fields.String(**_name)
    via = fields.String(**_name)
    origin = fields.String(**_name)
    destination = fields.String(**_name)
    location = fields.String(**_name)
    text = fields.String(required=True, validate=validate.Length(min=1))
    start = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    sentence = fields.String(required=True)
    confidence = fields.Float(load_default=None, allow_none=True,
                              validate=validate.Range(min=0, max=1))
    cues = fields.List(fields.String(), load_default=list)

    @validates_schema
    def _span_is_ordered(self, data: dict, **_kwargs) -> None:
        if data["end"] <= data["start"]:
            raise ValidationError("end must be greater than start", "end")


def validate_claims(claims: list[dict], text: str) -> list[dict]:
    """Validate extractor output against the guide and the report's own text.

    Raises `ValidationError` naming the first offending claim; the span check
    guarantees that a client can highlight `text[start:end]` in the source.
    """
    schema = ExtractedClaimSchema()
    out = []
    for i, claim in enumerate(claims):
        try:
            data = schema.load(claim)
        except ValidationError as err:
            raise ValidationError({f"claim {i}": err.messages}) from err
        if text[data["start"]:data["end"]] != data["text"]:
            raise ValidationError(
                {f"claim {i}": {"text": ["does not match the report at start:end"]}}
            )
        out.append(data)
    return out
