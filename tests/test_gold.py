"""The extractor against hand-made gold: the seeds (shared) and the project's dev set.

The dev set (tests/data/devset) is sixteen reports written for this project by
an annotator who never saw the extractor: sieges, airlifts, hurricanes,
wildfires, floods, a chemical leak, a hospital, a volcano, an earthquake and a
rescue at sea, in wire, live-blog, press-release and social styles.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from api.ingest import extract_claims

from .conftest import ROOT, SHARED

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
def test_dev_set(tmp_path):
    devset = ROOT / "tests" / "data" / "devset"
    figures = score(devset / "gold.jsonl", devset / "reports", tmp_path)
    assert figures["F1"] >= 0.90
    assert figures["complete"] >= 0.60
