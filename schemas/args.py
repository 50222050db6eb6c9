"""Query arguments: validated before any SQL runs, documented in the OpenAPI file.

Filter examples sit in the descriptions rather than in `example`: Swagger UI
pre-fills every `example` on "Try it out", which would AND all filters together
and show a newcomer an empty page.
"""

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from api.config import DEFAULT_PER_PAGE, MAX_PER_PAGE
from api.reference.vocabulary import GROUPS, QUALIFIERS, QUANTITIES, SOURCE_KINDS, STATUSES
from api.store import CLAIM_SORTS

SORTS = [s for key in CLAIM_SORTS for s in (key, f"-{key}")]
#: Bounds that keep numbers inside SQLite's 64-bit integers (a larger one is a 422, not a 500).
MAX_PAGE = 1_000_000_000
MAX_VALUE = 2**63 - 1


def _one_of(choices) -> validate.OneOf:
    return validate.OneOf(choices, error="Must be one of: {choices}.")


class PageArgs(Schema):
    """`page` and `per_page`; the page size is capped."""

    class Meta:
        unknown = RAISE

    page = fields.Integer(
        load_default=1, validate=validate.Range(min=1, max=MAX_PAGE),
        metadata={"description": "Page number, from 1."},
    )
    per_page = fields.Integer(
        load_default=DEFAULT_PER_PAGE, validate=validate.Range(min=1, max=MAX_PER_PAGE),
        metadata={"description": f"Items per page (at most {MAX_PER_PAGE})."},
    )
    format = fields.String(validate=_one_of(["json", "csv"]), metadata={
        "description": "Representation, instead of an `Accept` header: `json` or `csv`. "
                       "Example: `csv`."})


class GeoPageArgs(PageArgs):
    """Paging for lists whose items have a place: they also speak GeoJSON."""

    format = fields.String(validate=_one_of(["json", "csv", "geojson"]), metadata={
        "description": "Representation, instead of an `Accept` header: `json`, `csv` or "
                       "`geojson`. Example: `geojson`."})


class ClaimArgs(PageArgs):
    """Filters for claim lists; all optional and combined with AND."""

    quantity = fields.String(validate=_one_of(QUANTITIES), metadata={
        "description": "What is counted. Example: `evacuees`."})
    group = fields.String(validate=_one_of(GROUPS), metadata={
        "description": "Who is counted (people only). Example: `civilians`."})
    status = fields.String(validate=_one_of(STATUSES), metadata={
        "description": "`occurred` or `planned`. Example: `occurred`."})
    qualifier = fields.String(validate=_one_of(QUALIFIERS), metadata={
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
        "description": "Smallest value (inclusive). Example: `100`."})
    value_max = fields.Integer(validate=validate.Range(min=0, max=MAX_VALUE), metadata={
        "description": "Largest value (inclusive). Example: `5000`."})
    confidence_min = fields.Float(validate=validate.Range(min=0, max=1), metadata={
        "description": "Smallest confidence (inclusive, 0 to 1): the calibrated share of "
                       "claims at that confidence that are right in every attribute. "
                       "Example: `0.6`."})
    q = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Full-text search in the claim's sentence and text. Example: `convoy`."})
    figure = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Figure id: the claims of that figure (`/v1/figures`). "
                       "Example: `buses._.occurred.east-aleppo`."})
    sort = fields.String(load_default="source", validate=_one_of(SORTS), metadata={
        "description": "Order: `source` (source, then position), `value`, `quantity` or "
                       "`id`; prefix `-` to reverse. Example: `-value`."})

    after = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Page by key instead of number: the claims after this claim id in "
                       "the sort order (pass the last id of the previous page, or follow "
                       "`links.next`). As fast on page 2,000 as on page 1; not combined with "
                       "`page`. Example: `001_b82afe57916aa4f6-92`."})

    @validates_schema
    def _min_not_above_max(self, data: dict, **_kwargs) -> None:
        low, high = data.get("value_min"), data.get("value_max")
        if low is not None and high is not None and low > high:
            raise ValidationError("value_min must not be greater than value_max.")

    @validates_schema(pass_original=True)
    def _after_or_page(self, data: dict, original: dict, **_kwargs) -> None:
        if data.get("after") is not None and "page" in original:
            raise ValidationError("Give either page or after, not both.")


class SourceArgs(PageArgs):
    """Filters for the source list."""

    q = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Full-text search in title and text. Example: `Aleppo`."})
    kind = fields.String(validate=_one_of(SOURCE_KINDS), metadata={
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
