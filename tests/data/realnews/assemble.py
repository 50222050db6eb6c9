#!/usr/bin/env python3
"""Assemble manifest.jsonl and claims.jsonl from the four annotators' folders (run once).

    python3 assemble.py [--from /work/realnews] [--out tests/data/realnews]

Each annotator folder (ann_a .. ann_h) holds texts/<id>.txt, manifest.jsonl and gold.jsonl.
Every file's sha256 is checked against its manifest row, every claim's `text` against its
offsets; the annotator's `sentence` is not written: it is located in the text around the
claim's span and kept as `sentence_start`/`sentence_end`, so build_gold.py can rebuild it.
No article text is written to the output.

The held-out split (see NOTES.md) is drawn by `choose_heldout` with the fixed SEED.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

ANNOTATORS = ("ann_a", "ann_b", "ann_c", "ann_d")
#: Annotators who wrote their excerpts after every rule and the confidence model were
#: final: their excerpts are the `unseen` split, never used for any change.
LATE_ANNOTATORS = ("ann_e", "ann_f", "ann_l", "ann_m")
#: Annotators who wrote more development excerpts later (new URLs, the same events); their
#: excerpts were first scored as they came, then joined `dev`. They take no part in the draw.
MORE_DEV_ANNOTATORS = ("ann_g", "ann_h", "ann_i", "ann_j", "ann_k", "ann_n", "ann_o", "ann_p")
SEED = 1729
PER_ANNOTATOR = 3
STYLES = ("wire", "local", "liveblog", "ngo", "government")
CLAIM_FIELDS = ("source", "quantity", "value", "value_low", "value_high", "qualifier", "group",
                "status", "actor", "via", "origin", "destination", "location", "text", "start",
                "end")
# ann_c named its events by a one-word slug; the others by a title with the year.
EVENTS = {
    "fukushima": "Fukushima nuclear accident (2011)",
    "homs": "Homs Old City evacuation (2014)",
    "darayya": "Daraya evacuation (2016)",
    "idlib": "Aleppo-countryside/Idlib evacuations (2017–2020)",
    "mosul": "Battle of Mosul (2017)",
    # ann_d began two titles in lower case.
    "evacuation of foreigners from Yemen (2015)": "Evacuation of foreigners from Yemen (2015)",
    "evacuation of foreigners from Lebanon (2006)": "Evacuation of foreigners from Lebanon (2006)",
    # later annotators spelt some events their own way
    "Darayya evacuation (2016)": "Daraya evacuation (2016)",
    "Fukushima evacuation (2011)": "Fukushima nuclear accident (2011)",
    "Aleppo-countryside / Idlib evacuations (2017–2020)":
        "Aleppo-countryside/Idlib evacuations (2017–2020)",
    "Foua/Kefraya and Madaya evacuations (Idlib / Damascus countryside)":
        "Aleppo-countryside/Idlib evacuations (2017–2020)",
    "Eastern Ghouta evacuation (2018)": "Aleppo-countryside/Idlib evacuations (2017–2020)",
}


def choose_heldout(rows: list[dict], seed: int = SEED) -> tuple[set[str], int]:
    """Sources of the held-out quarter and the number of draws it took.

    Stratified by annotator: each draw takes PER_ANNOTATOR files per annotator with
    random.Random(seed).sample over that annotator's files in manifest order. A draw is
    kept when each annotator's files have distinct styles and all five styles occur;
    otherwise the same generator draws again (rejection sampling, deterministic).
    """
    rng = random.Random(seed)
    by_ann: dict[str, list[dict]] = {}
    for r in rows:
        by_ann.setdefault(r["annotator"], []).append(r)
    for draw in range(1, 10_000):
        picked = [rng.sample(by_ann[a], PER_ANNOTATOR) for a in sorted(by_ann)]
        distinct = all(len({r["style"] for r in p}) == PER_ANNOTATOR for p in picked)
        if distinct and {r["style"] for p in picked for r in p} == set(STYLES):
            return {r["source"] for p in picked for r in p}, draw
    raise SystemExit("no stratified draw found")


def sentence_span(text: str, sentence: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the annotator's sentence: the one occurrence that holds [start, end)."""
    hits = []
    k = text.find(sentence)
    while k != -1:
        if k <= start and end <= k + len(sentence):
            hits.append(k)
        k = text.find(sentence, k + 1)
    if len(hits) != 1:
        raise SystemExit(f"sentence for {text[start:end]!r} found {len(hits)} times around it")
    return hits[0], hits[0] + len(sentence)


def read_annotator(folder: Path, ann: str) -> tuple[list[dict], list[dict]]:
    """One annotator's manifest rows and claims, every hash and span checked."""
    rows, claims = [], []
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        m = json.loads(line)
        data = (folder / "texts" / m["source"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != m["sha256"]:
            sys.exit(f"{ann}/{m['source']}: sha256 differs from its manifest")
        rows.append({"source": m["source"], "url": m["url"], "outlet": m["outlet"],
                     "style": m["style"], "event": EVENTS.get(m["event"], m["event"]),
                     "query": m["query"], "sha256": m["sha256"], "annotator": ann})
    texts = {}
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        if g["source"] not in texts:
            texts[g["source"]] = (folder / "texts" / g["source"]).read_bytes().decode("utf-8")
        text = texts[g["source"]]
        assert text[g["start"]:g["end"]] == g["text"], (ann, g["source"], g["text"])
        s0, s1 = sentence_span(text, g["sentence"], g["start"], g["end"])
        claims.append({**{k: g[k] for k in CLAIM_FIELDS},
                       "sentence_start": s0, "sentence_end": s1})
    return rows, claims


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--from", dest="src", type=Path, default=Path("/work/realnews"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    a = ap.parse_args()
    rows, claims = [], []
    for ann in ANNOTATORS + LATE_ANNOTATORS + MORE_DEV_ANNOTATORS:
        if ann not in ANNOTATORS and not (a.src / ann / "manifest.jsonl").is_file():
            continue
        more_rows, more_claims = read_annotator(a.src / ann, ann)
        rows += more_rows
        claims += more_claims
    if len({r["source"] for r in rows}) != len(rows):
        sys.exit("duplicate source names across annotators")
    late = {r["source"] for r in rows if r["annotator"] in LATE_ANNOTATORS}
    more_dev = {r["source"] for r in rows if r["annotator"] in MORE_DEV_ANNOTATORS}
    heldout, draws = choose_heldout([r for r in rows if r["source"] not in late | more_dev])
    for r in rows:
        r["split"] = ("unseen" if r["source"] in late else
                      "heldout" if r["source"] in heldout else "dev")
    order = {r["source"]: i for i, r in enumerate(rows)}
    claims.sort(key=lambda c: (order[c["source"]], c["start"]))
    a.out.mkdir(parents=True, exist_ok=True)
    with (a.out / "manifest.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with (a.out / "claims.jsonl").open("w", encoding="utf-8") as f:
        for c in claims:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(rows)} files, {len(claims)} claims; held-out {len(heldout)} "
          f"(seed {SEED}, draw {draws})")


if __name__ == "__main__":
    main()
