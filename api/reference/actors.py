"""Reference data files under `seeds/`: canonical actors and places, with aliases.

The extractor emits canonical names; these files say what else is known about
them (aliases, kind, parent place, coordinates). They are the extractor's own
files (`[[actor]]` and `[[place]]` tables), found where it finds them
(`api.reference.data.seeds_dir`, so `EVACFACTS_SEEDS` works for both). They are
read afresh here rather than through the extractor's per-process cache, so a
loader run (or a test) always sees the files as they are now.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from api.reference.data import seeds_dir

__all__ = ["Actors", "read_entries", "seeds_dir", "slugify"]


def slugify(name: str) -> str:
    """A stable, URL-safe id for a canonical name ("East Aleppo" -> "east-aleppo")."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return slug or "x"


def read_entries(path: Path | None) -> list[dict]:
    """Entries of a reference file: every table that has a `name`.

    Accepts arrays of tables (`[[place]]` with `name = ...`) and tables keyed
    by name (`[places."East Aleppo"]`); a missing file has no entries.
    """
    if path is None or not Path(path).is_file():
        return []
    entries: list[dict] = []

    def walk(node: dict) -> None:
        for key, value in node.items():
            if isinstance(value, list):
                entries.extend(v for v in value if isinstance(v, dict) and v.get("name"))
            elif isinstance(value, dict):
                if any(k in value for k in ("name", "kind", "parent", "lat", "lon", "aliases")):
                    entries.append({"name": value.get("name", key), **value})
                else:
                    walk(value)

    walk(tomllib.loads(Path(path).read_text(encoding="utf-8")))
    return entries


class Actors:
    """Canonical actor name -> its row (kind and aliases from `actors.toml`)."""

    def __init__(self, path: Path | None = None) -> None:
        path = seeds_dir() / "actors.toml" if path is None else path
        self._by_name = {e["name"].casefold(): e for e in read_entries(path)}

    def row(self, name: str) -> dict:
        entry = self._by_name.get(name.casefold(), {})
        return {
            "id": slugify(name),
            "name": entry.get("name", name),
            "kind": entry.get("kind"),
            "aliases": list(entry.get("aliases", [])),
        }
