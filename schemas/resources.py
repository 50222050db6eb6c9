"""Response schemas: claims, sources, actors, locations and their pages.

Every object carries `links` to itself and its related objects, so a client
can walk the API without building URLs.
"""

import json

from marshmallow import Schema, fields

from api.figures.timeline import reported
from schemas.enums import Term

#: Where the examples' links point. Links in responses are absolute URLs on the host that
#: answered; the examples use this placeholder host rather than any real address.
EXAMPLE_ROOT = "https://evacfacts.example.org"


def _url(description: str, path: str | None) -> fields.String:
    """A link: an absolute URL, or null; `path` is the example's path on EXAMPLE_ROOT."""
    return fields.String(allow_none=True, metadata={
        "description": description, "format": "uri",
        "example": None if path is None else EXAMPLE_ROOT + path})


class ClaimLinksSchema(Schema):
    self = _url("This claim", "/v1/claims/001_b82afe57916aa4f6-92")
    source = _url("The report it comes from", "/v1/sources/001_b82afe57916aa4f6")
    actor = _url("Who the number is attributed to", "/v1/actors/syrian-official")
    via = _url("Who passed it on", "/v1/actors/reuters")
    origin = _url("Where they leave from", "/v1/locations/east-aleppo")
    destination = _url("Where they go", "/v1/locations/west-aleppo")
    location = _url("Where the count applies", None)


def _cues(value: str | list | None) -> list:
    """A claim's cues: stored as JSON text, or already a list."""
    return value if isinstance(value, list) else json.loads(value or "[]")


class ClaimSchema(Schema):
    """One claim: the fields of docs/claims.md plus id, source id, entity ids and links."""

    id = fields.String(metadata={"description": "Stable id: source id and start offset",
                                 "example": "001_b82afe57916aa4f6-92"})
    source_id = fields.String(metadata={"example": "001_b82afe57916aa4f6"})
    source_file = fields.String(metadata={
        "description": "The file the report was loaded from (what `evacfacts extract` "
                       "calls `source`); a posted report's id. The report itself is "
                       "`source_id` and `links.source`.",
        "example": "001_b82afe57916aa4f6.txt"})
    quantity = Term("Quantity", metadata={"example": "evacuees"})
    value = fields.Integer(metadata={"example": 951})
    value_low = fields.Integer(allow_none=True, metadata={"example": 951})
    value_high = fields.Integer(allow_none=True, metadata={"example": 951})
    qualifier = Term("Qualifier", metadata={"example": "exact"})
    group = Term("Group", allow_none=True, metadata={"example": "people"})
    status = Term("Status", metadata={"example": "occurred"})
    actor = fields.String(allow_none=True, metadata={"example": "Syrian official"})
    via = fields.String(allow_none=True, metadata={"example": "Reuters"})
    origin = fields.String(allow_none=True, metadata={"example": "East Aleppo"})
    destination = fields.String(allow_none=True, metadata={"example": "West Aleppo"})
    location = fields.String(allow_none=True, metadata={"example": None})
    actor_id = fields.String(allow_none=True, metadata={"example": "syrian-official"})
    via_id = fields.String(allow_none=True, metadata={"example": "reuters"})
    origin_id = fields.String(allow_none=True, metadata={"example": "east-aleppo"})
    destination_id = fields.String(allow_none=True, metadata={"example": "west-aleppo"})
    location_id = fields.String(allow_none=True, metadata={"example": None})
    text = fields.String(metadata={"description": "The number phrase, exactly as in the source",
                                   "example": "951 women, children and the wounded"})
    start = fields.Integer(metadata={"description": "Offset of `text` in the source text",
                                     "example": 92})
    end = fields.Integer(metadata={"description": "End offset (exclusive)", "example": 127})
    sentence = fields.String(metadata={"example": "The first convoy to leave eastern Aleppo "
                                       "carried 951 women, children and the wounded, Reuters "
                                       "reported citing a Syrian official."})
    confidence = fields.Float(allow_none=True, metadata={
        "description": "How far to trust the reading, 0 to 1: calibrated so that of the "
                       "claims given 0.8, about eight in ten are right in every attribute "
                       "(quantity, value, bounds, group, status, actor, via, places). Null "
                       "for claims loaded before confidence existed.",
        "example": 0.74})
    cues = fields.Function(
        lambda row: _cues(row.get("cues")),
        metadata={"type": "array", "items": {"type": "string"},
                  "description": "What the reading rests on, one short sentence per "
                                 "decision (the quantity's cue word, the attribution, "
                                 "each place's source)",
                  "example": ['quantity from the cue word "were evacuated"',
                              'actor from the attribution "A Syrian official said"']})
    published = fields.String(allow_none=True, metadata={
        "format": "date", "description": "The source's date (see `/v1/sources`)",
        "example": "2016-12-15"})
    entry_time = fields.String(allow_none=True, metadata={
        "description": "Time stamp (24-hour HH:MM) of the live-blog entry that holds the claim",
        "example": "15:47"})
    reported = fields.Function(
        lambda row: reported(row.get("published"), row.get("entry_time")), allow_none=True,
        metadata={"type": "string", "nullable": True,
                  "description": "When it was reported: `published`, plus `entry_time` if any; "
                                 "null when the source gives no date",
                  "example": "2016-12-15T15:47"})
    links = fields.Nested(ClaimLinksSchema)


class PageLinksSchema(Schema):
    self = _url("This page", "/v1/claims?page=2&per_page=20")
    first = _url("First page", "/v1/claims?page=1&per_page=20")
    prev = _url("Previous page, or null", "/v1/claims?page=1&per_page=20")
    next = _url("Next page, or null", "/v1/claims?page=3&per_page=20")
    last = _url("Last page", "/v1/claims?page=5&per_page=20")


class _PageSchema(Schema):
    total = fields.Integer(metadata={"description": "Items matching, on all pages",
                                     "example": 42})
    page = fields.Integer(allow_none=True, metadata={
        "description": "Page number; null when paging by key (`after`)", "example": 1})
    per_page = fields.Integer(metadata={"example": 20})
    pages = fields.Integer(metadata={"example": 3})
    links = fields.Nested(PageLinksSchema)


class ClaimPageSchema(_PageSchema):
    items = fields.List(fields.Nested(ClaimSchema))


class SourceLinksSchema(Schema):
    self = _url("This source", "/v1/sources/001_b82afe57916aa4f6")
    claims = _url("Its claims", "/v1/sources/001_b82afe57916aa4f6/claims")


class ActorLinksSchema(Schema):
    self = _url("This actor", "/v1/actors/international-committee-of-the-red-cross")
    claims = _url("The claims it stated or passed on",
                  "/v1/actors/international-committee-of-the-red-cross/claims")


class SourceSchema(Schema):
    """A report, without its text (see the single-source endpoint)."""

    id = fields.String(metadata={"example": "001_b82afe57916aa4f6"})
    name = fields.String(metadata={"description": "File name",
                                   "example": "001_b82afe57916aa4f6.txt"})
    title = fields.String(metadata={"description": "First line",
                                    "example": "LIVE UPDATE: Aleppo evacuation underway"})
    kind = Term("SourceKind", metadata={"example": "live_blog"})
    published = fields.String(allow_none=True, metadata={"format": "date",
        "description": "Publication date, where the text gives one", "example": "2016-12-15"})
    published_basis = Term("PublishedBasis", allow_none=True, metadata={
        "description": "`dateline`: the report's own date line; `embed`: the latest date of "
                       "an embedded post, a lower bound (the report cannot be older); "
                       "`submitted`: the `published_at` given when the report was posted",
        "example": "dateline"})
    url = fields.String(allow_none=True, metadata={
        "description": "Where the report was published, when it was posted with one",
        "example": None})
    outlet = fields.String(allow_none=True, metadata={
        "description": "Who published it, when it was posted with one", "example": None})
    published_at = fields.String(allow_none=True, metadata={
        "description": "Publication date or date-time (ISO 8601) given when it was posted",
        "example": None})
    encoding = fields.String(allow_none=True, metadata={
        "description": "The encoding the report's bytes were read in: `utf-8`, or the legacy "
                       "encoding detected (`cp1252`, `cp1251`, ...), a guess worth checking",
        "example": "utf-8"})
    word_count = fields.Integer(metadata={"example": 1010})
    content_hash = fields.String(metadata={
        "description": "SHA-256 of the text",
        "example": "b82afe57916aa4f6d2b9f1c0e7a3c5d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3"})
    claim_count = fields.Integer(metadata={"example": 12})
    links = fields.Nested(SourceLinksSchema)


class SourceDetailSchema(SourceSchema):
    text = fields.String(metadata={
        "description": "Full text; claim offsets index into it",
        "example": "LIVE UPDATE: Aleppo evacuation underway\n\nThe first convoy to leave "
                   "eastern Aleppo carried 951 women, children and the wounded, ..."})


class SubmittedSourceSchema(SourceDetailSchema):
    """A posted report as stored, with the claims extracted from it."""

    claims = fields.List(fields.Nested(ClaimSchema), metadata={
        "description": "Its claims, in text order, as `/v1/claims` shows them"})


class SourcePageSchema(_PageSchema):
    items = fields.List(fields.Nested(SourceSchema))


class ActorSchema(Schema):
    """Who a number is attributed to, one row per canonical actor."""

    id = fields.String(metadata={"example": "international-committee-of-the-red-cross"})
    name = fields.String(metadata={"example": "International Committee of the Red Cross"})
    kind = fields.String(allow_none=True, metadata={
        "description": "government, military, armed_group, humanitarian, un, media, person, "
                       "other; null when the reference data does not list the actor",
        "example": "humanitarian"})
    aliases = fields.List(fields.String(), metadata={"example": ["ICRC"]})
    claim_count = fields.Integer(metadata={"description": "Claims it stated or passed on",
                                           "example": 4})
    links = fields.Nested(ActorLinksSchema)


class ActorPageSchema(_PageSchema):
    items = fields.List(fields.Nested(ActorSchema))


class LocationLinksSchema(Schema):
    self = _url("This location", "/v1/locations/aleppo")
    claims = _url("The claims at it or anywhere inside it", "/v1/locations/aleppo/claims")
    parent = _url("The place it is in, or null", "/v1/locations/syria")
    children = _url("Places directly inside it",
                    "/v1/locations?parent=aleppo")


class LocationSchema(Schema):
    """A canonical place, with its parent and coordinates where known."""

    id = fields.String(metadata={"example": "aleppo"})
    name = fields.String(metadata={"example": "Aleppo"})
    kind = fields.String(allow_none=True, metadata={"example": "city"})
    parent_id = fields.String(allow_none=True, metadata={"example": "syria"})
    lat = fields.Float(allow_none=True, metadata={"example": 36.20124})
    lon = fields.Float(allow_none=True, metadata={"example": 37.16117})
    aliases = fields.List(fields.String(), metadata={"example": ["Halab"]})
    claim_count = fields.Integer(metadata={
        "description": "Claims whose origin, destination or location is this place or a "
                       "place inside it: the total of `links.claims`", "example": 9})
    links = fields.Nested(LocationLinksSchema)


class LocationPageSchema(_PageSchema):
    items = fields.List(fields.Nested(LocationSchema))


class HealthSchema(Schema):
    status = fields.String(metadata={"example": "ok"})
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(),
                         metadata={"example": {"sources": 5, "claims": 60}})


class IndexLinksSchema(Schema):
    claims = _url("Claims", "/v1/claims")
    sources = _url("Sources", "/v1/sources")
    actors = _url("Actors", "/v1/actors")
    locations = _url("Locations", "/v1/locations")
    figures = _url("Figures: each thing counted, compared across reports", "/v1/figures")
    quantities = _url("Quantities: what claims count, with counts", "/v1/quantities")
    docs = _url("Swagger UI", "/docs")
    openapi = _url("OpenAPI 3 document", "/openapi.json")
    health = _url("Health check", "/health")


class IndexSchema(Schema):
    name = fields.String(metadata={"example": "evacfacts"})
    version = fields.String(metadata={"example": "v1"})
    links = fields.Nested(IndexLinksSchema)
