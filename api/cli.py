"""The ``evacfacts`` command line."""

from __future__ import annotations

import json
import os
import sys

import click

from .config import DEFAULT_DB
from .reports import read_report
from .walk import echo_skipped, walk_reports


@click.group()
@click.version_option(package_name="evacfacts")
def main() -> None:
    """evacfacts: evacuation figures as structured, attributed, citable claims."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
def extract(paths: tuple[str, ...]) -> None:
    """Print the claims of each report in PATHS (files or directories of .txt)
    as JSON lines, one claim per line, following claims-guide.md."""
    from .ingest import extract_claims

    walk = walk_reports(paths)
    failed = echo_skipped(walk)
    out = sys.stdout
    for path in walk.files:
        try:
            text = read_report(path)
        except (OSError, ValueError) as error:
            failed += 1
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            click.echo(f"evacfacts: {path}: {reason}", err=True)
            continue
        for claim in extract_claims(text, path.name):
            out.write(json.dumps(claim, ensure_ascii=False) + "\n")
    out.flush()
    if failed:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", "db_path", envvar="EVACFACTS_DB", default=DEFAULT_DB, show_default=True,
              help="SQLite database file (or set EVACFACTS_DB).")
@click.option("--force", is_flag=True, help="Re-extract reports even if they are unchanged.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Extractor processes (default: one per CPU); the database has one writer.")
def load(paths: tuple[str, ...], db_path: str, force: bool, jobs: int | None) -> None:
    """Extract the reports in PATHS (files, or directories of .txt) into the database,
    one transaction per report; exit status 1 if any report failed."""
    from . import loader
    from .ingest import extract_claims

    jobs = jobs or os.cpu_count() or 1
    sys.exit(loader.run(paths, db_path, extract_claims, force=force, jobs=jobs))
