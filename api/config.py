"""Configuration defaults. The database path can be overridden by `EVACFACTS_DB`;
`PORT` and `WORKERS` are read by `make serve` and the Docker image, not the app."""

import os

#: SQLite database file (`EVACFACTS_DB`).
DEFAULT_DB = "data/evacfacts.db"
#: Largest page size the API serves.
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20


def from_env() -> dict:
    """Application config taken from the environment, with defaults."""
    config = {"EVACFACTS_DB": os.environ.get("EVACFACTS_DB", DEFAULT_DB)}
    if os.environ.get("EVACFACTS_MAX_AGE"):
        config["EVACFACTS_MAX_AGE"] = int(os.environ["EVACFACTS_MAX_AGE"])
    return config
