"""The quick check of a plain claim says what `ExtractedClaimSchema` says.

`validate_claims` skips the schema for a claim in plain form (`_plain_claim`):
for any claim, that check either defers (None) or gives exactly what the
schema gives, and never accepts what the schema refuses.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from marshmallow import ValidationError

from api.load.validation import ExtractedClaimSchema, _plain_claim
from api.reference.vocabulary import GROUPS, QUALIFIERS, QUANTITIES, STATUSES

VALID = {
    "source": "a.txt", "quantity": "evacuees", "value": 951, "value_low": None,
    "value_high": None, "qualifier": "exact", "group": "people", "status": "occurred",
    "actor": "ICRC", "via": None, "origin": "East Aleppo", "destination": None,
    "location": None, "text": "951 people", "start": 4, "end": 14,
    "sentence": "The 951 people left.", "confidence": 0.5, "cues": ["a cue"],
}

#: Values of every kind the schema converts, refuses or accepts.
ANY = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 20), st.floats(allow_nan=True),
    st.sampled_from(["", "x", "951", "1.0", *QUANTITIES[:2], *GROUPS[:2], *QUALIFIERS[:2],
                     *STATUSES]),
    st.binary(max_size=3), st.lists(st.sampled_from(["a", 1, None]), max_size=2),
    st.just(float("inf")), st.just(1.0), st.just(0), st.just(1),
)


@st.composite
def claims(draw) -> dict:
    claim = dict(VALID)
    for key in draw(st.lists(st.sampled_from([*VALID, "extra"]), max_size=4)):
        if draw(st.booleans()):
            claim[key] = draw(ANY)
        else:
            claim.pop(key, None)
    return claim


def schema_says(claim: dict) -> dict | None:
    try:
        return ExtractedClaimSchema().load(claim)
    except ValidationError:
        return None


@given(claims())
def test_the_quick_check_defers_or_agrees_with_the_schema(claim):
    quick = _plain_claim(claim)
    if quick is not None:
        assert quick == schema_says(claim)
        assert all(type(quick[k]) is type(v) for k, v in schema_says(claim).items())


def test_a_valid_plain_claim_is_taken_without_the_schema():
    assert _plain_claim(VALID) == ExtractedClaimSchema().load(VALID)
    without_defaults = {k: v for k, v in VALID.items() if k not in ("confidence", "cues")}
    assert _plain_claim(without_defaults) == ExtractedClaimSchema().load(without_defaults)
