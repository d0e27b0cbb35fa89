"""The installed package carries its data, and a user's own copies override it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, Run


def test_users_code_requirements_override_the_bundled_ones(run: Run, project: Path) -> None:
    edition = project / "code_requirements" / "hos-chc-2024.yaml"
    text = edition.read_text(encoding="utf-8")
    edition.write_text(
        text.replace("summary: Use the Code's definition of a complaint", "summary: Our own copy"),
        encoding="utf-8",
    )
    shown = run("code", "show", "1.2").output
    assert "Our own copy" in shown
    result = run(
        "render",
        "--as-of",
        "2025-07-01",
        "--format",
        "md",
        "assessments/example-borough-council-2024-25.yaml",
    )
    assert result.exit_code == 0
    markdown = (
        project / "build" / "example-borough-council-2024-25" / "self-assessment.md"
    ).read_text(encoding="utf-8")
    assert "Our own copy" in markdown


def test_bundled_data_is_found_from_any_folder(tmp_path: Path) -> None:
    example = ROOT / "assessments" / "example-borough-council-2024-25.yaml"
    copy = tmp_path / "elsewhere" / example.name
    copy.parent.mkdir()
    shutil.copytree(ROOT / "complaints", tmp_path / "complaints")
    copy.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "selfassess",
            "render",
            "--as-of",
            "2025-07-01",
            "--format",
            "html",
            str(copy),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "build" / copy.stem / "self-assessment.html").is_file()


@pytest.mark.skipif(os.environ.get("SELFASSESS_SKIP_WHEEL") == "1", reason="asked to skip")
def test_wheel_includes_code_templates_and_schemas(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("selfassess-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "selfassess/code_requirements/hos-chc-2024.yaml",
        "selfassess/code_requirements/hos-chc-2022.yaml",
        "selfassess/code_requirements/deadlines.yaml",
        "selfassess/code_requirements/maps/hos-chc-2022--hos-chc-2024.yaml",
        "selfassess/templates/base.html",
        "selfassess/templates/self-assessment.html",
        "selfassess/schemas/assessment.schema.json",
        "selfassess/cli/__init__.py",
    }
    assert expected <= names


def test_the_installed_command_and_python_m_start_through_run(tmp_path: Path) -> None:
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="selfassess")
    assert script.value == "selfassess.cli:run"
    code = (
        "import gc, runpy, sys\n"
        "import selfassess.cli as cli\n"
        "cli.main = lambda: print(gc.get_freeze_count() > 0)\n"
        "runpy.run_module('selfassess', run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout == "True\n"
