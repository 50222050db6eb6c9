"""Query arguments: validated before any SQL runs, documented in the OpenAPI file.

Filter examples sit in the descriptions rather than in `example`: Swagger UI
pre-fills every `example` on "Try it out", which would AND all filters together
and show a newcomer an empty page.
"""

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from api.config import DEFAULT_PER_PAGE, MAX_PER_PAGE
from schemas.enums import Term

#: Bounds that keep numbers inside SQLite's 64-bit integers (a larger one is a 422, not a 500).
MAX_PAGE = 1_000_000_000
MAX_VALUE = 2**63 - 1


#: `per_page=all`: the whole list, streamed (`api.web.exports`).
ALL = "all"


class PerPage(fields.Field):
    """A page size from 1 to `MAX_PER_PAGE`, or `all` for every item in one response."""

    #: The named word lists (`schemas.enums.ENUMS`) its schema refers to.
    enums = ("WholeList",)

    def openapi_schema(self) -> dict:
        """Its OpenAPI schema, a fresh object for every use (`api.web.smorest`)."""
        return {"oneOf": [{"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                          {"$ref": "#/components/schemas/WholeList"}]}

    def _deserialize(self, value, attr, data, **kwargs):
        if value == ALL:
            return ALL
        try:
            number = int(value)
        except (TypeError, ValueError) as err:
            raise ValidationError(f"Must be an integer from 1 to {MAX_PER_PAGE}, or {ALL}.") \
                from err
        if not 1 <= number <= MAX_PER_PAGE:
            raise ValidationError(f"Must be an integer from 1 to {MAX_PER_PAGE}, or {ALL}.")
        return number


class PageArgs(Schema):
    """`page` and `per_page`; the page size is capped."""

    class Meta:
        unknown = RAISE

    page = fields.Integer(
        load_default=1, validate=validate.Range(min=1, max=MAX_PAGE),
        metadata={"description": "Page number, from 1."},
    )
    per_page = PerPage(
        load_default=DEFAULT_PER_PAGE,
        metadata={"description": f"Items per page (at most {MAX_PER_PAGE}), or `{ALL}`: "
                                 "every matching item in one streamed response (JSON, CSV "
                                 "or GeoJSON), for exports. Example: `50`."},
    )
    format = Term("ListFormat", metadata={
        "description": "Representation, instead of an `Accept` header: `json` or `csv`. "
                       "Example: `csv`."})


class GeoPageArgs(PageArgs):
    """Paging for lists whose items have a place: they also speak GeoJSON."""

    format = Term("MapListFormat", metadata={
        "description": "Representation, instead of an `Accept` header: `json`, `csv` or "
                       "`geojson`. Example: `geojson`."})


class ClaimArgs(PageArgs):
    """Filters for claim lists; all optional and combined with AND."""

    quantity = Term("Quantity", metadata={
        "description": "What is counted. Example: `evacuees`."})
    group = Term("Group", metadata={
        "description": "Who is counted (people only). Example: `civilians`."})
    status = Term("Status", metadata={
        "description": "`occurred` or `planned`. Example: `occurred`."})
    qualifier = Term("Qualifier", metadata={
        "description": "How the number is hedged. Example: `at_least`."})
    actor = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Actor id, name or alias: claims it stated or passed on (via). "
                       "Example: `International Committee of the Red Cross`."})
    location = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Location id, name or alias: claims whose origin, destination or "
                       "location is that place or any place inside it. Example: `Aleppo`."})
    source = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Source id. Example: `001_b82afe57916aa4f6`."})
    value_min = fields.Integer(validate=validate.Range(min=0, max=MAX_VALUE), metadata={
        "description": "Smallest value (inclusive). Example: `100`. Above `value_max`, the "
                       "range is empty and so is the page."})
    value_max = fields.Integer(validate=validate.Range(min=0, max=MAX_VALUE), metadata={
        "description": "Largest value (inclusive). Example: `5000`."})
    confidence_min = fields.Float(validate=validate.Range(min=0, max=1), metadata={
        "description": "Smallest confidence (inclusive, 0 to 1): the calibrated share of "
                       "claims at that confidence that are right in every attribute. "
                       "Example: `0.6`."})
    q = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Words to find in the claim's sentence and text, all of them, in any "
                       "order; matched as plain words (quotes, `AND`, `*` or `-` have no "
                       "special meaning). Example: `convoy`."})
    figure = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Figure id: the claims of that figure (`/v1/figures`). "
                       "Example: `buses._.occurred.east-aleppo`."})
    sort = Term("ClaimSort", load_default="source", metadata={
        "description": "Order: `source` (source, then position), `value`, `quantity` or "
                       "`id`; prefix `-` to reverse. Example: `-value`."})

    after = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Page by key instead of number: the claims after this claim id in "
                       "the sort order (pass the last id of the previous page, or follow "
                       "`links.next`). As fast on page 2,000 as on page 1. With `page`, "
                       "pages count from that claim (`page=2` skips one page after it). An "
                       "id that names no claim (deleted since, or mistyped) gives an empty "
                       "page. Example: `001_b82afe57916aa4f6-92`."})


class SourceArgs(PageArgs):
    """Filters for the source list."""

    q = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Words to find in the title and text, all of them, in any order; "
                       "matched as plain words (quotes, `AND`, `*` or `-` have no special "
                       "meaning). Example: `Aleppo`."})
    kind = Term("SourceKind", metadata={
        "description": "`article` or `live_blog`. Example: `live_blog`."})


class ActorArgs(PageArgs):
    """Filters for the actor list."""

    kind = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Kind of actor (government, media, humanitarian, ...). "
                       "Example: `media`."})


class LocationArgs(GeoPageArgs):
    """Filters for the location list."""

    kind = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Kind of place (city, country, district, ...). Example: `city`."})
    parent = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Only the places directly inside this location id. Example: `syria`."})
