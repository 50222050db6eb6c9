"""Reading sources: a page of reports without their text, or one report with it.

Both carry the report's claim count, computed per row from the claims'
`source_id` index, so it is always in step with the claims.
"""

from __future__ import annotations

from sqlite_utils import Database

from api.store.connection import read_snapshot
from api.store.search import fts_phrases


def list_sources(
    db: Database, *, q: str | None, kind: str | None, limit: int, offset: int
) -> tuple[list[dict], int]:
    """One page of sources (without their text), with the total."""
    where, params = [], {"limit": limit, "offset": offset}
    if q:
        phrases = fts_phrases(q)
        where.append("s.rowid IN (SELECT rowid FROM sources_fts WHERE sources_fts MATCH :q)"
                     if phrases else "0")  # no word to look for: nothing matches
        params["q"] = phrases
    if kind:
        where.append("s.kind = :kind")
        params["kind"] = kind
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    with read_snapshot(db):
        total = db.execute(f"SELECT count(*) FROM sources s {clause}", params).fetchone()[0]
        rows = list(db.query(
            "SELECT s.id, s.name, s.title, s.kind, s.published, s.published_basis, "
            "s.word_count, s.content_hash, s.url, s.outlet, s.published_at, s.encoding, "
            "(SELECT count(*) FROM claims c WHERE c.source_id = s.id) AS claim_count "
            f"FROM sources s {clause} ORDER BY s.id LIMIT :limit OFFSET :offset",
            params,
        ))
    return rows, total


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
