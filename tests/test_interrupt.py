"""Killing render at any moment leaves every output as it was or wholly new, never cut short."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import EXAMPLE, ROOT

KILL_POINTS = 12


def render(source: Path, out: Path) -> subprocess.Popen[bytes]:
    """Start rendering an assessment into out."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "selfassess",
            "render",
            "--as-of",
            "2025-07-01",
            "-o",
            str(out),
            str(source),
        ],
        cwd=source.parent.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every output file (not temporary files) under a folder, by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".tmp")
    }


def test_sigkill_never_leaves_a_truncated_output(tmp_path: Path) -> None:
    (tmp_path / "assessments").mkdir()
    shutil.copytree(ROOT / "code_requirements", tmp_path / "code_requirements")
    shutil.copytree(ROOT / "complaints", tmp_path / "complaints")
    old_source = tmp_path / "assessments" / EXAMPLE.name
    old_source.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    new_text = EXAMPLE.read_text(encoding="utf-8").replace(
        "Example Borough Council", "Example Borough Council (renamed)"
    )
    reference = tmp_path / "reference"
    assert render(old_source, reference / "old").wait() == 0
    old = snapshot(reference / "old" / old_source.stem)
    old_source.write_text(new_text, encoding="utf-8")
    assert render(old_source, reference / "new").wait() == 0
    new = snapshot(reference / "new" / old_source.stem)
    assert old.keys() == new.keys() and all(old[k] != new[k] for k in ("self-assessment.html",))

    chooser = random.Random(20250701)
    start = time.perf_counter()
    assert render(old_source, tmp_path / "timing").wait() == 0
    full_run = time.perf_counter() - start
    for point in range(KILL_POINTS):
        out = tmp_path / f"out{point}"
        old_source.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        assert render(old_source, out).wait() == 0
        old_source.write_text(new_text, encoding="utf-8")
        process = render(old_source, out)
        time.sleep(chooser.uniform(0, full_run))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        for name, content in snapshot(out / old_source.stem).items():
            assert content in (old[name], new[name]), (
                f"kill point {point}: {name} is neither version"
            )
