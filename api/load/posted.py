"""A report posted through the API, stored the way the loader stores a file.

Its text is hashed once: a text already stored (posted before, or loaded from
a file) is not stored again, and a new one gets a stable id from the same
digest. Extraction goes through `api.load.prepare`, the write through
`figures.tally.write_source`: one transaction, exactly as the loader writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlite_utils import Database

from api import store
from api.corpus.decoding import Decoded
from api.figures import tally
from api.load.prepare import Extractor, content_hash, prepare
from api.reference.actors import Actors
from api.reference.gazetteer import Gazetteer


def store_posted(
    db: Database, fields: dict[str, Any], extract: Extractor, gazetteer: Gazetteer,
    actors: Actors,
) -> tuple[str, int | None]:
    """Store a posted report unless its text is already stored.

    Returns the source id and the number of claims written, or None as the
    count when the text was already stored (its existing id is returned). A
    new report's id is stable and URL-safe: `post-` and the first 16 hex
    digits of the text's SHA-256.
    """
    text = fields["text"]
    digest = content_hash(text)
    existing = store.source_with_hash(db, digest)
    if existing is not None:
        return existing, None
    source_id = f"post-{digest[:16]}"
    source, rows, actor_rows, locations = prepare(
        Path(source_id), Decoded(text, fields["encoding"]), extract, gazetteer, actors)
    source.update(url=fields.get("url"), outlet=fields.get("outlet"),
                  published_at=fields.get("published_at"))
    if fields.get("title"):
        source["title"] = fields["title"]
    if fields.get("published_at"):
        source.update(published=fields["published_at"][:10], published_basis="submitted")
    tally.write_source(db, source, rows, actor_rows, locations)
    return source_id, len(rows)
