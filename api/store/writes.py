"""Writes: a report, its entities and its claims go in, or come out, as one transaction.

The loader, `POST /v1/sources` and `DELETE /v1/sources/<id>` change the
database only through `replace_source` (or `replace_sources`, several reports in one
transaction) and `delete_source`; the other writes
here are their steps, and the two hash look-ups are how the loader and the
API find a report that is already loaded. A write touches its own report's
rows and the entities they name (by index), never a scan of a whole table.
"""

from __future__ import annotations

import json
import operator
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
#: A claim row's values in column order.
_claim_values = operator.itemgetter(*_CLAIM_COLUMNS)
#: Claim rows per INSERT statement: SQLite (3.32 and later) allows 32,766 parameters, 21 a row.
_CLAIMS_PER_STATEMENT = 1000
#: Values per statement where a statement takes a list of ids or rows.
_IDS_PER_STATEMENT = 500


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


def source_count(db: Database) -> int:
    """How many sources are stored (0: an empty database, which a bulk load fills at once)."""
    return db.execute("SELECT count(*) FROM sources").fetchone()[0]


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


def _begin_immediate(db: Database) -> int:
    """`BEGIN IMMEDIATE`, waiting up to the busy timeout; `WriteLockBusy` after it.
    Returns the milliseconds it would wait."""
    waited = db.execute("PRAGMA busy_timeout").fetchone()[0]
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        if _locked(err):
            raise WriteLockBusy(waited) from err
        raise
    return waited


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
    waited = _begin_immediate(db)
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
    replace_sources(db, [(source, claims, actors, locations)])


#: One report's rows, as `replace_source` takes them: source, claims, actors, locations.
Report = tuple[dict, list[dict], Iterable[dict], Iterable[dict]]


#: Actor and location ids whose pruning waits for the end of a `bulk_load`.
PruneLater = tuple[set[str], set[str]]


def replace_sources(db: Database, reports: list[Report],
                    prune_later: PruneLater | None = None) -> None:
    """Write several reports (distinct source ids) in a single transaction, leaving the
    rows that writing them one by one with `replace_source` leaves.

    Reports are whole or absent, as one at a time, but a group shares one
    commit, one statement for its sources and one for its claims (FTS5 writes
    an index segment per statement, `insert_claims`), and each actor or place
    it names is written once. A bulk load of many small reports needs that
    (`api.load.claims_files`). Inside `bulk_load`, pass its `PruneLater`: the
    entities the old claims referred to are pruned once its indexes are back.
    """
    actors: dict[str, dict] = {}
    locations: dict[str, dict] = {}
    for _source, _claims, report_actors, report_locations in reports:
        for actor in report_actors:  # an entity keeps its first place and its last row
            actors[actor["id"]] = actor
        for location in parents_first(report_locations):
            locations[location["id"]] = location
    with write_transaction(db):
        actor_ids, location_ids = _delete_claims(db, [report[0]["id"] for report in reports])
        upsert_sources(db, [report[0] for report in reports])
        upsert_actors(db, actors.values())
        _write_locations(db, locations.values())
        insert_claims(db, [claim for report in reports for claim in report[1]])
        if prune_later is None:
            prune_entities(db, actor_ids, location_ids)
        else:
            prune_later[0].update(actor_ids)
            prune_later[1].update(location_ids)


def delete_source(db: Database, source_id: str) -> bool:
    """Remove one report and its claims in a single transaction; False if it is unknown.

    Actors and places only its claims referred to go too (`prune_entities`).
    """
    with write_transaction(db):
        if source_hash(db, source_id) is None:
            return False
        actor_ids, location_ids = _delete_claims(db, [source_id])
        db.execute("DELETE FROM sources WHERE id = ?", [source_id])
        prune_entities(db, actor_ids, location_ids)
    return True


@contextmanager
def bulk_load(db: Database) -> Iterator[PruneLater]:
    """One transaction for a whole bulk load, with the claims' secondary indexes and the
    full-text triggers set aside until its end, then rebuilt, then committed.

    Keeping fourteen B-trees and two full-text indexes up to date row by row is
    most of a claim's write; building each once from all rows (a sort) and
    indexing every text in one pass costs a fraction of it. Everything
    happens in one transaction, so readers see the database as it was until the
    commit and then with every index, and a failure or a crash rolls the
    whole load back, indexes included. Meant for a load into an empty
    database; writes inside it (`replace_sources`) are savepoints, so one
    that fails is undone alone, and pass the `PruneLater` it gives (pruning
    looks claims up by the indexes set aside). The rebuilt indexes are the
    same objects, from the same SQL, as the migrations made. The index that
    leads with `source_id` stays: replacing a report finds its old claims by it.
    """
    if db.conn.in_transaction:
        raise RuntimeError("bulk_load needs a connection outside any transaction")
    _begin_immediate(db)
    try:
        set_aside = [(kind, name, sql) for kind, name, sql in db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
            "((type = 'index' AND tbl_name = 'claims') OR "
            "(type = 'trigger' AND tbl_name IN ('claims', 'sources'))) ORDER BY rowid"
        ) if not (kind == "index" and _leading_column(db, name) == "source_id")]
        for kind, name, _sql in set_aside:
            db.execute(f'DROP {kind.upper()} "{name}"')
        prune_later: PruneLater = (set(), set())
        yield prune_later
        for _kind, _name, sql in set_aside:
            db.execute(sql)
        for table in ("claims_fts", "sources_fts"):
            db.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
        prune_entities(db, *prune_later)
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def _leading_column(db: Database, index: str) -> str | None:
    row = db.execute("SELECT name FROM pragma_index_info(?) WHERE seqno = 0", [index]).fetchone()
    return row[0] if row else None


# --- the steps of a write ------------------------------------------------------------


def _delete_claims(db: Database, source_ids: list[str]) -> tuple[set[str], set[str]]:
    """Delete these sources' claims; return the actor and location ids they referred to,
    the candidates for `prune_entities` once the transaction's writes are done."""
    actor_ids: set[str] = set()
    location_ids: set[str] = set()
    for i in range(0, len(source_ids), _IDS_PER_STATEMENT):
        chunk = source_ids[i:i + _IDS_PER_STATEMENT]
        marks = ", ".join("?" * len(chunk))
        old = db.execute(
            "SELECT actor_id, via_id, origin_id, destination_id, location_id FROM claims "
            f"WHERE source_id IN ({marks})", chunk).fetchall()
        if old:
            db.execute(f"DELETE FROM claims WHERE source_id IN ({marks})", chunk)
        actor_ids |= {i for r in old for i in r[:2] if i}
        location_ids |= {i for r in old for i in r[2:] if i}
    return actor_ids, location_ids


def upsert_source(db: Database, source: dict) -> None:
    """Insert a source row, or update the columns it gives (others, such as a posted
    report's `url`, are kept)."""
    upsert_sources(db, [source])


def upsert_sources(db: Database, sources: list[dict]) -> None:
    """Insert source rows, or update the columns each gives; one statement for each run
    of rows with the same columns.

    `INSERT ... ON CONFLICT DO UPDATE`, not sqlite-utils' `upsert` (an insert
    that is ignored, then an update): for a new source the update would fire the
    full-text trigger twice more, tokenizing the whole report text again each time.
    """
    i = 0
    while i < len(sources):
        columns = list(sources[i])
        run = [sources[i]]
        while (i + len(run) < len(sources) and len(run) < _IDS_PER_STATEMENT // len(columns)
               and list(sources[i + len(run)]) == columns):
            run.append(sources[i + len(run)])
        names = ", ".join(f'"{c}"' for c in columns)
        row = "(" + ", ".join("?" * len(columns)) + ")"
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
        db.execute(f"INSERT INTO sources ({names}) VALUES {', '.join([row] * len(run))} "
                   f"ON CONFLICT(id) DO UPDATE SET {updates}",
                   [source[c] for source in run for c in columns])
        i += len(run)


def upsert_actors(db: Database, actors: Iterable[dict]) -> None:
    """Insert or refresh actors (name, kind and aliases from the reference data); a row
    that is already as given is left alone (its indexes are not rewritten)."""
    db.conn.executemany(
        "INSERT INTO actors (id, name, kind, aliases) VALUES (:id, :name, :kind, :aliases) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
        "aliases = excluded.aliases WHERE (name, kind, aliases) IS NOT "
        "(excluded.name, excluded.kind, excluded.aliases)",
        ({"kind": None, **actor, "aliases": json.dumps(actor.get("aliases", []))}
         for actor in actors),
    )


def upsert_locations(db: Database, locations: Iterable[dict]) -> None:
    """Insert or refresh locations; parents are written before their children."""
    _write_locations(db, parents_first(locations))


def parents_first(locations: Iterable[dict]) -> list[dict]:
    """Location rows in the order they can be written: a row after its parent when the
    parent is among them (a cycle is broken by dropping the parents of its rows)."""
    pending = {row["id"]: row for row in locations}
    ordered: list[dict] = []
    written: set[str] = set()
    while pending:
        ready = [
            r for r in pending.values()
            if not r["parent_id"] or r["parent_id"] in written or r["parent_id"] not in pending
        ]
        if not ready:  # a cycle: break it by writing the rest without parents
            ready = [{**r, "parent_id": None} for r in pending.values()]
        for row in ready:
            ordered.append(row)
            written.add(row["id"])
            pending.pop(row["id"], None)
    return ordered


def _write_locations(db: Database, locations: Iterable[dict]) -> None:
    """Insert or refresh location rows in the order given; a row already as given is
    left alone."""
    db.conn.executemany(
        "INSERT INTO locations (id, name, kind, parent_id, lat, lon, aliases) "
        "VALUES (:id, :name, :kind, :parent_id, :lat, :lon, :aliases) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
        "parent_id = excluded.parent_id, lat = excluded.lat, lon = excluded.lon, "
        "aliases = excluded.aliases WHERE (name, kind, parent_id, lat, lon, aliases) IS NOT "
        "(excluded.name, excluded.kind, excluded.parent_id, excluded.lat, excluded.lon, "
        "excluded.aliases)",
        ({**row, "aliases": json.dumps(row.get("aliases", []))} for row in locations),
    )


def insert_claims(db: Database, claims: list[dict]) -> None:
    """Insert claim rows, up to `_CLAIMS_PER_STATEMENT` per multi-row INSERT.

    `sqlite-utils`' `insert_all` inspects the table and every value for each
    call; the loader's rows have a fixed shape, so plain SQL does. Not one
    statement per row (`executemany`): inside a transaction each statement
    that fires the full-text trigger opens a statement savepoint, and FTS5
    writes its pending terms out as a new index segment at every savepoint,
    so row by row the claims' index is written (and merged) once per claim.
    One statement for a report's claims writes it once, about 2.5 times faster.
    """
    columns = ", ".join(f'"{c}"' for c in _CLAIM_COLUMNS)
    row = "(" + ", ".join("?" * len(_CLAIM_COLUMNS)) + ")"
    for i in range(0, len(claims), _CLAIMS_PER_STATEMENT):
        chunk = claims[i:i + _CLAIMS_PER_STATEMENT]
        values: list = []
        for claim in chunk:
            try:
                values.extend(_claim_values(claim))
            except KeyError:  # a row without the optional columns
                values.extend(_claim_values({**_OPTIONAL_CLAIM_COLUMNS, **claim}))
        db.conn.execute(f"INSERT INTO claims ({columns}) VALUES {', '.join([row] * len(chunk))}",
                        values)


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
