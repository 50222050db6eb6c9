"""Reference data files under ``seeds/``: where they live and how they are read.

The lexicon, actor and place tables are data, not code, so a newsroom can add
a word or an alias without touching Python. ``EVACFACTS_SEEDS`` points at
another directory (a Docker image, a test fixture); by default it is the
``seeds/`` folder next to the ``api`` package.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any


def seeds_dir() -> Path:
    """The directory holding ``lexicon.toml``, ``actors.toml`` and ``places.toml``."""
    configured = os.environ.get("EVACFACTS_SEEDS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "seeds"


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Parse one reference file once per process."""
    with open(seeds_dir() / name, "rb") as f:
        return tomllib.load(f)
