"""Make an output folder's new set beside it, then exchange the two folders in one step.

The staging folder gets the output folder's owner, group, mode and extended attributes
(its access lists among them), every file of the user's in the folder (hard linked, or
copied when a link cannot be made and the file is the user's own), and the new outputs,
flushed to disk. Linux's renameat2(RENAME_EXCHANGE) then swaps the two folders
atomically: the path names the previous set or the new one, whenever the run is killed.
What another program saved into the folder meanwhile (a new file, or a file replaced by a
save) is moved from the previous set into the new one; the previous set, now under the
staging name, is then removed.

The exchange is not used (the caller writes in place instead) where it cannot be made or
would do harm: without renameat2 (not Linux, glibc before 2.28, a file system that
refuses it), for a mount point, for a folder holding the working folder (a shell open
in it would be left in a removed folder), a folder of more than MAX_CARRIED entries of
the user's, or one holding something that could not be carried faithfully or removed
afterwards (a device or pipe, a mount, a file marked immutable, another user's file that
cannot be linked, a folder that could not be given the same owner).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from selfassess.files import Output, mode_for, write_output
from selfassess.problems import OutputError

#: Entries of the user's (files and folders) carried into the new set; past this, in place.
MAX_CARRIED = 1000

Exchange = Callable[[Path, Path], bool]


class _NotHere(Exception):
    """The exchange cannot be used for this folder."""


def exchanged(folder: Path, outputs: Mapping[str, Output], stale: Sequence[str]) -> bool:
    """Make outputs current in folder by one exchange; False if it could not be used here.

    Raise OutputError if an output cannot be written; the folder is then as it was.
    """
    exchange = renameat2()
    real = Path(os.path.realpath(folder))
    if exchange is None or real.parent == real or _holds_working_folder(real):
        return False
    try:
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(real), dir=real.parent))
    except OSError:  # a parent that cannot be written to, or a name too long
        return False
    handle = os.open(staging, os.O_RDONLY)
    try:
        return _build_and_exchange(staging, handle, real, folder, outputs, set(stale), exchange)
    finally:
        # The staging folder, or after the exchange the previous set; gone before the
        # lock is let go, so the next run does not find it half removed.
        shutil.rmtree(staging, ignore_errors=True)
        os.close(handle)


def _build_and_exchange(
    staging: Path,
    handle: int,
    real: Path,
    folder: Path,
    outputs: Mapping[str, Output],
    stale: set[str],
    exchange: Exchange,
) -> bool:
    import fcntl

    # Once exchanged, this is the folder at the path: a run waiting for the previous
    # folder's lock finds the path names another folder and waits for this one's.
    fcntl.flock(handle, fcntl.LOCK_EX)
    skip = {*outputs, *stale}
    carried: dict[str, int] = {}
    try:
        _copy_attributes(real, staging)
        _carry(real, staging, skip, "", carried)
    except (_NotHere, OSError):
        return False
    _write_into(staging, folder, outputs)
    if not exchange(staging, real):
        return False
    _sync(real.parent)
    _rescue(staging, real, skip, "", carried)
    return True


def _carry(
    source: Path, target: Path, skip: set[str], prefix: str, carried: dict[str, int]
) -> None:
    """Carry every entry of source not in skip into target: folders made alike, files linked.

    carried gets each entry's path and number (inode), to tell afterwards what changed.
    """
    if not os.access(source, os.W_OK | os.X_OK):  # the previous set could not be removed
        raise _NotHere
    device = os.lstat(source).st_dev
    with os.scandir(source) as entries:
        for entry in entries:
            relative = prefix + entry.name
            if relative in skip:
                continue
            found = entry.stat(follow_symlinks=False)
            carried[relative] = found.st_ino
            plain = stat.S_ISREG(found.st_mode) or stat.S_ISDIR(found.st_mode)
            if len(carried) > MAX_CARRIED or (plain and fixed(entry.path)):
                raise _NotHere
            into = target / entry.name
            if stat.S_ISDIR(found.st_mode) and found.st_dev == device:
                into.mkdir()
                _copy_attributes(Path(entry.path), into)
                _carry(Path(entry.path), into, skip, relative + "/", carried)
            else:
                _carry_file(entry.path, into, found)


def _rescue(old: Path, new: Path, skip: set[str], prefix: str, carried: dict[str, int]) -> None:
    """Move into the new set what another program saved in the folder as it was being made.

    A file added, or replaced by a save, since it was carried is in the previous set only.
    """
    with os.scandir(old) as entries:
        for entry in entries:
            relative = prefix + entry.name
            if relative in skip:
                continue
            number = entry.inode()
            if carried.get(relative) != number:
                with contextlib.suppress(OSError):
                    os.replace(entry.path, new / entry.name)
            elif entry.is_dir(follow_symlinks=False):
                _rescue(Path(entry.path), new / entry.name, skip, relative + "/", carried)


def _carry_file(source: str, target: Path, found: os.stat_result) -> None:
    if stat.S_ISLNK(found.st_mode):
        os.symlink(os.readlink(source), target)
        _own_like(found, target)
    elif not stat.S_ISREG(found.st_mode):  # a device, pipe, socket or mount point
        raise _NotHere
    else:
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError:
            if found.st_uid != os.geteuid():  # a copy would become ours
                raise _NotHere from None
            shutil.copy2(source, target, follow_symlinks=False)


def _copy_attributes(source: Path, target: Path) -> None:
    """Give a new folder the owner, group, mode and extended attributes of another."""
    found = os.lstat(source)
    for name in _attribute_names(source):
        value = os.getxattr(source, name, follow_symlinks=False)
        os.setxattr(target, name, value, follow_symlinks=False)
    _own_like(found, target)
    os.chmod(target, stat.S_IMODE(found.st_mode))


def _attribute_names(path: Path) -> list[str]:
    try:
        names = os.listxattr(path, follow_symlinks=False)
    except OSError:  # a file system without them
        return []
    # Security labels are the system's to give; a new folder gets its own.
    return [name for name in names if not name.startswith(("security.", "trusted."))]


def _own_like(found: os.stat_result, target: Path) -> None:
    now = os.lstat(target)
    if (now.st_uid, now.st_gid) != (found.st_uid, found.st_gid):
        try:
            os.chown(target, found.st_uid, found.st_gid, follow_symlinks=False)
        except OSError:
            raise _NotHere from None


def _write_into(staging: Path, folder: Path, outputs: Mapping[str, Output]) -> None:
    """Write every output into the staging folder and flush it to disk."""
    handles: list[int] = []
    current = ""
    try:
        for current, data in outputs.items():
            _write_new(staging / current, data, mode_for(folder / current), handles)
        # All written before any is flushed, so the disk takes them together.
        for name, handle in zip(outputs, handles, strict=True):
            current = name  # the file named if the disk fills as it is flushed
            os.fsync(handle)
    except OSError as exc:
        raise OutputError(f"cannot write {folder / current}: {exc.strerror or exc}") from exc
    finally:
        for handle in handles:
            os.close(handle)
    for place in {staging, *((staging / relative).parent for relative in outputs)}:
        _sync(place)


def _write_new(path: Path, data: Output, mode: int, handles: list[int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    handle = os.open(path, flags, 0o600)
    handles.append(handle)
    os.fchmod(handle, mode)
    write_output(handle, data)


def _sync(folder: Path) -> None:
    """Flush a folder's entries to disk, where the system allows it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _holds_working_folder(real: Path) -> bool:
    try:
        here = Path(os.getcwd())
    except OSError:  # the working folder was removed
        return False
    return here == real or real in here.parents


@functools.cache
def renameat2() -> Exchange | None:
    """Return a function exchanging two paths atomically (True if done), or None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without it (glibc before 2.28)
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    here, exchange = -100, 2  # AT_FDCWD, RENAME_EXCHANGE

    def swap(first: Path, second: Path) -> bool:
        done: int = function(here, os.fsencode(first), here, os.fsencode(second), exchange)
        return done == 0

    return swap


def staging_prefix(real: Path) -> str:
    """Return the start of the name of a staging folder beside the folder at real."""
    return f".{real.name}.selfassess-"


_FIXED_FLAGS = 0x10 | 0x20  # FS_IMMUTABLE_FL | FS_APPEND_FL


def fixed(path: Path | str) -> bool:
    """Tell whether a file or folder is marked immutable or append-only (Linux's chattr)."""
    if not sys.platform.startswith("linux"):
        return False
    import fcntl
    import struct

    get_flags = 0x80006601 | (struct.calcsize("l") << 16)  # _IOR('f', 1, long)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        flags = bytearray(struct.calcsize("l"))
        fcntl.ioctl(handle, get_flags, flags)
    except OSError:  # a file system without such marks
        return False
    finally:
        os.close(handle)
    return bool(int.from_bytes(flags[:4], sys.byteorder) & _FIXED_FLAGS)
