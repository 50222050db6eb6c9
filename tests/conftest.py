"""Shared fixtures: a small, fully known corpus and a table-driven fake extractor.

The real extractor lives on branch main and its output changes as it improves;
the service's tests pin behaviour with claims they define themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from api import store
from api.load.batch import load_paths
from api.reference.actors import Actors
from api.reference.gazetteer import Gazetteer

REPORTS = {
    "alpha.txt": (
        "Evacuation of East Aleppo begins\n"
        "Published: December 15, 2016\n\n"
        "The ICRC said 951 people were evacuated from East Aleppo to Idlib.\n"
        "At least 20 buses left the city.\n"
        "Hundreds of civilians have been killed in Aleppo.\n"
    ),
    "beta.txt": (
        "LIVE: Aleppo evacuation\n\n3:47 pm\n\n"
        "Reuters reported citing a Syrian official that 4,000 fighters are to be evacuated "
        "from East Aleppo.\n\n3:10 pm\n\n"
        "About 50,000 people were still trapped in Madaya.\n"
    ),
}

#: phrase -> attributes; the fake extractor emits one claim per phrase it finds.
PHRASES = {
    "951 people": dict(quantity="evacuees", value=951, group="people",
                       actor="International Committee of the Red Cross",
                       origin="East Aleppo", destination="Idlib"),
    "At least 20 buses": dict(quantity="buses", value=20, value_high=None, qualifier="at_least",
                              group=None),
    "Hundreds of civilians": dict(quantity="killed", value=200, value_high=999,
                                  qualifier="vague", group="civilians", location="Aleppo"),
    "4,000 fighters": dict(quantity="evacuees", value=4000, group="fighters", status="planned",
                           actor="Syrian official", via="Reuters", origin="East Aleppo"),
    "About 50,000 people": dict(quantity="trapped", value=50000, qualifier="approximate",
                                group="people", location="Madaya"),
}

PLACES_TOML = """
[[place]]
name = "East Aleppo"
kind = "district"
parent = "Aleppo"
aliases = ["eastern Aleppo", "east Aleppo"]
"""

ACTORS_TOML = """
[[actor]]
name = "International Committee of the Red Cross"
kind = "humanitarian"
aliases = ["ICRC", "Red Cross"]

[[actor]]
name = "Reuters"
kind = "media"
aliases = ["Reuters news agency"]
"""


def fake_extract(text: str, source: str) -> list[dict]:
    """Claims-guide dicts for every known phrase in `text`."""
    claims = []
    for phrase, attrs in PHRASES.items():
        for m in re.finditer(re.escape(phrase), text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            claim = {
                "source": source, "qualifier": "exact", "status": "occurred",
                "actor": None, "via": None, "origin": None, "destination": None,
                "location": None, **attrs,
                "text": phrase, "start": m.start(), "end": m.end(),
                "sentence": text[line_start:line_end],
            }
            claim.setdefault("value_low", attrs["value"])
            claim.setdefault("value_high", attrs["value"])
            claims.append(claim)
    return claims


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch) -> Path:
    """Reference files of the tests' own, in `EVACFACTS_SEEDS`: tests do not depend on
    the project's growing seeds/places.toml and seeds/actors.toml."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "places.toml").write_text(PLACES_TOML, encoding="utf-8")
    (folder / "actors.toml").write_text(ACTORS_TOML, encoding="utf-8")
    monkeypatch.setenv("EVACFACTS_SEEDS", str(folder))
    return folder


@pytest.fixture
def gazetteer(seeds: Path) -> Gazetteer:
    return Gazetteer(seeds / "places.toml")


@pytest.fixture
def actors(seeds: Path) -> Actors:
    return Actors(seeds / "actors.toml")


@pytest.fixture
def db_path(tmp_path: Path, reports_dir: Path, gazetteer: Gazetteer, actors: Actors) -> Path:
    """A database file loaded with the fake corpus."""
    path = tmp_path / "test.db"
    db = store.connect(path)
    results = list(load_paths(db, sorted(reports_dir.glob("*.txt")), fake_extract,
                              gazetteer=gazetteer, actors=actors))
    assert all(r.status == "new" for r in results), results
    db.close()
    return path


# --- the extractor's fixtures ---

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def claims_of():
    """Extract the claims of a text and index them by value for short assertions."""
    from api.extract import extract_claims

    def run(text: str) -> dict[int, dict]:
        claims = extract_claims(text, "test.txt")
        return {c["value"]: c for c in claims}

    return run
