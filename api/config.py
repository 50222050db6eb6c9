"""Configuration defaults. The database path can be overridden by `EVACFACTS_DB`;
`PORT` and `WORKERS` are read by `make serve` and the Docker image, not the app."""

import os

#: SQLite database file (`EVACFACTS_DB`).
DEFAULT_DB = "data/evacfacts.db"
#: Largest page size the API serves.
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
#: Largest report file read (`EVACFACTS_MAX_REPORT_BYTES`): 5 MB, far above any news report,
#: so a 50 MB file gets a clear "too large" error instead of a long extraction.
DEFAULT_MAX_REPORT_BYTES = 5_000_000


def max_report_bytes() -> int:
    """The report size limit, read at call time so tests and the CLI can set it."""
    return int(os.environ.get("EVACFACTS_MAX_REPORT_BYTES", DEFAULT_MAX_REPORT_BYTES))


def from_env() -> dict:
    """Application config taken from the environment, with defaults."""
    config = {"EVACFACTS_DB": os.environ.get("EVACFACTS_DB", DEFAULT_DB)}
    for name in ("EVACFACTS_MAX_AGE", "EVACFACTS_RESPONSE_CACHE_MB"):
        if os.environ.get(name):
            config[name] = int(os.environ[name])
    return config
