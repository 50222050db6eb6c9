#!/usr/bin/env python3
"""Rebuild the real-news gold from the committed manifest and claims plus the article texts.

    python3 tests/data/realnews/build_gold.py [--texts DIR] [--out build/realnews]

The texts are not in the repository (they are published articles): each one is
TEXTS/<source>, where TEXTS is --texts, else $EVACFACTS_REALNEWS_TEXTS, else
tests/data/realnews/texts. Every file's sha256 must match the manifest (a missing or
different file stops the build with exit status 2, naming the file, its URL and the
query that finds its stored copy), every claim's `text` must equal report[start:end],
and `sentence` is rebuilt from sentence_start/sentence_end.

Writes, for each split (dev, heldout, unseen): OUT/<split>/gold.jsonl (every field of the
claims guide, in its order) and OUT/<split>/reports/<source> (the texts of that split).
Standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
SPLITS = ("dev", "heldout", "unseen")
GUIDE_FIELDS = ("source", "quantity", "value", "value_low", "value_high", "qualifier", "group",
                "status", "actor", "via", "origin", "destination", "location", "text", "start",
                "end", "sentence")


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def texts_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    if os.environ.get("EVACFACTS_REALNEWS_TEXTS"):
        return Path(os.environ["EVACFACTS_REALNEWS_TEXTS"])
    return HERE / "texts"


def read_texts(manifest: list[dict], texts: Path) -> dict[str, str]:
    """source -> text, every file checked against its manifest sha256 (exit 2 on a problem)."""
    out, problems = {}, []
    for row in manifest:
        path = texts / row["source"]
        where = (f"  outlet: {row['outlet']}\n  url:    {row['url']}\n"
                 f"  query:  {row['query']}  (search corpus: pages)")
        if not path.is_file():
            problems.append(f"missing {path}\n{where}")
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != row["sha256"]:
            problems.append(f"{path}: sha256 {digest} is not the manifest's {row['sha256']} "
                            f"(the excerpt must be byte-for-byte the annotated one)\n{where}")
            continue
        out[row["source"]] = data.decode("utf-8")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} of {len(manifest)} real-news texts missing or different in "
              f"{texts}; see tests/data/realnews/NOTES.md", file=sys.stderr)
        sys.exit(2)
    return out


def rebuild(claim: dict, text: str) -> dict:
    if text[claim["start"]:claim["end"]] != claim["text"]:
        raise AssertionError(f"{claim['source']}: text {claim['text']!r} is not at "
                             f"{claim['start']}:{claim['end']}")
    s0, s1 = claim["sentence_start"], claim["sentence_end"]
    if not s0 <= claim["start"] < claim["end"] <= s1 <= len(text):
        raise AssertionError(f"{claim['source']}: sentence {s0}:{s1} does not hold "
                             f"{claim['text']!r} at {claim['start']}:{claim['end']}")
    full = {**claim, "sentence": text[s0:s1]}
    return {k: full[k] for k in GUIDE_FIELDS}


def build(texts: Path, out: Path, data: Path = HERE) -> dict[str, int]:
    """Check and write both splits; returns claims per split."""
    manifest = load_jsonl(data / "manifest.jsonl")
    claims = load_jsonl(data / "claims.jsonl")
    reports = read_texts(manifest, texts)
    split_of = {row["source"]: row["split"] for row in manifest}
    counts = {}
    for split in SPLITS:
        target = out / split
        if (target / "reports").exists():
            shutil.rmtree(target / "reports")
        (target / "reports").mkdir(parents=True)
        for row in manifest:
            if row["split"] == split:
                shutil.copyfile(texts / row["source"], target / "reports" / row["source"])
        gold = [rebuild(c, reports[c["source"]]) for c in claims
                if split_of[c["source"]] == split]
        with (target / "gold.jsonl").open("w", encoding="utf-8") as f:
            for g in gold:
                f.write(json.dumps(g, ensure_ascii=False) + "\n")
        counts[split] = len(gold)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", help="directory of <source> files (default: $EVACFACTS_REALNEWS_"
                                    "TEXTS or tests/data/realnews/texts)")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "realnews")
    a = ap.parse_args()
    counts = build(texts_dir(a.texts), a.out)
    for split, n in counts.items():
        print(f"{split}: {n} claims -> {a.out / split}/gold.jsonl, reports/")


if __name__ == "__main__":
    main()
