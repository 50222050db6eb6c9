"""Claims files: reports extracted in one place (a Dask cluster) and loaded in another.

A claims file holds one JSON line per report, everything the loader would
write for it, computed where the extraction ran::

    {"source": {the sources row: id, name, title, kind, published, published_basis,
                word_count, content_hash, text, encoding},
     "claims": [each claim as docs/claims.md gives it (validated), plus its row's
                id, actor_id, via_id, origin_id, destination_id, location_id, entry_time],
     "actors": [actor rows], "locations": [location rows]}

Extraction and place resolution, the costly part, run on the workers
(`report_record`); the one writer only checks and writes (`load_claims_files`).
It trusts the file no more than the extractor: the text must have its hash,
the source its name's id, every claim passes `api.load.validation` against the
text, and every id a claim names is among the record's actors and places. A
report goes in whole or not at all, unchanged reports (same hash) are skipped,
and one bad line fails its report only, as `evacfacts load` does.

Reports are written in groups of about `BATCH_CLAIMS` claims
(`store.replace_sources`): a statement and a commit per report are most of
the cost of a small one. A group that fails is written again one report at a
time, so a bad report still fails alone. Into a database that holds reports,
each group is one transaction, and a crash loses at most the group being
written, which loading the same files again restores. Into an empty
database (a new archive, a re-extraction) the whole load is one transaction
that builds the indexes at its end (`store.bulk_load`), several times faster;
a crash then leaves the database empty, as it was.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson
from marshmallow import ValidationError
from sqlite_utils import Database

from api import store
from api.corpus.reading import read_report_with_encoding
from api.figures import tally
from api.load.files import FileResult, failed
from api.load.prepare import (
    ROW_KEYS,
    Extractor,
    claim_row,
    content_hash,
    prepare_claims,
    source_id_for,
)
from api.load.validation import validate_claims
from api.reference.actors import Actors
from api.reference.gazetteer import Gazetteer

#: Claims written per transaction by `load_claims_files`.
BATCH_CLAIMS = 2000
#: Bytes read from a claims file at a time: a record is tens of kilobytes.
_READ_BUFFER = 1 << 20
#: Name of the partition files a claims directory holds.
PART_GLOB = "part-*.jsonl"

_SOURCE_COLUMNS = {
    "id": str, "name": str, "title": str, "kind": str, "published": (str, type(None)),
    "published_basis": (str, type(None)), "word_count": int, "content_hash": str,
    "text": str, "encoding": (str, type(None)),
}
_ACTOR_COLUMNS = {"id": str, "name": str, "kind": (str, type(None)), "aliases": list}
_LOCATION_COLUMNS = {
    "id": str, "name": str, "kind": (str, type(None)), "parent_id": (str, type(None)),
    "lat": (float, int, type(None)), "lon": (float, int, type(None)), "aliases": list,
}
#: The keys a record's claim carries besides the guide's: its row's, but the source's id.
_CLAIM_ROW_KEYS = tuple(k for k in ROW_KEYS if k != "source_id")


# --- writing: one report to one line ------------------------------------------------


def report_record(
    path: Path, extract: Extractor, gazetteer: Gazetteer, actors: Actors
) -> dict:
    """Read and extract one report file into its record (raises on any error).

    The same steps as `evacfacts load` (`api.load.prepare`), so loading the
    record writes exactly what loading the file would.
    """
    source, claims, rows, actor_rows, locations = prepare_claims(
        path, read_report_with_encoding(path), extract, gazetteer, actors)
    return {
        "source": source,
        "claims": [{**claim, **{k: row[k] for k in _CLAIM_ROW_KEYS}}
                   for claim, row in zip(claims, rows, strict=True)],
        "actors": actor_rows,
        "locations": locations,
    }


def write_partition(
    out: Path, index: int, paths: Iterable[Path], extract: Extractor,
    gazetteer: Gazetteer, actors: Actors,
) -> dict:
    """Extract `paths` into `out/part-<index>.jsonl`, one record per report in order.

    The file appears whole or not at all (written under a temporary name, then
    renamed), so a task run twice (a worker lost mid-task, then retried)
    leaves one copy, never a half-written or doubled one. Returns how many
    reports and claims were written and the reports that failed (path, error).
    """
    target = out / f"part-{index:05d}.jsonl"
    partial = out / f".{target.name}.{uuid.uuid4().hex}.tmp"
    reports = claims = 0
    errors: list[tuple[str, str]] = []
    with partial.open("wb") as file:
        for path in paths:
            try:
                record = report_record(Path(path), extract, gazetteer, actors)
            except Exception as err:  # one bad report must not stop the others
                errors.append((str(path), f"{type(err).__name__}: {err}"))
                continue
            file.write(orjson.dumps(record) + b"\n")
            reports, claims = reports + 1, claims + len(record["claims"])
    os.replace(partial, target)
    return {"part": target.name, "reports": reports, "claims": claims, "errors": errors}


def partitions(paths: list[Path], size: int) -> list[list[Path]]:
    """The report paths cut into consecutive partitions of `size`."""
    return [paths[i:i + size] for i in range(0, len(paths), size)]


# --- reading: one line back to rows -------------------------------------------------


def claims_file_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named are kept as given; a directory gives its `part-*.jsonl`, sorted."""
    found: list[Path] = []
    for path in map(Path, paths):
        found.extend(sorted(path.glob(PART_GLOB)) if path.is_dir() else [path])
    return found


def record_rows(record: dict, checked: dict[str, bytes] | None = None,
                ) -> tuple[dict, list[dict], list[dict], list[dict]]:
    """The rows a record writes (source, claims, actors, locations), once it is checked.

    `checked` keeps the actor and place rows found good, by id, across the
    records of a load: the same rows come back in record after record, and an
    equal row needs no second look.

    Raises `ValidationError` when the record is not what `report_record` writes
    for some report: a text that does not have its hash, a source whose id is
    not its name's, a claim docs/claims.md refuses or that does not match the
    text, or an id that is not among the record's actors and places.
    """
    if not isinstance(record, dict) or set(record) != {"source", "claims", "actors",
                                                       "locations"}:
        raise ValidationError("a record has exactly: source, claims, actors, locations")
    source = _checked(record["source"], _SOURCE_COLUMNS, "source")
    if content_hash(source["text"]) != source["content_hash"]:
        raise ValidationError({"source": {"content_hash": ["is not the text's SHA-256"]}})
    if source_id_for(Path(source["name"])) != source["id"]:
        raise ValidationError({"source": {"id": ["is not the id of the source's name"]}})
    checked = {} if checked is None else checked
    actors = [_checked(row, _ACTOR_COLUMNS, "actor", checked)
              for row in _list(record, "actors")]
    locations = [_checked(row, _LOCATION_COLUMNS, "location", checked)
                 for row in _list(record, "locations")]
    actor_ids, location_ids = {a["id"] for a in actors}, {p["id"] for p in locations}
    claims = _list(record, "claims")
    row_keys = []
    for i, claim in enumerate(claims):  # the record is ours: split each claim in place
        if not isinstance(claim, dict):
            raise ValidationError({f"claim {i}": ["is not an object"]})
        row_keys.append({k: claim.pop(k, None) for k in _CLAIM_ROW_KEYS})
    rows, ids = [], set()
    source_id = source["id"]
    for i, (keys, valid) in enumerate(zip(row_keys, validate_claims(claims, source["text"]),
                                          strict=True)):
        claim_id, actor_id, via_id = keys["id"], keys["actor_id"], keys["via_id"]
        origin_id, destination_id = keys["origin_id"], keys["destination_id"]
        if (type(claim_id) is not str or not claim_id.startswith(source_id) or claim_id in ids
                or (actor_id is not None and actor_id not in actor_ids)
                or (via_id is not None and via_id not in actor_ids)
                or (origin_id is not None and origin_id not in location_ids)
                or (destination_id is not None and destination_id not in location_ids)
                or (keys["location_id"] is not None and keys["location_id"] not in location_ids)
                or not isinstance(keys["entry_time"], str | None)):
            raise ValidationError({f"claim {i}": [
                "its id must be new and start with the source's, and its actor and place "
                "ids must be among the record's"]})
        ids.add(claim_id)
        keys["source_id"] = source_id
        rows.append(claim_row(valid, keys))
    return source, rows, actors, locations


def _list(record: dict, key: str) -> list:
    if not isinstance(record[key], list):
        raise ValidationError({key: ["is not a list"]})
    return record[key]


def _checked(row: object, columns: dict, what: str,
             checked: dict[str, bytes] | None = None) -> dict:
    """`row` when it has exactly these columns, each of its type (or refuse it); with
    `checked`, a row whose JSON is that of one checked before (by `what` and id) is
    taken at once."""
    if checked is not None and isinstance(row, dict):
        key, encoded = f"{what}:{row.get('id')}", orjson.dumps(row)
        if checked.get(key) == encoded:
            return row
    if not isinstance(row, dict) or row.keys() != columns.keys():
        raise ValidationError({what: [f"must have exactly {', '.join(columns)}, typed"]})
    for key, kind in columns.items():
        value = row[key]
        if type(value) is bool or not isinstance(value, kind):
            raise ValidationError({what: [f"must have exactly {', '.join(columns)}, typed"]})
    if checked is not None:
        checked[key] = encoded
    return row


# --- loading -------------------------------------------------------------------------


def load_claims_files(
    db: Database, paths: Iterable[str | Path], *, force: bool = False,
    batch_claims: int = BATCH_CLAIMS,
) -> Iterator[FileResult]:
    """Load every record of these claims files (or directories of them), in order,
    yielding one result per record, as `api.load.batch.load_paths` does per report.

    Into an empty database the whole load is one transaction with the indexes
    built at its end (`store.bulk_load`): readers see the empty database until
    every report is in. Into one that holds reports, each group of about
    `batch_claims` claims is committed as it is written.

    The figure tables are not updated report by report here: they are marked
    unbuilt first and rebuilt from all claims once the last record is in
    (`tally.ensure_built`; a load that stops half-way leaves them unbuilt, and
    the next load or server start rebuilds them).
    """
    with store.write_transaction(db):
        store.mark_figures_built(db, False)
    if store.source_count(db):
        yield from _load(db, paths, force, batch_claims, None)
    else:
        with store.bulk_load(db) as prune_later:
            yield from _load(db, paths, force, batch_claims, prune_later)
    tally.ensure_built(db)


def _load(db: Database, paths: Iterable[str | Path], force: bool, batch_claims: int,
          prune_later: store.PruneLater | None) -> Iterator[FileResult]:
    batch: list[tuple[tuple, FileResult]] = []
    in_batch: set[str] = set()
    claims = 0
    checked: dict[str, bytes] = {}
    for path, number, line in _lines(claims_file_paths(paths)):
        try:
            prepared = record_rows(orjson.loads(line), checked)
        except Exception as err:  # one bad record must not stop the others
            yield failed(Path(f"{path}:{number}"), err)
            continue
        source = prepared[0]
        if source["id"] in in_batch:  # the same report again: after the first is written
            yield from _write(db, batch, prune_later)
            batch, in_batch, claims = [], set(), 0
        old_hash = store.source_hash(db, source["id"])
        name = Path(source["name"])
        if old_hash == source["content_hash"] and not force:
            yield FileResult(name, "unchanged", encoding=source["encoding"])
            continue
        batch.append((prepared, FileResult(name, "new" if old_hash is None else "changed",
                                           claims=len(prepared[1]),
                                           encoding=source["encoding"])))
        in_batch.add(source["id"])
        claims += len(prepared[1])
        if claims >= batch_claims:
            yield from _write(db, batch, prune_later)
            batch, in_batch, claims = [], set(), 0
    yield from _write(db, batch, prune_later)


def _lines(paths: list[Path]) -> Iterator[tuple[Path, int, bytes]]:
    """Each non-blank line with its file and line number (for errors)."""
    for path in paths:
        with path.open("rb", buffering=_READ_BUFFER) as file:
            for number, line in enumerate(file, 1):
                if not line.isspace():
                    yield path, number, line


def _write(db: Database, batch: list[tuple[tuple, FileResult]],
           prune_later: store.PruneLater | None) -> Iterator[FileResult]:
    """Write a group of reports in one transaction (a savepoint inside `bulk_load`);
    if it fails, each report in its own."""
    if not batch:
        return
    try:
        store.replace_sources(db, [prepared for prepared, _ in batch], prune_later)
    except Exception:
        for prepared, result in batch:
            try:
                store.replace_sources(db, [prepared], prune_later)
            except Exception as err:
                yield failed(result.path, err)
            else:
                yield result
        return
    yield from (result for _, result in batch)
