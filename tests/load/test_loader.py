"""The loader: rows from reports, reference data, transactions, reloads, per-file errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api import store
from api.corpus import walk
from api.load.batch import load_paths
from tests.conftest import REPORTS, ROOT, copy_database, fake_extract


def _load(db, folder: Path, gazetteer, extract=fake_extract, **kw):
    return list(load_paths(db, sorted(folder.glob("*.txt")), extract,
                                  gazetteer=gazetteer, **kw))


def test_actors_get_kind_and_aliases_from_the_reference(tmp_path, reports_dir, gazetteer):
    db = store.connect(tmp_path / "x.db")
    _load(db, reports_dir, gazetteer)
    icrc = db["actors"].get("international-committee-of-the-red-cross")
    assert icrc["kind"] == "humanitarian" and json.loads(icrc["aliases"]) == ["ICRC", "Red Cross"]
    official = db["actors"].get("syrian-official")
    assert official["kind"] is None and json.loads(official["aliases"]) == []


def test_offsets_index_the_text_without_its_byte_order_mark(tmp_path, gazetteer):
    folder = tmp_path / "bom"
    folder.mkdir()
    (folder / "alpha.txt").write_bytes(b"\xef\xbb\xbf" + REPORTS["alpha.txt"].encode())
    db = store.connect(tmp_path / "x.db")
    assert [r.status for r in _load(db, folder, gazetteer)] == ["new"]
    source = db["sources"].get("alpha")
    assert source["text"] == REPORTS["alpha.txt"]
    for claim in db["claims"].rows:
        assert source["text"][claim["start"]:claim["end"]] == claim["text"]


def test_load_writes_sources_claims_and_entities(tmp_path, reports_dir, gazetteer):
    db = store.connect(tmp_path / "x.db")
    results = _load(db, reports_dir, gazetteer)
    assert [(r.path.name, r.status, r.claims) for r in results] == [
        ("alpha.txt", "new", 3), ("beta.txt", "new", 2)]
    alpha = db["sources"].get("alpha")
    assert alpha["title"] == "Evacuation of East Aleppo begins"
    assert alpha["kind"] == "article"
    assert alpha["published"] == "2016-12-15"
    assert alpha["word_count"] == len(REPORTS["alpha.txt"].split())
    assert alpha["text"] == REPORTS["alpha.txt"]
    assert len(alpha["content_hash"]) == 64
    assert db["sources"].get("beta")["kind"] == "live_blog"
    claim = db["claims"].get(f"alpha-{REPORTS['alpha.txt'].index('951 people')}")
    assert claim["actor_id"] == "international-committee-of-the-red-cross"
    assert claim["origin_id"] == "east-aleppo"
    assert claim["destination_id"] == "idlib"
    assert REPORTS["alpha.txt"][claim["start"]:claim["end"]] == "951 people"


def test_locations_get_hierarchy_and_reference_coordinates_only(tmp_path, reports_dir, gazetteer):
    db = store.connect(tmp_path / "x.db")
    _load(db, reports_dir, gazetteer)
    east = db["locations"].get("east-aleppo")
    assert (east["kind"], east["parent_id"], east["lat"]) == ("district", "aleppo", None)
    aleppo = db["locations"].get("aleppo")
    assert (aleppo["kind"], aleppo["parent_id"]) == ("city", "syria")
    assert aleppo["lat"] == pytest.approx(36.2, abs=0.1)
    assert aleppo["lon"] == pytest.approx(37.16, abs=0.1)
    assert db["locations"].get("syria")["kind"] == "country"
    madaya = db["locations"].get("madaya")  # in no reference: a bare row, nothing invented
    assert (madaya["kind"], madaya["parent_id"], madaya["lat"], madaya["lon"]) == (
        None, None, None, None)


def test_reloading_unchanged_reports_changes_nothing(tmp_path, reports_dir, gazetteer):
    db = store.connect(tmp_path / "x.db")
    _load(db, reports_dir, gazetteer)
    before = list(db.conn.iterdump())
    results = _load(db, reports_dir, gazetteer)
    assert {r.status for r in results} == {"unchanged"}
    assert list(db.conn.iterdump()) == before


def test_changed_report_replaces_only_its_own_claims(tmp_path, reports_dir, gazetteer):
    db = store.connect(tmp_path / "x.db")
    _load(db, reports_dir, gazetteer)
    beta_ids = {r["id"] for r in db["claims"].rows_where("source_id = 'beta'")}
    alpha = reports_dir / "alpha.txt"
    alpha.write_text(REPORTS["alpha.txt"].replace("The ICRC said 951 people", "Many"))
    results = _load(db, reports_dir, gazetteer)
    assert [r.status for r in results] == ["changed", "unchanged"]
    assert db["claims"].count_where("source_id = 'alpha'") == 2
    assert {r["id"] for r in db["claims"].rows_where("source_id = 'beta'")} == beta_ids
    # The ICRC and Idlib were only named by the removed claim: pruned.
    assert not db["actors"].count_where("id = 'international-committee-of-the-red-cross'")
    assert not db["locations"].count_where("id = 'idlib'")
    assert db["locations"].count_where("id = 'east-aleppo'") == 1  # beta still names it


def test_force_reextracts_and_keeps_ids_stable(tmp_path, reports_dir, gazetteer):
    db = store.connect(tmp_path / "x.db")
    _load(db, reports_dir, gazetteer)
    ids = {r["id"] for r in db["claims"].rows}
    assert {r.status for r in _load(db, reports_dir, gazetteer, force=True)} == {"re-extracted"}
    assert {r["id"] for r in db["claims"].rows} == ids


def test_a_failing_report_is_reported_and_the_rest_load(tmp_path, reports_dir, gazetteer):
    def extract(text, source):
        if source == "alpha.txt":
            raise RuntimeError("extractor broke")
        return fake_extract(text, source)

    db = store.connect(tmp_path / "x.db")
    results = _load(db, reports_dir, gazetteer, extract=extract)
    assert [r.status for r in results] == ["failed", "new"]
    assert "extractor broke" in results[0].error
    assert db["sources"].count_where("id = 'alpha'") == 0
    assert db["claims"].count == 2


@pytest.mark.parametrize("change", [
    {"quantity": "goats"},
    {"start": 1},
    {"value": "many"},
])
def test_invalid_extractor_output_fails_the_whole_report(tmp_path, reports_dir, gazetteer, change):
    def extract(text, source):
        claims = fake_extract(text, source)
        claims[-1].update(change)
        return claims

    db = store.connect(tmp_path / "x.db")
    results = _load(db, reports_dir, gazetteer, extract=extract)
    assert {r.status for r in results} == {"failed"}
    assert db["sources"].count == 0 and db["claims"].count == 0


def test_a_report_is_written_in_one_transaction(tmp_path, reports_dir, gazetteer, monkeypatch):
    db = store.connect(tmp_path / "x.db")
    _load(db, reports_dir, gazetteer)
    before = list(db.conn.iterdump())
    (reports_dir / "alpha.txt").write_text(REPORTS["alpha.txt"] + "More text.\n")

    def boom(*_args):
        raise RuntimeError("disk full")

    # fails after the claims are written; patched where `replace_source` looks it up
    monkeypatch.setattr("api.store.writes.prune_entities", boom)
    results = _load(db, reports_dir, gazetteer)
    assert results[0].status == "failed"
    assert list(db.conn.iterdump()) == before


def test_seed_reports_load_with_the_real_extractor(tmp_path, seed_load):
    """`seed_load` is `seeds/reports` through the real extractor and the project's
    reference data, loaded once for every test that reads the seeds."""
    files = walk.walk_reports([ROOT / "seeds" / "reports"]).files
    results = seed_load.results
    assert [r.status for r in results] == ["new"] * len(files), results
    db = store.connect(copy_database(seed_load.path, tmp_path / "seeds.db"))
    quantities = {r["quantity"] for r in db["claims"].rows}
    assert {"evacuees", "buses", "killed"} <= quantities
