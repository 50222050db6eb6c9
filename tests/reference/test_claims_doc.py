"""docs/claims.md, the claims contract in the repository, names exactly what the code
enforces: every field, every value of each vocabulary, the bounds of vague amounts."""

from __future__ import annotations

import re

import pytest

from api.reference import vocabulary
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    return DOC.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _first_column(section: str) -> list[str]:
    return re.findall(r"^\| `([^`]+)`", section, re.M)


def test_the_fields_table_lists_the_extract_fields_in_order():
    listed = []
    for cell in re.findall(r"^\| ((?:`[^`]+`(?:, )?)+) \|", _section("Fields"), re.M):
        listed += re.findall(r"`([^`]+)`", cell)
    assert listed == list(vocabulary.CLAIM_FIELDS)


@pytest.mark.parametrize(("title", "values"), [
    ("quantity", vocabulary.QUANTITIES),
    ("group", vocabulary.GROUPS),
    ("qualifier, and the bounds it implies", vocabulary.QUALIFIERS),
])
def test_each_vocabulary_is_listed_whole(title, values):
    assert _first_column(_section(title)) == list(values)


def test_statuses_are_named():
    assert all(f"`{status}`" in _section("Fields") for status in vocabulary.STATUSES)


def test_vague_amounts_have_the_bounds_the_extractor_gives():
    from api.extract.numbers import VAGUE

    rows = re.findall(r"^\| ([a-z ]+) \| ([\d,]+) \| ([\d,]+) \|$",
                      _section("qualifier, and the bounds it implies"), re.M)
    assert {w: (int(lo.replace(",", "")), int(hi.replace(",", ""))) for w, lo, hi in rows} \
        == VAGUE


def test_the_readme_the_api_and_extract_help_point_to_it():
    from click.testing import CliRunner

    from api.cli import main
    from api.web.app import DESCRIPTION

    assert "docs/claims.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/claims.md" in DESCRIPTION
    assert "docs/claims.md" in CliRunner().invoke(main, ["extract", "--help"]).output
