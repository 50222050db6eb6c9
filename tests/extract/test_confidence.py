"""Every claim says how far to trust it (`confidence`) and why (`cues`), in the
extractor's output (the API's side: tests/web/test_confidence.py)."""

from api.extract import extract_claims
from api.extract.confidence import DESCRIPTIONS, Cue, confidence, features

REPORT = (
    "Evacuation of Riverton\n\n"
    "The mayor said 1,200 residents were bused to shelters in Hillcrest on Monday.\n"
    "Some 40 buses are expected to leave the town on Tuesday.\n"
    "At least 12 people were killed in the flooding, police told reporters.\n"
)
BLOG = (
    "LIVE: Riverton floods\n\n"
    "10:05 am\n\nOfficials said 300 people were evacuated overnight.\n\n"
    "9:40 am\n\nRescuers say 45 people are trapped on rooftops.\n"
)


def test_every_claim_has_a_confidence_between_0_and_1_and_its_cues():
    claims = extract_claims(REPORT, "riverton.txt")
    assert claims
    for claim in claims:
        assert 0 <= claim["confidence"] <= 1
        assert claim["cues"] and all(isinstance(c, str) for c in claim["cues"])


def test_cues_say_what_the_quantity_and_the_actor_were_read_from():
    by_value = {c["value"]: c for c in extract_claims(REPORT, "riverton.txt")}
    assert 'quantity from the cue word "bused"' in by_value[1200]["cues"]
    assert any(c.startswith('actor from the attribution "The mayor said') for c in
               by_value[1200]["cues"])
    assert "status planned, from the wording around the number" in by_value[40]["cues"]
    assert any(c.startswith("qualifier from the hedge") for c in by_value[12]["cues"])


def test_every_kind_of_cue_reads_as_a_sentence():
    for kind in DESCRIPTIONS:
        text = Cue("actor", kind, "X").describe()
        assert text.startswith("actor") and "{" not in text


def test_confidence_follows_the_calibrated_weights():
    claim = {"qualifier": "exact", "status": "occurred", "group": "people", "sentence": "x"}
    cues = {"quantity": Cue("quantity", "cue word", "evacuated")}
    assert set(features(claim, cues, 1)) >= {"quantity_from_cue_word", "own_voice"}
    assert confidence(claim, cues) == confidence(dict(claim), dict(cues))
    assert 0 < confidence(claim, cues) < 1
