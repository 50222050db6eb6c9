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
        rows.append(claim_row(claim, {
            "id": claim_id,
            "source_id": source_id,
            "actor_id": actor_id(claim["actor"]),
            "via_id": actor_id(claim["via"]),
            "origin_id": location_id(claim["origin"]),
            "destination_id": location_id(claim["destination"]),
            "location_id": location_id(claim["location"]),
            "entry_time": entry_time(claim["start"]),
        }))
    return rows, list(actors.values()), list(locations.values())


#: What `claim_rows` adds to a validated claim to make its row: its id, its source's,
#: the ids its names resolved to and its live-blog entry time.
ROW_KEYS = ("id", "source_id", "actor_id", "via_id", "origin_id", "destination_id",
            "location_id", "entry_time")


def claim_row(claim: dict, keys: dict) -> dict:
    """The `claims` row of a validated claim, given its `ROW_KEYS` values."""
    return {
        "id": keys["id"],
        "source_id": keys["source_id"],
        "quantity": claim["quantity"],
        "value": claim["value"],
        "value_low": claim["value_low"],
        "value_high": claim["value_high"],
        "qualifier": claim["qualifier"],
        "group": claim["group"],
        "status": claim["status"],
        "text": claim["text"],
        "start": claim["start"],
        "end": claim["end"],
        "sentence": claim["sentence"],
        "actor_id": keys["actor_id"],
        "via_id": keys["via_id"],
        "origin_id": keys["origin_id"],
        "destination_id": keys["destination_id"],
        "location_id": keys["location_id"],
        "entry_time": keys["entry_time"],
        "confidence": claim.get("confidence"),
        "cues": cues_json(claim.get("cues", ())),
    }


def cues_json(cues: list[str] | tuple[str, ...]) -> str:
    """A claim's cues as stored: the JSON list `json.dumps(cues, ensure_ascii=False)`
    writes, made from each cue's encoding, which is cached: a claim's cues are few
    of a few thousand sentences, and a bulk load writes millions of claims."""
    return "[" + ", ".join(map(_cue_json, cues)) + "]"


@functools.lru_cache(maxsize=65536)
def _cue_json(cue: str) -> str:
    return json.dumps(cue, ensure_ascii=False)


def prepare(
    path: Path, report: Decoded, extract: Extractor, gazetteer: Gazetteer, actors: Actors
) -> tuple[dict, list[dict], list[dict], list[dict]]:
    """Everything one report writes (source, claims, actors, places), computed without the db.

    Pure so that it can run in a worker process: only the writing needs the database.
    """
    source, _claims, rows, actor_rows, locations = prepare_claims(
        path, report, extract, gazetteer, actors)
    return source, rows, actor_rows, locations


def prepare_claims(
    path: Path, report: Decoded, extract: Extractor, gazetteer: Gazetteer, actors: Actors
) -> tuple[dict, list[dict], list[dict], list[dict], list[dict]]:
    """`prepare`, plus the validated claims the rows were made from, in row order
    (what a claims file keeps, `api.load.claims_files`)."""
    text = report.text
    source = source_row(path, text, report.encoding)
    claims = validate_claims(extract(text, path.name), text)
    countries = gazetteer.countries_of(named_places(text, gazetteer))
    rows, actor_rows, locations = claim_rows(source["id"], claims, gazetteer, actors,
                                             entry_times(text), countries)
    claims = sorted(claims, key=lambda c: (c["start"], c["end"]))
    return source, claims, rows, actor_rows, locations
