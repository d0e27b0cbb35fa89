"""Read inputs only from regular files, within a limit; write outputs atomically.

Outputs stay inside the folder they belong to, and never land over a user's YAML.

What selfassess keeps between runs (templates compiled to bytecode, bank holidays) goes
in a private cache folder per selfassess and Python version, so a cache never outlives
the code that wrote it. Only a folder that is the user's own and closed to others is
used: bytecode read from a folder someone else can write to would run their code.
Without one, nothing is cached.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from selfassess.problems import InputError, OutputError, Problem, error


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


class Streamed:
    """An output made piece by piece as it is written, so that a large one is never held whole.

    A writer returns one in place of bytes (verdicts.csv, a row per complaint): its
    pieces are made each time it is written or read.
    """

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], Iterable[bytes]]) -> None:
        self._make = make

    def pieces(self) -> Iterable[bytes]:
        """Make the output's bytes, in order."""
        return self._make()

    def read(self) -> bytes:
        """Return the whole output."""
        return b"".join(self._make())


#: What an output file holds: its bytes, or the means to make them as it is written.
Output = bytes | Streamed


def write_output(handle: int, data: Output) -> None:
    """Write an output's bytes (all of its pieces) to an open file."""
    for piece in (data,) if isinstance(data, bytes) else data.pieces():
        view = memoryview(piece)
        while view:
            view = view[os.write(handle, view) :]


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write a file so that readers see the old version or the new one, never a part.

    The file gets ``mode`` if given, else the mode of the file it replaces, else the
    mode a newly created file would get (0666 less the umask), so a web server can
    read what is published.
    """
    write_all({path: data}, {path: mode} if mode is not None else None)


def write_all(outputs: Mapping[Path, Output], modes: dict[Path, int] | None = None) -> None:
    """Write several files so that each is wholly old or wholly new, and all or none change.

    Every target is checked first, then every file is written to a temporary beside
    it, and only when all are written and on disk are they renamed into place: a refused
    target or a full disk leaves every output as it was. The temporaries are all written
    before any is flushed to disk, so the disk takes them together (a third less time
    than writing and flushing each in turn). Each file gets its mode from ``modes`` if
    given there, else as write_atomic says.
    """
    for path in outputs:
        if path.is_symlink():
            raise OutputError(f"refusing to write {path}: it is a symbolic link")
    staged: dict[Path, str] = {}
    handles: list[int] = []
    current = None
    try:
        for current, data in outputs.items():
            wanted = (modes or {}).get(current)
            mode = wanted if wanted is not None else mode_for(current)
            staged[current] = _stage(current, data, mode, handles)
        for path, handle in zip(list(staged), handles, strict=True):
            current = path  # the file named if the disk fills as it is flushed
            os.fsync(handle)
        _close(handles)
        for current, temporary in staged.items():
            os.replace(temporary, current)
    except OSError as exc:
        _close(handles)
        for temporary in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise OutputError(f"cannot write {current}: {exc.strerror or exc}") from exc


def _stage(path: Path, data: Output, mode: int, handles: list[int]) -> str:
    """Write data to a new temporary beside path, left open in handles; return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    handles.append(handle)
    try:
        # mkstemp makes 0600 files; give the output the mode it is meant to have.
        os.fchmod(handle, mode)
        write_output(handle, data)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def _close(handles: list[int]) -> None:
    while handles:
        with contextlib.suppress(OSError):
            os.close(handles.pop())


#: How long a run waits for another run writing into the same folder before it gives up.
LOCK_WAIT_SECONDS = 120.0


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder while one run writes into it.

    A second run into the same folder waits for the first (at most LOCK_WAIT_SECONDS,
    then it is refused), so tidying up what a killed run left behind can never remove
    a live run's files. A run that swaps a new folder in for the old one holds the new
    one's lock too, so a waiting run that wakes holding the old folder's lock sees that
    the path names another folder now and takes that one's lock instead. Where the
    system has no such locks (Windows), runs are not serialised.
    """
    wait = LOCK_WAIT_SECONDS  # read now, so a test may lower it
    try:
        import fcntl
    except ImportError:
        yield
        return
    handle = _locked(folder, wait, fcntl)
    try:
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _locked(folder: Path, wait: float, fcntl: Any) -> int:
    """Return an open handle on folder holding its lock, once the folder at the path is it."""
    deadline = time.monotonic() + wait
    pause = 0.005
    while True:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle = os.open(folder, os.O_RDONLY)
        except OSError as exc:
            raise OutputError(f"cannot write into {folder}: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if _same_file(os.fstat(handle), folder):
                return handle
        except BlockingIOError:
            pass
        os.close(handle)
        if time.monotonic() > deadline:
            raise OutputError(
                f"cannot write into {folder}: another run has been writing into it for over "
                f"{wait:g} seconds; try again when it has finished"
            )
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _same_file(found: os.stat_result, path: Path) -> bool:
    try:
        now = os.stat(path)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (found.st_dev, found.st_ino)


def mode_for(path: Path) -> int:
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


# Reading inputs: only a regular file, and never more than a limit of bytes.
#
# A device (/dev/zero), a named pipe or a folder, reached directly or through a
# symbolic link, would make a plain read_bytes() grow without end or wait for ever,
# and its size on disk says nothing about what it would give; so the file is looked
# at before it is opened, opened without waiting, looked at again through the open
# handle, and read no further than one byte past the limit.

NOT_A_FILE = "E125"
_CHUNK = 1024 * 1024


def read_regular_file(
    path: Path, limit: int, shown: str, too_big: Callable[[int], Problem]
) -> bytes:
    """Return a regular file's bytes; refuse anything else, or more than limit bytes.

    too_big(size) makes the problem for a file over the limit; size is what the file
    claims, or limit + 1 when it gave more than it claimed.
    """
    note_dependency(path)
    try:
        _refuse_unless_regular(os.stat(path).st_mode, shown)
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError([cannot_read(shown, exc)]) from None
    try:
        data = _read_handle(handle, limit, shown, too_big)
        opened = os.fstat(handle)
        _INPUTS[(opened.st_dev, opened.st_ino)] = path.absolute()
        return data
    except OSError as exc:
        raise InputError([cannot_read(shown, exc)]) from None
    finally:
        os.close(handle)


#: Every file this process has read as an input, by device and inode, with the path read.
_INPUTS: dict[tuple[int, int], Path] = {}


def forget_inputs() -> None:
    """Forget the inputs read so far (a command starts with none)."""
    _INPUTS.clear()


def input_at(path: Path) -> Path | None:
    """Return the input this process read if path is that very file, else None.

    Outputs use it to refuse replacing an input (a log kept as DIR/verdicts.csv).
    """
    try:
        found = os.lstat(path)
    except OSError:
        return None
    read = _INPUTS.get((found.st_dev, found.st_ino))
    # An input deleted since then may have left its number to another file.
    return read if read is not None and _same_file(found, read) else None


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


# What a run depends on: `serve` records every input a render reads (or looks for), so it
# renders again when any of them is saved. Outside a recording this costs one test.

_RECORDINGS: list[set[Path]] = []
T = TypeVar("T")


@contextlib.contextmanager
def recording_dependencies() -> Iterator[set[Path]]:
    """Collect the absolute path of every input read (or looked for) inside the block."""
    found: set[Path] = set()
    _RECORDINGS.append(found)
    try:
        yield found
    finally:
        _RECORDINGS.remove(found)


def note_dependency(path: Path | str) -> None:
    """Record that what is being built depends on a file (whether or not it exists yet)."""
    if _RECORDINGS:
        absolute = Path(os.path.abspath(path))
        for found in _RECORDINGS:
            found.add(absolute)


def file_signature(path: Path) -> tuple[int, int, int] | None:
    """Return what changes when a file is saved (time, size, inode), or None if it is absent."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino


def cached_by_file(load: Callable[[Path], T]) -> Callable[[Path], T]:
    """Keep what load(path) returns for as long as the file is unchanged, noting the dependency.

    A process that lives on (`serve`) sees a saved file again; a short run pays one stat.
    """
    kept: dict[Path, tuple[tuple[int, int, int] | None, T]] = {}

    def cached(path: Path) -> T:
        note_dependency(path)
        signature = file_signature(path)
        found = kept.get(path)
        if found is not None and signature is not None and found[0] == signature:
            return found[1]
        value = load(path)
        kept[path] = (signature, value)
        return value

    return cached


#: Where caches go; set it to an empty value to cache nothing.
CACHE_VARIABLE = "SELFASSESS_CACHE_DIR"


def cache_dir(kind: str) -> Path | None:
    """Return this version's private cache folder for one kind of thing, or None."""
    from selfassess import __version__

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
