"""Every kind of connection waits for locks and uses WAL, so readers and the loader's
writer can share a database file."""

from __future__ import annotations

import pytest

from api import store


@pytest.mark.parametrize("opener", [store.connect, store.connect_reader, store.connect_writer])
def test_every_connection_waits_for_locks_and_uses_wal(tmp_path, opener):
    path = tmp_path / "x.db"
    store.connect(path).close()
    db = opener(path)
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS > 0
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
