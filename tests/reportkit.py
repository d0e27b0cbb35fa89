"""Helpers the annual report tests share: a copy of the example project (with last year's files)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from conftest import ROOT

AS_OF = dt.date(2025, 7, 1)
REPORT = "reports/annual-report-2024-25.yaml"
ADVERSE = ("severe maladministration", "maladministration", "service failure")
UNDECIDED = ("outside jurisdiction", "withdrawn")
LAST_YEAR = "reports/annual-report-2023-24.yaml"
#: Said once when last year's report named no register, instead of a column of dashes.
NO_REGISTER_LAST_YEAR = (
    "The Ombudsman's figures below have no column for 2023-24: last year's report named no "
    "casework register."
)


def copy_example(root: Path) -> Path:
    """Copy the example assessment, register, report and bundled Code into root; return root."""
    for folder in ("assessments", "casework", "complaints", "reports", "code_requirements"):
        shutil.copytree(ROOT / folder, root / folder, dirs_exist_ok=True)
    return root


def give_last_year_a_log(root: Path) -> None:
    """Point last year's self-assessment at the complaints log, so item 2 has last year's column.

    The example's 2023-24 self-assessment names no log; given this year's, its 2023-24 figures
    are the few complaints of March 2024, enough for every figure table to gain two columns.
    """
    path = root / "assessments" / "example-borough-council-2023-24.yaml"
    text = path.read_text("utf-8")
    practice = "practice:\n  log: ../complaints/example-borough-council-2024-25.csv\n"
    path.write_text(text.replace("responses:\n", practice + "responses:\n", 1), "utf-8")


def drop_last_years_register(root: Path) -> None:
    """Make last year's report name no casework register, as a first year in selfassess might."""
    edit(root, "casework: ../casework/ombudsman-2023-24.yaml\n", "", LAST_YEAR)


def render_report(root: Path, report: str = REPORT, out: str = "out") -> Path:
    """Render a report under root/OUT and return its folder."""
    from selfassess.render.outputs import Options
    from selfassess.report.build import render_report_file

    result = render_report_file(root / report, root / out, Options(AS_OF))
    assert result.folder is not None, [p.format() for p in result.problems]
    return result.folder


def assert_golden(folder: Path, name: str, update: bool) -> None:
    """Compare a rendered file with tests/golden/report/NAME (rewrite it with --update-golden)."""
    rendered = (folder / name).read_text(encoding="utf-8")
    golden = ROOT / "tests" / "golden" / "report" / name
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8"), "run pytest --update-golden if intended"


def edit(root: Path, old: str, new: str, path: str = REPORT) -> None:
    """Replace text once in a file of the copied project (the text must be there)."""
    target = root / path
    text = target.read_text("utf-8")
    assert old in text, old
    target.write_text(text.replace(old, new, 1), "utf-8")


def maladministration_rate(cases: list[dict[str, Any]]) -> float:
    """Recount a register's maladministration rate: adverse findings of those decided."""
    findings = [f["finding"] for c in cases for f in c.get("findings", [])]
    decided = [f for f in findings if f not in UNDECIDED]
    return round(100 * sum(f in ADVERSE for f in decided) / len(decided), 1)
