#!/usr/bin/env python3
"""Where extraction spends its time: cProfile over the synthetic corpus, one CPU core.

    python bench/extract_profile.py [-n 300] [--top 25] [--sort tottime|cumtime]

Writes N reports with ``../shared/bench/make_corpus.py`` (the corpus
``bench/extract_speed.py`` times), builds the extractor's reference data and
patterns once outside the profile, then profiles ``extract_claims`` over every
report and prints the CPU seconds per MB and the top functions. cProfile slows
Python-level calls more than regular-expression work, so read the ranking, not the
absolute times; the speed itself is ``bench/extract_speed.py``'s.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from extract_speed import make_corpus, one_core

from api.extract import extract_claims


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=300, help="reports in the corpus")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--sort", default="tottime", choices=("tottime", "cumtime"))
    a = ap.parse_args()
    one_core()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_corpus(Path(tmp) / "corpus", a.n)
        reports = [(p.name, p.read_text(encoding="utf-8")) for p in files]
    size = sum(len(text.encode("utf-8")) for _, text in reports)
    extract_claims("At least 30 people were evacuated from Aleppo, officials said.", "warm-up")
    started = time.process_time()
    for name, text in reports:
        extract_claims(text, name)
    seconds = time.process_time() - started
    print(f"{len(reports)} reports, {size / 1e6:.2f} MB: {seconds:.2f} CPU s unprofiled, "
          f"{size / 1e6 / seconds:.3f} MB per CPU second")
    profile = cProfile.Profile()
    profile.enable()
    for name, text in reports:
        extract_claims(text, name)
    profile.disable()
    pstats.Stats(profile).strip_dirs().sort_stats(a.sort).print_stats(a.top)


if __name__ == "__main__":
    main()
