"""Soak: 4 posters, 1 deleter, 3 readers against a live 2-worker gunicorn for 40 s, with
`evacfacts load` of 500 reports writing into the same database alongside.

    .venv/bin/python bench/soak.py                       # 40 s, load of 500 reports
    .venv/bin/python bench/soak.py --seconds 15 --load-reports 0

The clients and the checks are those of `tests/web/test_soak.py` (`tests/web/soak.py`);
the database is the seeds loaded into a temporary file, the corpus synthetic
(`../shared/bench/make_corpus.py`). Prints what the clients got and the bars:
no 5xx, nothing lost, every deleted source gone, integrity ok, 0 reports failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_server import gunicorn  # noqa: E402
from tests.web import soak  # noqa: E402

KEY = "bench-soak-key"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--load-reports", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, corpus = Path(tmp) / "soak.db", Path(tmp) / "corpus"
        subprocess.run([sys.executable, "-c", "from api.cli import main; main()", "load",
                        str(ROOT / "seeds" / "reports"), "--db", str(db)], check=True,
                       capture_output=True)
        if args.load_reports:
            subprocess.run([sys.executable, str(ROOT.parent / "shared" / "bench" /
                                                "make_corpus.py"), str(corpus), "-n",
                            str(args.load_reports)], check=True, capture_output=True)
        with gunicorn(db, workers=args.workers, env={"EVACFACTS_API_KEYS": KEY}) as base:
            loader = soak.start_load(corpus, db) if args.load_reports else None
            started = time.monotonic()
            seen = soak.run(base, KEY, args.seconds)
            ran = time.monotonic() - started
            out = err = ""
            if loader is not None:
                out, err = loader.communicate()
            loaded = time.monotonic() - started
            found = soak.check(base, db, seen)

    print(f"{args.seconds:g} s, {args.workers} workers, 4 posters, 1 deleter, 3 readers"
          + (f", evacfacts load of {args.load_reports} reports alongside" if loader else ""))
    for method in ("POST", "DELETE", "GET"):
        by_status = {s: n for (m, s), n in sorted(seen.statuses.items()) if m == method}
        print(f"  {method}: {sum(by_status.values())} responses {by_status} "
              f"({sum(by_status.values()) / ran:.1f}/s)")
    kept = len(set(seen.stored) - seen.deleted)
    print(f"  posted and acknowledged: {len(seen.stored)}; deleted: {len(seen.deleted)}; "
          f"still there: {kept - len(found.missing)} of {kept}")
    if loader is not None:
        print(f"  load: {out.strip()} (exit {loader.returncode}, done {loaded:.0f} s after "
              "the clients started)")
        for line in err.splitlines():
            if line.startswith("error:"):
                print(f"    {line}")
    bars = [
        ("0 responses 5xx", not seen.server_errors, len(seen.server_errors)),
        ("every acknowledged write present", not found.missing, len(found.missing)),
        ("every deleted source gone", not found.resurrected, len(found.resurrected)),
        ("integrity_check ok", found.integrity == "ok", found.integrity),
    ]
    if loader is not None:
        bars.append(("0 reports failed", loader.returncode == 0 and " 0 failed" in out,
                     loader.returncode))
    for name, ok, figure in bars:
        print(f"[{'x' if ok else ' '}] {name} ({figure})")
    for line in seen.server_errors[:5]:
        print(f"    {line}")
    sys.exit(0 if all(ok for _, ok, _ in bars) else 1)


if __name__ == "__main__":
    main()
