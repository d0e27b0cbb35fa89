"""Inputs that are not regular files: refused with E125 by every command, never read or waited on.

Each command runs in its own process with a time limit, so a command that waited on
a pipe for ever would fail the test instead of stopping the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, cli_probe, peak_memory
from selfassess.files import read_regular_file
from selfassess.problems import InputError, Problem, error

CASEWORK = ROOT / "casework" / "ombudsman-2024-25.yaml"
NOT_A_FILE = (
    "E125 is a device, pipe or socket, not a regular file; give the path of a file saved on disk"
)


def _commands(hostile: str, tmp: Path) -> dict[str, list[str]]:
    example = str(EXAMPLE)
    return {
        "check": ["check", hostile],
        "status": ["status", hostile],
        "diff old": ["diff", hostile, example],
        "diff new": ["diff", example, hostile],
        "gaps": ["gaps", hostile],
        "migrate": ["migrate", hostile, "--to", "hos-chc-2024", "-o", str(tmp / "m.yaml")],
        "init --from": ["init", "--from", hostile, "--landlord", "L", "-o", str(tmp / "i.yaml")],
        "import": ["import", hostile, "-o", str(tmp / "imported.yaml")],
        "code import": ["code", "import", hostile, "-o", str(tmp / "code.yaml")],
        "render --reference-docx": [
            "render", "--format", "docx", "--reference-docx", hostile, "-o", str(tmp / "out"),
            example,
        ],
        "practice": ["practice", "--period", "2024-25", hostile],
        "plan": ["plan", hostile, "-o", str(tmp / "plan")],
        "plan --reference-docx": [
            "plan", "--format", "docx", "--reference-docx", hostile, "-o", str(tmp / "plan"),
            str(CASEWORK),
        ],
    }  # fmt: skip


def _hostile_inputs(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    return {"fifo": fifo, "link to /dev/zero": zero}


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero"])
def test_every_command_refuses_what_is_not_a_regular_file(kind: str, tmp_path: Path) -> None:
    hostile = _hostile_inputs(tmp_path)[kind]
    for name, args in _commands(str(hostile), tmp_path).items():
        done = subprocess.run(
            [sys.executable, "-m", "selfassess", *args],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 1, (name, done.stdout, done.stderr)
        # practice prints its figures on standard output, so its problems go to standard error.
        shown = done.stderr if name == "practice" else done.stdout
        assert f"{hostile}:1:1: {NOT_A_FILE}" in shown.splitlines(), (name, done.stdout)
        assert "Traceback" not in done.stderr, name


def test_a_template_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    os.mkfifo(templates / "self-assessment.html")
    args = ["render", "--format", "html", "--templates", str(templates), str(EXAMPLE)]
    done = subprocess.run(
        [sys.executable, "-m", "selfassess", *args, "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert f"{templates / 'self-assessment.html'}:1:1: {NOT_A_FILE}" in done.stdout.splitlines()


def test_reading_dev_zero_stays_small(tmp_path: Path) -> None:
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    _, peak_kb, output = peak_memory(cli_probe("check", str(zero)))
    assert output.splitlines()[0] == "1"
    assert peak_kb < 100 * 1024, f"peak memory {peak_kb / 1024:.0f} MB"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_regular_file(tmp_path, 100, "shown", lambda size: pytest.fail("not a size problem"))
    assert caught.value.problems[0].format() == (
        "shown:1:1: E125 is a folder, not a regular file; give the path of a file saved on disk"
    )


def _sizes_seen() -> tuple[list[int], Callable[[int], Problem]]:
    sizes: list[int] = []

    def too_big(size: int) -> Problem:
        sizes.append(size)
        return error("shown", 1, 1, "E107", "too big")

    return sizes, too_big


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 1000)
    sizes, too_big = _sizes_seen()
    with pytest.raises(InputError):
        read_regular_file(path, 999, "shown", too_big)
    assert sizes == [1000]
    assert read_regular_file(path, 1000, "shown", too_big) == b"x" * 1000


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_a_file_that_claims_no_size_is_still_read_no_further_than_the_limit() -> None:
    # /proc files are regular files whose stat says 0 bytes, like a lying size would.
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    sizes, too_big = _sizes_seen()
    with pytest.raises(InputError):
        read_regular_file(status, 10, "shown", too_big)
    assert sizes == [11]
