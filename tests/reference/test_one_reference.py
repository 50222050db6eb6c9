"""The extractor and the store share one gazetteer and one actor registry.

Every place or actor the extractor names canonically in the seed reports is
stored under the same id, with the same kind and parent, as the reference
data gives it; and a small town's name is read in the report's own country.
"""

import pytest

from api import store
from api.extract import extract_claims
from api.extract.places import named_places
from api.reference.actors import actors
from api.reference.data import slugify
from api.reference.gazetteer import Gazetteer, gazetteer
from tests.conftest import ROOT

SEEDS = sorted((ROOT / "seeds" / "reports").glob("*.txt"))
PLACE_ROLES = ("origin", "destination", "location")


@pytest.fixture
def seed_store(seed_db):
    """The seed reports as `evacfacts load` stores them (loaded once per session)."""
    return store.connect(seed_db)


def _stored_claims(db, source_name: str) -> list[dict]:
    return list(db.query(
        "SELECT c.start, c.actor_id, c.via_id, c.origin_id, c.destination_id, c.location_id "
        "FROM claims c JOIN sources s ON s.id = c.source_id WHERE s.name = ?", [source_name]))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_places_the_extractor_names_are_stored_as_the_gazetteer_has_them(seed_store, path):
    gaz = gazetteer()
    text = path.read_text(encoding="utf-8")
    countries = gaz.countries_of(named_places(text))
    stored = {row["start"]: row for row in _stored_claims(seed_store, path.name)}
    checked = 0
    for claim in extract_claims(text, path.name):
        row = stored[claim["start"]]
        for role in PLACE_ROLES:
            name = claim[role]
            place = gaz.place(name, countries) if name else None
            if place is None:
                continue
            assert gaz.lookup(name).name == name  # the extractor spells it canonically
            location = store.get_location(seed_store, row[f"{role}_id"])
            assert location["id"] == slugify(place.name)
            assert location["kind"] == place.kind
            parent = gaz.resolve(place.parent, countries)[0]["id"] if place.parent else None
            assert location["parent_id"] == parent
            checked += 1
    assert checked or not any(c[r] for c in extract_claims(text, path.name) for r in PLACE_ROLES)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_actors_the_extractor_names_are_stored_as_the_registry_has_them(seed_store, path):
    registry = actors()
    stored = {row["start"]: row for row in _stored_claims(seed_store, path.name)}
    for claim in extract_claims(path.read_text(encoding="utf-8"), path.name):
        for role in ("actor", "via"):
            listed = registry.get(claim[role]) if claim[role] else None
            if listed is None:
                continue
            assert claim[role] == listed.name  # canonical, never an alias
            row = store.get_actor(seed_store, stored[claim["start"]][f"{role}_id"])
            assert (row["id"], row["kind"]) == (slugify(listed.name), listed.kind)


def test_a_small_town_is_read_in_the_country_the_report_names(tmp_path):
    gaz = Gazetteer(tmp_path / "no-reference.toml")
    # GeoNames has a Madaya in Myanmar; a Syrian report's Madaya is not that one.
    assert gaz.lookup("Madaya") is not None
    assert gaz.place("Madaya", {"Syria"}) is None
    assert gaz.resolve("Madaya", {"Syria"})[0]["kind"] is None
    assert gaz.place("Madaya", {"Myanmar"}).parent == "Myanmar"
    # A large city is known by name alone.
    assert gaz.place("Aleppo").parent == "Syria"


def test_the_report_context_comes_from_its_own_names():
    gaz = gazetteer()
    text = "KABUL, Aug 25 (Reuters) - Crowds waited at the airport. Britain flew 1,000 out."
    assert {"Afghanistan", "United Kingdom"} <= gaz.countries_of(named_places(text))


def test_common_country_names_are_aliases_of_the_geonames_country():
    gaz = gazetteer()
    assert gaz.lookup("Britain").name == "United Kingdom"
    assert gaz.lookup("U.S.").name == "United States"
    assert gaz.lookup("Czech Republic").name == "Czechia"
    assert gaz.lookup("Britain").lat is not None  # pinned at the capital
    assert gaz.lookup("Holland") is None or gaz.lookup("Holland").kind != "country"


SMALL_GEONAMES = {
    "countries": [["country", "syria", "Syria", None, 33.5, 36.3, 22_000_000]],
    "states": [],
    "cities": {"aleppo": [["city", "aleppo", "Aleppo", "Syria", 36.2, 37.16, 1_600_000]]},
    "other_names": {"beroea": [["Beroea", "aleppo", 0]], "halep": [["Halep", "aleppo", 0]],
                    "north": [["North", "aleppo", 0]]},
    "capitals": {"Syria": ["aleppo", 0]},
}


def test_the_geonames_index_is_built_once_in_the_cache_dir(tmp_path, monkeypatch):
    from api.reference import gazetteer as module

    monkeypatch.setenv("EVACFACTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(module, "_rows_from_package", lambda: SMALL_GEONAMES)
    path = module._index_path()
    assert path.parent == tmp_path / "cache" and path.is_file()

    def parse_again():
        raise AssertionError("the package was parsed although the cache holds its index")

    monkeypatch.setattr(module, "_rows_from_package", parse_again)
    assert module._index_path() == path
    geo = module.GeoNames(path)
    assert geo.countries["syria"].name == "Syria"
    assert geo.cities("aleppo")[0].parent == "Syria"
    assert geo.cities("halep")[0].name == "Halep"  # a spelling of Aleppo, as written
    assert geo.cities("beroea") == ()  # an old name, not a spelling of Aleppo
    assert geo.cities("north") == ()
    assert geo.capital("Syria").name == "Aleppo"
    assert geo.capital("Atlantis") is None


def test_an_unwritable_cache_dir_only_costs_time(tmp_path, monkeypatch):
    from api.reference import gazetteer as module

    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("EVACFACTS_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(module, "_rows_from_package", lambda: SMALL_GEONAMES)
    geo = module.GeoNames(module._index_path())
    assert geo.cities("aleppo")[0].name == "Aleppo"


def test_the_index_goes_to_a_worker_process_without_its_connection(tmp_path, monkeypatch):
    import pickle

    from api.reference import gazetteer as module

    monkeypatch.setenv("EVACFACTS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(module, "_rows_from_package", lambda: SMALL_GEONAMES)
    geo = module.GeoNames(module._index_path())
    copy = pickle.loads(pickle.dumps(geo))
    assert copy.cities("aleppo") == geo.cities("aleppo")


def test_other_spellings_are_kept_but_ordinary_words_are_not():
    from api.reference.gazetteer import package_alternates, spells

    city = ["city", "darnah", "Darnah", "Libya", 32.7, 22.6, 100_000]
    names = ["Derna", "Darna", "DNF", "North", "The River", "darnaha", "Cyrene"]
    latin = package_alternates(city, {"alternatenames": names})
    assert latin == ["Derna", "Darna", "North", "Cyrene"]
    assert [n for n in latin if spells(n, "Darnah")] == ["Derna", "Darna"]


def test_a_city_is_found_by_the_other_names_english_copy_uses(tmp_path):
    gaz = Gazetteer(tmp_path / "no-reference.toml")
    derna = gaz.lookup("Derna")  # GeoNames: Darnah
    assert (derna.name, derna.parent) == ("Derna", "Libya") and derna.lat is not None
    assert gaz.lookup("Zabadani").parent == "Syria"  # GeoNames: Az Zabadānī
    assert gaz.lookup("The River") is None  # an article-led alternate is no name
    assert gaz.lookup("Kherson").name == "Kherson"  # a city's own name comes first
