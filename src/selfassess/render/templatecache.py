"""A private folder for what selfassess can keep between runs (templates compiled to bytecode).

Kept per selfassess and Python version, so a cache never outlives the code that wrote it.
Only a folder that is the user's own and closed to others is used: bytecode read from a
folder someone else can write to would run their code. Without one, nothing is cached.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from selfassess import __version__

#: Where caches go; set it to an empty value to cache nothing.
CACHE_VARIABLE = "SELFASSESS_CACHE_DIR"


def cache_dir(kind: str) -> Path | None:
    """Return this version's private cache folder for one kind of thing, or None."""
    base = _base()
    if base is None:
        return None
    python = f"py{sys.version_info[0]}.{sys.version_info[1]}"
    folder = base / f"{kind}-{__version__}-{python}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if _private(folder) else None


def _base() -> Path | None:
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg:
        return Path(xdg) / "selfassess"
    try:
        return Path.home() / ".cache" / "selfassess"
    except RuntimeError:  # no home folder to be found
        return None


def _private(folder: Path) -> bool:
    """Tell whether a folder is a real folder, the user's own, that no one else can write to."""
    try:
        found = os.lstat(folder)
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or found.st_uid == os.getuid()
    closed = not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISDIR(found.st_mode) and mine and closed
