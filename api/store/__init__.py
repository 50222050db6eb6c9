"""The SQLite store: every SQL statement the project runs lives here.

Keeping SQL in one module means the blueprints and the loader speak in rows
and filters, and a schema change touches one file plus one migration.
The schema itself evolves only through `sqlite-migrate` migrations, so an
existing database upgrades in place instead of being rebuilt by hand.
"""

from __future__ import annotations

import json
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_migrate import Migrations
from sqlite_utils import Database

migrations = Migrations("evacfacts")

#: Columns of `claims` that the API filters on and therefore indexes.
_CLAIM_INDEXES = (
    ["quantity"], ["group"], ["status"], ["qualifier"], ["value"],
    ["actor_id"], ["via_id"], ["origin_id"], ["destination_id"], ["location_id"],
    ["source_id", "start"],
)


@migrations()
def m001_initial(db: Database) -> None:
    """Sources, actors, locations and claims, their indexes and full-text search."""
    db["sources"].create(
        {
            "id": str, "name": str, "title": str, "kind": str, "published": str,
            "word_count": int, "content_hash": str, "text": str,
        },
        pk="id",
        not_null={"name", "title", "kind", "word_count", "content_hash", "text"},
    )
    db["actors"].create({"id": str, "name": str, "aliases": str}, pk="id", not_null={"name"})
    db["locations"].create(
        {
            "id": str, "name": str, "kind": str, "parent_id": str,
            "lat": float, "lon": float, "aliases": str,
        },
        pk="id",
        not_null={"name"},
        foreign_keys=[("parent_id", "locations", "id")],
    )
    db["claims"].create(
        {
            "id": str, "source_id": str, "quantity": str, "value": int,
            "value_low": int, "value_high": int, "qualifier": str, "group": str,
            "status": str, "actor_id": str, "via_id": str, "origin_id": str,
            "destination_id": str, "location_id": str, "text": str,
            "start": int, "end": int, "sentence": str,
        },
        pk="id",
        not_null={"source_id", "quantity", "value", "qualifier", "status", "text",
                  "start", "end", "sentence"},
        foreign_keys=[
            ("source_id", "sources", "id"),
            ("actor_id", "actors", "id"),
            ("via_id", "actors", "id"),
            ("origin_id", "locations", "id"),
            ("destination_id", "locations", "id"),
            ("location_id", "locations", "id"),
        ],
    )
    for columns in _CLAIM_INDEXES:
        db["claims"].create_index(columns)
    db["locations"].create_index(["parent_id"])
    db["locations"].create_index(["name"])
    db["actors"].create_index(["name"])
    db["sources"].create_index(["published"])
    db["claims"].enable_fts(["sentence", "text"], create_triggers=True, tokenize="porter")
    db["sources"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


@migrations()
def m002_actor_kind(db: Database) -> None:
    """Actors get the kind the reference data gives (government, media, ...)."""
    db["actors"].add_column("kind", str)
    db["actors"].create_index(["kind"])


@migrations()
def m003_kind_indexes(db: Database) -> None:
    """Index the `kind` filters of /v1/sources and /v1/locations."""
    db["sources"].create_index(["kind"])
    db["locations"].create_index(["kind"])


@migrations()
def m101_timeline(db: Database) -> None:
    """Issue 4: a claim's live-blog entry time, and what a source's date rests on."""
    db["claims"].add_column("entry_time", str)
    db["sources"].add_column("published_basis", str)


#: Milliseconds a connection waits for a lock before `database is locked`. In WAL mode
#: readers and the one writer rarely wait at all (a checkpoint, a second writer such as
#: `POST /v1/sources`), but when they do they should wait, not fail the request or the load.
BUSY_TIMEOUT_MS = 10_000


def connect(path: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database, enforce foreign keys, migrate.

    Foreign keys and the busy timeout are per-connection settings in SQLite,
    so every connection goes through here. WAL lets gunicorn workers read
    while the loader writes (`tests/test_concurrent_reads.py`).
    The API's per-request connections skip the migration check (`migrate=False`);
    the app migrates once at start-up.
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if migrate and str(path) != ":memory:":
        db.enable_wal()
    if migrate and migrations.pending(db):
        migrations.apply(db)
    return db


# --- writing -------------------------------------------------------------------------


def source_with_hash(db: Database, digest: str) -> str | None:
    """The id of a source whose text has this SHA-256 (posted or loaded), or None."""
    row = db.execute("SELECT id FROM sources WHERE content_hash = ? ORDER BY id LIMIT 1",
                     [digest]).fetchone()
    return row[0] if row else None


def source_hash(db: Database, source_id: str) -> str | None:
    """The content hash stored for a source, or None if it is not loaded."""
    row = db.execute("SELECT content_hash FROM sources WHERE id = ?", [source_id]).fetchone()
    return row[0] if row else None


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
    with db.atomic():
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
    with db.atomic():
        if source_hash(db, source_id) is None:
            return False
        actor_ids, location_ids = _delete_claims(db, source_id)
        db.execute("DELETE FROM sources WHERE id = ?", [source_id])
        prune_entities(db, actor_ids, location_ids)
    return True


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


# --- reading -------------------------------------------------------------------------

_CLAIM_SELECT = """
SELECT c.*, s.name AS source, s.published AS published, a.name AS actor, v.name AS via,
       o.name AS origin, d.name AS destination, l.name AS location
FROM claims c
JOIN sources s ON s.id = c.source_id
LEFT JOIN actors a ON a.id = c.actor_id
LEFT JOIN actors v ON v.id = c.via_id
LEFT JOIN locations o ON o.id = c.origin_id
LEFT JOIN locations d ON d.id = c.destination_id
LEFT JOIN locations l ON l.id = c.location_id
"""

#: API sort keys and the columns they order by (a leading "-" reverses them).
CLAIM_SORTS = {
    "id": ["c.id"],
    "source": ["c.source_id", "c.start"],
    "value": ["c.value"],
    "quantity": ["c.quantity"],
}


@dataclass
class ClaimFilter:
    """The claim filters the API offers; None means "not filtered"."""

    quantity: str | None = None
    group: str | None = None
    status: str | None = None
    qualifier: str | None = None
    actor_id: str | None = None
    location_id: str | None = None
    source_id: str | None = None
    value_min: int | None = None
    value_max: int | None = None
    q: str | None = None
    sort: str = "source"
    limit: int = 20
    offset: int = 0
    after: str | None = None


def _claim_where(db: Database, f: ClaimFilter) -> tuple[list[str], list[str], dict]:
    """The CTE definitions, WHERE conditions and parameters for a claim filter."""
    where, params, ctes = [], {}, []
    for column in ("quantity", "group", "status", "qualifier", "source_id"):
        value = getattr(f, column)
        if value is not None:
            where.append(f'c."{column}" = :{column}')
            params[column] = value
    if f.actor_id is not None:
        where.append("(c.actor_id = :actor_id OR c.via_id = :actor_id)")
        params["actor_id"] = f.actor_id
    if f.location_id is not None:
        ctes.append(
            "inside(id) AS (SELECT :location_id UNION "
            "SELECT l.id FROM locations l JOIN inside ON l.parent_id = inside.id)"
        )
        where.append(
            "(c.origin_id IN inside OR c.destination_id IN inside OR c.location_id IN inside)"
        )
        params["location_id"] = f.location_id
    if f.value_min is not None:
        where.append("c.value >= :value_min")
        params["value_min"] = f.value_min
    if f.value_max is not None:
        where.append("c.value <= :value_max")
        params["value_max"] = f.value_max
    if f.q:
        where.append("c.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :q)")
        params["q"] = db.quote_fts(f.q)
    return ctes, where, params


def list_claims(db: Database, f: ClaimFilter) -> tuple[list[dict], int]:
    """One page of claims matching `f`, and how many match in total.

    The page is chosen on claim rowids alone (an index walk, no joins), then
    only its rows are joined to their names: a deep OFFSET skips index
    entries, not joined rows. `f.after` (a claim id) pages by key instead:
    rows strictly after that claim in the sort order, an index range seek
    that costs the same on page 2,000 as on page 1. An unknown `after`
    raises `LookupError`. The total is counted once per database version
    (`cached_count`).
    """
    ctes, where, params = _claim_where(db, f)
    descending = f.sort.startswith("-")
    columns = [*CLAIM_SORTS[f.sort.lstrip("-")], "c.id"]
    order = ", ".join(f"{c} {'DESC' if descending else 'ASC'}" for c in columns)
    with_ = f"WITH RECURSIVE {', '.join(ctes)} " if ctes else ""
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    total = cached_count(db, f"{with_}SELECT count(*) FROM claims c {clause}", params)
    offset = f.offset
    if f.after is not None:
        key = db.execute(f"SELECT {', '.join(columns)} FROM claims c WHERE c.id = ?",
                         [f.after]).fetchone()
        if key is None:
            raise LookupError(f.after)
        marks = ", ".join(f":after{i}" for i in range(len(columns)))
        where = [*where, f"({', '.join(columns)}) {'<' if descending else '>'} ({marks})"]
        params = {**params, **{f"after{i}": v for i, v in enumerate(key)}}
        offset = 0
    page_clause = ("WHERE " + " AND ".join(where)) if where else ""
    page = (f"page(rid) AS (SELECT c.rowid FROM claims c {page_clause} ORDER BY {order} "
            "LIMIT :limit OFFSET :offset)")
    rows = db.query(
        f"WITH RECURSIVE {', '.join([*ctes, page])} {_CLAIM_SELECT} "
        f"WHERE c.rowid IN page ORDER BY {order}",
        {**params, "limit": f.limit, "offset": offset},
    )
    return list(rows), total


def get_claim(db: Database, claim_id: str) -> dict | None:
    """One claim with its related names, or None."""
    return next(db.query(f"{_CLAIM_SELECT} WHERE c.id = ?", [claim_id]), None)


def list_sources(
    db: Database, *, q: str | None, kind: str | None, limit: int, offset: int
) -> tuple[list[dict], int]:
    """One page of sources (without their text), with the total."""
    where, params = [], {"limit": limit, "offset": offset}
    if q:
        where.append("s.rowid IN (SELECT rowid FROM sources_fts WHERE sources_fts MATCH :q)")
        params["q"] = db.quote_fts(q)
    if kind:
        where.append("s.kind = :kind")
        params["kind"] = kind
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    total = db.execute(f"SELECT count(*) FROM sources s {clause}", params).fetchone()[0]
    rows = db.query(
        "SELECT s.id, s.name, s.title, s.kind, s.published, s.published_basis, s.word_count, "
        "s.content_hash, s.url, s.outlet, s.published_at, s.encoding, "
        "(SELECT count(*) FROM claims c WHERE c.source_id = s.id) AS claim_count "
        f"FROM sources s {clause} ORDER BY s.id LIMIT :limit OFFSET :offset",
        params,
    )
    return list(rows), total


def get_source(db: Database, source_id: str) -> dict | None:
    """One source with its full text and claim count, or None."""
    return next(
        db.query(
            "SELECT s.*, (SELECT count(*) FROM claims c WHERE c.source_id = s.id) AS claim_count "
            "FROM sources s WHERE s.id = ?",
            [source_id],
        ),
        None,
    )


_ACTOR_SELECT = (
    "SELECT a.id, a.name, a.kind, a.aliases, (SELECT count(*) FROM claims c "
    "WHERE c.actor_id = a.id OR c.via_id = a.id) AS claim_count FROM actors a "
)


def list_actors(
    db: Database, *, kind: str | None, limit: int, offset: int
) -> tuple[list[dict], int]:
    """One page of actors, optionally of one kind, with the total."""
    clause, params = ("WHERE a.kind = :kind", {"kind": kind}) if kind else ("", {})
    total = db.execute(f"SELECT count(*) FROM actors a {clause}", params).fetchone()[0]
    rows = db.query(
        f"{_ACTOR_SELECT} {clause} ORDER BY a.name COLLATE NOCASE, a.id "
        "LIMIT :limit OFFSET :offset",
        {**params, "limit": limit, "offset": offset},
    )
    return [_with_aliases(r) for r in rows], total


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


_LOCATION_SELECT = (
    "SELECT l.id, l.name, l.kind, l.parent_id, l.lat, l.lon, l.aliases, "
    "(SELECT count(*) FROM claims c WHERE c.origin_id = l.id OR c.destination_id = l.id "
    "OR c.location_id = l.id) AS claim_count FROM locations l "
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
    total = db.execute(f"SELECT count(*) FROM locations l {clause}", params).fetchone()[0]
    rows = db.query(
        f"{_LOCATION_SELECT} {clause} ORDER BY l.name COLLATE NOCASE, l.id "
        "LIMIT :limit OFFSET :offset",
        params,
    )
    return [_with_aliases(r) for r in rows], total


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


def counts(db: Database) -> dict[str, int]:
    """Row counts per table, for the health check and the loader's summary."""
    return {
        table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("sources", "claims", "actors", "locations")
    }


def _with_aliases(row: dict) -> dict:
    return {**row, "aliases": json.loads(row["aliases"] or "[]")}


# --- issue 4: figures, quantities ----------------------------------------------------
# Figures are computed at query time from these rows (`api.figures.compare`): always in step
# with the claims, no table to rebuild after a load.


def figure_claims(
    db: Database, *, quantity: str | None = None, group: str | None = None,
    status: str | None = None, qualifier: str | None = None,
) -> list[dict]:
    """Every claim (with names, source date and entry time) of the given kinds."""
    return all_claims(db, ClaimFilter(quantity=quantity, group=group, status=status,
                                      qualifier=qualifier))


def all_claims(db: Database, f: ClaimFilter) -> list[dict]:
    """Every claim matching the equality filters of `f`, in source order, unpaged."""
    _, where, params = _claim_where(db, f)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    return list(db.query(f"{_CLAIM_SELECT} {clause} ORDER BY c.source_id, c.start", params))


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


def quantity_counts(db: Database) -> tuple[dict[str, tuple[int, int]], list[tuple]]:
    """Claims and sources per quantity, and claims per (quantity, group, status)."""
    totals = {q: (n, sources) for q, n, sources in db.execute(
        "SELECT quantity, count(*), count(DISTINCT source_id) FROM claims GROUP BY quantity")}
    cells = db.execute(
        'SELECT quantity, "group", status, count(*) FROM claims GROUP BY quantity, "group", status'
    ).fetchall()
    return totals, cells


# --- performance and scale (issue 5): reader connections, cached counts, indexes -----


@migrations()
def m201_keyset_indexes(db: Database) -> None:
    """Indexes that serve a filter and the sort order together, so a page is an index walk.

    `quantity` is the filter nearly every query has; with the sort columns and
    the id behind it, "first 50 evacuee claims in source order" and "the 50
    after this one" read 50 index entries instead of sorting every match.
    """
    for columns in (
        ["source_id", "start", "id"],
        ["quantity", "source_id", "start", "id"],
        ["quantity", "value", "id"],
        ["quantity", "id"],
        ["value", "id"],
    ):
        db["claims"].create_index(columns)
    # Each of these is a prefix of one above: same reads, one index fewer to write.
    for name in ("idx_claims_source_id_start", "idx_claims_quantity", "idx_claims_value"):
        db.execute(f"DROP INDEX IF EXISTS {name}")


#: Columns of a claim row, in table order (`insert_claims`).
_CLAIM_COLUMNS = (
    "id", "source_id", "quantity", "value", "value_low", "value_high", "qualifier", "group",
    "status", "actor_id", "via_id", "origin_id", "destination_id", "location_id", "text",
    "start", "end", "sentence",
)


def insert_claims(db: Database, claims: list[dict]) -> None:
    """Insert claim rows with one prepared statement.

    `sqlite-utils`' `insert_all` inspects the table and every value for each
    call; the loader's rows have a fixed shape, so a plain `executemany`
    does the same work in a fraction of the writer's time.
    """
    columns = ", ".join(f'"{c}"' for c in _CLAIM_COLUMNS)
    marks = ", ".join(f":{c}" for c in _CLAIM_COLUMNS)
    db.conn.executemany(f"INSERT INTO claims ({columns}) VALUES ({marks})", claims)


def connect_writer(path: str | Path) -> Database:
    """The loader's connection: `synchronous = NORMAL`, SQLite's advice for WAL.

    A commit then waits for no fsync (the WAL is synced at checkpoints), so one
    transaction per report stays cheap; a crash still loses no committed
    report, only power loss can drop the last few, which a reload restores.
    """
    db = connect(path)
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def connect_reader(path: str | Path) -> Database:
    """A long-lived connection for the API: foreign keys on, a large cache, mmap reads.

    Kept for the life of a worker thread (`api.web.db`), so the page cache and
    memory map stay warm across requests.
    """
    db = connect(path, migrate=False)
    db.execute("PRAGMA cache_size = -65536")  # KiB: 64 MiB per connection
    db.execute("PRAGMA mmap_size = 1073741824")
    return db


class CountCache:
    """Totals of count queries on one connection, valid until the database changes.

    A filtered count at a million claims reads every matching index entry;
    the data only changes when the loader commits, so each distinct count is
    computed once per database version. The version is SQLite's
    `data_version` (bumped by other connections' commits) plus this
    connection's own `total_changes`; any change empties the cache.
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self.version: tuple[int, int] | None = None
        self.counts: OrderedDict[tuple, int] = OrderedDict()

    def count(self, db: Database, sql: str, params: dict) -> int:
        version = data_version(db)
        if version != self.version:
            self.version = version
            self.counts.clear()
        key = (sql, tuple(sorted(params.items())))
        if key in self.counts:
            self.counts.move_to_end(key)
            return self.counts[key]
        total = self.counts[key] = db.execute(sql, params).fetchone()[0]
        if len(self.counts) > self.size:
            self.counts.popitem(last=False)
        return total


def data_version(db: Database) -> tuple[int, int]:
    """A value that changes whenever the database does, as seen from this connection.

    SQLite's `data_version` moves on every commit by another connection (or
    process); this connection's own writes show in `total_changes`. The
    value means nothing on another connection.
    """
    return db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes


_count_caches: weakref.WeakKeyDictionary[Database, CountCache] = weakref.WeakKeyDictionary()


def cached_count(db: Database, sql: str, params: dict) -> int:
    """`SELECT count(*) ...` through the connection's `CountCache`."""
    cache = _count_caches.get(db)
    if cache is None:
        cache = _count_caches[db] = CountCache()
    return cache.count(db, sql, params)


# --- hostile input (issue 6) ---------------------------------------------------------


@migrations()
def m301_source_encoding(db: Database) -> None:
    """The encoding a source's file was read in (`utf-8`, or a legacy one that was
    detected, see `api.corpus.decoding`), so a guessed encoding can be found and checked."""
    db["sources"].add_column("encoding", str)


# --- issue 6: writing through the API --------------------------------------------------


@migrations()
def m302_submitted_sources(db: Database) -> None:
    """Reports posted to `POST /v1/sources` carry the URL, outlet and publication time the
    client gives; the content hash is indexed so a resubmitted text is found at once."""
    db["sources"].add_column("url", str)
    db["sources"].add_column("outlet", str)
    db["sources"].add_column("published_at", str)
    db["sources"].create_index(["content_hash"])
