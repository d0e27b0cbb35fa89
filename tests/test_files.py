"""Outputs stay inside their folder, are written whole, and never replace a user's file unasked."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from selfassess.files import (
    current_umask,
    folder_lock,
    safe_join,
    write_all,
    write_atomic,
    write_new_file,
)
from selfassess.problems import OutputError


@pytest.mark.parametrize("name", ["../escape.html", "a/../../escape.html", "/etc/passwd", "", " "])
def test_paths_that_leave_the_folder_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError, match="outputs must stay inside"):
        safe_join(tmp_path, name)


def test_a_planted_symlink_to_a_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "build"
    root.mkdir()
    (root / "sections").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OutputError, match="leads outside"):
        safe_join(root, "sections/section-1.html")


def test_a_planted_symlink_to_a_file_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "out.html").symlink_to(victim)
    with pytest.raises(OutputError, match="symbolic link"):
        write_atomic(tmp_path / "out.html", b"new")
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_atomic_write_replaces_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to read-only folders")
def test_read_only_folder_gives_a_clear_error_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write"):
            write_atomic(target, b"new")
    finally:
        tmp_path.chmod(0o700)
    assert target.read_bytes() == b"old"


def test_full_disk_gives_a_clear_error_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match=r"cannot write .*No space left on device"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_new_file_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists; use --force"):
        write_new_file(target, "theirs")
    assert target.read_text(encoding="utf-8") == "mine"


def test_forced_overwrite_keeps_a_backup(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("mine", encoding="utf-8")
    backup = write_new_file(target, "theirs", force=True)
    assert backup == tmp_path / "a.yaml.bak"
    assert backup.read_text(encoding="utf-8") == "mine"
    assert target.read_text(encoding="utf-8") == "theirs"


def test_unwritable_folder_gives_a_clear_error_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    target = tmp_path / "page.html"
    target.write_bytes(b"old")

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(OutputError, match=r"cannot write .*Permission denied"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"


def test_a_full_disk_midway_leaves_every_output_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = {tmp_path / f"{name}.html": f"new {name}".encode() for name in "abcd"}
    for path in targets:
        path.write_bytes(b"old")
    written = 0
    real_fsync = os.fsync

    def fills_up(handle: int) -> None:
        nonlocal written
        written += 1
        if written == 3:
            raise OSError(28, "No space left on device")
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", fills_up)
    with pytest.raises(OutputError) as caught:
        write_all(targets)
    assert str(caught.value) == f"cannot write {tmp_path / 'c.html'}: No space left on device"
    assert [path.read_bytes() for path in targets] == [b"old"] * 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html", "c.html", "d.html"]


def test_a_symbolic_link_among_the_targets_is_refused_before_any_is_written(
    tmp_path: Path,
) -> None:
    first, linked = tmp_path / "a.html", tmp_path / "b.html"
    first.write_bytes(b"old")
    (tmp_path / "inside.txt").write_bytes(b"mine")
    linked.symlink_to(tmp_path / "inside.txt")  # inside the folder, so safe_join allows it
    with pytest.raises(OutputError, match="is a symbolic link"):
        write_all({first: b"new", linked: b"new"})
    assert first.read_bytes() == b"old"
    assert (tmp_path / "inside.txt").read_bytes() == b"mine"


def test_a_folder_lock_makes_a_second_run_wait(tmp_path: Path) -> None:
    # The holder writes its mark just before it lets go; a run that got in early would miss it.
    probe = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from selfassess.files import folder_lock\n"
        "folder = Path(sys.argv[1])\n"
        "with folder_lock(folder):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(1)\n"
        "    (folder / 'finished').write_text('yes')\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", probe, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "locked\n"
    with folder_lock(tmp_path):
        assert (tmp_path / "finished").read_text() == "yes"
    assert holder.wait(timeout=30) == 0


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_output_gets_0666_less_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        write_atomic(tmp_path / "page.html", b"<p>hello</p>")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == mode


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_replaced_output_keeps_its_mode(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    target.chmod(0o604)
    previous = os.umask(umask)
    try:
        write_atomic(target, b"new")
    finally:
        os.umask(previous)
    assert (target.read_bytes(), stat.S_IMODE(target.stat().st_mode)) == (b"new", 0o604)


def test_reading_the_umask_leaves_it_as_it_was() -> None:
    previous = os.umask(0o027)
    try:
        assert current_umask() == 0o027
        assert current_umask() == 0o027
    finally:
        os.umask(previous)


def test_every_output_is_on_disk_before_any_is_renamed_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = {tmp_path / f"{name}.html": f"new {name}".encode() for name in "abc"}
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(handle: int) -> None:
        events.append("flush")
        real_fsync(handle)

    def replace(source: str, target: Path) -> None:
        events.append(f"rename {Path(target).name}")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_all(targets)
    assert events == ["flush"] * 3 + ["rename a.html", "rename b.html", "rename c.html"]
    assert [path.read_bytes() for path in targets] == [b"new a", b"new b", b"new c"]
