"""Code edition files and edition map files, checked by their rule tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import write
from selfassess.check.codefiles import ENTRY_RULES, PROVISION_RULES
from selfassess.check.dispatch import check_file
from selfassess.problems import Problem

AS_OF = dt.date(2025, 7, 1)


def put(name: str, text: str) -> Path:
    """Write a file in the working folder and return its relative path."""
    write(Path.cwd(), name, text)
    return Path(name)


def lines(problems: list[Problem]) -> list[str]:
    return [p.format() for p in problems]


def test_the_tables_name_every_rule() -> None:
    assert [r.__name__ for r in PROVISION_RULES] == ["listed_once_in_order", "safe_source"]
    assert [r.__name__ for r in ENTRY_RULES] == ["provisions_exist", "removed_means_no_target"]


def test_a_map_file_is_checked_against_its_editions(mini: Path) -> None:
    text = (
        "schema_version: 1\nfrom_edition: mini-code\nto_edition: mini-draft\nmappings:\n"
        "  - {from: '9.9', to: ['1.2'], relation: same}\n"
        "  - {from: '1.2', to: [], relation: same}\n"
    )
    assert lines(check_file(put("m.yaml", text), AS_OF)) == [
        "m.yaml:5:5: E208 mini-code has no provision 9.9",
        "m.yaml:6:5: E208 1.2: 'removed' goes with an empty to: list, and only it",
    ]


def test_a_code_file_lists_each_provision_once_in_order(mini: Path) -> None:
    edition = (mini / "code_requirements" / "mini-code.yaml").read_text(encoding="utf-8")
    text = edition.replace('id: "1.2"', 'id: "1.1"').replace(
        "source: https://", "source: javascript://", 1
    )
    assert lines(check_file(put("code.yaml", text), AS_OF)) == [
        "code.yaml:8:9: W310 source 'javascript://example.org/code' is not an http, https or "
        "mailto link; it will be published as plain text",
        "code.yaml:20:9: E209 provision 1.1 is listed twice",
    ]


def test_a_map_to_an_unknown_edition_names_the_known_ones(mini: Path) -> None:
    text = "schema_version: 1\nfrom_edition: mini-code\nto_edition: nowhere\nmappings: []\n"
    assert lines(check_file(put("m.yaml", text), AS_OF)) == [
        "m.yaml:3:13: E201 unknown Code edition 'nowhere' "
        "(known: hos-chc-2022, hos-chc-2024, mini-code, mini-draft)"
    ]


def test_the_bundled_editions_and_map_are_clean(mini: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "code_requirements"
    files = [*root.glob("hos-chc-*.yaml"), *root.glob("maps/*.yaml")]
    assert files and [p for f in files for p in check_file(f, AS_OF)] == []
