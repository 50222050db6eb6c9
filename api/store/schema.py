"""The schema: every table, column, index and full-text index, as ordered migrations.

The schema changes only through these `sqlite-migrate` steps, so an existing
database upgrades in place instead of being rebuilt by hand. They are kept
here in the order they apply, under the names already recorded in existing
databases' `_sqlite_migrations` table: a step is never renamed, reordered or
edited once shipped; a change is a new step at the end.
"""

from __future__ import annotations

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
    """A claim's live-blog entry time, and what a source's date rests on."""
    db["claims"].add_column("entry_time", str)
    db["sources"].add_column("published_basis", str)


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


@migrations()
def m301_source_encoding(db: Database) -> None:
    """The encoding a source's file was read in (`utf-8`, or a legacy one that was
    detected, see `api.corpus.decoding`), so a guessed encoding can be found and checked."""
    db["sources"].add_column("encoding", str)


@migrations()
def m302_submitted_sources(db: Database) -> None:
    """Reports posted to `POST /v1/sources` carry the URL, outlet and publication time the
    client gives; the content hash is indexed so a resubmitted text is found at once."""
    db["sources"].add_column("url", str)
    db["sources"].add_column("outlet", str)
    db["sources"].add_column("published_at", str)
    db["sources"].create_index(["content_hash"])


@migrations()
def m401_claim_confidence(db: Database) -> None:
    """How far to trust each claim and why: the extractor's calibrated `confidence` (0 to 1)
    and its `cues` (a JSON list of short sentences). Claims loaded before have neither
    (null, and `[]` once re-extracted with `evacfacts load --force`)."""
    db["claims"].add_column("confidence", float)
    db["claims"].add_column("cues", str)


@migrations()
def m501_figure_tallies(db: Database) -> None:
    """Figures and quantity counts kept in step with the claims, so no read aggregates them.

    - `figure_claims`: each claim's figure, kind (quantity.group.status), own place,
      value key, bounds and report-order key; what moves when a figure's roll-up changes.
    - `figures`: one row per figure with its counts, spread, verdict and most-attested value.
    - `figure_tallies`: per figure, its distinct values, sources and actors (`member`,
      with `kind` v, s or a), and per value (`vkey`) its sources and actors, each with
      its claim count and the report-order key of its first claim.
    - `kind_places`: claims per place within a kind, the input of the roll-up.
    - `quantity_cells`, `quantity_sources`: claims per (quantity, group, status) and per
      (quantity, source), for `/v1/quantities`.

    The tables start empty and `figures_built` says 0: the figures room fills them
    (`api.figures.tally.ensure_built`) the first time the database is opened for
    serving or loading, since the grouping rules live there, not in SQL.
    """
    db.execute("""CREATE TABLE figure_claims (
        claim_id TEXT PRIMARY KEY, source_id TEXT NOT NULL, kind TEXT NOT NULL,
        place_id TEXT, figure_id TEXT NOT NULL, vkey TEXT NOT NULL, value INTEGER NOT NULL,
        lo REAL NOT NULL, hi REAL, actor_id TEXT, via_id TEXT, dated INTEGER NOT NULL,
        time_key TEXT NOT NULL) WITHOUT ROWID""")
    db.execute("CREATE INDEX idx_figure_claims_time ON figure_claims (figure_id, time_key)")
    db.execute("CREATE INDEX idx_figure_claims_value "
               "ON figure_claims (figure_id, vkey, source_id, time_key)")
    db.execute("CREATE INDEX idx_figure_claims_source ON figure_claims (figure_id, source_id, "
               "time_key)")
    db.execute("CREATE INDEX idx_figure_claims_place ON figure_claims (kind, place_id)")
    db.execute("CREATE INDEX idx_figure_claims_of_source ON figure_claims (source_id)")
    db.execute("""CREATE TABLE figures (
        id TEXT PRIMARY KEY, quantity TEXT NOT NULL, "group" TEXT, status TEXT NOT NULL,
        place_id TEXT, claim_count INTEGER NOT NULL, source_count INTEGER NOT NULL,
        value_count INTEGER NOT NULL, actor_count INTEGER NOT NULL,
        undated_count INTEGER NOT NULL, min_value INTEGER, max_value INTEGER,
        verdict TEXT, trend TEXT, most_vkey TEXT, first_claim TEXT) WITHOUT ROWID""")
    db.execute('CREATE INDEX idx_figures_rank ON figures '
               '(source_count DESC, claim_count DESC, id)')
    db.execute('CREATE INDEX idx_figures_quantity_rank ON figures '
               '(quantity, source_count DESC, claim_count DESC, id)')
    db.execute("""CREATE TABLE figure_tallies (
        figure_id TEXT NOT NULL, vkey TEXT NOT NULL, kind TEXT NOT NULL, member TEXT NOT NULL,
        claim_count INTEGER NOT NULL, source_count INTEGER NOT NULL DEFAULT 0,
        first_key TEXT NOT NULL, first_claim TEXT NOT NULL, value INTEGER, lo REAL, hi REAL,
        PRIMARY KEY (figure_id, vkey, kind, member)) WITHOUT ROWID""")
    db.execute("CREATE INDEX idx_figure_tallies_order "
               "ON figure_tallies (figure_id, vkey, kind, first_key)")
    for name, columns in (("value", "value"), ("lo", "lo"), ("hi", "hi"), (
            "most", "source_count DESC, claim_count DESC, value, first_key")):
        db.execute(f"CREATE INDEX idx_figure_tallies_{name} ON figure_tallies "
                   f"(figure_id, vkey, kind, {columns}) WHERE vkey = '' AND kind = 'v'")
    db.execute("""CREATE TABLE kind_places (
        kind TEXT NOT NULL, place_id TEXT NOT NULL, claim_count INTEGER NOT NULL,
        PRIMARY KEY (kind, place_id)) WITHOUT ROWID""")
    db.execute("""CREATE TABLE quantity_cells (
        quantity TEXT NOT NULL, "group" TEXT NOT NULL, status TEXT NOT NULL,
        claim_count INTEGER NOT NULL, PRIMARY KEY (quantity, "group", status)) WITHOUT ROWID""")
    db.execute("""CREATE TABLE quantity_sources (
        quantity TEXT NOT NULL, source_id TEXT NOT NULL, claim_count INTEGER NOT NULL,
        PRIMARY KEY (quantity, source_id)) WITHOUT ROWID""")
    db.execute("CREATE TABLE figures_built (built INTEGER NOT NULL)")
    db.execute("INSERT INTO figures_built VALUES (0)")


@migrations()
def m502_confidence_index(db: Database) -> None:
    """Index `confidence`, so counting a `confidence_min` filter reads an index range,
    not every claim (`tests/store/test_claim_plans.py`)."""
    db["claims"].create_index(["confidence"])


@migrations()
def m503_kind_index(db: Database) -> None:
    """Index quantity, group, status and qualifier together, so "evacuated children" is
    one index range, not a filter of every evacuee (`store.claims._narrowest_index`)."""
    db["claims"].create_index(["quantity", "group", "status", "qualifier"])
