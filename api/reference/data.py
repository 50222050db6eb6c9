"""Reference data files under ``seeds/``: where they live and how they are read.

The lexicon (`lexicon.toml`), the extractor's word lists (`words.toml`), the
actors (`actors.toml`) and the places (`places.toml`) are data, not code, so a
newsroom can add a word or an alias without touching Python. ``EVACFACTS_SEEDS`` points at
another directory (a Docker image, a test fixture); by default it is the
``seeds/`` folder next to the ``api`` package.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def seeds_dir() -> Path:
    """The directory holding ``lexicon.toml``, ``words.toml``, ``actors.toml`` and
    ``places.toml``."""
    configured = os.environ.get("EVACFACTS_SEEDS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "seeds"


def built_once(factory: Callable[[Path], T], name: str) -> T:
    """`factory(seeds_dir() / name)`, built once per process for each seeds directory
    (tests point `EVACFACTS_SEEDS` at files of their own).

    Keyed on the variable's value, not the resolved path: the extractor asks for the
    gazetteer on every lookup, and resolving a path each time cost more than the lookup.
    """
    return _built(factory, name, os.environ.get("EVACFACTS_SEEDS"))


@cache
def _built(factory: Callable[[Path], T], name: str, _configured: str | None) -> T:
    return factory(seeds_dir() / name)


def load_toml(name: str) -> dict[str, Any]:
    """One reference file of `seeds_dir()`, parsed once per process (once per directory,
    should `EVACFACTS_SEEDS` name another; keyed on the variable, as `built_once` is)."""
    return _parse_toml(name, os.environ.get("EVACFACTS_SEEDS"))


@cache
def _parse_toml(name: str, _configured: str | None) -> dict[str, Any]:
    with open(seeds_dir() / name, "rb") as f:
        return tomllib.load(f)


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
