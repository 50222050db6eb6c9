"""The extractor's grammar words, read from ``seeds/words.toml``.

Place nouns, stop words, titles, reporting verbs and the like are data, so a
newsroom can add a word without touching Python. The modules of
``api.extract`` build their patterns from these lists when they are imported;
the grammar around the words (word boundaries, optional articles, what may
follow) stays in their code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from api.reference.data import load_toml

WORDS_FILE = "words.toml"


def word_table(table: str) -> dict:
    """One table of ``seeds/words.toml``: list name -> its words."""
    return load_toml(WORDS_FILE)[table]


def word_list(table: str, name: str) -> list[str]:
    """One list of ``seeds/words.toml``, in file order: ``word_list("places", "nouns")``."""
    return list(word_table(table)[name])


def word_set(table: str, *names: str) -> frozenset[str]:
    """The words of one or more lists of a table, as a set."""
    lists = word_table(table)
    return frozenset(word for name in names for word in lists[name])


def alternatives(words: Iterable[str], space: str = r"\s+") -> str:
    """Regex alternatives matching each word or phrase literally, in the given order;
    ``space`` stands for the blanks between the words of a phrase."""
    return "|".join(space.join(re.escape(part) for part in word.split()) for word in words)
