"""The extractor's word lists are data: seeds/words.toml, read through the seeds loader."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from api.extract import actors, attribution, counts, places, segment
from api.reference.data import load_toml, seeds_dir
from tests.conftest import ROOT

WORDS_TOML = ROOT / "seeds" / "words.toml"


def _lists(node: dict, path: str = ""):
    for name, value in node.items():
        if isinstance(value, dict):
            yield from _lists(value, f"{path}{name}.")
        elif isinstance(value, list):
            yield f"{path}{name}", value


def test_every_list_is_non_empty_and_has_no_duplicates():
    data = tomllib.loads(WORDS_TOML.read_text(encoding="utf-8"))
    lists = dict(_lists(data))
    assert len(lists) > 30
    for name, words in lists.items():
        assert words, name
        assert all(isinstance(w, str) and w == " ".join(w.split()) for w in words), name
        assert len(set(words)) == len(words), (name, [w for w in words if words.count(w) > 1])


def test_shared_words_are_listed_once():
    data = tomllib.loads(WORDS_TOML.read_text(encoding="utf-8"))
    for table in ("stop_words", "organisations", "titles", "time_words", "abbreviations"):
        seen: dict[str, str] = {}
        for name, words in data[table].items():
            for word in words:
                assert word not in seen, (table, word, seen.get(word), name)
                seen[word] = name


def test_the_extractor_reads_its_lists_from_the_seeds():
    words = load_toml("words.toml")
    stops, titles = words["stop_words"], words["titles"]
    assert frozenset(words["places"]["nouns"]) == places.PLACE_NOUNS
    assert frozenset(stops["common"] + stops["place_phrase"]) == places.STOP_WORDS
    assert frozenset(stops["common"] + stops["noun_phrase"]) == counts.NOUN_STOP_WORDS
    assert frozenset(titles["person"] + titles["other"]) == actors.TITLES
    assert words["speakers"]["reporting_verbs"] == attribution.REPORTING_VERBS
    assert "dec" in segment.ABBREVIATIONS and "dec" in places.TIME_WORDS
    for role, markers in words["place_markers"].items():
        for marker in markers:
            assert places.MARKER_ROLE[marker] == role
            assert places.MARKER.match(marker + " ")


@pytest.fixture
def own_words(tmp_path: Path, monkeypatch) -> Path:
    """A seeds directory whose words.toml has one more place marker than the project's."""
    (tmp_path / "words.toml").write_text(
        '[place_markers]\norigin = ["from"]\nlocation = ["in", "alongside"]\n', encoding="utf-8")
    monkeypatch.setenv("EVACFACTS_SEEDS", str(tmp_path))
    return tmp_path  # `load_toml` reads each seeds directory once: no cache to clear


def test_a_word_added_in_the_seeds_changes_the_pattern(own_words: Path):
    assert seeds_dir() == own_words
    assert not places.MARKER.match("alongside the river")  # the project's list
    roles, pattern = places.place_markers()
    assert roles == {"from": "origin", "in": "location", "alongside": "location"}
    assert pattern.match("alongside the river")
    assert not pattern.match("towards the river")
