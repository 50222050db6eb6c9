"""The extractor says, byte for byte, what it said on every annotated set when the
stored outputs in ``tests/extract/expected/`` were written (``make expected-claims``).

A change meant to make extraction faster, or otherwise leave its output alone, must keep
this green; a change meant to alter what the extractor finds regenerates the files and
shows the difference in review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from tests.conftest import ROOT

EXPECTED = Path(__file__).parent / "expected"
SETS = {"seeds": ROOT / "seeds" / "reports"} | {
    name: ROOT / "tests" / "data" / name / "reports"
    for name in ("devset", "devset2", "evalset3", "evalset4", "evalset5")}


def test_every_annotated_set_has_a_stored_output():
    assert sorted(p.stem for p in EXPECTED.glob("*.jsonl")) == sorted(SETS)


@pytest.mark.parametrize("name", sorted(SETS))
def test_extract_prints_the_stored_output(name):
    result = CliRunner().invoke(main, ["extract", str(SETS[name])])
    assert result.exit_code == 0, result.output
    expected = (EXPECTED / f"{name}.jsonl").read_bytes()
    assert result.stdout_bytes == expected
