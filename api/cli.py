"""The ``evacfacts`` command line: a thin skin over the library.

Each command calls one library function (`api.extract.extract_claims`,
`api.load.batch.load_paths`) and owns only what a terminal needs: click,
the progress bar, the lines naming skipped or failed files, the summary and
the exit status.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import click

from api.config import DEFAULT_DB
from api.corpus.reading import read_report
from api.corpus.walk import Walk, walk_reports

if TYPE_CHECKING:  # the load command's types; `extract` never needs the database
    from sqlite_utils import Database

    from api.load.files import FileResult
    from api.load.prepare import Extractor


@click.group()
@click.version_option(package_name="evacfacts")
def main() -> None:
    """evacfacts: evacuation figures as structured, attributed, citable claims."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write claims files (one record per report, what `load --claims` reads) "
                   "into this new directory instead of printing claims.")
@click.option("--scheduler", default=None, envvar="EVACFACTS_DASK_SCHEDULER",
              help="Dask scheduler (tcp://HOST:PORT) whose workers extract the partitions; "
                   "needs --out and the `cluster` extra.")
@click.option("--partition-size", type=click.IntRange(min=1), default=None,
              help="Reports per partition file (one Dask task); default 200.")
def extract(paths: tuple[str, ...], out: Path | None, scheduler: str | None,
            partition_size: int | None) -> None:
    """Print the claims of each report in PATHS (files or directories of .txt)
    as JSON lines, one claim per line; with --out, write claims files instead, here
    or on a Dask cluster (--scheduler).

    \b
    Each line has the fields of the claims contract, docs/claims.md in the
    repository: source (the report's file name), quantity, value, value_low,
    value_high, qualifier, group, status, actor, via, origin, destination,
    location, text, start, end, sentence."""
    from api.extract import extract_claims

    if scheduler and out is None:
        raise click.UsageError("--scheduler writes claims files: give --out DIR")
    walk = walk_reports(paths)
    failed = echo_skipped(walk)
    if out is not None:
        sys.exit(run_extract_files(walk.files, out, extract_claims, scheduler=scheduler,
                                   partition_size=partition_size, failed=failed))
    out_stream = sys.stdout
    # One encoder for every claim: `json.dumps` with an option builds a new one per call.
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for path in walk.files:
        try:
            text = read_report(path)
        except (OSError, ValueError) as error:
            failed += 1
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            click.echo(f"evacfacts: {path}: {reason}", err=True)
            continue
        for claim in extract_claims(text, path.name):
            out_stream.write(encode(claim) + "\n")
    out_stream.flush()
    if failed:
        sys.exit(1)


def run_extract_files(files: list[Path], out: Path, extract: Extractor, *,
                      scheduler: str | None, partition_size: int | None, failed: int) -> int:
    """`evacfacts extract --out`: partitions written, failed reports named, a summary."""
    from api.load import cluster

    if scheduler:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise click.UsageError("--scheduler needs Dask: pip install 'evacfacts[cluster]'") \
                from None
    reports = claims = parts = 0
    try:
        for part in cluster.extract_to_claims_files(
                files, out, extract, scheduler=scheduler,
                partition_size=partition_size or cluster.PARTITION_SIZE):
            parts, reports, claims = parts + 1, reports + part["reports"], claims + part["claims"]
            for path, error in part["errors"]:
                failed += 1
                click.echo(f"error: {path}: {error}", err=True)
    except FileExistsError as err:
        raise click.UsageError(str(err)) from None
    click.echo(f"{reports} reports, {claims} claims in {parts} claims files in {out}; "
               f"{failed} failed")
    return 1 if failed else 0


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", "db_path", envvar="EVACFACTS_DB", default=DEFAULT_DB, show_default=True,
              help="SQLite database file (or set EVACFACTS_DB).")
@click.option("--force", is_flag=True, help="Re-extract reports even if they are unchanged.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Extractor processes (default: one per CPU); the database has one writer.")
@click.option("--claims", "claims_files", is_flag=True,
              help="PATHS are claims files (or directories of them) written by "
                   "`evacfacts extract --out`: load them without extracting.")
def load(paths: tuple[str, ...], db_path: str, force: bool, jobs: int | None,
         claims_files: bool) -> None:
    """Extract the reports in PATHS (files, or directories of .txt) into the database,
    one transaction per report; exit status 1 if any report failed. With --claims,
    load claims files extracted elsewhere (checked as the extractor's output is).

    A report waits up to EVACFACTS_LOCK_WAIT seconds (default 10) for the
    database's write lock when another writer (a running API) holds it, and
    fails only then."""
    if claims_files:
        sys.exit(run_load_claims(paths, db_path, force=force))
    from api.extract import extract_claims

    source = click.get_current_context().get_parameter_source("db_path")
    if source is click.core.ParameterSource.DEFAULT:
        click.echo(f"evacfacts: writing to {os.path.abspath(db_path)} (the default; "
                   "choose with --db or EVACFACTS_DB)", err=True)
    jobs = jobs or os.cpu_count() or 1
    sys.exit(run_load(paths, db_path, extract_claims, force=force, jobs=jobs))


def run_load_claims(paths: Iterable[str], db_path: str, *, force: bool = False) -> int:
    """`evacfacts load --claims`: failed records named, then the same summary as `load`."""
    from api import store
    from api.load.claims_files import load_claims_files

    db = store.connect_writer(db_path)
    results = []
    for result in load_claims_files(db, paths, force=force):
        results.append(result)
        if result.error:
            click.echo(f"error: {result.path}: {result.error}", err=True)
    click.echo(summary(results, db))
    return 1 if any(r.status == "failed" for r in results) else 0


def run_load(
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
    from api import store
    from api.load.batch import load_paths

    db = store.connect_writer(db_path)
    walk = walk_reports(paths)
    files = walk.files
    failed_paths = echo_skipped(walk)
    results: list[FileResult] = []
    items = load_paths(db, files, extract, force=force, jobs=jobs)
    if progress is None:
        progress = sys.stderr.isatty()
    rate = LoadRate(len(files))
    with click.progressbar(
        items, length=len(files), label="Loading reports", file=sys.stderr, show_pos=True,
        show_eta=False, item_show_func=lambda _: rate.describe(),
    ) if progress else nullcontext(items) as bar:
        for result in bar:
            rate.done(time.monotonic())
            results.append(result)
            if result.error:
                click.echo(f"error: {result.path}: {result.error}", err=True)
            elif result.encoding not in (None, "utf-8"):
                click.echo(f"note: {result.path}: not UTF-8, read as {result.encoding}",
                           err=True)
    click.echo(summary(results, db))
    return 1 if failed_paths or any(r.status == "failed" for r in results) else 0


class LoadRate:
    """Reports per second and the time left, for the progress bar beside its n/N.

    Measured from the first report done, not from the start: the first one
    waits for the reference data and the worker processes, and counting that
    wait as a report's cost (as click's own ETA does) promised minutes for a
    load of seconds. The rate is the mean since then, so it settles as the
    load goes on rather than jumping with each report.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.first: float | None = None
        self.last: float | None = None

    def done(self, now: float) -> None:
        """One more report finished at `now` (monotonic seconds)."""
        self.count += 1
        self.first = now if self.first is None else self.first
        self.last = now

    #: Seconds of results before a rate is shown: reports come back from the extractor
    #: processes in bursts, and a rate over a few milliseconds says nothing.
    SETTLE = 0.5

    def per_second(self) -> float | None:
        """Reports per second after the first, or None until `SETTLE` seconds of them."""
        if self.first is None or self.last is None or self.last - self.first < self.SETTLE:
            return None
        return (self.count - 1) / (self.last - self.first)

    def eta_seconds(self) -> float | None:
        rate = self.per_second()
        return None if not rate else (self.total - self.count) / rate

    def describe(self) -> str:
        rate, eta = self.per_second(), self.eta_seconds()
        if rate is None or eta is None:
            return "starting"
        minutes, seconds = divmod(round(eta), 60)
        return f"{rate:.1f} reports/s, {minutes}:{seconds:02d} left"


@main.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", "db_path", envvar="EVACFACTS_DB", default=DEFAULT_DB, show_default=True,
              type=click.Path(exists=True, dir_okay=False),
              help="SQLite database file (or set EVACFACTS_DB).")
def snapshot(out: Path, db_path: str) -> None:
    """Write a consistent copy of the database to OUT while it keeps serving: the file
    a read replica serves (EVACFACTS_READ_ONLY=1). OUT is replaced whole, at once."""
    from api import store

    try:
        store.snapshot(db_path, out)
    except store.SnapshotError as err:
        raise click.ClickException(f"the copy failed its integrity check: {err}") from None
    click.echo(f"snapshot of {db_path} written to {out} ({out.stat().st_size:,} bytes)")


def summary(results: list[FileResult], db: Database) -> str:
    """The one-line summary printed after a load."""
    from api import store

    by_status = {s: sum(r.status == s for r in results) for s in
                 ("new", "changed", "re-extracted", "unchanged", "failed")}
    totals = store.counts(db)
    return (
        f"{len(results)} reports: {by_status['new']} new, {by_status['changed']} changed, "
        f"{by_status['re-extracted']} re-extracted, "
        f"{by_status['unchanged']} unchanged, {by_status['failed']} failed; "
        f"database has {totals['sources']} sources, {totals['claims']} claims, "
        f"{totals['actors']} actors, {totals['locations']} locations"
    )


def echo_skipped(walk: Walk) -> int:
    """Name each path the walk skipped on stderr; returns how many count as failed."""
    for skip in walk.skipped:
        click.echo(f"{'error' if skip.failed else 'skipped'}: {skip.path}: {skip.reason}",
                   err=True)
    return sum(skip.failed for skip in walk.skipped)
