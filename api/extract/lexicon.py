"""The vocabulary of evacuation reporting, compiled from ``seeds/lexicon.toml``.

Each vocabulary becomes one case-insensitive regular expression whose
alternatives are ordered longest first, so that "left behind" (trapped) is
tried before "left" (evacuees) and "pregnant women" before "women". A trailing
``*`` in the data means "any word starting with this".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from api.reference.data import load_toml

STEM = "*"
END = ""


def phrase_pattern(words: list[str]) -> str:
    """One regex for a list of words and phrases, longest match first.

    The alternatives are folded into a trie ("evacuat" is spelled once for
    "evacuated", "evacuation orders" and the stem "evacuat*"), so the regex
    engine tries one branch per character instead of every word in turn:
    this is what keeps extraction fast with a lexicon of hundreds of entries."""
    trie: dict = {}
    for word in set(words):
        node = trie
        stem = word.endswith(STEM)
        for char in " ".join(word.rstrip(STEM).lower().split()):
            node = node.setdefault(char, {})
        node[STEM if stem else END] = {}
    return r"(?<![\w-])" + _trie_regex(trie) + r"(?![\w-])"


def _trie_regex(node: dict) -> str:
    """Regex for one trie node: explicit continuations first, then a stem, then the end."""
    branches = []
    for char in sorted(k for k in node if k not in (STEM, END)):
        head = r"\s+" if char == " " else re.escape(char)
        branches.append(head + _trie_regex(node[char]))
    if STEM in node:
        branches.append(r"[\w-]*")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if END in node and STEM not in node:
        return "(?:" + body + ")?"
    return body


def _table(words_by_key: dict[str, list[str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex over every word of a table plus the lookup back to its key."""
    lookup: dict[str, str] = {}
    words: list[str] = []
    for key, entries in words_by_key.items():
        for word in entries:
            lookup.setdefault(_norm(word.rstrip("*")), key)
            words.append(word)
    return re.compile(phrase_pattern(words), re.IGNORECASE), lookup


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Vocabulary:
    """A compiled word table: find its words in text and say which key each belongs to."""

    pattern: re.Pattern[str]
    lookup: dict[str, str]
    stems: tuple[tuple[str, str], ...]
    # Matched text -> key, filled as the process reads (the vocabulary never changes).
    seen: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_table(cls, table: dict[str, list[str]]) -> Vocabulary:
        pattern, lookup = _table(table)
        stems = tuple(
            (_norm(word[:-1]), key)
            for key, words in table.items()
            for word in words
            if word.endswith("*")
        )
        return cls(pattern, lookup, stems)

    def key(self, matched: str) -> str | None:
        """The table key of a matched word (exact entry first, then stems)."""
        try:
            return self.seen[matched]
        except KeyError:
            found = self.seen[matched] = self._key(matched)
            return found

    def _key(self, matched: str) -> str | None:
        word = _norm(matched)
        if word in self.lookup:
            return self.lookup[word]
        for stem, key in self.stems:
            if word.startswith(stem):
                return key
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """Yield ``(start, end, key)`` for every word of the table in ``text``."""
        end = len(text) if endpos is None else endpos
        for m in self.pattern.finditer(text, pos, end):
            key = self.key(m.group())
            if key is not None:
                yield m.start(), m.end(), key

    def match_at(self, text: str, pos: int) -> tuple[int, str] | None:
        """The longest entry starting exactly at ``pos``: ``(end, key)``."""
        m = self.pattern.match(text, pos)
        if not m:
            return None
        key = self.key(m.group())
        return (m.end(), key) if key else None


@dataclass(frozen=True)
class Lexicon:
    """All vocabularies the extractor reads."""

    groups: Vocabulary
    group_modifiers: Vocabulary
    noun_quantities: Vocabulary
    vehicles: Vocabulary
    quantity_cues: Vocabulary
    demonyms: Vocabulary
    planned: re.Pattern[str]
    not_planned: re.Pattern[str]
    occurred: re.Pattern[str]
    own_movement: re.Pattern[str]  # moving by oneself: "left", "arrived", "crossed into"


@cache
def lexicon() -> Lexicon:
    """The lexicon, compiled once per process."""
    data = load_toml("lexicon.toml")
    heads = dict(data["groups"])
    return Lexicon(
        groups=Vocabulary.from_table(heads),
        group_modifiers=Vocabulary.from_table(data["group_modifiers"]),
        noun_quantities=Vocabulary.from_table(data["noun_quantities"]),
        vehicles=Vocabulary.from_table(data["vehicles"]),
        quantity_cues=Vocabulary.from_table(data["quantity_cues"]),
        demonyms=Vocabulary.from_table(data["demonyms"]),
        planned=re.compile(phrase_pattern(data["status"]["planned"]), re.IGNORECASE),
        not_planned=re.compile(phrase_pattern(data["status"]["not_planned"]), re.IGNORECASE),
        occurred=re.compile(phrase_pattern(data["status"]["occurred"]), re.IGNORECASE),
        own_movement=re.compile(phrase_pattern(data["own_movement"]["cues"]), re.IGNORECASE),
    )
