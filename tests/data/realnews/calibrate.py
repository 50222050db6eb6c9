"""Fit the confidence model on the real-news development split, and show how it holds up.

    .venv/bin/python tests/data/realnews/calibrate.py [--fit dev] [--report dev heldout]

Needs the gold built by `build_gold.py` (`make score-real` builds it). For each
report of a split it runs the extractor, matches its claims to the gold the way
`../shared/eval/score.py` does (source, quantity and value; best attribute
agreement first), and labels each claim 1 when it was found with every
attribute right, else 0 (an extra claim is 0). A logistic regression over
`api.extract.confidence.features` is fitted to those labels on the `--fit`
split (L2-regularised, by gradient descent: a few hundred claims need no
library) and written to `seeds/calibration.toml`, unless `--no-write`. Then,
for each `--report` split, a reliability table: per confidence bin, how many
claims and the share of them that were right, and the precision of the claims
at 0.8 or more.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from api.extract.confidence import features, logit, probability  # noqa: E402
from api.extract.pipeline import claims_with_cues  # noqa: E402

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)


def scorer(path: Path):
    """The shared scorer as a module: its matching and attribute agreement are the rule."""
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labelled(split_dir: Path, score) -> list[tuple[dict[str, float], int]]:
    """(features, right) for every claim the extractor finds in one split."""
    gold = [json.loads(line) for line in open(split_dir / "gold.jsonl", encoding="utf-8")]
    preds, feats = [], []
    for path in sorted((split_dir / "reports").glob("*.txt")):
        for claim in claims_with_cues(path.read_text(encoding="utf-8"), path.name):
            feats.append(features(claim, claim["cues"], claim["mentions"], claim["neighbours"]))
            preds.append({k: v for k, v in claim.items()
                          if k not in ("cues", "mentions", "neighbours")})
    pairs, _used = score.match(gold, preds)
    full = len(score.PLAIN) + len(score.NAMED)
    right = {pi for gi, pi in pairs if score.agreement(gold[gi], preds[pi]) == full}
    return [(f, int(i in right)) for i, f in enumerate(feats)]


def fit(rows: list[tuple[dict[str, float], int]], l2: float = 2.0,
        steps: int = 4000, rate: float = 0.1) -> tuple[float, dict[str, float]]:
    """Logistic regression by full-batch gradient descent, L2 on the weights only."""
    names = sorted(rows[0][0])
    w = dict.fromkeys(names, 0.0)
    b = 0.0
    n = len(rows)
    for _ in range(steps):
        gb, gw = 0.0, dict.fromkeys(names, 0.0)
        for x, y in rows:
            p = 1 / (1 + math.exp(-(b + sum(w[k] * x[k] for k in names))))
            gb += p - y
            for k in names:
                gw[k] += (p - y) * x[k]
        b -= rate * gb / n
        for k in names:
            w[k] -= rate * (gw[k] / n + l2 * w[k] / n)
    return b, w


def platt(rows, b: float, w: dict[str, float], steps: int = 4000,
          rate: float = 0.1) -> tuple[float, float]:
    """Scale and shift of the model's logit that fit `rows` best (two parameters: few
    claims of reports the extractor was never tuned on are enough)."""
    z = [(logit(x, b, w), y) for x, y in rows]
    scale, shift = 1.0, 0.0
    for _ in range(steps):
        gs = gt = 0.0
        for zi, y in z:
            p = 1 / (1 + math.exp(-(scale * zi + shift)))
            gs += (p - y) * zi
            gt += p - y
        # A scale below 0 would turn the ranking upside down: at 0 every claim gets the
        # split's own share of right claims, the honest answer when the ranking does not hold.
        scale = max(0.0, scale - rate * gs / len(z))
        shift -= rate * gt / len(z)
    return scale, shift


def reliability(rows, b, w, scale: float = 1.0, shift: float = 0.0) -> str:
    """A Markdown table: confidence bin, claims, share right."""
    lines = ["| confidence | claims | right | share right |", "|---|---|---|---|"]
    scored = [(probability(x, b, w, scale, shift), y) for x, y in rows]
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [y for c, y in scored if lo <= c < hi]
        share = f"{sum(inside) / len(inside):.2f}" if inside else "-"
        lines.append(f"| {lo:.1f}–{min(hi, 1.0):.1f} | {len(inside)} | {sum(inside)} | {share} |")
    high = [y for c, y in scored if c >= 0.8]
    overall = sum(y for _c, y in scored) / len(scored)
    lines.append(f"\nclaims {len(scored)}, right {overall:.2f}; at confidence >= 0.8: "
                 f"{len(high)} claims, precision "
                 f"{(sum(high) / len(high)) if high else float('nan'):.2f}")
    return "\n".join(lines)


def write_model(path: Path, b: float, w: dict[str, float], fitted_on: str, n: int,
                scale: float = 1.0, shift: float = 0.0, rescaled_on: str = "") -> None:
    head = path.read_text(encoding="utf-8").split("\n# fitted on", 1)[0].split(
        "\nintercept", 1)[0].rstrip()
    body = [head, "", f"# fitted on the {fitted_on} split: {n} claims"]
    if rescaled_on:
        body.append(f"# scale and shift fitted on the {rescaled_on} split, which the weights "
                    "were not fitted on (Platt scaling)")
    body += [f"intercept = {b:.4f}", f"scale = {scale:.4f}", f"shift = {shift:.4f}",
             "", "[weights]"]
    body += [f"{k} = {v:.4f}" for k, v in sorted(w.items())]
    path.write_text("\n".join(body) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--built", type=Path, default=ROOT / "build" / "realnews")
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--fit", default="dev", help="the split the model is fitted on")
    ap.add_argument("--report", nargs="*", default=["dev"], help="splits to show tables for")
    ap.add_argument("--rescale", nargs="*", default=[], help="splits the weights were not "
                    "fitted on, to fit the scale and shift of the model's logit on (never the "
                    "unseen split, which only reports)")
    ap.add_argument("--no-write", action="store_true", help="fit and show, but keep the model")
    args = ap.parse_args()
    score = scorer(args.scorer)
    model = ROOT / "seeds" / "calibration.toml"
    if args.fit:
        rows = labelled(args.built / args.fit, score)
        b, w = fit(rows)
        n, fitted_on = len(rows), args.fit
    else:
        import tomllib

        data = tomllib.loads(model.read_text(encoding="utf-8"))
        b, w = data["intercept"], data["weights"]
        scale, shift = data.get("scale", 1.0), data.get("shift", 0.0)
        n, fitted_on = 0, ""
    if args.rescale:
        scale, shift = platt([row for split in args.rescale
                              for row in labelled(args.built / split, score)], b, w)
    elif args.fit:
        scale, shift = 1.0, 0.0
    if (args.fit or args.rescale) and not args.no_write:
        if not args.fit:  # keep the weights' provenance line
            line = next(x for x in model.read_text(encoding="utf-8").splitlines()
                        if x.startswith("# fitted on"))
            fitted_on, n = line.split("the ")[1].split(" split")[0], int(line.split(": ")[1].split()[0])
        write_model(model, b, w, fitted_on, n, scale, shift, " and ".join(args.rescale))
    for split in args.report:
        print(f"\n{split}:")
        print(reliability(labelled(args.built / split, score), b, w, scale, shift))
    return 0


if __name__ == "__main__":
    sys.exit(main())
