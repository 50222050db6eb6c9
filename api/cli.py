"""The `evacfacts` command line: a click group; each command is a thin wrapper."""

from __future__ import annotations

import sys

import click

from .config import DEFAULT_DB


@click.group()
def main() -> None:
    """evacfacts: evacuation figures as structured, attributed, citable claims."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", "db_path", envvar="EVACFACTS_DB", default=DEFAULT_DB, show_default=True,
              help="SQLite database file (or set EVACFACTS_DB).")
@click.option("--force", is_flag=True, help="Re-extract reports even if they are unchanged.")
def load(paths: tuple[str, ...], db_path: str, force: bool) -> None:
    """Extract the reports in PATHS (files, or directories of .txt) into the database,
    one transaction per report; exit status 1 if any report failed."""
    from . import loader
    from .ingest import extract_claims

    sys.exit(loader.run(paths, db_path, extract_claims, force=force))
