"""The output folder and its one write: a run's files become current all at once, or not at all.

Every command that writes a folder (render, report, plan, practice -o) builds its files
in memory and hands them here as {path inside the folder: bytes}; a file too large to
hold (verdicts.csv) comes as a Streamed output, made as it is written. Under the folder's
lock, every target is checked first (no link, folder or input where a file goes, nothing
marked immutable), then the new set is made in a staging folder beside the output
folder (render/swap.py): the outputs, flushed to disk, and every file of the user's in
the folder, linked or copied. One atomic exchange of the two folders makes the new set
current, so a run killed at any moment leaves the previous set or the new one. Where no
exchange can be made, the outputs are written to temporaries beside their targets,
flushed, then renamed into place: a failure still leaves the folder as it was.

Whatever a killed run left (a staging folder, a temporary) is removed by the next run
into the folder: it holds the lock, so it knows no live run owns them.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from selfassess.files import Output, folder_lock, input_at, safe_join, write_all
from selfassess.problems import OutputError
from selfassess.render import swap
from selfassess.render.swap import fixed, staging_prefix


def write_folder(
    folder: Path, outputs: Mapping[str, Output], owned: Iterable[str] = ()
) -> list[Path]:
    """Make the outputs current in folder, all of them or none; return their paths.

    Paths are relative to folder, with "/" between parts. ``owned`` holds patterns
    (such as "sections/section-*.html") of files this run makes: any such file this run
    does not write is stale (an earlier run's fragment for a section now gone) and is
    removed in the same step. Every other file in the folder is kept.
    """
    targets = {relative: safe_join(folder, relative) for relative in outputs}
    existed = os.path.lexists(folder)
    with folder_lock(folder):
        try:
            _write_locked(folder, outputs, tuple(owned))
        except OutputError:
            if not existed:  # a folder made only to be locked goes again
                _remove_if_empty(folder)
            raise
    return list(targets.values())


def _write_locked(folder: Path, outputs: Mapping[str, Output], owned: tuple[str, ...]) -> None:
    remove_leftovers(folder, outputs)
    stale = _stale(folder, outputs, owned)
    for relative in outputs:
        _check_target(folder, relative, "write")
    for relative in stale:
        _check_target(folder, relative, "remove the stale")
    if swap.exchanged(folder, outputs, stale):
        return
    made = sorted(
        {p for r in outputs for p in (folder / r).parents if not p.exists()}, reverse=True
    )
    try:
        write_all({folder / relative: data for relative, data in outputs.items()})
    except OutputError:
        for place in made:  # deepest first: the folders made for the outputs go again
            _remove_if_empty(place)
        raise
    for relative in stale:
        (folder / relative).unlink(missing_ok=True)


def _stale(folder: Path, outputs: Mapping[str, Output], owned: tuple[str, ...]) -> list[str]:
    """Return the owned files in folder that this run does not write."""
    found = {path for pattern in owned for path in folder.glob(pattern)}
    relatives = (path.relative_to(folder).as_posix() for path in sorted(found))
    return [relative for relative in relatives if relative not in outputs]


def _check_target(folder: Path, relative: str, verb: str) -> None:
    """Refuse a target that is a link, a folder, an input or fixed, or lies under one."""
    target = folder / relative
    parts = relative.split("/")
    place = folder
    for depth, part in enumerate(parts, start=1):
        place = place / part
        try:
            found = os.lstat(place)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise OutputError(f"cannot {verb} {target}: {exc.strerror or exc}") from exc
        if depth < len(parts):
            _check_folder(target, place, found, verb)
    _check_file(target, found, verb)


def _check_folder(target: Path, place: Path, found: os.stat_result, verb: str) -> None:
    if stat.S_ISLNK(found.st_mode):
        raise OutputError(f"refusing to {verb} {target}: {place} is a symbolic link")
    if not stat.S_ISDIR(found.st_mode):
        raise OutputError(f"cannot {verb} {target}: {place} is not a folder")


def _check_file(target: Path, found: os.stat_result, verb: str) -> None:
    if stat.S_ISLNK(found.st_mode):
        raise OutputError(f"refusing to {verb} {target}: it is a symbolic link")
    if stat.S_ISDIR(found.st_mode):
        raise OutputError(f"cannot {verb} {target}: it is a folder; move it away or rename it")
    if not stat.S_ISREG(found.st_mode):
        raise OutputError(f"cannot {verb} {target}: it is not a regular file")
    read = input_at(target)
    if read is not None:
        which = "a file" if read == target.absolute() else f"the same file as {read},"
        raise OutputError(
            f"refusing to {verb} {target}: it is {which} which this command reads; "
            "write the outputs into another folder"
        )
    if fixed(target):
        raise OutputError(
            f"cannot {verb} {target}: it is marked immutable or append-only (chattr); "
            "clear the mark or write the outputs into another folder"
        )


def remove_leftovers(folder: Path, outputs: Iterable[str]) -> None:
    """Remove what killed runs left: staging folders beside folder, temporaries inside it.

    Called only under the folder's lock, when no live run can own any of them.
    """
    real = Path(os.path.realpath(folder))
    if real.parent != real:
        pattern = re.compile(re.escape(staging_prefix(real)) + r"[a-z0-9_]{8}")
        for entry in _entries(real.parent):
            if pattern.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
    for relative in outputs:
        target = folder / relative
        if not target.parent.is_dir() or target.parent.is_symlink():
            continue
        for leftover in target.parent.glob(f".{target.name}.*.tmp"):
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink(missing_ok=True)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
