"""Write outputs atomically, inside the folder they belong to, and never over a user's YAML."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from selfassess.problems import OutputError


def safe_join(root: Path, relative: str) -> Path:
    """Return root/relative, refusing a path that would land outside root."""
    candidate = Path(relative)
    parts = candidate.parts
    if candidate.is_absolute() or ".." in parts or not parts or not relative.strip():
        raise OutputError(f"refusing to write '{relative}': outputs must stay inside {root}")
    resolved_root = root.resolve()
    target = root
    # A symlink planted in the output folder, at any depth, must not lead the write elsewhere.
    for part in parts:
        target = target / part
        if not target.resolve().is_relative_to(resolved_root):
            raise OutputError(
                f"refusing to write '{relative}': {target} is a symbolic link that leads "
                f"outside {root}"
            )
    return target


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write a file so that readers see the old version or the new one, never a part.

    The file gets ``mode`` if given, else the mode of the file it replaces, else the
    mode a newly created file would get (0666 less the umask), so a web server can
    read what is published.
    """
    if path.is_symlink():
        raise OutputError(f"refusing to write {path}: it is a symbolic link")
    temporary = None
    try:
        wanted = mode if mode is not None else _mode_for(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        # mkstemp makes 0600 files; give the output the mode it is meant to have.
        os.fchmod(handle, wanted)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _mode_for(path: Path) -> int:
    """Return the mode of the file at path, or 0666 less the umask if there is none."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """Return the process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text atomically, with Unix line endings."""
    write_atomic(path, text.encode("utf-8"))


def write_new_file(path: Path, text: str, force: bool = False) -> Path | None:
    """Write a file the user asked for; refuse to replace one unless forced, then keep a .bak.

    Return the backup's path when one was made.
    """
    backup = None
    if path.exists():
        if not force:
            raise OutputError(
                f"{path} already exists; use --force to replace it (a .bak copy is kept)"
            )
        backup = path.with_name(path.name + ".bak")
        try:
            previous = path.read_bytes()
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError as exc:
            raise OutputError(f"cannot keep a backup of {path}: {exc.strerror or exc}") from exc
        # Written like any output, so a symbolic link planted as the .bak is refused, not followed;
        # it keeps the replaced file's mode, as the new file does.
        write_atomic(backup, previous, mode)
    write_text_atomic(path, text)
    return backup
