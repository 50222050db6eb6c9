"""`evacfacts load --jobs`: extraction in worker processes, one writer, same database."""

from __future__ import annotations

from pathlib import Path

from api import store
from api.load.batch import load_paths
from tests.conftest import fake_extract


def _dump(db) -> list[str]:
    return [line for line in db.conn.iterdump() if "_sqlite_migrations" not in line]


def _load(path: Path, files: list[Path], gazetteer, actors, jobs: int):
    db = store.connect(path)
    results = list(load_paths(db, files, fake_extract, gazetteer=gazetteer,
                                     actors=actors, jobs=jobs))
    return db, results


def test_parallel_load_writes_exactly_what_a_serial_load_writes(
        tmp_path, reports_dir, gazetteer, actors):
    files = sorted(reports_dir.glob("*.txt"))
    for i in range(12):  # more reports than the in-flight window of two workers
        (reports_dir / f"copy{i:02d}.txt").write_text(files[i % 2].read_text())
    files = sorted(reports_dir.glob("*.txt"))
    serial, _ = _load(tmp_path / "serial.db", files, gazetteer, actors, jobs=1)
    parallel, results = _load(tmp_path / "parallel.db", files, gazetteer, actors, jobs=2)
    assert [r.path for r in results] == files  # written in input order
    assert {r.status for r in results} == {"new"}
    assert _dump(parallel) == _dump(serial)
    again = list(load_paths(parallel, files, fake_extract, gazetteer=gazetteer,
                                   actors=actors, jobs=2))
    assert {r.status for r in again} == {"unchanged"}


def test_parallel_load_reports_a_bad_file_and_loads_the_others(
        tmp_path, reports_dir, gazetteer, actors):
    (reports_dir / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00 an image")
    files = sorted(reports_dir.glob("*.txt"))
    db, results = _load(tmp_path / "x.db", files, gazetteer, actors, jobs=2)
    by_name = {r.path.name: r for r in results}
    assert by_name["bad.txt"].status == "failed" and "binary file" in by_name["bad.txt"].error
    assert by_name["alpha.txt"].status == by_name["beta.txt"].status == "new"
    assert db["sources"].count == 2


def test_a_changed_report_prunes_only_what_it_alone_referred_to(
        tmp_path, reports_dir, gazetteer, actors):
    files = sorted(reports_dir.glob("*.txt"))
    db, _ = _load(tmp_path / "x.db", files, gazetteer, actors, jobs=1)
    assert db["locations"].get("idlib")
    (reports_dir / "alpha.txt").write_text("Nothing to count here.\n")
    list(load_paths(db, files, fake_extract, gazetteer=gazetteer, actors=actors))
    ids = {r["id"] for r in db["locations"].rows}
    assert "idlib" not in ids  # only alpha's claim went to Idlib
    assert {"east-aleppo", "aleppo"} <= ids  # beta still leaves from East Aleppo (in Aleppo)
    assert {r["id"] for r in db["actors"].rows} == {"syrian-official", "reuters"}
