"""Report lines: whatever an input holds, one problem prints as one line, and secrets stay out."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, write
from selfassess.problems import error, printable

CLEAN = (Path(__file__).parent / "fixtures" / "mini" / "clean.yaml").read_text(encoding="utf-8")
TOKEN = "ghp_" + "A1b2C3d4E5" * 4


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\nmini.yaml:1:1: E999 forged", "a\\x0amini.yaml:1:1: E999 forged"),
        ("\x1b[2K\x1b[1A", "\\x1b[2K\\x1b[1A"),
        ("line\u2028separator", "line\\u2028separator"),
        ("\u202eevil", "\\u202eevil"),
        ("\r", "\\x0d"),
        ("plain £ text, é", "plain £ text, é"),
    ],
)
def test_printable_escapes_what_would_break_a_line(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert error(text, 1, 1, "E100", text).format() == f"{shown}:1:1: E100 {shown}"


def test_a_key_with_a_line_break_cannot_forge_a_report_line(run: Run, mini: Path) -> None:
    forged = CLEAN.replace(
        "owners:\n", 'owners:\n  "x\\nforged.yaml:1:1: E999 all is well\\e[1A": {}\n'
    )
    write(mini, "a.yaml", forged)
    result = run("check", "a.yaml")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert not [line for line in lines if line.startswith("forged.yaml")]
    assert all(line.startswith("a.yaml:") for line in lines[:-1])
    assert "\x1b" not in result.output


def test_a_file_that_is_one_line_of_text_is_not_quoted(run: Run, mini: Path) -> None:
    (mini / "credentials").write_text(TOKEN + "\n", encoding="utf-8")
    (mini / "a.yaml").symlink_to(mini / "credentials")
    result = run("check", "a.yaml")
    assert result.output == (
        "a.yaml:1:1: E105 expected a mapping of keys to values at the top of the file, "
        "found a single piece of text\n1 error, 0 warnings in 1 file.\n"
    )


def test_a_value_is_quoted_at_most_30_characters(run: Run, mini: Path) -> None:
    write(mini, "a.yaml", CLEAN.replace("schema_version: 1", f"schema_version: {TOKEN}"))
    result = run("check", "a.yaml")
    assert TOKEN not in result.output
    assert result.output == (
        f"a.yaml:1:17: E112 schema_version: expected a whole number, found '{TOKEN[:27]}...'\n"
        "1 error, 0 warnings in 1 file.\n"
    )


@pytest.mark.parametrize(
    ("old", "command"),
    [
        ("name: Test Homes", ["status", "--as-of", "2025-07-01", "a.yaml"]),
        ("- Complaints policy, paragraph 2", ["diff", "clean.yaml", "a.yaml"]),
    ],
)
def test_terminal_reports_escape_what_an_input_holds(
    run: Run, mini: Path, old: str, command: list[str]
) -> None:
    new = old.split(" ", 1)[0] + ' "Test\\e[2J\\nsecond line"'
    write(mini, "a.yaml", CLEAN.replace(old, new, 1))
    result = run(*command)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "Test\\x1b[2J" in result.output  # a line break in a value stays a line break here
