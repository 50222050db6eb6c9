"""The real-news set's committed half: manifest and claims (no article text needed).

tests/data/realnews holds, for 48 excerpts of published articles, the URL, outlet,
search query and sha256 of each excerpt and its hand-made gold claims with offsets;
the texts themselves are never committed (see tests/data/realnews/NOTES.md). The
last test rebuilds the gold from the texts when they are present and skips otherwise.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED

DATA = ROOT / "tests" / "data" / "realnews"
SCORER = SHARED / "eval" / "score.py"

QUANTITIES = {"evacuees", "trapped", "displaced", "killed", "injured", "missing", "buses",
              "ambulances", "trucks", "flights", "boats", "vehicles", "convoys"}
VEHICLES = {"buses", "ambulances", "trucks", "flights", "boats", "vehicles", "convoys"}
GROUPS = {"people", "civilians", "children", "women", "elderly", "wounded", "fighters",
          "foreigners", "staff"}
QUALIFIERS = {"exact", "approximate", "at_least", "more_than", "nearly", "up_to", "range",
              "vague"}
STATUSES = {"occurred", "planned"}
STYLES = {"wire", "local", "liveblog", "ngo", "government"}
NAMED = ("actor", "via", "origin", "destination", "location")
CLAIM_FIELDS = ["source", "quantity", "value", "value_low", "value_high", "qualifier", "group",
                "status", *NAMED, "text", "start", "end", "sentence_start", "sentence_end"]


def load(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


MANIFEST = load("manifest.jsonl")
CLAIMS = load("claims.jsonl")


def test_manifest_rows():
    keys = {"source", "url", "outlet", "style", "event", "query", "sha256", "annotator", "split"}
    assert len(MANIFEST) >= 40
    for row in MANIFEST:
        assert set(row) == keys, row.get("source")
        assert re.fullmatch(r"rn_[a-z0-9_]+\.txt", row["source"])
        assert re.fullmatch(r"[0-9a-f]{64}", row["sha256"]), row["source"]
        assert re.match(r"https?://\S+$", row["url"]), row["source"]
        assert row["query"].strip() and row["outlet"].strip() and row["event"].strip()
        assert row["style"] in STYLES and row["split"] in {"dev", "heldout", "unseen"}
    for key in ("source", "sha256", "url"):
        assert len({row[key] for row in MANIFEST}) == len(MANIFEST), f"duplicate {key}"


FIRST_ANNOTATORS = ("ann_a", "ann_b", "ann_c", "ann_d")


def test_heldout_is_a_stratified_quarter_of_the_first_annotators_work():
    first = [row for row in MANIFEST if row["annotator"] in FIRST_ANNOTATORS]
    held = [row for row in first if row["split"] == "heldout"]
    assert abs(len(held) - len(first) / 4) <= 1
    per_annotator = Counter(row["annotator"] for row in held)
    assert len(set(per_annotator.values())) == 1
    assert set(per_annotator) == {row["annotator"] for row in first}
    assert {row["style"] for row in held} == STYLES


def test_unseen_excerpts_come_from_annotators_whose_work_was_never_tuned_on():
    tuned_on = {row["annotator"] for row in MANIFEST if row["split"] == "dev"}
    late = {row["annotator"] for row in MANIFEST if row["split"] == "unseen"}
    assert not tuned_on & late


def test_claims_fields_and_enums():
    sources = {row["source"] for row in MANIFEST}
    assert {c["source"] for c in CLAIMS} == sources  # every excerpt has gold, every claim a row
    for c in CLAIMS:
        where = f"{c['source']} {c['text']!r}"
        assert list(c) == CLAIM_FIELDS, where
        assert c["quantity"] in QUANTITIES, where
        assert c["qualifier"] in QUALIFIERS and c["status"] in STATUSES, where
        if c["quantity"] in VEHICLES:
            assert c["group"] is None, where
        else:
            assert c["group"] in GROUPS, where
        for key in NAMED:
            names = c[key]
            assert names is None or (isinstance(names, list) and names
                                     and all(isinstance(n, str) and n for n in names)), where
        assert isinstance(c["value"], int) and c["text"], where
        assert 0 <= c["sentence_start"] <= c["start"] < c["end"] <= c["sentence_end"], where
        assert c["end"] - c["start"] == len(c["text"]), where


def test_bounds_follow_the_qualifier():
    vague = {24: 99, 40: 99, 200: 999, 2000: 9999, 20000: 99999, 200000: 999999,
             2000000: 9999999}
    for c in CLAIMS:
        v, q = c["value"], c["qualifier"]
        expected = {"exact": (v, v), "approximate": (v, v), "at_least": (v, None),
                    "more_than": (v, None), "nearly": (None, v), "up_to": (None, v),
                    "vague": (v, vague.get(v)), "range": (v, c["value_high"])}[q]
        assert (c["value_low"], c["value_high"]) == expected, f"{c['source']} {c['text']!r}"
        if q == "range":
            assert c["value_high"] > v


def test_merge_rule_one_claim_per_key():
    keys = Counter((c["source"], c["quantity"], c["group"], c["value"], c["status"],
                    (c["actor"] or [None])[0]) for c in CLAIMS)
    assert [k for k, n in keys.items() if n > 1] == []


def texts_dir() -> Path:
    return Path(os.environ.get("EVACFACTS_REALNEWS_TEXTS") or DATA / "texts")


@pytest.mark.skipif(not any(texts_dir().glob("*.txt")),
                    reason="the real-news texts are not committed "
                           "(tests/data/realnews/NOTES.md says how to get them)")
def test_build_gold_from_the_texts(tmp_path):
    result = subprocess.run([sys.executable, str(DATA / "build_gold.py"), "--texts",
                             str(texts_dir()), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    split_of = {row["source"]: row["split"] for row in MANIFEST}
    for split in ("dev", "heldout", "unseen"):
        gold = [json.loads(line) for line in
                (tmp_path / split / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
        assert len(gold) == sum(split_of[c["source"]] == split for c in CLAIMS)
        reports = {p.name for p in (tmp_path / split / "reports").glob("*.txt")}
        assert reports == {s for s, sp in split_of.items() if sp == split}
        for g in gold:
            text = (tmp_path / split / "reports" / g["source"]).read_text(encoding="utf-8")
            assert g["sentence"] and g["text"] in g["sentence"]
            assert text[g["start"]:g["end"]] == g["text"]
        if SCORER.exists() and gold:  # gold against its first-name conversion: all 1.000
            pred = tmp_path / f"{split}-firstname.jsonl"
            pred.write_text("".join(json.dumps({**g, **{k: g[k][0] for k in NAMED if g[k]}})
                                    + "\n" for g in gold), encoding="utf-8")
            out = subprocess.run([sys.executable, str(SCORER), str(tmp_path / split / "gold.jsonl"),
                                  str(pred)], capture_output=True, text=True, check=True)
            figures = out.stdout.strip().splitlines()[-1].split()
            assert figures[1::2] == ["1.000"] * 5, out.stdout


def test_build_gold_names_a_missing_text(tmp_path):
    result = subprocess.run([sys.executable, str(DATA / "build_gold.py"), "--texts",
                             str(tmp_path / "none"), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    first = MANIFEST[0]
    assert first["source"] in result.stderr and first["url"] in result.stderr
    assert first["query"] in result.stderr
