"""Text to claims: evacuation figures read out of a report as structured claims.

The pipeline (``pipeline.extract_claims``) is built from plain functions over
plain data, one module per step, each testable without Flask:

* ``segment``: sentences, headlines and live-blog entries, with offsets;
* ``numbers``: amounts, hedges and bounds;
* ``lexicon``: the vocabulary in ``seeds/lexicon.toml``;
* ``words``: the grammar words in ``seeds/words.toml`` the patterns are built from;
* ``counts``: what is counted, who, planned or happened;
* ``attribution``: who said it, and through whom;
* ``actors``: speaker phrases to canonical actors (the registry in ``api.reference``);
* ``places``: origin, destination and location (names from ``api.reference``'s gazetteer);
* ``dates``: a report's date and a live blog's entry times;
* ``merge``: the guide's merge rule within one report;
* ``confidence``: each claim's cues and calibrated confidence.
"""

from .pipeline import extract_claims

__all__ = ["extract_claims"]
