"""The closed vocabularies of a claim (docs/claims.md), in one place.

The extractor's output is validated against them before it is stored, and the
API's query arguments reject anything else, so a typo in a filter gets a clear
4xx instead of a silently empty page.
"""

QUANTITIES = (
    "evacuees", "trapped", "displaced", "killed", "injured", "missing",
    "buses", "ambulances", "trucks", "flights", "boats", "vehicles", "convoys",
)
GROUPS = (
    "people", "civilians", "children", "women", "elderly", "wounded",
    "fighters", "foreigners", "staff",
)
QUALIFIERS = ("exact", "approximate", "at_least", "more_than", "nearly", "up_to", "range", "vague")
STATUSES = ("occurred", "planned")
SOURCE_KINDS = ("article", "live_blog")

#: Fields of one extracted claim, in order, as docs/claims.md defines them.
CLAIM_FIELDS = (
    "source", "quantity", "value", "value_low", "value_high", "qualifier", "group",
    "status", "actor", "via", "origin", "destination", "location",
    "text", "start", "end", "sentence",
)
