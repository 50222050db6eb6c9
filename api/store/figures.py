"""Whole-corpus reads: the rows figures are computed from, and the counts summaries report.

Figures are computed at query time from these rows (`api.figures.compare`):
always in step with the claims, no table to rebuild after a load. The counts
here are aggregates over whole tables, for `/v1/quantities`, the health
check and the loader's summary.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlite_utils import Database

from api.store.claims import ClaimFilter, all_claims

# --- rows the figures are computed from ----------------------------------------------


def figure_claims(
    db: Database, *, quantity: str | None = None, group: str | None = None,
    status: str | None = None, qualifier: str | None = None,
) -> list[dict]:
    """Every claim (with names, source date and entry time) of the given kinds."""
    return all_claims(db, ClaimFilter(quantity=quantity, group=group, status=status,
                                      qualifier=qualifier))


def all_locations(db: Database) -> list[dict]:
    """Every location row (the hierarchy is small: one row per place any claim names)."""
    return list(db.query("SELECT id, name, kind, parent_id, lat, lon FROM locations"))


def source_places(db: Database, source_ids: Iterable[str]) -> dict[str, set[str]]:
    """Source id -> the places its claims name (origin, destination or location)."""
    out: dict[str, set[str]] = {}
    rows = db.execute(
        "SELECT source_id, origin_id, destination_id, location_id FROM claims "
        "WHERE source_id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(set(source_ids)))],
    ).fetchall()
    for source_id, *places in rows:
        out.setdefault(source_id, set()).update(p for p in places if p)
    return out


# --- counts --------------------------------------------------------------------------


def quantity_counts(db: Database) -> tuple[dict[str, tuple[int, int]], list[tuple]]:
    """Claims and sources per quantity, and claims per (quantity, group, status)."""
    totals = {q: (n, sources) for q, n, sources in db.execute(
        "SELECT quantity, count(*), count(DISTINCT source_id) FROM claims GROUP BY quantity")}
    cells = db.execute(
        'SELECT quantity, "group", status, count(*) FROM claims GROUP BY quantity, "group", status'
    ).fetchall()
    return totals, cells


def counts(db: Database) -> dict[str, int]:
    """Row counts per table, for the health check and the loader's summary."""
    return {
        table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("sources", "claims", "actors", "locations")
    }
