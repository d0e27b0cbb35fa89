"""Read a user's file: only a regular file, and never more than a limit of bytes.

A device (``/dev/zero``), a named pipe or a folder, reached directly or through a
symbolic link, would make a plain ``read_bytes()`` grow without end or wait for
ever, and its size on disk says nothing about what it would give; so the file is
looked at before it is opened, opened without waiting, looked at again through
the open handle, and read no further than one byte past the limit.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from selfassess.problems import InputError, Problem, error

NOT_A_FILE = "E125"
_CHUNK = 1024 * 1024


def read_regular_file(
    path: Path, limit: int, shown: str, too_big: Callable[[int], Problem]
) -> bytes:
    """Return a regular file's bytes; refuse anything else, or more than limit bytes.

    too_big(size) makes the problem for a file over the limit; size is what the file
    claims, or limit + 1 when it gave more than it claimed.
    """
    try:
        _refuse_unless_regular(os.stat(path).st_mode, shown)
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError([cannot_read(shown, exc)]) from None
    try:
        return _read_handle(handle, limit, shown, too_big)
    except OSError as exc:
        raise InputError([cannot_read(shown, exc)]) from None
    finally:
        os.close(handle)


def _read_handle(handle: int, limit: int, shown: str, too_big: Callable[[int], Problem]) -> bytes:
    status = os.fstat(handle)  # the file opened, which a swapped link cannot change
    _refuse_unless_regular(status.st_mode, shown)
    if status.st_size > limit:
        raise InputError([too_big(status.st_size)])
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = os.read(handle, min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise InputError([too_big(limit + 1)])
    return b"".join(chunks)


def _refuse_unless_regular(mode: int, shown: str) -> None:
    if stat.S_ISREG(mode):
        return
    kind = "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"
    message = f"is {kind}, not a regular file; give the path of a file saved on disk"
    raise InputError([error(shown, 1, 1, NOT_A_FILE, message)])


def cannot_read(shown: str, exc: OSError) -> Problem:
    """Return the E100 problem for a file the system would not let us read."""
    return error(shown, 1, 1, "E100", f"cannot read file: {exc.strerror or exc}")
