"""Shared fixtures: a small, fully known corpus and a table-driven fake extractor.

The real extractor lives on branch main and its output changes as it improves;
the service's tests pin behaviour with claims they define themselves.

What is slow to build is built once per session and copied where a test may change it:
the tests' reference data (`reference`: the Gazetteer and Actors), the
fake corpus's database (`corpus_database`, each test's own copy in `db_path`) and the
seed reports through the real extractor (`seed_load`, copied in `seed_db`). `client` is
the app's test client over `database` (the fake corpus) with `app_config`; a module
overrides those two fixtures to serve another database or configuration.

Nothing is written into the checkout: databases and screenshots go to `tmp_path`,
Hypothesis's examples and caches to `HYPOTHESIS_HOME`.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from api import store
from api.corpus import walk
from api.load.batch import load_paths
from api.reference.actors import Actors
from api.reference.gazetteer import Gazetteer
from api.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

#: Hypothesis keeps its example database and caches here, outside the checkout (not in
#: ./.hypothesis); `HYPOTHESIS_STORAGE_DIRECTORY` moves it.
HYPOTHESIS_HOME = Path(os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "evacfacts-hypothesis")))
settings.register_profile(
    "evacfacts", database=DirectoryBasedExampleDatabase(HYPOTHESIS_HOME / "examples"))
settings.load_profile("evacfacts")

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
    """Claim dicts (docs/claims.md) for every known phrase in `text`."""
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
    write_reports(folder)
    return folder


def write_reports(folder: Path) -> None:
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")


def copy_database(source: Path, target: Path) -> Path:
    """A test's own copy of a database file built once (closed, so no WAL beside it)."""
    assert not source.with_name(source.name + "-wal").exists(), source
    shutil.copyfile(source, target)
    return target


# --- reference data and databases, built once per session ----------------------------

@dataclass(frozen=True)
class Reference:
    """Reference files and the gazetteer and actors read from them."""

    folder: Path
    gazetteer: Gazetteer
    actors: Actors


@pytest.fixture(scope="session")
def reference(tmp_path_factory) -> Reference:
    """The tests' own reference files (`PLACES_TOML`, `ACTORS_TOML`), and the gazetteer and
    actors read from them once for the session."""
    folder = tmp_path_factory.mktemp("seeds")
    (folder / "places.toml").write_text(PLACES_TOML, encoding="utf-8")
    (folder / "actors.toml").write_text(ACTORS_TOML, encoding="utf-8")
    return Reference(folder, Gazetteer(folder / "places.toml"), Actors(folder / "actors.toml"))


@pytest.fixture
def seeds(reference: Reference, monkeypatch) -> Path:
    """Reference files of the tests' own, in `EVACFACTS_SEEDS`: tests do not depend on
    the project's growing seeds/places.toml and seeds/actors.toml."""
    monkeypatch.setenv("EVACFACTS_SEEDS", str(reference.folder))
    return reference.folder


@pytest.fixture
def gazetteer(seeds: Path, reference: Reference) -> Gazetteer:
    return reference.gazetteer


@pytest.fixture
def actors(seeds: Path, reference: Reference) -> Actors:
    return reference.actors


@pytest.fixture(scope="session")
def corpus_database(tmp_path_factory, reference: Reference) -> Path:
    """The fake corpus (`REPORTS` through `fake_extract`) loaded once into a file."""
    folder = tmp_path_factory.mktemp("corpus")
    write_reports(folder / "reports")
    path = folder / "test.db"
    db = store.connect(path)
    results = list(load_paths(db, sorted((folder / "reports").glob("*.txt")), fake_extract,
                              gazetteer=reference.gazetteer, actors=reference.actors))
    assert all(r.status == "new" for r in results), results
    db.close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, corpus_database: Path, seeds: Path) -> Path:
    """A database file loaded with the fake corpus: the test's own copy, free to write."""
    return copy_database(corpus_database, tmp_path / "test.db")


@dataclass(frozen=True)
class SeedLoad:
    """The project's seed reports loaded with the real extractor: the file and the
    loader's result for each report."""

    path: Path
    results: list


@pytest.fixture(scope="session")
def seed_load(tmp_path_factory) -> SeedLoad:
    """`seeds/reports` through the real extractor and the loader's own reference data (the
    project's `seeds/`), as `evacfacts load` stores them, loaded once into a file."""
    extract_claims = pytest.importorskip("api.extract").extract_claims
    path = tmp_path_factory.mktemp("seed-db") / "seeds.db"
    db = store.connect(path)
    results = list(load_paths(db, walk.walk_reports([ROOT / "seeds" / "reports"]).files,
                              extract_claims))
    db.close()
    return SeedLoad(path, results)


@pytest.fixture
def seed_db(tmp_path: Path, seed_load: SeedLoad) -> Path:
    """The seed database: the test's own copy, free to write."""
    assert all(r.status == "new" for r in seed_load.results), seed_load.results
    return copy_database(seed_load.path, tmp_path / "seeds.db")


# --- the app ---------------------------------------------------------------------------

@pytest.fixture
def database(db_path: Path) -> Path:
    """The database file `app` serves: the fake corpus, unless a module overrides this."""
    return db_path


@pytest.fixture
def app_config() -> dict:
    """Configuration `app` gets beside its database; a module overrides this."""
    return {"TESTING": True}


@pytest.fixture
def app(database: Path, app_config: dict) -> Flask:
    return create_app({"EVACFACTS_DB": str(database), **app_config})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """The app's test client: the fake corpus behind it, unless the module overrides
    `database` (or `app_config`)."""
    return app.test_client()


# --- the extractor's fixtures ---


@pytest.fixture
def claims_of():
    """Extract the claims of a text and index them by value for short assertions."""
    from api.extract import extract_claims

    def run(text: str) -> dict[int, dict]:
        claims = extract_claims(text, "test.txt")
        return {c["value"]: c for c in claims}

    return run
