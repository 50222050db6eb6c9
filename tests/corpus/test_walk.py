"""Finding the reports to read: directories walked recursively, in name order."""

from __future__ import annotations

from api.corpus import walk


def test_directories_are_walked_recursively_in_name_order(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    for name in ("b/c/z.txt", "b/a.txt", "b/notes.md"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in walk.walk_reports([tmp_path / "b"]).files] == ["a.txt", "z.txt"]
