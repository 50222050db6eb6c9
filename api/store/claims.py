"""Reading claims: the joined claim row, the API's filters and sort orders, paging.

A claim is read with the names of its source, actors and places joined in
(`_CLAIM_SELECT`): a page, one claim, and every match for an export or a
figure all return that row. Pages and unpaged matches translate a
`ClaimFilter` the same way (`_claim_where`), so the endpoints and the figures
cannot disagree on what a filter means.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlite_utils import Database

from api.store.connection import cached_count, read_snapshot
from api.store.search import fts_phrases

_CLAIM_SELECT = """
SELECT c.*, s.name AS source_file, s.published AS published, a.name AS actor, v.name AS via,
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


#: The index that lists claims in each sort order, when the filter pins the quantity or not.
SORT_INDEXES = {
    ("source", True): "idx_claims_quantity_source_id_start_id",
    ("source", False): "idx_claims_source_id_start_id",
    ("value", True): "idx_claims_quantity_value_id",
    ("value", False): "idx_claims_value_id",
    ("quantity", True): "idx_claims_quantity_id",
    ("quantity", False): "idx_claims_quantity_id",
    ("id", True): "idx_claims_quantity_id",
    ("id", False): "sqlite_autoindex_claims_1",
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
    confidence_min: float | None = None
    q: str | None = None
    figure: str | None = None
    sort: str = "source"
    limit: int = 20
    offset: int = 0
    after: str | None = None


def _claim_where(db: Database, f: ClaimFilter, *, by_rowid: bool = False
                 ) -> tuple[list[str], list[str], dict]:
    """The CTE definitions, WHERE conditions and parameters for a claim filter.

    `by_rowid` states the actor and place filters as the rowids their indexes
    give (one range per column), so a plan that starts from the matches starts
    from those, not from a wider index such as the quantity's; checked row by
    row (walking a sort index), the plain OR form costs nothing up front.
    """
    where, params, ctes = [], {}, []
    # With a set of rowids to start from, the column tests are checks on its rows, not
    # index ranges (`+`): without statistics SQLite would prefer the quantity's index.
    sets = by_rowid and (f.actor_id or f.location_id or f.figure or f.q)
    plain = "+" if sets else ""
    for column in ("quantity", "group", "status", "qualifier", "source_id"):
        value = getattr(f, column)
        if value is not None:
            where.append(f'{plain}c."{column}" = :{column}')
            params[column] = value
    if f.actor_id is not None:
        where.append(
            "c.rowid IN (SELECT rowid FROM claims WHERE actor_id = :actor_id UNION ALL "
            "SELECT rowid FROM claims WHERE via_id = :actor_id)" if by_rowid else
            "(c.actor_id = :actor_id OR c.via_id = :actor_id)")
        params["actor_id"] = f.actor_id
    if f.location_id is not None:
        ctes.append(
            "inside(id) AS (SELECT :location_id UNION "
            "SELECT l.id FROM locations l JOIN inside ON l.parent_id = inside.id)"
        )
        where.append(
            "c.rowid IN (SELECT rowid FROM claims WHERE origin_id IN inside UNION ALL "
            "SELECT rowid FROM claims WHERE destination_id IN inside UNION ALL "
            "SELECT rowid FROM claims WHERE location_id IN inside)" if by_rowid else
            "(c.origin_id IN inside OR c.destination_id IN inside OR c.location_id IN inside)")
        params["location_id"] = f.location_id
    if f.value_min is not None:
        where.append(f"{plain}c.value >= :value_min")
        params["value_min"] = f.value_min
    if f.value_max is not None:
        where.append(f"{plain}c.value <= :value_max")
        params["value_max"] = f.value_max
    if f.confidence_min is not None:
        where.append("c.confidence >= :confidence_min")
        params["confidence_min"] = f.confidence_min
    if f.figure is not None:
        where.append("c.rowid IN (SELECT rowid FROM claims WHERE id IN (SELECT claim_id FROM "
                     "figure_claims WHERE figure_id = :figure))")
        params["figure"] = f.figure
    if f.q:
        phrases = fts_phrases(f.q)
        where.append("c.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :q)"
                     if phrases else "0")  # no word to look for: nothing matches
        params["q"] = phrases
    return ctes, where, params


def list_claims(db: Database, f: ClaimFilter) -> tuple[list[dict], int]:
    """One page of claims matching `f`, and how many match in total.

    The page is chosen on claim rowids alone (an index walk, no joins), then
    only its rows are joined to their names: a deep OFFSET skips index
    entries, not joined rows. `f.after` (a claim id) pages by key instead:
    rows strictly after that claim in the sort order, an index range seek
    that costs the same on page 2,000 as on page 1 (`f.offset` then counts
    from that claim). An `after` naming no claim matches nothing: the page is
    empty, the total still counts the filter's matches. The total is counted
    once per database version (`cached_count`).
    """
    with read_snapshot(db):
        return _list_claims(db, f)


def _list_claims(db: Database, f: ClaimFilter) -> tuple[list[dict], int]:
    order = _order(f)
    total = count_claims(db, f)
    table, page_order = _page_plan(db, f, total, f.offset, order)
    # Starting from the matches: the actor and place filters as their indexes' rowid sets.
    ctes, where, params = _claim_where(db, f, by_rowid=page_order != order)
    if f.after is not None:
        where, params = _after(db, f, where, params)
    page_clause = ("WHERE " + " AND ".join(where)) if where else ""
    page = (f"page(rid) AS (SELECT c.rowid FROM {table} {page_clause} ORDER BY {page_order} "
            "LIMIT :limit OFFSET :offset)")
    rows = db.query(
        f"WITH RECURSIVE {', '.join([*ctes, page])} {_CLAIM_SELECT} "
        f"WHERE c.rowid IN page ORDER BY {order}",
        {**params, "limit": f.limit, "offset": f.offset},
    )
    return list(rows), total


def _page_plan(db: Database, f: ClaimFilter, total: int, offset: int,
               order: str) -> tuple[str, str]:
    """How to find a page: walk the sort order's index, or fetch the matches and sort them.

    SQLite plans without statistics, and for a filter plus a sort it may pick
    either: the filter's index, then sort every match (190 ms for 100,000
    evacuee claims in a value range), or the sort's index, checking the filter
    row by row until the page is full (slow when few rows match). Both costs
    are known here from the counts: sorting reads every match (`total`
    rows), walking reads about (offset + limit) x scope / total index entries,
    where scope is the number of rows in the sort index's range (the
    quantity's claims, or all). The cheaper one is forced: the walk with
    `INDEXED BY`, the sort by ordering on expressions (`+column`), which no
    index can give, so the planner picks the filter's index. A source filter
    needs neither (its index filters and sorts); nor does a filter that is
    only the quantity (the walk reads exactly the page).
    """
    sort_key = f.sort.lstrip("-")
    pinned = f.quantity is not None
    extra = any(getattr(f, k) is not None for k in (
        "group", "status", "qualifier", "actor_id", "location_id", "value_min", "value_max",
        "confidence_min", "figure")) or bool(f.q)
    if f.source_id is not None or not extra:
        return "claims c", order
    scope = cached_count(db, "SELECT count(*) FROM claims c WHERE c.quantity = :quantity",
                         {"quantity": f.quantity}) if pinned else cached_count(
        db, "SELECT count(*) FROM claims c", {})
    if walk_is_cheaper(offset + f.limit, scope, total):
        return f"claims c INDEXED BY {SORT_INDEXES[(sort_key, pinned)]}", order
    sorted_matches = ", ".join(f"+{term}" for term in order.split(", "))
    if f.actor_id or f.location_id or f.figure or f.q:
        return "claims c", sorted_matches  # the rowid sets lead (`_claim_where(by_rowid)`)
    return f"claims c INDEXED BY {_narrowest_index(db, f)}", sorted_matches


#: Single-column filters and the index whose range gives their matches.
_FILTER_INDEXES = {"group": "idx_claims_group", "status": "idx_claims_status",
                   "qualifier": "idx_claims_qualifier"}


def _narrowest_index(db: Database, f: ClaimFilter) -> str:
    """The index whose range holds the fewest rows among those the filter can use, from
    each one's (cached) count: without statistics SQLite would take the quantity's."""
    candidates: list[tuple[int, str]] = []
    if f.value_min is not None or f.value_max is not None:
        low = f.value_min if f.value_min is not None else 0
        high = f.value_max if f.value_max is not None else 2**63 - 1
        quantity = "c.quantity = :quantity AND " if f.quantity is not None else ""
        candidates.append((cached_count(
            db, f"SELECT count(*) FROM claims c WHERE {quantity}c.value BETWEEN :low AND :high",
            {"quantity": f.quantity, "low": low, "high": high} if quantity else
            {"low": low, "high": high}),
            "idx_claims_quantity_value_id" if quantity else "idx_claims_value_id"))
    elif f.quantity is not None:
        candidates.append((cached_count(
            db, "SELECT count(*) FROM claims c WHERE c.quantity = :quantity",
            {"quantity": f.quantity}), "idx_claims_quantity_id"))
    if f.quantity is not None and f.group is not None:
        prefix = ["quantity", "group"]
        for column in ("status", "qualifier"):
            if getattr(f, column) is None:
                break
            prefix.append(column)
        candidates.append((cached_count(
            db, "SELECT count(*) FROM claims c WHERE "
            + " AND ".join(f'c."{c}" = :{c}' for c in prefix),
            {c: getattr(f, c) for c in prefix}), "idx_claims_quantity_group_status_qualifier"))
    for column, index in _FILTER_INDEXES.items():
        value = getattr(f, column)
        if value is not None:
            candidates.append((cached_count(
                db, f'SELECT count(*) FROM claims c WHERE c."{column}" = :value',
                {"value": value}), index))
    if f.confidence_min is not None:
        candidates.append((cached_count(
            db, "SELECT count(*) FROM claims c WHERE c.confidence >= :value",
            {"value": f.confidence_min}), "idx_claims_confidence"))
    return min(candidates)[1]


def walk_is_cheaper(rows: int, scope: int, total: int) -> bool:
    """Whether walking a sort index for `rows` rows, of which total / scope match, reads
    fewer rows than sorting all `total` matches."""
    return rows * scope / max(total, 1) <= total


def count_claims(db: Database, f: ClaimFilter) -> int:
    """How many claims match `f` (its paging ignored), once per database version."""
    ctes, where, params = _claim_where(db, f)
    with_ = f"WITH RECURSIVE {', '.join(ctes)} " if ctes else ""
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    return cached_count(db, f"{with_}SELECT count(*) FROM claims c {clause}", params)


def iter_claims(db: Database, f: ClaimFilter) -> Iterator[dict]:
    """Every claim matching `f` in its sort order (after `f.after`, if given), unpaged,
    read lazily from one cursor: a whole export at a million claims never holds more
    than the row being written. An `after` naming no claim matches nothing."""
    ctes, where, params = _claim_where(db, f)
    if f.after is not None:
        where, params = _after(db, f, where, params)
    with_ = f"WITH RECURSIVE {', '.join(ctes)} " if ctes else ""
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    yield from db.query(f"{with_}{_CLAIM_SELECT} {clause} ORDER BY {_order(f)}", params)


def _sort_columns(f: ClaimFilter) -> list[str]:
    return [*CLAIM_SORTS[f.sort.lstrip("-")], "c.id"]


def _order(f: ClaimFilter) -> str:
    direction = "DESC" if f.sort.startswith("-") else "ASC"
    return ", ".join(f"{c} {direction}" for c in _sort_columns(f))


def _after(db: Database, f: ClaimFilter, where: list[str], params: dict) -> tuple[list, dict]:
    """The conditions for rows strictly after claim `f.after` in the sort order."""
    columns = _sort_columns(f)
    key = db.execute(f"SELECT {', '.join(columns)} FROM claims c WHERE c.id = ?",
                     [f.after]).fetchone()
    if key is None:
        return [*where, "0"], params  # nothing comes after a claim that does not exist
    marks = ", ".join(f":after{i}" for i in range(len(columns)))
    compare = "<" if f.sort.startswith("-") else ">"
    return ([*where, f"({', '.join(columns)}) {compare} ({marks})"],
            {**params, **{f"after{i}": v for i, v in enumerate(key)}})


def get_claim(db: Database, claim_id: str) -> dict | None:
    """One claim with its related names, or None."""
    return next(db.query(f"{_CLAIM_SELECT} WHERE c.id = ?", [claim_id]), None)


def claims_by_id(db: Database, claim_ids: list[str]) -> list[dict]:
    """The claims with these ids (with related names), in no particular order."""
    return list(db.query(f"{_CLAIM_SELECT} WHERE c.id IN (SELECT value FROM json_each(?))",
                         [json.dumps(claim_ids)]))


def all_claims(db: Database, f: ClaimFilter) -> list[dict]:
    """Every claim matching the equality filters of `f`, in source order, unpaged."""
    _, where, params = _claim_where(db, f)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    return list(db.query(f"{_CLAIM_SELECT} {clause} ORDER BY c.source_id, c.start", params))
