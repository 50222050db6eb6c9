"""Why a claim was read as it was (its cues), and how far to trust it (its confidence).

A newsroom checking a figure wants to know what the reading rests on: the
quantity from a predicate ("were bused") or only from a noun ("refugees"),
the actor from an explicit frame ("told reporters") or from a quotation's
speaker, places named in a gazetteer or kept as written. Each decision the
extractor makes leaves a `Cue`; a claim lists them as short sentences.

`confidence` turns the same cues into a number: a logistic model over a few
features of the cues, whose weights are data (`seeds/calibration.toml`),
fitted on the real-news development set so that a confidence of 0.8 means
that about eight claims in ten given it were found with every attribute
right. The fit and the reliability table are reproduced by
`tests/data/realnews/calibrate.py`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from api.reference.data import load_toml


@dataclass(frozen=True)
class Cue:
    """The evidence one attribute of a claim was decided on."""

    field: str  # quantity, group, qualifier, status, actor, via, origin, destination, location
    kind: str  # a key of DESCRIPTIONS
    evidence: str = ""  # the words of the report it rests on, when there are any

    def describe(self) -> str:
        """One short sentence: 'quantity from the cue word "were bused"'."""
        return DESCRIPTIONS[self.kind].format(field=self.field, evidence=self.evidence)


#: How each kind of cue reads in a claim's `cues`.
DESCRIPTIONS = {
    "cue word": '{field} from the cue word "{evidence}"',
    "noun": '{field} from the noun "{evidence}"',
    "default": "{field} by default: no cue word or noun decided it",
    "hedge": '{field} from the hedge in "{evidence}"',
    "planned": "{field} planned, from the wording around the number",
    "frame": '{field} from the attribution "{evidence}"',
    "quotation": '{field} from the speaker of the quotation: "{evidence}"',
    "post author": '{field} from the author of the embedded post "{evidence}"',
    "gazetteer": '{field} from the gazetteer place "{evidence}"',
    "phrase": '{field} from the phrase "{evidence}", not in the gazetteer',
    "mentions": "{field}: {evidence} mentions merged",
}

Cues = Mapping[str, Cue]


def features(claim: Mapping[str, Any], cues: Cues, mentions: int,
             neighbours: int = 0) -> dict[str, float]:
    """The features the calibrated model reads: what each decision rested on, and how
    crowded or unusual the sentence it was read from is."""
    quantity = cues.get("quantity")
    actor = cues.get("actor")
    places = [cues[f] for f in ("origin", "destination", "location") if f in cues]
    sentence = str(claim.get("sentence", "")).strip()
    words = len(sentence.split())
    return {
        "quantity_from_cue_word": float(quantity is not None and quantity.kind == "cue word"),
        "quantity_from_noun_only": float(quantity is not None and quantity.kind == "noun"),
        "actor_from_frame": float(actor is not None and actor.kind == "frame"),
        "actor_from_quotation_or_post": float(
            actor is not None and actor.kind in ("quotation", "post author")),
        "own_voice": float(actor is None),
        "hedged": float(claim.get("qualifier") not in ("exact", None)),
        "vague": float(claim.get("qualifier") == "vague"),
        "places": float(len(places)),
        "places_as_written": float(sum(p.kind == "phrase" for p in places)),
        "place_described": float(any(p.kind == "phrase" and p.evidence[:1].islower()
                                     for p in places)),
        "in_a_list": float(neighbours >= 2),
        # the reading with the least left to guess: a named speaker, places all known
        "attributed_with_known_places": float(
            actor is not None and actor.kind == "frame"
            and all(p.kind == "gazetteer" for p in places)),
        "displaced_or_trapped": float(claim.get("quantity") in ("displaced", "trapped")),
        "headline_or_fragment": float(not sentence.endswith((".", "!", "?", "\"", "”", "’"))),
        "planned": float(claim.get("status") == "planned"),
        "repeated": float(mentions > 1),
        "long_sentence": float(words > 35),
        "vehicles": float(claim.get("group") is None),
    }


def confidence(claim: Mapping[str, Any], cues: Cues, mentions: int = 1,
               neighbours: int = 0) -> float:
    """The calibrated probability that the claim is right in every attribute, 0 to 1."""
    model = load_toml("calibration.toml")
    return probability(features(claim, cues, mentions, neighbours), model["intercept"],
                       model["weights"], model.get("scale", 1.0), model.get("shift", 0.0))


def logit(features: Mapping[str, float], intercept: float,
          weights: Mapping[str, float]) -> float:
    """The model's score before scaling: intercept plus the weighted features."""
    return intercept + sum(weights.get(name, 0.0) * value
                           for name, value in features.items() if value)


def probability(features: Mapping[str, float], intercept: float,
                weights: Mapping[str, float], scale: float = 1.0, shift: float = 0.0) -> float:
    """The calibrated confidence of a claim with these features, to two decimals.

    Rescaled on reports the extractor was never tuned on (Platt scaling): the
    weights rank claims, the scale and shift say how often claims so ranked are right.
    """
    score = scale * logit(features, intercept, weights) + shift
    return round(1.0 / (1.0 + math.exp(-score)), 2)
