"""The house rules of the package's layout, so the rooms stay where a newcomer looks."""

from __future__ import annotations

import ast
from pathlib import Path

import click

from conftest import ROOT
from selfassess.cli import main
from selfassess.cli.common import Command

PACKAGE = ROOT / "src" / "selfassess"
#: The spine stays small: a new concern gets a package of its own (as check/, code/, ...).
MOST_TOP_LEVEL_MODULES = 12


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_cli_imports_click() -> None:
    outside = [p for p in PACKAGE.rglob("*.py") if "cli" not in p.relative_to(PACKAGE).parts]
    assert outside and [str(p) for p in outside if "click" in _imports(p)] == []


def test_exit_codes_are_decided_in_one_place() -> None:
    raising = []
    for path in (PACKAGE / "cli").glob("*.py"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Raise) and "SystemExit" in ast.unparse(node):
                raising.append(path.name)
    assert sorted(set(raising)) == ["common.py"]


def test_every_command_reports_errors_through_command() -> None:
    commands = []
    for command in main.commands.values():
        group = isinstance(command, click.Group)
        commands += list(command.commands.values()) if group else [command]
    assert commands and [c.name for c in commands if not isinstance(c, Command)] == []


def test_the_top_level_holds_at_most_a_dozen_modules() -> None:
    modules = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))
    assert len(modules) <= MOST_TOP_LEVEL_MODULES, modules
