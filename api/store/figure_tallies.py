"""The maintained figure tables: membership, tallies, figure rows and quantity counts.

Figures used to be computed from every claim on each request (76 s at 1.5M
claims). These tables (`schema.m501_figure_tallies`) hold the result instead,
and `api.figures.tally` changes them in the transaction that writes or deletes a
report, touching only the figures that report's claims are in. This module has
the SQL of both sides: the writes the upkeep makes, and the reads a figures or
quantities page makes (each an index range, never an aggregate over claims).

A tally key is `(figure_id, vkey, kind, member)`: `kind` is `v` (a distinct
value, `member` its vkey), `s` (a source) or `a` (an actor); `vkey` is `''`
for the figure's own lists and the value's key for that value's lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlite_utils import Database

#: Columns of a `figure_claims` row, in table order.
MEMBER_COLUMNS = ("claim_id", "source_id", "kind", "place_id", "figure_id", "vkey", "value",
                  "lo", "hi", "actor_id", "via_id", "dated", "time_key")


# --- the build flag --------------------------------------------------------------------


def figures_built(db: Database) -> bool:
    """Whether the figure tables hold every claim (False right after the migration)."""
    row = db.execute("SELECT built FROM figures_built").fetchone()
    return bool(row and row[0])


def mark_figures_built(db: Database, built: bool) -> None:
    db.execute("UPDATE figures_built SET built = ?", [int(built)])


def clear_figures(db: Database) -> None:
    """Empty every maintained figure table (before a rebuild)."""
    for table in ("figure_claims", "figures", "figure_tallies", "kind_places",
                  "quantity_cells", "quantity_sources"):
        db.execute(f"DELETE FROM {table}")


# --- what the upkeep reads -------------------------------------------------------------


def claim_facts(db: Database, *, source_id: str | None = None,
                kind: tuple[str, str | None, str] | None = None) -> list[dict]:
    """The columns figure membership is computed from, for one source's or one kind's claims."""
    where, params = [], []
    if source_id is not None:
        where.append("c.source_id = ?")
        params.append(source_id)
    if kind is not None:
        where.append('c.quantity = ? AND c."group" IS ? AND c.status = ?')
        params.extend(kind)
    return list(db.query(
        'SELECT c.id, c.source_id, c.quantity, c."group", c.status, c.value, c.value_low, '
        "c.value_high, c.qualifier, c.actor_id, c.via_id, c.origin_id, c.destination_id, "
        "c.location_id, c.start, c.entry_time, s.published FROM claims c "
        f"JOIN sources s ON s.id = c.source_id WHERE {' AND '.join(where)}", params))


def claim_kinds(db: Database) -> list[tuple[str, str | None, str]]:
    """Every (quantity, group, status) some claim has."""
    return [tuple(r) for r in db.execute(
        'SELECT DISTINCT quantity, "group", status FROM claims')]


def members_of_source(db: Database, source_id: str) -> list[dict]:
    return list(db.query("SELECT * FROM figure_claims WHERE source_id = ?", [source_id]))


def members_at(db: Database, kind: str, place_id: str | None) -> list[dict]:
    """The members of a kind at one place (None: the unplaced ones)."""
    return list(db.query("SELECT * FROM figure_claims WHERE kind = ? AND place_id IS ?",
                         [kind, place_id]))


def kind_places(db: Database, kind: str) -> dict[str, int]:
    return dict(db.execute("SELECT place_id, claim_count FROM kind_places WHERE kind = ?",
                           [kind]).fetchall())


def time_ordered_bounds(db: Database, figure_id: str) -> Iterator[tuple]:
    """(lo, hi, time_key) of a figure's claims in report order."""
    yield from db.execute("SELECT lo, hi, time_key FROM figure_claims WHERE figure_id = ? "
                          "ORDER BY time_key", [figure_id])


# --- what the upkeep writes ------------------------------------------------------------


def delete_members(db: Database, claim_ids: Iterable[str]) -> None:
    db.conn.executemany("DELETE FROM figure_claims WHERE claim_id = ?",
                        ((i,) for i in claim_ids))


def insert_members(db: Database, rows: Iterable[dict]) -> None:
    columns = ", ".join(MEMBER_COLUMNS)
    marks = ", ".join(f":{c}" for c in MEMBER_COLUMNS)
    db.conn.executemany(f"INSERT INTO figure_claims ({columns}) VALUES ({marks})", rows)


def move_members(db: Database, moves: Iterable[tuple[str, str]]) -> None:
    """Set the figure of members: (claim id, figure id) pairs."""
    db.conn.executemany("UPDATE figure_claims SET figure_id = ? WHERE claim_id = ?",
                        ((f, c) for c, f in moves))


def add_kind_places(db: Database, deltas: dict[tuple[str, str], int]) -> None:
    for (kind, place), n in deltas.items():
        if n:
            db.execute("INSERT INTO kind_places VALUES (?, ?, ?) ON CONFLICT DO UPDATE "
                       "SET claim_count = claim_count + excluded.claim_count", [kind, place, n])
    db.execute("DELETE FROM kind_places WHERE claim_count <= 0")


def add_quantity_counts(db: Database, cells: dict[tuple, int],
                        sources: dict[tuple[str, str], int]) -> None:
    """Add (or with negative counts, remove) claims per quantity cell and per source."""
    for key, n in cells.items():
        if n:
            db.execute("INSERT INTO quantity_cells VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE "
                       "SET claim_count = claim_count + excluded.claim_count", [*key, n])
    for key, n in sources.items():
        if n:
            db.execute("INSERT INTO quantity_sources VALUES (?, ?, ?) ON CONFLICT DO UPDATE "
                       "SET claim_count = claim_count + excluded.claim_count", [*key, n])
    db.execute("DELETE FROM quantity_cells WHERE claim_count <= 0")
    db.execute("DELETE FROM quantity_sources WHERE claim_count <= 0")


def add_tallies(db: Database, deltas: dict[tuple, dict]) -> list[tuple[tuple, int]]:
    """Add tally deltas; return the keys whose existence changed, with +1 or -1.

    A delta is `{"n", "first_key", "first_claim", "value", "lo", "hi"}`; a
    positive `n` inserts or raises the count and keeps the smaller first key,
    a negative one lowers it, and a tally at zero is deleted. First keys of
    lowered tallies that stay are refreshed by the caller (`refresh_first`).
    """
    changed = []
    for key, d in deltas.items():
        if d["n"] > 0:
            (count,) = db.execute(
                "INSERT INTO figure_tallies (figure_id, vkey, kind, member, claim_count, "
                "first_key, first_claim, value, lo, hi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT DO UPDATE SET claim_count = claim_count + excluded.claim_count, "
                "first_claim = CASE WHEN excluded.first_key < first_key "
                "THEN excluded.first_claim ELSE first_claim END, "
                "first_key = min(first_key, excluded.first_key) RETURNING claim_count",
                [*key, d["n"], d["first_key"], d["first_claim"], d.get("value"), d.get("lo"),
                 d.get("hi")]).fetchone()
            if count == d["n"]:
                changed.append((key, 1))
        elif d["n"] < 0:
            (count,) = db.execute(
                "UPDATE figure_tallies SET claim_count = claim_count + ? WHERE figure_id = ? "
                "AND vkey = ? AND kind = ? AND member = ? RETURNING claim_count",
                [d["n"], *key]).fetchone()
            if count <= 0:
                db.execute("DELETE FROM figure_tallies WHERE figure_id = ? AND vkey = ? "
                           "AND kind = ? AND member = ?", list(key))
                changed.append((key, -1))
    return changed


def tally_first_claim(db: Database, key: tuple) -> str | None:
    """The id of a tally's first claim in report order, or None if the tally is gone."""
    row = db.execute("SELECT first_claim FROM figure_tallies WHERE figure_id = ? AND vkey = ? "
                     "AND kind = ? AND member = ?", list(key)).fetchone()
    return row[0] if row else None


def refresh_first(db: Database, key: tuple) -> None:
    """Recompute a tally's first key and claim from the members (after some left)."""
    figure_id, vkey, kind, member = key
    if kind == "v":
        row = db.execute("SELECT time_key, claim_id FROM figure_claims WHERE figure_id = ? "
                         "AND vkey = ? ORDER BY time_key LIMIT 1", [figure_id, member])
    elif kind == "s" and vkey:
        row = db.execute("SELECT time_key, claim_id FROM figure_claims WHERE figure_id = ? "
                         "AND vkey = ? AND source_id = ? ORDER BY time_key LIMIT 1",
                         [figure_id, vkey, member])
    elif kind == "s":
        row = db.execute("SELECT time_key, claim_id FROM figure_claims WHERE figure_id = ? "
                         "AND source_id = ? ORDER BY time_key LIMIT 1", [figure_id, member])
    else:
        value = "AND vkey = :vkey" if vkey else ""
        row = db.execute(
            "SELECT min(k), claim_id FROM ("
            f"SELECT time_key || '0' AS k, claim_id FROM figure_claims WHERE figure_id = :f "
            f"{value} AND actor_id = :m UNION ALL "
            f"SELECT time_key || '1', claim_id FROM figure_claims WHERE figure_id = :f "
            f"{value} AND via_id = :m)", {"f": figure_id, "vkey": vkey, "m": member})
    first = row.fetchone()
    if first and first[0] is not None:
        db.execute("UPDATE figure_tallies SET first_key = ?, first_claim = ? WHERE "
                   "figure_id = ? AND vkey = ? AND kind = ? AND member = ?", [*first, *key])


def add_value_sources(db: Database, deltas: dict[tuple[str, str], int]) -> None:
    """Move the source counts of values: (figure id, vkey) -> change."""
    for (figure_id, vkey), n in deltas.items():
        if n:
            db.execute("UPDATE figure_tallies SET source_count = source_count + ? WHERE "
                       "figure_id = ? AND vkey = '' AND kind = 'v' AND member = ?",
                       [n, figure_id, vkey])


def add_figure_counts(db: Database, figure_id: str, key: tuple, counts: dict[str, int]) -> None:
    """Create a figure row or move its counters (claims, undated, sources, values, actors)."""
    quantity, group, status, place_id = key
    db.execute(
        'INSERT INTO figures (id, quantity, "group", status, place_id, claim_count, '
        "undated_count, source_count, value_count, actor_count) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
        "claim_count = claim_count + excluded.claim_count, "
        "undated_count = undated_count + excluded.undated_count, "
        "source_count = source_count + excluded.source_count, "
        "value_count = value_count + excluded.value_count, "
        "actor_count = actor_count + excluded.actor_count",
        [figure_id, quantity, group, status, place_id, counts.get("claims", 0),
         counts.get("undated", 0), counts.get("s", 0), counts.get("v", 0), counts.get("a", 0)])


def figure_extremes(db: Database, figure_id: str) -> dict | None:
    """Counts, spread, bound extremes and most-attested value key of a figure, or None."""
    row = db.execute(
        "SELECT claim_count, undated_count, verdict, "
        "(SELECT min(value) FROM figure_tallies WHERE figure_id = :f AND vkey = '' AND "
        "kind = 'v'), (SELECT max(value) FROM figure_tallies WHERE figure_id = :f AND "
        "vkey = '' AND kind = 'v'), (SELECT max(lo) FROM figure_tallies WHERE figure_id = :f "
        "AND vkey = '' AND kind = 'v'), (SELECT min(hi) FROM figure_tallies WHERE "
        "figure_id = :f AND vkey = '' AND kind = 'v'), "
        "(SELECT member FROM figure_tallies WHERE figure_id = :f AND vkey = '' AND kind = 'v' "
        "ORDER BY source_count DESC, claim_count DESC, value, first_key LIMIT 1), "
        "(SELECT claim_id FROM figure_claims WHERE figure_id = :f ORDER BY time_key LIMIT 1) "
        "FROM figures WHERE id = :f", {"f": figure_id}).fetchone()
    if row is None:
        return None
    names = ("claim_count", "undated_count", "verdict", "min_value", "max_value", "max_lo",
             "min_hi", "most_vkey", "first_claim")
    return dict(zip(names, row, strict=True))


def set_figure_summary(db: Database, figure_id: str, fields: dict) -> None:
    sets = ", ".join(f"{k} = :{k}" for k in fields)
    db.execute(f"UPDATE figures SET {sets} WHERE id = :id", {**fields, "id": figure_id})


def delete_empty_figures(db: Database, figure_ids: Iterable[str]) -> None:
    db.conn.executemany("DELETE FROM figures WHERE id = ? AND claim_count <= 0",
                        ((f,) for f in figure_ids))


# --- what a page reads -----------------------------------------------------------------

_FIGURE_SELECT = """
SELECT f.*, l.name AS place_name, l.kind AS place_kind, l.lat AS place_lat,
       l.lon AS place_lon, fs.published AS first_published,
       fc.entry_time AS first_entry_time, mc.text AS most_text,
       mt.source_count AS most_sources
FROM figures f
LEFT JOIN locations l ON l.id = f.place_id
LEFT JOIN claims fc ON fc.id = f.first_claim
LEFT JOIN sources fs ON fs.id = fc.source_id
LEFT JOIN figure_tallies mt ON mt.figure_id = f.id AND mt.vkey = '' AND mt.kind = 'v'
     AND mt.member = f.most_vkey
LEFT JOIN claims mc ON mc.id = mt.first_claim
"""


def list_figures(
    db: Database, *, quantity: str | None = None, group: str | None = None,
    status: str | None = None, inside: str | None = None, verdict: str | None = None,
    limit: int = 20, offset: int = 0,
) -> tuple[list[dict], int]:
    """A page of figure rows, most-attested first, and how many match.

    `inside` keeps figures whose place is that location or lies within it.
    The figures table has one row per figure (hundreds to a few thousand),
    so even an unindexed filter reads it in a millisecond.
    """
    where, params, ctes = [], {}, ""
    for column, value in (("quantity", quantity), ("group", group), ("status", status),
                          ("verdict", verdict)):
        if value is not None:
            where.append(f'f."{column}" = :{column}')
            params[column] = value
    if inside is not None:
        ctes = ("WITH RECURSIVE inside(id) AS (SELECT :inside UNION "
                "SELECT l.id FROM locations l JOIN inside ON l.parent_id = inside.id) ")
        where.append("f.place_id IN inside")
        params["inside"] = inside
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    total = db.execute(f"{ctes}SELECT count(*) FROM figures f {clause}", params).fetchone()[0]
    rows = db.query(f"{ctes}{_FIGURE_SELECT} {clause} ORDER BY f.source_count DESC, "
                    "f.claim_count DESC, f.id LIMIT :limit OFFSET :offset",
                    {**params, "limit": limit, "offset": offset})
    return list(rows), total


def get_figure(db: Database, figure_id: str) -> dict | None:
    return next(db.query(f"{_FIGURE_SELECT} WHERE f.id = ?", [figure_id]), None)


_LIST_COLUMNS = """
SELECT t.figure_id, t.vkey, t.kind, t.member, t.claim_count, t.source_count, t.first_key,
       c.text AS text, c.entry_time AS entry_time, s.published AS published,
       coalesce(src.name, a.name) AS name
FROM {tallies} t
LEFT JOIN claims c ON t.kind = 'v' AND c.id = t.first_claim
LEFT JOIN sources s ON s.id = c.source_id
LEFT JOIN sources src ON t.kind = 's' AND src.id = t.member
LEFT JOIN actors a ON t.kind = 'a' AND a.id = t.member
"""
_FIRST = ("SELECT * FROM (SELECT * FROM figure_tallies WHERE figure_id = :f AND vkey = {vkey} "
          "AND kind = '{kind}' ORDER BY first_key LIMIT :limit)")
_FIGURE_LISTS = _LIST_COLUMNS.format(
    tallies=f"({' UNION ALL '.join(_FIRST.format(vkey=chr(39) * 2, kind=k) for k in 'vsa')})")


def _value_lists(count: int) -> str:
    """The sources and actors lists of `count` values (`:v0`, `:v1`, ...) of one figure."""
    parts = [_FIRST.format(vkey=f":v{i}", kind=k) for i in range(count) for k in "sa"]
    return _LIST_COLUMNS.format(tallies=f"({' UNION ALL '.join(parts)})")


def figure_lists(db: Database, figure_ids: list[str], limit: int) -> list[dict]:
    """The first `limit` values, sources and actors of each figure, and of each of those
    values, in report order, with names and (for values) their first claim's wording.

    Each list is an index range that stops after `limit` entries
    (`idx_figure_tallies_order`): a figure or value with 50,000 sources costs
    what one with 50 does. Two statements per figure: its own lists, then its
    values' lists.
    """
    out: list[dict] = []
    for figure_id in figure_ids:
        rows = list(db.query(_FIGURE_LISTS, {"f": figure_id, "limit": limit}))
        out.extend(rows)
        vkeys = [r["member"] for r in rows if r["kind"] == "v"]
        if vkeys:
            out.extend(db.query(_value_lists(len(vkeys)), {
                "f": figure_id, "limit": limit, **{f"v{i}": v for i, v in enumerate(vkeys)}}))
    return out


def figure_timeline(db: Database, figure_id: str, limit: int) -> list[dict]:
    """The first `limit` claim ids of a figure in report order."""
    return [r[0] for r in db.execute(
        "SELECT claim_id FROM figure_claims WHERE figure_id = ? ORDER BY time_key LIMIT ?",
        [figure_id, limit])]


def first_claims(db: Database, figure_ids: list[str], limit: int) -> list[tuple[str, str]]:
    """(figure id, claim id) of the first `limit` claims of each figure, in report order."""
    out = []
    for figure_id in figure_ids:
        out.extend((figure_id, c) for c in figure_timeline(db, figure_id, limit))
    return out


# --- quantities ------------------------------------------------------------------------


def maintained_quantity_counts(db: Database) -> tuple[dict[str, tuple[int, int]], list[tuple]]:
    """Claims and sources per quantity, and claims per (quantity, group, status), as
    `store.quantity_counts` computes them from the claims, but read from the tallies."""
    cells = [(q, None if g == "_" else g, s, n) for q, g, s, n in db.execute(
        'SELECT quantity, "group", status, claim_count FROM quantity_cells')]
    totals = {}
    for quantity, claims in db.execute(
            "SELECT quantity, sum(claim_count) FROM quantity_cells GROUP BY quantity"):
        (sources,) = db.execute("SELECT count(*) FROM quantity_sources WHERE quantity = ?",
                                [quantity]).fetchone()
        totals[quantity] = (claims, sources)
    return totals, cells
