"""Load reports into the store: extract, validate, write one transaction per file.

The loader writes files; `POST /v1/sources` writes a posted report through
the same `prepare` and `store.replace_source`. Each report goes in whole or
not at all, an unchanged report (same content hash) is skipped, and a
failing report is reported without stopping the others.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import click
from sqlite_utils import Database

from api import areas, store
from api.decoding import Decoded
from api.places import Gazetteer
from api.reference import Actors
from api.reports import content_hash, read_report_with_encoding, source_id_for, source_row
from api.timeline import entry_times
from api.walk import echo_skipped, walk_reports
from schemas.extracted import validate_claims

Extractor = Callable[[str, str], list[dict]]


@dataclass
class FileResult:
    """What happened to one file: new, changed, unchanged or failed."""

    path: Path
    status: str
    claims: int = 0
    error: str | None = None
    encoding: str | None = None


def claim_rows(
    source_id: str, claims: list[dict], gazetteer: Gazetteer, known: Actors,
    entry_time: Callable[[int], str | None] = lambda _offset: None,
) -> tuple[list[dict], list[dict], list[dict]]:
    """Claim rows with entity ids, plus the actor and location rows they refer to.

    Place phrases the gazetteer lacks are located inside a known place
    (`api.areas`); `entry_time` gives a claim's live-blog entry time by offset.
    """
    actors: dict[str, dict] = {}
    locations: dict[str, dict] = {}
    rows: list[dict] = []
    seen: set[str] = set()
    context = areas.main_place(
        gazetteer.resolve(c[k]) for c in claims for k in ("origin", "destination", "location")
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
        chain = areas.locate(name, gazetteer.resolve, context)
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
    rows, actor_rows, locations = claim_rows(source["id"], claims, gazetteer, actors,
                                             entry_times(text))
    return source, rows, actor_rows, locations


def load_file(
    db: Database,
    path: Path,
    extract: Extractor,
    gazetteer: Gazetteer,
    actors: Actors,
    *,
    force: bool = False,
) -> FileResult:
    """Load one report; raises on any error, leaving the database as it was."""
    found = read_changed(db, path, force=force)
    if isinstance(found, FileResult):
        return found
    report, old_hash = found
    return write(db, path, old_hash, prepare(path, report, extract, gazetteer, actors))


def read_changed(
    db: Database, path: Path, *, force: bool
) -> tuple[Decoded, str | None] | FileResult:
    """A report's text (and encoding) and its stored hash, or the "unchanged" result when
    there is nothing to load (same SHA-256 as stored, and not `force`). Shared by the
    serial and parallel loads."""
    report = read_report_with_encoding(path)
    old_hash = store.source_hash(db, source_id_for(path))
    if old_hash == content_hash(report.text) and not force:
        return FileResult(path, "unchanged", encoding=report.encoding)
    return report, old_hash


def write(db: Database, path: Path, old_hash: str | None, prepared: tuple) -> FileResult:
    """Write what `prepare` computed for one report, in one transaction."""
    source, rows, actor_rows, locations = prepared
    store.replace_source(db, source, rows, actor_rows, locations)
    return FileResult(path, "new" if old_hash is None else "changed", claims=len(rows),
                      encoding=source["encoding"])


def load_paths(
    db: Database,
    paths: Iterable[Path],
    extract: Extractor,
    *,
    gazetteer: Gazetteer | None = None,
    actors: Actors | None = None,
    force: bool = False,
    jobs: int = 1,
) -> Iterator[FileResult]:
    """Load each report in turn, yielding a result per file; errors do not stop the rest.

    Reference data (places, actors) defaults to the files under `seeds/`.
    With `jobs` > 1, extraction runs in that many worker processes while this
    process stays the only writer (one transaction per report, in input order).
    """
    gazetteer = gazetteer or Gazetteer()
    actors = actors or Actors()
    if jobs > 1:
        from api import parallel_load  # imports this module: a local import breaks the cycle

        yield from parallel_load.load_paths(db, paths, extract, gazetteer, actors,
                                       force=force, jobs=jobs)
        return
    for path in paths:
        try:
            yield load_file(db, path, extract, gazetteer, actors, force=force)
        except Exception as err:  # one bad report must not stop the others
            yield failed(path, err)


def failed(path: Path, err: BaseException) -> FileResult:
    """The result of a report that could not be loaded."""
    return FileResult(path, "failed", error=f"{type(err).__name__}: {err}")


def summary(results: list[FileResult], db: Database) -> str:
    """The one-line summary the CLI prints after a load."""
    by_status = {s: sum(r.status == s for r in results) for s in
                 ("new", "changed", "unchanged", "failed")}
    totals = store.counts(db)
    return (
        f"{len(results)} reports: {by_status['new']} new, {by_status['changed']} changed, "
        f"{by_status['unchanged']} unchanged, {by_status['failed']} failed; "
        f"database has {totals['sources']} sources, {totals['claims']} claims, "
        f"{totals['actors']} actors, {totals['locations']} locations"
    )


def run(
    paths: Iterable[str],
    db_path: str,
    extract: Extractor,
    *,
    force: bool = False,
    progress: bool | None = None,
    jobs: int = 1,
) -> int:
    """The `evacfacts load` command: progress bar on a terminal, summary always.

    `progress` None means "when stderr is a terminal". Returns the exit
    status: 1 if any report failed, else 0.
    """
    db = store.connect_writer(db_path)
    walk = walk_reports(paths)
    files = walk.files
    failed_paths = echo_skipped(walk)
    results: list[FileResult] = []
    items = load_paths(db, files, extract, force=force, jobs=jobs)
    if progress is None:
        progress = sys.stderr.isatty()
    with click.progressbar(
        items, length=len(files), label="Loading reports", file=sys.stderr
    ) if progress else nullcontext(items) as bar:
        for result in bar:
            results.append(result)
            if result.error:
                click.echo(f"error: {result.path}: {result.error}", err=True)
            elif result.encoding not in (None, "utf-8"):
                click.echo(f"note: {result.path}: not UTF-8, read as {result.encoding}",
                           err=True)
    click.echo(summary(results, db))
    return 1 if failed_paths or any(r.status == "failed" for r in results) else 0

