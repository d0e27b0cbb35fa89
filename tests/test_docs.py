"""The README documents every command (tests/test_problemcodes.py checks its problem codes)."""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from selfassess.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    import click

    names = []
    for name, command in main.commands.items():
        if isinstance(command, click.Group):
            names += [f"selfassess {name} {sub}" for sub in command.commands]
        else:
            names.append(f"selfassess {name}")
    missing = [name for name in names if f"`{name}" not in README]
    assert missing == []


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert blocks[0] == "./scripts/setup"
    setup = (ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    assert "selfassess render" in setup
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] == "./scripts/test"
    assert ci.rstrip().splitlines()[-1] == blocks[1]


def test_both_commands_install_into_a_project_venv_never_the_system_python() -> None:
    for name in ("setup", "test"):
        script = (ROOT / "scripts" / name).read_text(encoding="utf-8")
        assert "source scripts/venv" in script
        assert "python3 -m pip" not in script
    venv = (ROOT / "scripts" / "venv").read_text(encoding="utf-8")
    assert '-m venv "$VENV"' in venv
    assert '"$VENV/bin/python" -m pip install' in venv


# --- Every command example in the README and docs/ runs, and prints what the page shows ---------

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
#: What the test suite cannot run from inside itself; test_readme_opens_with_the_two_commands
#: holds these two to the scripts CI runs.
NOT_RUN = {
    "./scripts/setup": "installs and renders the examples",
    "./scripts/test": "this suite",
    # A live server that runs until stopped; tests/serve/ runs it on a free port and stops it.
    ".venv/bin/selfassess serve": "a server",
}
PROJECT = ("assessments", "casework", "complaints", "reports", "code_requirements", "schemas")


@dataclass(frozen=True)
class Example:
    """One ```sh block of a page, and the ```text block right after it if there is one."""

    page: str
    line: int
    commands: tuple[str, ...]
    shown: str | None

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.commands[0]}"


def _examples() -> list[Example]:
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        fences = list(_FENCE.finditer(text))
        for fence, after in zip(fences, [*fences[1:], None], strict=True):
            if fence.group(1) != "sh":
                continue
            between = text[fence.end() : after.start()] if after else "x"
            # What a command prints is shown in a ```text block (or ```yaml, for YAML it
            # prints) right after it; a block with words between is something else.
            printed = after is not None and after.group(1) in ("text", "yaml")
            shown = after.group(2) if after and printed and not between.strip() else None
            commands = tuple(
                line.split("  #")[0].strip() for line in fence.group(2).splitlines() if line.strip()
            )
            line = text[: fence.start()].count("\n") + 1
            found.append(Example(path.relative_to(ROOT).as_posix(), line, commands, shown))
    return found


def _not_run(example: Example) -> bool:
    return any(example.commands[0].startswith(command) for command in NOT_RUN)


EXAMPLES = [example for example in _examples() if not _not_run(example)]


def test_the_examples_are_found() -> None:
    assert len(EXAMPLES) >= 8 and sum(1 for e in EXAMPLES if e.shown) >= 4
    left_out = {
        next(c for c in NOT_RUN if e.commands[0].startswith(c)) for e in _examples() if _not_run(e)
    }
    assert left_out == set(NOT_RUN)


def _prepare(folder: Path, command: str) -> None:
    """Make what a page's example takes as already there (last year's form, a 2022 file)."""
    from docsprep import PREPARE

    for start, prepare in PREPARE.items():
        if command.startswith(start):
            prepare(folder)


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_each_example_runs_and_prints_what_the_page_shows(
    example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in PROJECT:
        shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    printed = []
    for command in example.commands:
        _prepare(tmp_path, command)
        words, _, target = command.partition(" > ")
        args = shlex.split(words)
        assert args[0] == "selfassess", command
        result = CliRunner().invoke(main, args[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{example}: {command}\n{result.output}"
        if target:
            (tmp_path / target.strip()).write_text(result.output, encoding="utf-8")
        else:
            printed.append(result.output)
    if example.shown is not None:
        assert "".join(printed) == example.shown, str(example)


def test_the_pages_give_summary_json_s_schema_version() -> None:
    from selfassess.assessment.summaryjson import SUMMARY_SCHEMA_VERSION

    publishing = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    assert f"(`schema_version: {SUMMARY_SCHEMA_VERSION}`)" in publishing
    assert f"(`schema_version` {SUMMARY_SCHEMA_VERSION})" in README
