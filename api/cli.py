"""The `evacfacts` command line: a click group; each command is a thin wrapper."""

from __future__ import annotations

import os
import sys

import click

from api.config import DEFAULT_DB


@click.group()
def main() -> None:
    """evacfacts: evacuation figures as structured, attributed, citable claims."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", "db_path", default=lambda: os.environ.get("EVACFACTS_DB", DEFAULT_DB),
              show_default="$EVACFACTS_DB or data/evacfacts.db", help="SQLite database file.")
@click.option("--force", is_flag=True, help="Re-extract reports even if they are unchanged.")
def load(paths: tuple[str, ...], db_path: str, force: bool) -> None:
    """Extract the reports in PATHS (files, or directories of *.txt) into the database."""
    from api import loader
    from api.ingest import extract_claims

    sys.exit(loader.run(paths, db_path, extract_claims, force=force))
