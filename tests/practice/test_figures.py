"""The practice figures cross packages as typed objects, and each label is written once.

practice.json's shape is an output, not an interface: outside ``practice/`` no module reads
a figure by its JSON key (mypy cannot check a key), and the words a figure is shown under
are written only in ``practice/labels.py``.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, ROOT
from selfassess.practice import (
    PracticeFigures,
    compute_for,
    figures_of,
    labels,
    load_settings,
    practice_data,
    summary_data,
)

PACKAGE = ROOT / "src" / "selfassess"
AS_OF = dt.date(2025, 7, 1)
#: Maps whose keys are the log's own words, problem codes or provision ids, not figures' names.
VALUE_MAPS = {"outcomes", "refused_by_reason", "provisions", "left_out_because"}
#: practice.json's keys that other files' formats use too (the casework register's
#: "by_category" and "cases", the Code's "provisions", an assessment's "period" and "start",
#: every versioned and dated output's "schema_version" and "as_of"): a lookup by one of these
#: is not told apart by its key alone, so the scans leave them out.
SHARED_KEYS = {"as_of", "by_category", "cases", "period", "provisions", "schema_version", "start"}


@pytest.fixture(scope="module")
def figures() -> PracticeFigures:
    return figures_of(compute_for(load_settings(EXAMPLE), AS_OF))


def _keys(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            if key not in VALUE_MAPS:
                yield from _keys(value)
    elif isinstance(data, list):
        for value in data:
            yield from _keys(value)


def figure_keys(figures: PracticeFigures) -> set[str]:
    """Return every key practice.json and summary.json's practice part use for a figure."""
    return {*_keys(practice_data(figures)), *_keys(summary_data(figures))} - SHARED_KEYS


def _key_of(node: ast.AST) -> ast.expr | None:
    """Return the key of `x["key"]` or `x.get("key")`, else None."""
    if isinstance(node, ast.Subscript):
        return node.slice
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
    ):
        return node.args[0]
    return None


def _names_a_figure(key: ast.expr, figure_keys: set[str]) -> bool:
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value in figure_keys
    if isinstance(key, ast.JoinedStr):  # f"stage_{number}" may name any stage's figures
        pattern = "".join(
            re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in key.values
        )
        return any(re.fullmatch(pattern, name) for name in figure_keys)
    return False


def lookups(source: str, figure_keys: set[str]) -> list[str]:
    """Return each lookup of a figure by its JSON key in some Python source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        key = _key_of(node)
        if key is not None and _names_a_figure(key, figure_keys):
            found.append(f"{node.lineno}: {ast.unparse(node)}")  # type: ignore[attr-defined]
    return found


def _outside_practice() -> list[Path]:
    return [
        p for p in sorted(PACKAGE.rglob("*.py")) if p.relative_to(PACKAGE).parts[0] != "practice"
    ]


def test_no_module_outside_practice_reads_a_figure_by_its_json_key(
    figures: PracticeFigures,
) -> None:
    keys = figure_keys(figures)
    found = {
        str(path.relative_to(PACKAGE)): hits
        for path in _outside_practice()
        if (hits := lookups(path.read_text(encoding="utf-8"), keys))
    }
    assert found == {}


def test_the_scan_knows_the_figures_keys_and_finds_the_old_lookups(
    figures: PracticeFigures,
) -> None:
    keys = figure_keys(figures)
    assert {"stage_1", "CH02_percent", "tenant_satisfaction_measures", "left_out"} <= keys
    assert len(keys) > 40
    old = (
        'tsm = figures_json(result)["tenant_satisfaction_measures"]\n'
        'stage = tsm[f"stage_{number}"]\n'
        'share = stage.get("CH02_percent")\n'
        "rows = figures['rows']; left = rows['left_out']\n"
        'fine = data["findings"]["maladministration_rate"]\n'
    )
    assert lookups(old, keys) == [
        "1: figures_json(result)['tenant_satisfaction_measures']",
        "2: tsm[f'stage_{number}']",
        "3: stage.get('CH02_percent')",
        "4: figures['rows']",
        "4: rows['left_out']",
    ]


def spelt_keys(path: Path, figure_keys: set[str]) -> list[str]:
    """Return each string in a module that is one of the figures' own (snake_case) keys.

    A key passed along and looked up later (``count(figures, "stage_1", "received")``) is as
    unchecked as one subscripted in place; a key of two or more words names nothing but a figure.
    """
    own = {key for key in figure_keys if "_" in key}
    return [f"{line}: {text!r}" for line, text in _strings(path) if text in own]


def test_no_module_outside_practice_spells_a_figures_key(figures: PracticeFigures) -> None:
    keys = figure_keys(figures)
    found = {
        str(path.relative_to(PACKAGE)): hits
        for path in _outside_practice()
        if (hits := spelt_keys(path, keys))
    }
    assert found == {}


def test_the_spelling_scan_finds_a_key_passed_along(
    figures: PracticeFigures, tmp_path: Path
) -> None:
    module = tmp_path / "council.py"
    module.write_text(
        "def count(figures, stage, key):\n"
        '    """Return figures["stage_1"]["received"] (a docstring is not code)."""\n'
        "    return figures[stage][key]\n"
        'rows = [count(f, "stage_1", "responded_on_time") for f in logs]\n'
        'caption = "Complaints received"\n',
        encoding="utf-8",
    )
    assert spelt_keys(module, figure_keys(figures)) == [
        "4: 'stage_1'",
        "4: 'responded_on_time'",
    ]


#: Pieces of the figures' labels that no module but practice/labels.py may spell out.
LABEL_PIECES = ("CH01:", "CH02:", "CH01 stage", "CH02 stage", "per 1,000 homes")


def _strings(path: Path) -> Iterator[tuple[int, str]]:
    """Yield the string constants of a module, its docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)  # type: ignore[attr-defined]
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.lineno, node.value


def test_the_figures_labels_are_written_only_in_labels() -> None:
    spelt = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "practice" / "labels.py"
        for line, text in _strings(path)
        if any(piece in text for piece in LABEL_PIECES)
    ]
    assert spelt == []


def _data(figures: PracticeFigures) -> dict[str, Any]:
    return practice_data(figures)


def test_shares_are_worked_out_from_the_counts(figures: PracticeFigures) -> None:
    data = _data(figures)
    for stage in figures.stages():
        written = data[f"stage_{stage.stage}"]
        assert written["responded_on_time_percent"] == round(
            100 * stage.responded_on_time / stage.responded, 1
        )
        assert written["acknowledged_on_time_percent"] == round(
            100 * stage.acknowledged_on_time / stage.acknowledged_judged, 1
        )
    one, two = figures.stage_1, figures.stage_2
    assert data["escalation_rate_percent"] == round(
        100 * two.received / (one.received - one.refused), 1
    )
    month_total = sum(m.stage_1.received for m in figures.by_month)
    category_total = sum(c.stage_1.received for c in figures.by_category)
    assert month_total == category_total == one.received == _received_in_the_log()


def _received_in_the_log() -> int:
    """Count the example log's complaints received in 2024-25, straight from the CSV."""
    log = ROOT / "complaints" / "example-borough-council-2024-25.csv"
    with log.open(encoding="utf-8", newline="") as handle:
        days = [
            dt.datetime.strptime(r["received"], "%d/%m/%Y").date() for r in csv.DictReader(handle)
        ]
    return sum(dt.date(2024, 4, 1) <= day <= dt.date(2025, 3, 31) for day in days)


def test_summary_json_and_practice_json_agree_on_ch01_and_ch02(figures: PracticeFigures) -> None:
    tenants = summary_data(figures)["tenant_satisfaction_measures"]
    assert tenants == _data(figures)["tenant_satisfaction_measures"]
    for stage in figures.tenants.stages():
        assert tenants[f"stage_{stage.stage}"]["CH02_percent"] == stage.ch02_percent
        assert stage.ch01_per_1000_homes == round(1000 * stage.received / figures.tenants.homes, 1)  # type: ignore[operator]


def test_every_ch01_and_ch02_label_in_the_documents_comes_from_labels() -> None:
    golden = ROOT / "tests" / "golden"
    shown = {
        line.split(" | ")[0].removeprefix("| ")
        for path in (
            golden / "example" / "self-assessment.md",
            golden / "report" / "annual-report.md",
        )
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(("| CH01", "| CH02"))
    }
    made = {
        labels.ch01(),
        labels.ch02(),
        labels.ch01_key(1),
        labels.ch02_key(1),
        labels.ch02_key(2),
    }
    made |= {label(stage) for label in (labels.ch01, labels.ch02) for stage in (1, 2)}
    assert shown == made


def test_the_terminal_says_ch01_and_ch02_in_the_words_of_labels(run: Any) -> None:
    log = ROOT / "complaints" / "example-borough-council-2024-25.csv"
    result = run("practice", str(log), "--assessment", str(EXAMPLE), "--as-of", "2025-07-01")
    said = [line for line in result.output.splitlines() if line.startswith(("CH01", "CH02"))]
    figures = figures_of(compute_for(load_settings(EXAMPLE), AS_OF))
    tenants, homes = figures.tenants, figures.tenants.homes
    assert said == [
        line
        for stage in tenants.stages()
        for line in (
            labels.ch01_line(
                stage.stage,
                f"{stage.ch01_per_1000_homes:g}",
                f"{stage.received:,} received, {homes:,} homes, all tenures",
            ),
            labels.ch02_line(
                stage.stage,
                stage.ch02_percent,
                f"{stage.responded_on_time:,} of {stage.responded:,}, all tenures",
            ),
        )
    ]
