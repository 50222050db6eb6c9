"""Validation of the extractor's output before the loader stores it.

The loader trusts nothing it did not write: a claim that does not follow the
claims contract, docs/claims.md (unknown enum, span that does not match the text) fails its whole
report, so the database never holds half-valid data.

`ExtractedClaimSchema` is the rule. Checking a claim with it costs far more
than writing the claim (a bulk load of pre-extracted claims, `evacfacts load
--claims`, would spend most of its time there), so `validate_claims` first
tries `_plain_claim`: a claim in exactly the schema's plain form (each value
of the one type the schema returns it as) is checked by direct comparisons
that give the same answer; anything else, valid or not, goes through the
schema, which also words every error. `tests/load/test_validation.py` holds
the two to the same results.
"""

from typing import Any

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


_QUANTITIES, _QUALIFIERS = frozenset(QUANTITIES), frozenset(QUALIFIERS)
_GROUPS, _STATUSES = frozenset(GROUPS), frozenset(STATUSES)
_NAMES = ("actor", "via", "origin", "destination", "location")
_FIELDS = frozenset(ExtractedClaimSchema._declared_fields)
_MISSING = object()


def _one_of(value: Any, choices: frozenset[str]) -> bool:
    return type(value) is str and value in choices


def _plain_claim(claim: Any) -> dict | None:
    """The claim as `ExtractedClaimSchema().load` returns it, when it is valid and in
    plain form; None when the schema must decide (an invalid claim, or a valid one
    needing conversion, such as an integral float or bytes)."""
    if type(claim) is not dict or not claim.keys() <= _FIELDS:
        return None
    get = claim.get
    source, text, sentence = get("source"), get("text"), get("sentence")
    value, low, high = get("value"), get("value_low", _MISSING), get("value_high", _MISSING)
    start, end = get("start"), get("end")
    confidence, cues = get("confidence"), get("cues", [])
    if not (
        type(source) is str and type(sentence) is str and type(text) is str and text
        and _one_of(get("quantity"), _QUANTITIES) and _one_of(get("qualifier"), _QUALIFIERS)
        and _one_of(get("status"), _STATUSES) and "group" in claim
        and (claim["group"] is None or _one_of(claim["group"], _GROUPS))
        and type(value) is int and (low is None or type(low) is int)
        and (high is None or type(high) is int)
        and type(start) is int and type(end) is int and 0 <= start < end
        and (confidence is None or (type(confidence) is float and 0 <= confidence <= 1))
        and type(cues) is list and all(type(cue) is str for cue in cues)
    ):
        return None
    for name in _NAMES:
        if name not in claim:
            return None
        value_of = claim[name]
        if value_of is not None and (type(value_of) is not str or not value_of):
            return None
    return {**claim, "confidence": confidence, "cues": list(cues)}


def validate_claims(claims: list[dict], text: str) -> list[dict]:
    """Validate extractor output against the guide and the report's own text.

    Raises `ValidationError` naming the first offending claim; the span check
    guarantees that a client can highlight `text[start:end]` in the source.
    """
    schema = None  # built only for a claim that needs it: building one costs more than
    out = []       # checking a plain claim
    for i, claim in enumerate(claims):
        data = _plain_claim(claim)
        if data is None:
            schema = schema or ExtractedClaimSchema()
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
