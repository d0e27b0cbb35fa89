"""The registry of problem codes is complete, used, ordered and documented."""

from __future__ import annotations

import ast
import re

from conftest import ROOT
from selfassess.problemcodes import CODES, REGISTRY, SEVERITY_LETTERS, ProblemCode, severity
from selfassess.problems import Severity

SOURCE = ROOT / "src" / "selfassess"
README = (ROOT / "README.md").read_text(encoding="utf-8")
_CODE = re.compile(r"^[EWI]\d{3}$")


def codes_in_source() -> dict[str, list[str]]:
    """Return every problem code written as a string in the package, with where it is."""
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "problemcodes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and _CODE.match(text):
                found.setdefault(text, []).append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    return found


def test_every_code_used_is_registered() -> None:
    used = codes_in_source()
    assert used, "no problem codes found in the source: the scan is broken"
    assert {code: places for code, places in used.items() if code not in REGISTRY} == {}


def test_every_registered_code_is_used() -> None:
    used = codes_in_source()
    assert [row.code for row in CODES if row.code not in used] == []


def test_each_code_once_with_the_severity_its_letter_names() -> None:
    assert len(REGISTRY) == len(CODES)
    assert [r.code for r in CODES if SEVERITY_LETTERS[r.code[0]] != r.severity] == []


def test_rows_are_sorted_errors_then_warnings_then_notes() -> None:
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
    keys = [(rank[r.severity], r.code) for r in CODES]
    assert keys == sorted(keys)


def test_meanings_are_one_line_of_their_own() -> None:
    assert [r.code for r in CODES if not r.meaning or "\n" in r.meaning or "|" in r.meaning] == []


def test_severity_comes_from_the_registry_and_falls_back_to_the_letter() -> None:
    assert severity("E101") is Severity.ERROR
    assert severity("W301") is Severity.WARNING
    assert severity("I999") is Severity.NOTE
    assert severity("W999") is Severity.WARNING


def readme_rows() -> list[tuple[str, str, str]]:
    """Return (heading, code, meaning) for each row of the README's problem tables."""
    section = README.split("## What `check` looks for", 1)[1].split("\n## ", 1)[0]
    rows, heading = [], ""
    for line in section.splitlines():
        if line and not line.startswith("|"):
            heading = line.split()[0].rstrip(":")
        match = re.match(r"^\| ([EWI]\d{3}) \| (.*) \|$", line)
        if match:
            rows.append((heading, match.group(1), match.group(2)))
    return rows


def test_the_readme_tables_are_the_registry() -> None:
    headings = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.NOTE: "Notes"}
    expected = [(headings[r.severity], r.code, r.meaning) for r in CODES]
    assert readme_rows() == expected


def test_a_row_knows_its_fields() -> None:
    row = REGISTRY["E115"]
    assert row == ProblemCode("E115", Severity.ERROR, "`comply` is not yes or no")
