"""Writes: a report, its entities and its claims go in, or come out, as one transaction.

The loader, `POST /v1/sources` and `DELETE /v1/sources/<id>` change the
database only through `replace_source` and `delete_source`; the other writes
here are their steps, and the two hash look-ups are how the loader and the
API find a report that is already loaded. A write touches its own report's
rows and the entities they name (by index), never a scan of a whole table.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlite_utils import Database

#: Columns of a claim row, in table order (`insert_claims`).
_CLAIM_COLUMNS = (
    "id", "source_id", "quantity", "value", "value_low", "value_high", "qualifier", "group",
    "status", "actor_id", "via_id", "origin_id", "destination_id", "location_id", "text",
    "start", "end", "sentence", "entry_time", "confidence", "cues",
)
#: Columns a claim row may leave out (rows written before these existed, or by tests).
_OPTIONAL_CLAIM_COLUMNS = dict.fromkeys(("entry_time", "confidence", "cues"))


# --- finding a loaded report ---------------------------------------------------------


def source_with_hash(db: Database, digest: str) -> str | None:
    """The id of a source whose text has this SHA-256 (posted or loaded), or None."""
    row = db.execute("SELECT id FROM sources WHERE content_hash = ? ORDER BY id LIMIT 1",
                     [digest]).fetchone()
    return row[0] if row else None


def source_hash(db: Database, source_id: str) -> str | None:
    """The content hash stored for a source, or None if it is not loaded."""
    row = db.execute("SELECT content_hash FROM sources WHERE id = ?", [source_id]).fetchone()
    return row[0] if row else None


# --- replacing and deleting a report -------------------------------------------------


class WriteLockBusy(Exception):
    """Another writer held the database's write lock for longer than the busy timeout
    (`EVACFACTS_LOCK_WAIT`); nothing was written. Retrying later is the remedy: the
    loader reports the file as failed, the API answers 503 with `Retry-After`."""

    def __init__(self, waited_ms: int) -> None:
        super().__init__(f"the database stayed locked by another writer for {waited_ms / 1000:g} s "
                         "(EVACFACTS_LOCK_WAIT); nothing was written, try again")
        self.waited_ms = waited_ms


def _locked(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


@contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """One transaction that takes SQLite's write lock at its start (`BEGIN IMMEDIATE`).

    A write that first reads (the report's old claims) in a deferred transaction
    cannot wait for another writer: when it comes to write, its snapshot may be
    older than the other's commit, and SQLite refuses it at once ("database is
    locked"), busy timeout or not. Taking the lock first makes it wait its turn
    (the busy timeout) and then read what the other wrote. A lock still held
    when the wait ends raises `WriteLockBusy`, never a bare "database is locked".
    Inside a transaction already open, it is a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    waited = db.execute("PRAGMA busy_timeout").fetchone()[0]
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        if _locked(err):
            raise WriteLockBusy(waited) from err
        raise
    try:
        yield
        db.conn.commit()
    except BaseException as err:
        db.conn.rollback()
        if isinstance(err, sqlite3.OperationalError) and _locked(err):
            raise WriteLockBusy(waited) from err
        raise


def replace_source(
    db: Database,
    source: dict,
    claims: list[dict],
    actors: Iterable[dict],
    locations: Iterable[dict],
) -> None:
    """Write one report, its entities and its claims in a single transaction.

    The report's old claims go first, so a changed report replaces its own
    claims and nothing else; entities only they referred to are pruned. Only
    those candidates are checked (by index), so a write costs the same at a
    million claims as at a thousand.
    """
    with write_transaction(db):
        actor_ids, location_ids = _delete_claims(db, source["id"])
        db["sources"].upsert(source, pk="id")
        for actor in actors:
            db.execute(
                "INSERT INTO actors (id, name, kind, aliases) VALUES (:id, :name, :kind, :aliases) "
                "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
                "aliases = excluded.aliases",
                {"kind": None, **actor, "aliases": json.dumps(actor.get("aliases", []))},
            )
        upsert_locations(db, locations)
        insert_claims(db, claims)
        prune_entities(db, actor_ids, location_ids)


def delete_source(db: Database, source_id: str) -> bool:
    """Remove one report and its claims in a single transaction; False if it is unknown.

    Actors and places only its claims referred to go too (`prune_entities`).
    """
    with write_transaction(db):
        if source_hash(db, source_id) is None:
            return False
        actor_ids, location_ids = _delete_claims(db, source_id)
        db.execute("DELETE FROM sources WHERE id = ?", [source_id])
        prune_entities(db, actor_ids, location_ids)
    return True


# --- the steps of a write ------------------------------------------------------------


def _delete_claims(db: Database, source_id: str) -> tuple[set[str], set[str]]:
    """Delete a source's claims; return the actor and location ids they referred to,
    the candidates for `prune_entities` once the transaction's writes are done."""
    old = db.execute(
        "SELECT actor_id, via_id, origin_id, destination_id, location_id FROM claims "
        "WHERE source_id = ?", [source_id]).fetchall()
    db.execute("DELETE FROM claims WHERE source_id = ?", [source_id])
    return {i for r in old for i in r[:2] if i}, {i for r in old for i in r[2:] if i}


def upsert_locations(db: Database, locations: Iterable[dict]) -> None:
    """Insert or refresh locations; parents are written before their children."""
    pending = {row["id"]: row for row in locations}
    written: set[str] = set()
    while pending:
        ready = [
            r for r in pending.values()
            if not r["parent_id"] or r["parent_id"] in written or r["parent_id"] not in pending
        ]
        if not ready:  # a cycle: break it by writing the rest without parents
            ready = [{**r, "parent_id": None} for r in pending.values()]
        for row in ready:
            db.execute(
                "INSERT INTO locations (id, name, kind, parent_id, lat, lon, aliases) "
                "VALUES (:id, :name, :kind, :parent_id, :lat, :lon, :aliases) "
                "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
                "parent_id = excluded.parent_id, lat = excluded.lat, lon = excluded.lon, "
                "aliases = excluded.aliases",
                {**row, "aliases": json.dumps(row.get("aliases", []))},
            )
            written.add(row["id"])
            pending.pop(row["id"], None)


def insert_claims(db: Database, claims: list[dict]) -> None:
    """Insert claim rows with one prepared statement.

    `sqlite-utils`' `insert_all` inspects the table and every value for each
    call; the loader's rows have a fixed shape, so a plain `executemany`
    does the same work in a fraction of the writer's time.
    """
    columns = ", ".join(f'"{c}"' for c in _CLAIM_COLUMNS)
    marks = ", ".join(f":{c}" for c in _CLAIM_COLUMNS)
    db.conn.executemany(f"INSERT INTO claims ({columns}) VALUES ({marks})",
                        ({**_OPTIONAL_CLAIM_COLUMNS, **claim} for claim in claims))


def prune_entities(db: Database, actor_ids: set[str], location_ids: set[str]) -> None:
    """Delete those of these actors and locations that no claim (or child place) refers to.

    A deleted place's parent becomes a candidate in turn, so a chain of
    places nothing is in any more goes as a whole.
    """
    for actor_id in actor_ids:
        db.execute(
            "DELETE FROM actors WHERE id = :id AND NOT EXISTS (SELECT 1 FROM claims "
            "WHERE actor_id = :id) AND NOT EXISTS (SELECT 1 FROM claims WHERE via_id = :id)",
            {"id": actor_id},
        )
    pending = set(location_ids)
    while pending:
        location_id = pending.pop()
        row = db.execute("SELECT parent_id FROM locations WHERE id = ?", [location_id]).fetchone()
        if row and db.execute(
            "DELETE FROM locations WHERE id = :id AND NOT EXISTS "
            "(SELECT 1 FROM claims WHERE origin_id = :id) AND NOT EXISTS "
            "(SELECT 1 FROM claims WHERE destination_id = :id) AND NOT EXISTS "
            "(SELECT 1 FROM claims WHERE location_id = :id) AND NOT EXISTS "
            "(SELECT 1 FROM locations WHERE parent_id = :id)",
            {"id": location_id},
        ).rowcount and row[0]:
            pending.add(row[0])
