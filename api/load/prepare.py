"""One report's rows, computed without the database: the source row, the claims with
their actor and place ids, and the actor and location rows they refer to.

Pure, so that it runs in a worker process (`api.load.parallel`) as well as in
the loader and in `POST /v1/sources`: only writing needs the database.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Collection
from pathlib import Path

from api.corpus.decoding import Decoded
from api.extract.dates import embedded_date, entry_times, is_live_blog, publication_date
from api.extract.places import named_places
from api.load.validation import validate_claims
from api.reference import areas
from api.reference.actors import Actors
from api.reference.gazetteer import Gazetteer

#: The extractor's signature: report text and file name -> claims (docs/claims.md shape).
Extractor = Callable[[str, str], list[dict]]


def source_id_for(path: Path) -> str:
    """Stable source id: the file name without extension, made URL-safe.

    Keyed on the name (not the content hash) so that an edited report
    replaces its own claims instead of becoming a second source.
    """
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-") or "source"


def content_hash(text: str) -> str:
    """SHA-256 of the text: an unchanged report is skipped without extracting it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_row(path: Path, text: str, encoding: str | None = None) -> dict:
    """The `sources` row for a report: title, kind, word count, hash, date and the
    encoding its file was read in (None when not read from bytes here).

    The date is the dateline's, else the latest embedded post's (a lower bound;
    `published_basis` says which, see `api.extract.dates`).
    """
    title = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
    live = "live" in title.casefold() or is_live_blog(text)
    dateline, embed = publication_date(text), embedded_date(text)
    return {
        "id": source_id_for(path),
        "name": path.name,
        "title": title,
        "kind": "live_blog" if live else "article",
        "published": dateline or embed,
        "published_basis": "dateline" if dateline else "embed" if embed else None,
        "word_count": len(text.split()),
        "content_hash": content_hash(text),
        "text": text,
        "encoding": encoding,
    }


def claim_rows(
    source_id: str, claims: list[dict], gazetteer: Gazetteer, known: Actors,
    entry_time: Callable[[int], str | None] = lambda _offset: None,
    countries: Collection[str] = (),
) -> tuple[list[dict], list[dict], list[dict]]:
    """Claim rows with entity ids, plus the actor and location rows they refer to.

    Place names are read in the report's `countries` (a small town is the one in
    the country the report is about, not a namesake far away); phrases the
    gazetteer lacks are located inside a known place (`api.reference.areas`);
    `entry_time` gives a claim's live-blog entry time by offset.
    """
    resolve = functools.partial(gazetteer.resolve, countries=frozenset(countries))
    actors: dict[str, dict] = {}
    locations: dict[str, dict] = {}
    rows: list[dict] = []
    seen: set[str] = set()
    context = areas.main_place(
        resolve(c[k]) for c in claims for k in ("origin", "destination", "location")
        if c[k]
    )

    def actor_id(name: str | None) -> str | None:
        if not name:
            return None
        row = known.row(name)
        actors.setdefault(row["id"], row)
        return row["id"]

    def location_id(name: str | None) -> str | None:
        if not name:
            return None
        chain = areas.locate(name, resolve, context)
        for row in chain:
            locations.setdefault(row["id"], row)
        return chain[0]["id"]

    for claim in sorted(claims, key=lambda c: (c["start"], c["end"])):
        claim_id = f"{source_id}-{claim['start']}"
        n = 2
        while claim_id in seen:  # two claims on one span: keep ids deterministic
            claim_id, n = f"{source_id}-{claim['start']}-{n}", n + 1
        seen.add(claim_id)
        rows.append({
            "id": claim_id,
            "source_id": source_id,
            **{k: claim[k] for k in ("quantity", "value", "value_low", "value_high", "qualifier",
                                     "group", "status", "text", "start", "end", "sentence")},
            "actor_id": actor_id(claim["actor"]),
            "via_id": actor_id(claim["via"]),
            "origin_id": location_id(claim["origin"]),
            "destination_id": location_id(claim["destination"]),
            "location_id": location_id(claim["location"]),
            "entry_time": entry_time(claim["start"]),
            "confidence": claim.get("confidence"),
            "cues": json.dumps(claim.get("cues", []), ensure_ascii=False),
        })
    return rows, list(actors.values()), list(locations.values())


def prepare(
    path: Path, report: Decoded, extract: Extractor, gazetteer: Gazetteer, actors: Actors
) -> tuple[dict, list[dict], list[dict], list[dict]]:
    """Everything one report writes (source, claims, actors, places), computed without the db.

    Pure so that it can run in a worker process: only the writing needs the database.
    """
    text = report.text
    source = source_row(path, text, report.encoding)
    claims = validate_claims(extract(text, path.name), text)
    countries = gazetteer.countries_of(named_places(text, gazetteer))
    rows, actor_rows, locations = claim_rows(source["id"], claims, gazetteer, actors,
                                             entry_times(text), countries)
    return source, rows, actor_rows, locations
