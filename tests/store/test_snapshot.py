"""`evacfacts snapshot`: a consistent copy of a database that is being written."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from api import store
from api.cli import main


def _report(i: int) -> tuple[dict, list[dict]]:
    """Report i: a source with i % 7 + 1 claims, and a long text to make pages churn."""
    text = f"Report {i}. " + "Thousands were evacuated from the city. " * 40
    source = {"id": f"r{i}", "name": f"r{i}.txt", "title": f"Report {i}", "kind": "article",
              "published": None, "word_count": len(text.split()),
              "content_hash": f"{i:064x}", "text": text}
    claims = [{"id": f"r{i}-{n}", "source_id": f"r{i}", "quantity": "evacuees", "value": n,
               "value_low": n, "value_high": n, "qualifier": "exact", "group": "people",
               "status": "occurred", "actor_id": None, "via_id": None, "origin_id": None,
               "destination_id": None, "location_id": None, "text": "Thousands",
               "start": n, "end": n + 9, "sentence": "Thousands were evacuated."}
              for n in range(i % 7 + 1)]
    return source, claims


def test_a_snapshot_taken_while_reports_are_written_is_whole_and_consistent(tmp_path):
    path = tmp_path / "live.db"
    store.connect_writer(path).close()
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:
        db = store.connect_writer(path)
        i = 0
        while not stop.is_set() or i < 50:
            source, claims = _report(i)
            store.replace_source(db, source, claims, [], [])
            written.append(i)
            i += 1
        db.close()

    writer = threading.Thread(target=write)
    writer.start()
    snapshots = []
    try:
        while len(written) < 5:
            threading.Event().wait(0.01)
        for n in range(5):
            snapshots.append(store.snapshot(path, tmp_path / f"snap{n}.db"))
    finally:
        stop.set()
        writer.join()
    counts = []
    for snap in snapshots:
        assert not Path(f"{snap}-wal").exists()
        conn = sqlite3.connect(snap)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        conn.execute("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)")
        # every report in the copy is whole: all its claims, or it is not there at all
        per_source = dict(conn.execute("SELECT s.id, count(c.id) FROM sources s "
                                       "LEFT JOIN claims c ON c.source_id = s.id GROUP BY s.id"))
        assert per_source == {f"r{i}": i % 7 + 1 for i in range(len(per_source))}
        counts.append(len(per_source))
        conn.close()
    assert counts[-1] < len(written)  # taken while the writer was still adding reports


def test_the_snapshot_command_replaces_its_target_and_names_what_it_wrote(tmp_path, db_path):
    out = tmp_path / "replica.db"
    out.write_bytes(b"an older snapshot")
    result = CliRunner().invoke(main, ["snapshot", str(out), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert f"written to {out}" in result.output
    assert store.connect_read_only(out)["claims"].count == store.connect(db_path)["claims"].count
    assert list(tmp_path.glob(".*partial")) == []


def test_a_read_only_connection_refuses_every_write(tmp_path, db_path):
    out = store.snapshot(db_path, tmp_path / "replica.db")
    before = out.read_bytes()
    db = store.connect_read_only(out)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM claims")
    assert out.read_bytes() == before
    assert not list(tmp_path.glob("replica.db-*"))  # no journal, WAL or shared memory
