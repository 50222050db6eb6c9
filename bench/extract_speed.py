#!/usr/bin/env python3
"""Extraction speed: ``evacfacts extract`` against quantulum3 on one synthetic corpus.

    python bench/extract_speed.py [-n 2000] [--quantulum-reports 40] [--keep DIR]

Writes N reports with ``../shared/bench/make_corpus.py``, then, pinned to one
CPU core, times:

* ``evacfacts extract DIR > /dev/null`` as a user runs it (start-up included);
* quantulum3's ``parser.parse`` on the first K reports (it is about two orders
  of magnitude slower, so a subset keeps the run short; MB/s is what compares).

quantulum3 ships a unit classifier pickled by an older scikit-learn; when it
does not load, the bench retrains it from the training data the package ships
(no download) into a temporary file, so quantulum3 runs as its authors intend.
Prints reports/s, MB/s and claims for each, and the MB/s ratio.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"


def one_core() -> None:
    """Pin this process (and its children) to a single CPU."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def make_corpus(out: Path, n: int) -> list[Path]:
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(out), "-n", str(n)], check=True,
                   stdout=subprocess.DEVNULL)
    return sorted(out.glob("*.txt"))


def time_evacfacts(corpus: Path) -> tuple[float, int]:
    cli = shutil.which("evacfacts", path=str(Path(sys.executable).parent)) or "evacfacts"
    started = time.perf_counter()
    result = subprocess.run([cli, "extract", str(corpus)], check=True, capture_output=True,
                            preexec_fn=one_core)
    return time.perf_counter() - started, result.stdout.count(b"\n")


def quantulum_parser(workdir: Path):
    """quantulum3's parse function, with a classifier that loads."""
    import warnings

    warnings.filterwarnings("ignore")
    from quantulum3 import classifier, parser

    path = None
    try:
        parser.parse("warm up: 3 km")
    except Exception:  # the shipped classifier does not unpickle here
        path = workdir / "clf.joblib"
        classifier.train_classifier(store=True, output_path=str(path), n_jobs=1)
        parser.parse("warm up: 3 km", classifier_path=str(path))

    def parse(text: str):
        return parser.parse(text, classifier_path=str(path)) if path else parser.parse(text)

    return parse


def time_quantulum(files: list[Path], workdir: Path) -> tuple[float, int]:
    parse = quantulum_parser(workdir)
    texts = [p.read_text(encoding="utf-8") for p in files]
    found = 0
    started = time.perf_counter()
    for text in texts:
        found += len(parse(text))
    return time.perf_counter() - started, found


def row(name: str, reports: int, size: int, seconds: float, found: int, what: str) -> float:
    mbps = size / 1e6 / seconds
    print(f"{name:<12} {reports:>8} {size / 1e6:>8.2f} {seconds:>9.2f} {reports / seconds:>11.1f} "
          f"{mbps:>8.3f}  {found} {what}")
    return mbps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="reports in the corpus")
    ap.add_argument("--quantulum-reports", type=int, default=40)
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    a = ap.parse_args()
    one_core()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        corpus = a.keep or workdir / "corpus"
        files = make_corpus(corpus, a.n)
        size = sum(p.stat().st_size for p in files)
        subset = files[: a.quantulum_reports]
        subset_size = sum(p.stat().st_size for p in subset)
        print(f"corpus: {len(files)} reports, {size / 1e6:.2f} MB (one CPU core)")
        print(f"{'tool':<12} {'reports':>8} {'MB':>8} {'seconds':>9} {'reports/s':>11} "
              f"{'MB/s':>8}  found")
        ours = row("evacfacts", len(files), size, *time_evacfacts(corpus), "claims")
        theirs = row("quantulum3", len(subset), subset_size, *time_quantulum(subset, workdir),
                     "quantities")
        print(f"ratio (MB/s): evacfacts / quantulum3 = {ours / theirs:.1f}x")


if __name__ == "__main__":
    main()
