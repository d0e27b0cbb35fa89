"""init, import and migrate never replace a file unasked; with --force they keep a .bak.

test_init, test_migrate and test_import cover each command's own refusal; these
tests hold all three to the same rules: the refused file is left byte for byte,
--force keeps exactly the replaced bytes, and a planted link is never followed.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, Run

AS_OF = "2025-07-01"
MINE = b"# my own notes, which must survive\nschema_version: 1\n"


def init_args(project: Path, target: Path) -> list[str]:
    return ["init", "--from", "assessments/example.yaml", "--as-of", AS_OF, "-o", str(target)]


def migrate_args(project: Path, target: Path) -> list[str]:
    legacy = project / "legacy.yaml"
    if not legacy.exists():
        shutil.copy(FIXTURES / "cycle" / "northvale-2022-23.yaml", legacy)
    return ["migrate", str(legacy), "--to", "hos-chc-2024", "-o", str(target)]


def import_args(project: Path, target: Path) -> list[str]:
    form = project / "out" / "example" / "self-assessment.docx"
    return ["import", str(form), "--period", "2024-25", "--as-of", AS_OF, "-o", str(target)]


COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "init": init_args,
    "migrate": migrate_args,
    "import": import_args,
}


@pytest.fixture
def args(request: pytest.FixtureRequest, run: Run, project: Path) -> Callable[[Path], list[str]]:
    """Return a function giving the command's arguments for an output file."""
    (project / "assessments" / "example-borough-council-2024-25.yaml").rename(
        project / "assessments" / "example.yaml"
    )
    assert run("render", "--format", "docx", "-o", "out", "assessments/example.yaml").exit_code == 0
    build = COMMANDS[request.param]
    return lambda target: build(project, target)


@pytest.mark.parametrize("args", list(COMMANDS), indirect=True)
def test_an_existing_file_is_refused_and_left_as_it_was(
    run: Run, project: Path, args: Callable[[Path], list[str]]
) -> None:
    target = project / "mine.yaml"
    target.write_bytes(MINE)
    result = run(*args(target))
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {target} already exists; use --force to replace it (a .bak copy is kept)\n",
    )
    assert target.read_bytes() == MINE
    assert not target.with_name("mine.yaml.bak").exists()


@pytest.mark.parametrize("args", list(COMMANDS), indirect=True)
def test_force_keeps_exactly_the_replaced_bytes(
    run: Run, project: Path, args: Callable[[Path], list[str]]
) -> None:
    target = project / "mine.yaml"
    target.write_bytes(MINE)
    result = run(*args(target), "--force")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"Wrote {target} (the previous version is kept as {target}.bak).\n"
    )
    assert (project / "mine.yaml.bak").read_bytes() == MINE
    assert target.read_bytes().startswith(b"# yaml-language-server: $schema=")
    # Forced again, the .bak holds the version just replaced (the first output).
    first = target.read_bytes()
    assert run(*args(target), "--force").exit_code == 0
    assert (project / "mine.yaml.bak").read_bytes() == first


@pytest.mark.parametrize("args", list(COMMANDS), indirect=True)
def test_a_planted_link_as_the_backup_is_not_followed(
    run: Run, project: Path, tmp_path: Path, args: Callable[[Path], list[str]]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    target = project / "mine.yaml"
    target.write_bytes(MINE)
    (project / "mine.yaml.bak").symlink_to(victim)
    result = run(*args(target), "--force")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: refusing to write {target}.bak: it is a symbolic link\n",
    )
    assert victim.read_bytes() == b"keep me"
    assert target.read_bytes() == MINE


@pytest.mark.parametrize("args", list(COMMANDS), indirect=True)
def test_an_output_that_is_a_link_is_not_followed(
    run: Run, project: Path, tmp_path: Path, args: Callable[[Path], list[str]]
) -> None:
    victim = tmp_path / "victim.yaml"
    victim.write_bytes(MINE)
    target = project / "mine.yaml"
    target.symlink_to(victim)
    result = run(*args(target), "--force")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: refusing to write {target}: it is a symbolic link\n",
    )
    assert victim.read_bytes() == MINE


@pytest.mark.parametrize("args", list(COMMANDS), indirect=True)
def test_standard_output_writes_no_file(
    run: Run, project: Path, args: Callable[[Path], list[str]]
) -> None:
    arguments = args(Path("-"))
    before = sorted(str(p.relative_to(project)) for p in project.rglob("*"))
    result = run(*arguments)
    assert result.exit_code == 0
    assert "schema_version: 1" in result.output
    after = sorted(str(p.relative_to(project)) for p in project.rglob("*"))
    assert after == before


@pytest.mark.parametrize("args", list(COMMANDS), indirect=True)
@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_force_keeps_the_replaced_files_mode_for_the_new_file_and_its_backup(
    run: Run, project: Path, args: Callable[[Path], list[str]], umask: int
) -> None:
    target = project / "mine.yaml"
    target.write_bytes(MINE)
    target.chmod(0o640)
    previous = os.umask(umask)
    try:
        result = run(*args(target), "--force")
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert stat.S_IMODE((project / "mine.yaml.bak").stat().st_mode) == 0o640


@pytest.mark.parametrize("args", list(COMMANDS), indirect=True)
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_a_new_file_gets_the_mode_the_umask_gives(
    run: Run, project: Path, args: Callable[[Path], list[str]], umask: int, mode: int
) -> None:
    target = project / "new.yaml"
    previous = os.umask(umask)
    try:
        result = run(*args(target))
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == mode
