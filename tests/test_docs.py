"""The README documents every command (tests/test_problemcodes.py checks its problem codes)."""

from __future__ import annotations

import re

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
