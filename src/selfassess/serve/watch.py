"""Notice saved files by asking the file system, a few times a second, what changed.

Polling a few dozen files costs well under a millisecond a round and needs no library,
no thread per folder and no operating system's notification limits; a save is seen
within one round, as an editor that writes in place or one that renames over the
file makes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from selfassess.files import file_signature

Signatures = dict[Path, tuple[int, int, int] | None]


def signatures(paths: Iterable[Path]) -> Signatures:
    """Return each file's signature now (None for a file that is not there)."""
    return {path: file_signature(path) for path in paths}


def changed(seen: Signatures) -> list[Path]:
    """Return the files whose signature is not what was seen (saved, made or removed)."""
    return [path for path, signature in seen.items() if file_signature(path) != signature]


def files_under(folders: Iterable[Path]) -> list[Path]:
    """Return every file in the folders and their subfolders, absolute and sorted."""
    found: set[Path] = set()
    for folder in folders:
        if folder.is_dir():
            found.update(p.absolute() for p in folder.rglob("*") if p.is_file())
    return sorted(found)
