"""Any text posted, as JSON or as text/plain, is stored or refused with a 4xx: never a 5xx.

The text runs through the real extractor. Strings include control characters,
NUL and unpaired surrogates: JSON can carry a surrogate as an escape
("\\ud800"), and as text/plain bytes it is invalid UTF-8.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

KEY = "property-key"
AUTH = {"Authorization": f"Bearer {KEY}"}

#: Every code point, surrogates (category Cs) and control characters included, plus
#: report-like words so the extractor has numbers to read.
CHARS = st.characters(codec=None, exclude_categories=())
WORDS = st.sampled_from(["300 people", " evacuated", " from Idlib", "\n", "buses", " said"])
TEXTS = st.lists(st.one_of(st.text(CHARS, max_size=20), WORDS), max_size=12).map("".join)


@pytest.fixture
def database(tmp_path):
    return tmp_path / "x.db"


@pytest.fixture
def app_config():
    return {"EVACFACTS_API_KEYS": [KEY]}


def _storable(text: str) -> bool:
    """What the JSON body accepts: some non-whitespace, no NUL, no unpaired surrogate."""
    return bool(re.search(r"\S", text)) and "\x00" not in text and not re.search(
        "[\ud800-\udfff]", text)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEXTS)
def test_json_text_is_stored_or_refused_never_a_server_error(client, text):
    response = client.post("/v1/sources", headers=AUTH, content_type="application/json",
                           data=json.dumps({"text": text}))
    assert response.status_code in ((200, 201) if _storable(text) else (422,)), response.json
    if response.status_code != 422:
        stored = response.json
        assert stored["text"] == text
        for claim in stored["claims"]:
            assert text[claim["start"]:claim["end"]] == claim["text"]


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEXTS)
def test_text_plain_is_stored_or_refused_never_a_server_error(client, text):
    data = text.encode("utf-8", "surrogatepass")  # a surrogate becomes invalid UTF-8
    response = client.post("/v1/sources", headers=AUTH, content_type="text/plain", data=data)
    assert response.status_code in (200, 201, 422), response.json
    assert response.mimetype == ("application/problem+json" if response.status_code == 422
                                 else "application/json")
