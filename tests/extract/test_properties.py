"""Property-based tests: the extractor never raises and never lies about offsets."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.extract import extract_claims

QUANTITIES = {"evacuees", "trapped", "displaced", "killed", "injured", "missing", "buses",
              "ambulances", "trucks", "flights", "boats", "vehicles", "convoys"}
GROUPS = {None, "people", "civilians", "children", "women", "elderly", "wounded", "fighters",
          "foreigners", "staff"}
QUALIFIERS = {"exact", "approximate", "at_least", "more_than", "nearly", "up_to", "range",
              "vague"}
STATUSES = {"occurred", "planned"}

FRAGMENTS = [
    "At least 17 buses", " and ", "10 ambulances", " left ", "eastern Aleppo", ". ",
    "\n\n3:47 pm\n\n", "A Syrian official said ", "951 people", " were evacuated",
    ", Reuters reported citing a local official.", '"', "“", "”", " tens of thousands ",
    "displaced", " including 300 children", " from ", " to ", "the city", "#Aleppo",
    "@ICRC_sy", "https://t.co/abc123", " on December 15, 2016", " at 0400 GMT", " $5m ",
    " 40% ", "— ICRC (@ICRC) May 3, 2024\n", "He said ", "one of its volunteers",
    " were killed", " remain trapped", "(", ")", " - ", " according to the UN", "Thousands",
    " would be evacuated", "five thousands rebel fighters", "Twenty-nine", " trucks", ";",
]


def check(text: str) -> None:
    for claim in extract_claims(text, "prop.txt"):
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["quantity"] in QUANTITIES
        assert claim["group"] in GROUPS
        assert claim["qualifier"] in QUALIFIERS
        assert claim["status"] in STATUSES
        assert isinstance(claim["value"], int) and claim["value"] >= 0
        for bound in ("value_low", "value_high"):
            assert claim[bound] is None or isinstance(claim[bound], int)
        if claim["quantity"] in {"buses", "ambulances", "trucks", "flights", "boats",
                                 "vehicles", "convoys"}:
            assert claim["group"] is None
        assert claim["text"] in claim["sentence"]
        for name in ("actor", "via", "origin", "destination", "location"):
            assert claim[name] is None or (isinstance(claim[name], str) and claim[name].strip())
        json.dumps(claim)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_report_like_mixtures(text):
    check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30)
       .map("".join))
def test_fragments_and_noise(text):
    check(text)


def test_hostile_shapes():
    """Run-on text, walls of digits and endless quotations neither crash nor go wrong.
    (How long they take is measured by bench/, not here.)"""
    cases = [
        "1" * 50_000,
        " ".join(str(i) for i in range(20_000)),
        "Officials said 300 people were evacuated from Aleppo and " * 4_000,
        '"' + "They said 300 people fled. " * 6_000 + '"',
        '"' * 5_000 + "said 300 people fled" + '"' * 5_000,
    ]
    for text in cases:
        check(text)
