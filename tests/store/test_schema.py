"""The store's schema: tables, full-text search, WAL, foreign keys, indexes, migrations."""

from __future__ import annotations

import sqlite3

import pytest

from api import store


def test_schema_has_fts_wal_foreign_keys_and_indexes(tmp_path):
    db = store.connect(tmp_path / "x.db")
    assert {"sources", "claims", "actors", "locations", "claims_fts", "sources_fts"} <= set(
        db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    leading = {i.columns[0] for i in db["claims"].indexes}  # an index can serve the filter
    for column in ("quantity", "group", "status", "qualifier", "value", "actor_id", "via_id",
                   "origin_id", "destination_id", "location_id"):
        assert column in leading
    names = [m.name for m in store.migrations.applied(db)]
    assert names[:3] == ["m001_initial", "m002_actor_kind", "m003_kind_indexes"]
    assert {"m101_timeline", "m201_keyset_indexes"} <= set(names)
    # Every filter the API offers on the other tables is indexed too.
    for table, column in (("sources", "kind"), ("actors", "kind"), ("locations", "kind"),
                          ("locations", "parent_id")):
        assert (column,) in {tuple(i.columns) for i in db[table].indexes}, (table, column)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO claims (id, source_id, quantity, value, qualifier, status, text,"
                   " start, \"end\", sentence) VALUES ('c', 'nope', 'buses', 1, 'exact',"
                   " 'occurred', '1 bus', 0, 5, 's')")


def test_connect_twice_does_not_migrate_again(tmp_path):
    from sqlite_utils import Database

    store.connect(tmp_path / "x.db").close()
    db = store.connect(tmp_path / "x.db")
    assert len(store.migrations.applied(db)) == len(store.migrations.pending(Database(":memory:")))


def test_an_older_database_is_migrated_in_place(tmp_path):
    from sqlite_utils import Database

    old = Database(tmp_path / "old.db")
    store.migrations.apply(old, stop_before="m002_actor_kind")
    old["actors"].insert({"id": "reuters", "name": "Reuters", "aliases": "[]"})
    assert "kind" not in old["actors"].columns_dict
    old.close()
    db = store.connect(tmp_path / "old.db")
    assert db["actors"].columns_dict["kind"] is str
    assert db["actors"].get("reuters")["name"] == "Reuters"
