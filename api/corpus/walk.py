"""Which files are reports: the one directory walk of `evacfacts extract` and `load`.

Both commands must see the same reports in the same order, and a hostile
directory must not hang or crash them: symbolic links to directories are not
followed (`a/loop -> a` would recurse for ever, and a link elsewhere would
load the same reports twice), and a link to a file outside the directory
walked is not read (a `secret.txt -> ~/.ssh/id_rsa` would otherwise be loaded
and served). Each skip is named, so nothing goes missing silently.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Skipped:
    """A path the walk did not take, and why; `failed` when it counts as a failed report."""

    path: Path
    reason: str
    failed: bool = False


@dataclass
class Walk:
    """The report files found, in order, and the paths skipped on the way."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def walk_reports(paths: Iterable[str | Path]) -> Walk:
    """Files named are kept as given (reading them says what is wrong); a directory gives
    the `*.txt` files under it, recursively, sorted by path."""
    walk = Walk()
    for path in map(Path, paths):
        if path.is_dir():
            _walk_dir(path, walk)
        else:
            walk.files.append(path)
    return walk


def _walk_dir(root: Path, walk: Walk) -> None:
    """Add the reports under `root` to `walk`, and every link or folder not taken."""
    real_root = os.path.realpath(root)
    found: list[Path] = []
    skipped: list[Skipped] = []

    def unreadable(err: OSError) -> None:
        skipped.append(Skipped(Path(err.filename or root), err.strerror or str(err), True))

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=False):
        skipped.extend(Skipped(Path(folder, name), "symbolic link to a directory, not followed")
                       for name in dirs if os.path.islink(os.path.join(folder, name)))
        for name in files:
            path = Path(folder, name)
            if path.suffix != ".txt":
                continue
            if path.is_symlink() and not _inside(os.path.realpath(path), real_root):
                skipped.append(Skipped(path, f"symbolic link to a file outside {root}, not read"))
            else:
                found.append(path)
    walk.files.extend(sorted(found))
    walk.skipped.extend(sorted(skipped, key=lambda s: s.path))


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder
