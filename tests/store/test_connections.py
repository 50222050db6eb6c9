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
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == store.busy_timeout_ms() > 0
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _source(source_id: str) -> dict:
    return {"id": source_id, "name": f"{source_id}.txt", "title": "t", "kind": "article",
            "published": None, "word_count": 1, "content_hash": source_id, "text": "x" * 20}


def test_a_writer_waits_for_another_writer_instead_of_failing(tmp_path):
    import threading
    import time

    path = tmp_path / "two-writers.db"
    store.connect(path).close()
    first = store.connect_writer(path)
    store.replace_source(first, _source("older"), [], [], [])
    done, failed = [], []

    def write_second() -> None:
        # Reads the report's old claims, then writes: in a deferred transaction the
        # write is refused at once once the first writer has committed meanwhile.
        try:
            store.replace_source(store.connect_writer(path), _source("b"), [], [], [])
            done.append(True)
        except Exception as err:  # the failure this test is about
            failed.append(err)

    with store.write_transaction(first):
        first.execute("INSERT INTO sources (id, name, title, kind, word_count, content_hash, "
                      "text) VALUES ('a', 'a.txt', 't', 'article', 1, 'a', 'xxxx')")
        thread = threading.Thread(target=write_second)
        thread.start()
        time.sleep(0.3)  # the second writer is waiting for the lock, not failing
        assert not done and not failed
    thread.join(timeout=20)
    assert failed == [] and done == [True]
    assert {r[0] for r in first.execute("SELECT id FROM sources")} == {"older", "a", "b"}
