"""Write a preview's files into its temporary folder: each replaced whole, none kept stale.

The folder is serve's own and thrown away at the end, so files are not flushed to disk
one by one (the flush is most of what an atomic write costs); each is still renamed into
place, so a page being read while it is rendered again is the old one or the new one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from selfassess.files import safe_join


def make_root() -> Path:
    """Make the preview's temporary folder (closed to other users)."""
    return Path(tempfile.mkdtemp(prefix="selfassess-serve-"))


def remove_root(root: Path) -> None:
    """Remove the preview's temporary folder and everything rendered into it."""
    shutil.rmtree(root, ignore_errors=True)


def write_quickly(folder: Path, outputs: dict[str, bytes]) -> None:
    """Write each output under folder, replacing any older one; remove files no longer made."""
    targets = {safe_join(folder, relative): data for relative, data in outputs.items()}
    for target, data in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    _remove_others(folder, set(targets))


def clear_folder(folder: Path) -> None:
    """Remove every file a render left in folder, so nothing stale is served."""
    _remove_others(folder, set())


def _remove_others(folder: Path, keep: set[Path]) -> None:
    if not folder.is_dir():
        return
    for found in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        if found.is_dir() and not found.is_symlink():
            with contextlib.suppress(OSError):
                found.rmdir()  # only once empty
        elif found not in keep:
            found.unlink(missing_ok=True)
