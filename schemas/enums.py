"""The API's closed lists of words, each with one name, shared by arguments and responses.

A claim's `quantity`, the `quantity` filter and a figure's `quantity` take the
same words; the OpenAPI document describes that list once, as the component
the name gives (`Quantity`), and every field using it refers to it, so a
generated client has one `Quantity` type instead of one per endpoint. The
document side (the reference) is written by `api.web.smorest`; this module
only says which field takes which list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marshmallow import fields, validate

from api.reference.vocabulary import GROUPS, QUALIFIERS, QUANTITIES, SOURCE_KINDS, STATUSES
from api.store import CLAIM_SORTS

#: name -> (the words, what they are): one OpenAPI component each.
ENUMS: dict[str, tuple[tuple[str, ...], str]] = {
    "Quantity": (QUANTITIES, "What a claim counts (docs/claims.md)."),
    "Group": (GROUPS, "Who is counted, for quantities of people."),
    "Qualifier": (QUALIFIERS, "How the number is hedged: `at_least` for \"at least 20\", "
                              "`approximate` for \"about 1,000\", `range` for \"10 to 20\"."),
    "Status": (STATUSES, "`occurred`: it happened; `planned`: announced, expected or "
                         "demanded."),
    "SourceKind": (SOURCE_KINDS, "`article`, or `live_blog` (time-stamped entries)."),
    "PublishedBasis": (("dateline", "embed", "submitted"),
                       "Where a source's date comes from: `dateline`, the report's own date "
                       "line; `embed`, the latest date of an embedded post (a lower bound); "
                       "`submitted`, the `published_at` given when it was posted."),
    "Verdict": (("consistent", "conflicting"),
                "Whether one number fits every claim's bounds (approximate values ± 10 %)."),
    "Trend": (("growing",), "`growing`: the values disagree, but later reports only count "
                            "more."),
    "ClaimSort": (tuple(s for key in CLAIM_SORTS for s in (key, f"-{key}")),
                  "Order of a claim list; `-` reverses."),
    "ListFormat": (("json", "csv"), "A list's representation."),
    "WholeList": (("all",), "`per_page=all`: every item of the list in one streamed "
                            "response, instead of a page."),
    "MapListFormat": (("json", "csv", "geojson"),
                      "A list's representation, for lists whose items have a place."),
}


class Term(fields.String):
    """A string from the named list `ENUMS[name]`; a value outside it is a 422 on input.

    Nullable terms (`allow_none=True`) are documented as the list or null.
    """

    def __init__(self, name: str, **kwargs: Any) -> None:
        self.enum_name = name
        self.choices = ENUMS[name][0]
        super().__init__(validate=one_of(self.choices), **kwargs)


def one_of(choices: Iterable[str]) -> validate.OneOf:
    """A closed-list validator whose message names the allowed values."""
    return validate.OneOf(list(choices), error="Must be one of: {choices}.")
