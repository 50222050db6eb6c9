"""Configuration defaults. The database path can be overridden by `EVACFACTS_DB`, the
write keys come from `EVACFACTS_API_KEYS`, `EVACFACTS_READ_ONLY` makes a read replica;
`PORT` and `WORKERS` are read by `make serve` and the Docker image, not the app."""

import os
from pathlib import Path

#: SQLite database file (`EVACFACTS_DB`).
DEFAULT_DB = "data/evacfacts.db"
#: Largest page size the API serves.
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
#: Largest report file read (`EVACFACTS_MAX_REPORT_BYTES`): 5 MB, far above any news report,
#: so a 50 MB file gets a clear "too large" error instead of a long extraction.
DEFAULT_MAX_REPORT_BYTES = 5_000_000
#: Seconds a connection waits for SQLite's lock before giving up (`EVACFACTS_LOCK_WAIT`):
#: a write queues behind another for up to this long, then the loader fails that report
#: and the API answers 503 with `Retry-After`.
DEFAULT_LOCK_WAIT = 10.0


#: Seconds a request's SQL may run in all (`EVACFACTS_STATEMENT_TIMEOUT`) before it is
#: stopped and answered 503: below gunicorn's worker timeout (30 s, `gunicorn.conf.py`), so
#: a client gets a problem, not the HTML page of a killed worker.
DEFAULT_STATEMENT_TIMEOUT = 20.0


def cache_dir() -> Path:
    """Where derived data is kept between runs (`EVACFACTS_CACHE_DIR`; by default
    `$XDG_CACHE_HOME/evacfacts`, else `~/.cache/evacfacts`). Deleting it is always safe."""
    configured = os.environ.get("EVACFACTS_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "evacfacts"


def max_report_bytes() -> int:
    """The report size limit, read at call time so tests and the CLI can set it."""
    return int(os.environ.get("EVACFACTS_MAX_REPORT_BYTES", DEFAULT_MAX_REPORT_BYTES))


def lock_wait() -> float:
    """Seconds to wait for a lock (`EVACFACTS_LOCK_WAIT`), read when a connection opens."""
    return float(os.environ.get("EVACFACTS_LOCK_WAIT") or DEFAULT_LOCK_WAIT)


def api_keys(value: str | None) -> list[str]:
    """The write keys in `EVACFACTS_API_KEYS`: comma-separated, blanks dropped."""
    return [key.strip() for key in (value or "").split(",") if key.strip()]


def flag(value: str | None) -> bool:
    """An on/off setting: `1`, `true`, `yes` or `on` (any case) is on; anything else off."""
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def from_env() -> dict:
    """Application config taken from the environment, with defaults."""
    config = {
        "EVACFACTS_DB": os.environ.get("EVACFACTS_DB", DEFAULT_DB),
        "EVACFACTS_API_KEYS": api_keys(os.environ.get("EVACFACTS_API_KEYS")),
        "EVACFACTS_STATEMENT_TIMEOUT": float(os.environ.get("EVACFACTS_STATEMENT_TIMEOUT")
                                             or DEFAULT_STATEMENT_TIMEOUT),
        # A read replica: serve the file read-only and immutable, refuse writes (405).
        "EVACFACTS_READ_ONLY": flag(os.environ.get("EVACFACTS_READ_ONLY")),
    }
    for name in ("EVACFACTS_MAX_AGE", "EVACFACTS_RESPONSE_CACHE_MB"):
        if os.environ.get(name):
            config[name] = int(os.environ[name])
    return config
