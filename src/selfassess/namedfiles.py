"""Files named inside other files: `assessment:`, `casework:`, `previous:`, `owners_from:`, `log:`.

A file may come from another organisation, so what it names is read only when it lies
in the naming file's own folder (or below it) or in the project that holds the naming
file: the nearest folder above it with `.git` or `code_requirements/`, or else the
folder just above the naming file's own (so `assessments/`, `complaints/`, `reports/`
and `casework/` side by side work without either). Links are followed first, so a link
cannot lead out. `SELFASSESS_READ_ALSO` widens this to other
folders (separated as PATH is). The path must also be one a file system can hold, and
name a regular file, not a folder, device or pipe. Each refusal is a sentence for the
naming file's own problem at the key that names it; nothing of the named file is read.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

#: Folders besides the naming file's and its project's that named files may be in.
READ_ALSO = "SELFASSESS_READ_ALSO"
#: The longest name of one file or folder (ext4, NTFS, APFS) and of a whole path (Linux).
MAX_NAME_BYTES, MAX_PATH_BYTES = 255, 4096
_MARKERS = (".git", "code_requirements")


class Unusable(ValueError):
    """A named path that is not read, and why (words that follow the path in a message)."""


def named_file(naming: Path, value: str) -> Path:
    """Return the file `value` names, relative to the file `naming`; raise Unusable if it is not read."""
    _holdable(value)
    target = naming.parent / value
    try:
        real = Path(os.path.realpath(target))
        inside = _within(real, allowed_folders(naming))
        mode = os.stat(real).st_mode if inside else 0
    except FileNotFoundError:
        raise Unusable("does not exist (paths are relative to this file)") from None
    except (OSError, ValueError) as exc:
        raise Unusable(f"cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    if not inside:
        raise Unusable(
            "is outside this file's folder and its project, so it is not read; keep a "
            f"project's files together, or name the folder in {READ_ALSO}"
        )
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"
        raise Unusable(f"is {kind}, not a regular file; name a file saved on disk")
    return target


def _holdable(value: str) -> None:
    """Refuse a path no file system can hold: a NUL, a name over 255 bytes, a path over 4,096."""
    if "\x00" in value:
        raise Unusable("contains a NUL character, which no file name can hold; retype it")
    longest = max(len(part.encode("utf-8", "surrogatepass")) for part in re.split(r"[/\\]", value))
    if longest > MAX_NAME_BYTES:
        raise Unusable(
            f"has a part {longest:,} bytes long, over the {MAX_NAME_BYTES} a file or folder "
            "name can be; check it was pasted correctly"
        )
    if len(value.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        raise Unusable(f"is over the {MAX_PATH_BYTES:,} bytes a path can be")


def allowed_folders(naming: Path) -> list[Path]:
    """Return the folders a file may name files in: its own, its project's, and READ_ALSO's."""
    own = Path(os.path.realpath(naming.parent))
    folders = [own]
    for folder in (own, *own.parents):
        if any((folder / marker).exists() for marker in _MARKERS):
            folders.append(folder)
            break
    else:
        folders.append(own.parent)
    extra = os.environ.get(READ_ALSO, "")
    folders += [Path(os.path.realpath(part)) for part in extra.split(os.pathsep) if part.strip()]
    return folders


def _within(path: Path, folders: list[Path]) -> bool:
    return any(path == folder or path.is_relative_to(folder) for folder in folders)
