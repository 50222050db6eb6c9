"""A search box's text is matched word by word, never parsed as FTS5 syntax."""

import pytest

from api.store.search import fts_phrases


@pytest.mark.parametrize(("text", "phrases"), [
    ("convoy", '"convoy"'),
    ("Red Cross", '"Red" "Cross"'),
    ('say "hello', '"say" """hello"'),
    ("NEAR(a b)", '"NEAR(a" "b)"'),
    ('"', None),
    (" - * ", None),
    ("0\x00", '"0"'),  # FTS5 stops reading a query at a NUL: it only separates words
    ("a\x00b\tc", '"a" "b" "c"'),
])
def test_each_word_is_a_quoted_phrase(text, phrases):
    assert fts_phrases(text) == phrases
