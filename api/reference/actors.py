"""The one actor registry: canonical actors with their kind and aliases.

`seeds/actors.toml` lists who speaks in evacuation reports (agencies,
governments, broadcasters, armed groups) under one canonical name each, with
the other names reports use ("ICRC", "the Red Cross"). The extractor reads a
speaker phrase into a canonical name through it (`Actors.get`), and the
store gives that same name its row (`Actors.row`): one table, so the two can
never disagree about who an actor is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from api.reference.data import built_once, read_entries, seeds_dir, slugify


@dataclass(frozen=True)
class Actor:
    """A canonical actor."""

    name: str
    kind: str  # government, military, armed_group, humanitarian, un, media, person, other
    aliases: tuple[str, ...] = ()


def actor_key(name: str) -> str:
    """Lookup key for an actor name: casefolded, no punctuation, no leading "the"."""
    name = re.sub(r"[^\w\s]", " ", name.casefold())
    name = re.sub(r"^\s*the\s+", "", name)
    return " ".join(name.split())


class Actors:
    """Canonical actors by every name they go by."""

    def __init__(self, path: Path | None = None) -> None:
        path = seeds_dir() / "actors.toml" if path is None else path
        self.by_key: dict[str, Actor] = {}
        for entry in read_entries(path):
            actor = Actor(entry["name"], entry.get("kind", "other"),
                          tuple(entry.get("aliases", [])))
            for name in (actor.name, *actor.aliases):
                self.by_key.setdefault(actor_key(name), actor)

    def get(self, name: str) -> Actor | None:
        """The listed actor `name` is a name of, if any."""
        return self.by_key.get(actor_key(name))

    def row(self, name: str) -> dict:
        """The `actors` row for a claim's actor: a listed actor's canonical name, kind and
        aliases; a speaker nobody listed ("a rescue service spokesman") as written."""
        actor = self.get(name)
        canonical = actor.name if actor else name
        return {
            "id": slugify(canonical),
            "name": canonical,
            "kind": actor.kind if actor else None,
            "aliases": list(actor.aliases) if actor else [],
        }


def actors() -> Actors:
    """The registry of the reference files in `seeds_dir()`, built once per process
    (once per directory, should `EVACFACTS_SEEDS` name another)."""
    return built_once(Actors, "actors.toml")
