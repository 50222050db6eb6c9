"""The extractor against hand-made gold: the seeds (shared) and the project's dev set.

The dev sets (tests/data/devset, tests/data/devset2) are sixteen reports each,
written for this project by two annotators who never saw the extractor nor
each other's set: sieges, airlifts, embassy and hospital evacuations,
hurricanes, wildfires, floods, chemical leaks, earthquakes, a volcano and
rescues at sea, in wire, live-blog, press-release, transcript and social
styles. The second set was scored once before any change was made for it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from api.extract import extract_claims
from tests.conftest import ROOT, SHARED

SCORER = SHARED / "eval" / "score.py"


def score(gold: Path, reports: Path, tmp_path: Path) -> dict[str, float]:
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for path in sorted(reports.glob("*.txt")):
            for claim in extract_claims(path.read_text(encoding="utf-8"), path.name):
                out.write(json.dumps(claim) + "\n")
    result = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred)],
                            capture_output=True, text=True, check=True)
    last = result.stdout.strip().splitlines()[-1].split()
    return {last[i]: float(last[i + 1]) for i in range(0, len(last), 2)}


needs_scorer = pytest.mark.skipif(not SCORER.exists(),
                                  reason="../shared/eval is not beside the repo")


@needs_scorer
def test_seeds_gold(tmp_path):
    figures = score(SHARED / "gold" / "seeds.jsonl", ROOT / "seeds" / "reports", tmp_path)
    assert figures["F1"] >= 0.95
    assert figures["complete"] >= 0.80


@needs_scorer
@pytest.mark.parametrize("name", ["devset", "devset2"])
def test_dev_sets(tmp_path, name):
    devset = ROOT / "tests" / "data" / name
    figures = score(devset / "gold.jsonl", devset / "reports", tmp_path)
    assert figures["F1"] >= 0.90
    assert figures["complete"] >= 0.60
