"""Figures (one thing counted, compared across reports) and the quantity vocabulary."""

from marshmallow import Schema, fields, validate

from schemas.args import GeoPageArgs, PageArgs
from schemas.enums import Term
from schemas.resources import ClaimSchema, _PageSchema, _url

EXAMPLE_ID = "buses._.occurred.east-aleppo"


class FigureArgs(GeoPageArgs):
    """Filters for figures; all optional and combined with AND."""

    quantity = Term("Quantity", metadata={
        "description": "What is counted. Example: `evacuees`."})
    group = Term("Group", metadata={
        "description": "Who is counted. Example: `fighters`."})
    status = Term("Status", metadata={
        "description": "`occurred` or `planned`. Example: `planned`."})
    location = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Location id, name or alias: figures whose place is that place or "
                       "inside it. Example: `Aleppo`."})
    verdict = Term("Verdict", metadata={
        "description": "`consistent` or `conflicting`. Example: `conflicting`."})


class FigurePlaceSchema(Schema):
    id = fields.String(metadata={"example": "east-aleppo"})
    name = fields.String(metadata={"example": "East Aleppo"})
    kind = fields.String(allow_none=True, metadata={"example": "district"})
    lat = fields.Float(allow_none=True, metadata={"example": 36.205})
    lon = fields.Float(allow_none=True, metadata={"example": 37.185})


class NamedSchema(Schema):
    id = fields.String(metadata={"example": "international-committee-of-the-red-cross"})
    name = fields.String(allow_none=True, metadata={
        "example": "International Committee of the Red Cross"})


class FigureValueSchema(Schema):
    """One distinct value (number and hedge) and who states it."""

    value = fields.Integer(metadata={"example": 20})
    value_low = fields.Integer(allow_none=True, metadata={"example": 20})
    value_high = fields.Integer(allow_none=True, metadata={"example": 20})
    qualifier = Term("Qualifier", metadata={"example": "exact"})
    text = fields.String(metadata={"description": "The wording of its first mention",
                                   "example": "20 buses"})
    claim_count = fields.Integer(metadata={"example": 2})
    source_count = fields.Integer(metadata={"example": 2})
    sources = fields.List(fields.Nested(NamedSchema), metadata={
        "example": [{"id": "001_b82afe57916aa4f6", "name": "001_b82afe57916aa4f6.txt"}]})
    actors = fields.List(fields.Nested(NamedSchema), metadata={
        "description": "Speakers and intermediaries (via) of the claims"})
    first_reported = fields.String(allow_none=True, metadata={"example": "2016-12-15"})


class SpreadSchema(Schema):
    min = fields.Integer(metadata={"example": 17})
    max = fields.Integer(metadata={"example": 20})
    ratio = fields.Float(allow_none=True, metadata={"description": "max / min",
                                                    "example": 1.176})


class MostAttestedSchema(Schema):
    value = fields.Integer(metadata={"example": 20})
    qualifier = Term("Qualifier", metadata={"example": "exact"})
    text = fields.String(metadata={"example": "20 buses"})
    source_count = fields.Integer(metadata={"example": 2})


class TimelineEntrySchema(Schema):
    """One claim of the figure, in the order it was reported."""

    claim_id = fields.String(metadata={"example": "002_d07383688480fcba-1710"})
    reported = fields.String(allow_none=True, metadata={
        "description": "Source date, plus live-blog entry time; null when undated",
        "example": "2016-12-15"})
    published = fields.String(allow_none=True, metadata={"example": "2016-12-15"})
    entry_time = fields.String(allow_none=True, metadata={"example": None})
    value = fields.Integer(metadata={"example": 20})
    qualifier = Term("Qualifier", metadata={"example": "exact"})
    text = fields.String(metadata={"example": "20 buses"})
    source_id = fields.String(metadata={"example": "002_d07383688480fcba"})
    actor = fields.String(allow_none=True, metadata={
        "example": "International Committee of the Red Cross"})


class FigureLinksSchema(Schema):
    self = _url("This figure", f"/v1/figures/{EXAMPLE_ID}")
    place = _url("Its place", "/v1/locations/east-aleppo")
    claims = _url("All its claims, paged", f"/v1/claims?figure={EXAMPLE_ID}")


class FigureSchema(Schema):
    """One thing counted (quantity, group, status, place) and every value reports give."""

    id = fields.String(metadata={
        "description": "quantity.group.status.place (`_` for none)", "example": EXAMPLE_ID})
    quantity = Term("Quantity", metadata={"example": "buses"})
    group = Term("Group", allow_none=True, metadata={"example": None})
    status = Term("Status", metadata={"example": "occurred"})
    place = fields.Nested(FigurePlaceSchema, allow_none=True)
    verdict = Term("Verdict", metadata={
        "example": "consistent",
        "description": "Whether one number fits every claim's bounds (approximate values "
                       "± 10 %), or the figure only grows over time"})
    trend = Term("Trend", allow_none=True, metadata={
        "example": None,
        "description": "`growing` when values disagree but later reports only count more"})
    claim_count = fields.Integer(metadata={"example": 3})
    source_count = fields.Integer(metadata={"example": 3})
    value_count = fields.Integer(metadata={"description": "Distinct values (number and "
                                           "hedge); `values` lists the first ones",
                                           "example": 2})
    actor_count = fields.Integer(metadata={"description": "Distinct actors; `actors` lists "
                                           "the first ones", "example": 1})
    spread = fields.Nested(SpreadSchema)
    most_attested = fields.Nested(MostAttestedSchema, metadata={
        "description": "The value most sources state (ties: the smallest)"})
    values = fields.List(fields.Nested(FigureValueSchema))
    sources = fields.List(fields.Nested(NamedSchema))
    actors = fields.List(fields.Nested(NamedSchema))
    timeline = fields.List(fields.Nested(TimelineEntrySchema), metadata={
        "description": "Its claims in time order: dated first by date and entry time, "
                       "then undated by source"})
    first_reported = fields.String(allow_none=True, metadata={"example": "2016-12-15"})
    links = fields.Nested(FigureLinksSchema)


class FigureDetailSchema(FigureSchema):
    claims = fields.List(fields.Nested(ClaimSchema), metadata={
        "description": "Every claim of the figure, in time order"})


class FigurePageSchema(_PageSchema):
    items = fields.List(fields.Nested(FigureSchema))


class QuantityArgs(PageArgs):
    """No filters: the vocabulary is short."""


class QuantityCountsSchema(Schema):
    """One quantity of the claims vocabulary (docs/claims.md), with how many claims use it."""

    quantity = Term("Quantity", metadata={"example": "evacuees"})
    claim_count = fields.Integer(metadata={"example": 19})
    source_count = fields.Integer(metadata={"example": 5})
    groups = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "Claims per group (`_` for none)",
        "example": {"civilians": 3, "fighters": 4}})
    statuses = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "example": {"occurred": 14, "planned": 5}})
    links = fields.Nested(Schema.from_dict({
        "claims": _url("Its claims", "/v1/claims?quantity=evacuees"),
        "figures": _url("Its figures", "/v1/figures?quantity=evacuees"),
    }, name="QuantityLinksSchema"))


class QuantityPageSchema(_PageSchema):
    items = fields.List(fields.Nested(QuantityCountsSchema))
