"""Reading actors and locations: pages, single rows, and look-up by name or alias.

Actors and places have the same shape here: a row with a JSON list of
aliases (decoded on the way out), a claim count that agrees with the
entity's own claims endpoint, and a case-insensitive look-up by id, name or alias for
the API's filters.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from api.store.connection import read_snapshot


def _with_aliases(row: dict) -> dict:
    return {**row, "aliases": json.loads(row["aliases"] or "[]")}


# --- actors --------------------------------------------------------------------------

_ACTOR_SELECT = (
    "SELECT a.id, a.name, a.kind, a.aliases, (SELECT count(*) FROM claims c "
    "WHERE c.actor_id = a.id OR c.via_id = a.id) AS claim_count FROM actors a "
)


def list_actors(
    db: Database, *, kind: str | None, limit: int, offset: int
) -> tuple[list[dict], int]:
    """One page of actors, optionally of one kind, with the total."""
    clause, params = ("WHERE a.kind = :kind", {"kind": kind}) if kind else ("", {})
    with read_snapshot(db):
        total = db.execute(f"SELECT count(*) FROM actors a {clause}", params).fetchone()[0]
        rows = [_with_aliases(r) for r in db.query(
            f"{_ACTOR_SELECT} {clause} ORDER BY a.name COLLATE NOCASE, a.id "
            "LIMIT :limit OFFSET :offset",
            {**params, "limit": limit, "offset": offset},
        )]
    return rows, total


def get_actor(db: Database, actor_id: str) -> dict | None:
    """One actor, or None."""
    row = next(db.query(f"{_ACTOR_SELECT} WHERE a.id = ?", [actor_id]), None)
    return _with_aliases(row) if row else None


def find_actor_id(db: Database, key: str) -> str | None:
    """The id of the actor whose id, name or alias is `key` (case-insensitive)."""
    row = db.execute(
        "SELECT id FROM actors WHERE id = :k OR name = :k COLLATE NOCASE OR EXISTS "
        "(SELECT 1 FROM json_each(actors.aliases) WHERE value = :k COLLATE NOCASE) LIMIT 1",
        {"k": key},
    ).fetchone()
    return row[0] if row else None


# --- locations -----------------------------------------------------------------------

#: A place's `claim_count` is what `/v1/locations/{id}/claims` lists: the claims whose
#: origin, destination or location is the place or any place inside it (Syria counts the
#: claims at Aleppo), the same `inside` walk as the claim filter (`api.store.claims`).
_LOCATION_SELECT = (
    "SELECT l.id, l.name, l.kind, l.parent_id, l.lat, l.lon, l.aliases, "
    "(WITH RECURSIVE inside(id) AS (SELECT l.id UNION "
    "SELECT x.id FROM locations x JOIN inside ON x.parent_id = inside.id) "
    "SELECT count(*) FROM claims c WHERE c.origin_id IN inside OR c.destination_id IN inside "
    "OR c.location_id IN inside) AS claim_count FROM locations l "
)


def list_locations(
    db: Database, *, kind: str | None, parent_id: str | None, limit: int, offset: int
) -> tuple[list[dict], int]:
    """One page of locations, optionally only one kind or one parent's children."""
    where, params = [], {"limit": limit, "offset": offset}
    if kind:
        where.append("l.kind = :kind")
        params["kind"] = kind
    if parent_id:
        where.append("l.parent_id = :parent_id")
        params["parent_id"] = parent_id
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    with read_snapshot(db):
        total = db.execute(f"SELECT count(*) FROM locations l {clause}", params).fetchone()[0]
        rows = [_with_aliases(r) for r in db.query(
            f"{_LOCATION_SELECT} {clause} ORDER BY l.name COLLATE NOCASE, l.id "
            "LIMIT :limit OFFSET :offset",
            params,
        )]
    return rows, total


def get_location(db: Database, location_id: str) -> dict | None:
    """One location, or None."""
    row = next(db.query(f"{_LOCATION_SELECT} WHERE l.id = ?", [location_id]), None)
    return _with_aliases(row) if row else None


def find_location_id(db: Database, key: str) -> str | None:
    """The id of the location whose id, name or alias is `key` (case-insensitive)."""
    row = db.execute(
        "SELECT id FROM locations WHERE id = :k OR name = :k COLLATE NOCASE OR EXISTS "
        "(SELECT 1 FROM json_each(locations.aliases) WHERE value = :k COLLATE NOCASE) LIMIT 1",
        {"k": key},
    ).fetchone()
    return row[0] if row else None
