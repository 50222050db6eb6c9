"""`evacfacts load --claims`: reports extracted elsewhere, loaded as `evacfacts load` would.

A claims file holds one record per report (`api.load.claims_files`); loading it
must leave the database `load` leaves from the reports themselves, check every
record as the extractor's output is checked, and fail a bad record alone.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from api import store
from api.cli import main
from api.load.claims_files import load_claims_files, write_partition
from api.load.prepare import cues_json
from api.reference.actors import actors as project_actors
from api.reference.gazetteer import gazetteer as project_gazetteer
from tests.conftest import ROOT, SeedLoad

SEED_REPORTS = sorted((ROOT / "seeds" / "reports").glob("*.txt"))
#: Index segments of the full-text tables: their layout follows how writes were grouped
#: into commits, not what is indexed (the FTS5 integrity check compares that).
_SEGMENT_TABLES = ("claims_fts_data", "claims_fts_idx", "sources_fts_data", "sources_fts_idx")


def dump(path: Path) -> dict[str, list]:
    """Every table's rows in rowid order (migrations without their timestamps), after
    checking that each full-text index holds exactly its table's text."""
    conn = sqlite3.connect(path)
    for fts in ("claims_fts", "sources_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    out = {"schema": conn.execute("SELECT type, name, sql FROM sqlite_master "
                                  "ORDER BY name").fetchall()}
    for table in tables:
        if table in _SEGMENT_TABLES:
            continue
        if table == "_sqlite_migrations":
            out[table] = conn.execute(f"SELECT migration_set, name FROM {table} "
                                      "ORDER BY name").fetchall()
        else:
            without_rowid = "WITHOUT ROWID" in (conn.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0] or "")
            columns = "*" if without_rowid else "rowid, *"
            out[table] = sorted(conn.execute(f'SELECT {columns} FROM "{table}"').fetchall(),
                                key=repr)
    conn.close()
    return out


@pytest.fixture(scope="module")
def seed_claims(tmp_path_factory) -> Path:
    """The seed reports extracted into claims files of two reports each."""
    from api.extract import extract_claims

    out = tmp_path_factory.mktemp("claims")
    for index in range(0, len(SEED_REPORTS), 2):
        write_partition(out, index // 2, SEED_REPORTS[index:index + 2], extract_claims,
                        project_gazetteer(), project_actors())
    return out


def _records(folder: Path) -> list[dict]:
    return [orjson.loads(line) for part in sorted(folder.glob("part-*.jsonl"))
            for line in part.read_bytes().splitlines()]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


def test_a_database_loaded_from_claims_files_equals_one_loaded_from_the_reports(
        tmp_path, seed_load: SeedLoad, seed_claims):
    path = tmp_path / "bulk.db"
    result = CliRunner().invoke(main, ["load", "--claims", "--db", str(path), str(seed_claims)])
    assert result.exit_code == 0, result.output
    assert f"{len(SEED_REPORTS)} new" in result.output
    assert dump(path) == dump(seed_load.path)


def test_into_a_database_that_holds_reports_each_group_commits_and_the_result_is_the_same(
        tmp_path, seed_load: SeedLoad, seed_claims):
    records = _records(seed_claims)
    db = store.connect(tmp_path / "bulk.db")
    list(load_claims_files(db, [_write(tmp_path / "first.jsonl", records[:1])]))
    groups = []
    db.conn.set_trace_callback(lambda sql: groups.append(sql) if sql == "COMMIT" else None)
    results = list(load_claims_files(db, [seed_claims], batch_claims=5))
    assert [r.status for r in results] == ["unchanged"] + ["new"] * (len(SEED_REPORTS) - 1)
    assert len(groups) > 1  # several groups, each its own transaction
    db.close()
    assert dump(tmp_path / "bulk.db") == dump(seed_load.path)


def test_a_bulk_load_that_stops_half_way_leaves_the_empty_database_as_it_was(
        tmp_path, seed_claims):
    path = tmp_path / "bulk.db"
    store.connect(path).close()
    before = dump(path)
    db = store.connect(path)
    loading = load_claims_files(db, [seed_claims], batch_claims=5)
    assert next(loading).status == "new"
    loading.close()  # the loader stops (an error, an interrupt) before the end
    db.close()
    assert dump(path) == before  # no report, and every index and trigger back


@given(st.lists(st.text(), max_size=4))
def test_cues_are_stored_as_json_dumps_writes_them(cues):
    assert cues_json(cues) == json.dumps(cues, ensure_ascii=False)


def test_loading_the_same_claims_again_changes_nothing_and_force_rewrites_the_same(
        tmp_path, seed_claims):
    db = store.connect(tmp_path / "bulk.db")
    list(load_claims_files(db, [seed_claims]))
    db.close()
    before = dump(tmp_path / "bulk.db")
    db = store.connect(tmp_path / "bulk.db")
    assert {r.status for r in load_claims_files(db, [seed_claims])} == {"unchanged"}
    assert {r.status for r in load_claims_files(db, [seed_claims], force=True)} == {"changed"}
    db.close()
    after = dump(tmp_path / "bulk.db")
    assert after["claims"] == before["claims"] and after["sources"] == before["sources"]


def test_a_changed_report_replaces_its_own_claims_as_a_reload_does(tmp_path, seed_claims):
    records = _records(seed_claims)
    first = records[0]
    claim = first["claims"][0]
    text = "Nothing to count here.\n"
    changed = {**first, "claims": [], "source": {
        **first["source"], "text": text, "word_count": 4,
        "content_hash": store_hash(text)}}
    db = store.connect(tmp_path / "bulk.db")
    list(load_claims_files(db, [_write(tmp_path / "a.jsonl", records)]))
    results = list(load_claims_files(db, [_write(tmp_path / "b.jsonl", [changed])]))
    assert [r.status for r in results] == ["changed"]
    assert db.execute("SELECT count(*) FROM claims WHERE source_id = ?",
                      [first["source"]["id"]]).fetchone()[0] == 0
    assert db["claims"].count == sum(len(r["claims"]) for r in records[1:])
    assert claim["id"] not in {row["id"] for row in db["claims"].rows}


def store_hash(text: str) -> str:
    from api.load.prepare import content_hash

    return content_hash(text)


@pytest.mark.parametrize(("change", "why"), [
    (lambda r: r["source"].update(text=r["source"]["text"] + " more"), "SHA-256"),
    (lambda r: r["source"].update(id="another-id"), "of the source's name"),
    (lambda r: r["claims"][0].update(quantity="ghosts"), "Must be one of"),
    (lambda r: r["claims"][0].update(start=r["claims"][0]["start"] + 1), "does not match"),
    (lambda r: r["claims"][0].update(actor_id="nobody-listed"), "among the record's"),
    (lambda r: r["claims"][0].update(id="elsewhere-1"), "start with the source's"),
    (lambda r: r["claims"][0].update(value="951"), "Not a valid integer"),
    (lambda r: r["locations"][0].pop("lat"), "must have exactly"),
    (lambda r: r.pop("actors"), "exactly: source, claims"),
])
def test_a_record_that_is_not_what_the_extractor_wrote_fails_alone(
        tmp_path, seed_claims, change, why):
    records = _records(seed_claims)
    bad = next(r for r in records if r["claims"] and r["locations"] and r["claims"][0]["actor_id"])
    change(bad)
    db = store.connect(tmp_path / "bulk.db")
    results = list(load_claims_files(db, [_write(tmp_path / "claims.jsonl", records)]))
    failed = [r for r in results if r.status == "failed"]
    assert len(failed) == 1 and why in failed[0].error
    assert db["sources"].count == len(records) - 1


def test_a_report_whose_write_fails_fails_alone_and_the_rest_of_its_group_is_written(
        tmp_path, seed_claims):
    records = _records(seed_claims)
    victim, intruder = records[0], records[1]
    # an id that passes the record's checks but is another source's claim's: the insert fails
    intruder["source"] = {**intruder["source"], "id": victim["source"]["id"][:3],
                          "name": victim["source"]["id"][:3] + ".txt"}
    intruder["claims"] = [{**intruder["claims"][0], "id": victim["claims"][0]["id"]}]
    db = store.connect(tmp_path / "bulk.db")
    results = list(load_claims_files(db, [_write(tmp_path / "c.jsonl", records)]))
    assert [r.status for r in results].count("failed") == 1
    assert "UNIQUE constraint failed" in next(r.error for r in results if r.error)
    assert db["sources"].count == len(records) - 1
    assert db.execute("SELECT count(*) FROM claims WHERE source_id = ?",
                      [intruder["source"]["id"]]).fetchone()[0] == 0


def test_a_line_that_is_not_json_is_named_with_its_file_and_line(tmp_path, seed_claims):
    path = tmp_path / "claims.jsonl"
    path.write_bytes(b"{not json\n" + next(seed_claims.glob("part-*.jsonl")).read_bytes())
    result = CliRunner().invoke(main, ["load", "--claims", "--db", str(tmp_path / "x.db"),
                                       str(path)])
    assert result.exit_code == 1
    assert f"error: {path}:1: JSONDecodeError" in result.output
    assert "2 new" in result.output
