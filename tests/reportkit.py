"""Helpers the annual report tests share: a copy of the example project, and a year before it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import ROOT

AS_OF = dt.date(2025, 7, 1)
REPORT = "reports/annual-report-2024-25.yaml"


def copy_example(root: Path) -> Path:
    """Copy the example assessment, register, report and bundled Code into root; return root."""
    for folder in ("assessments", "casework", "complaints", "reports", "code_requirements"):
        shutil.copytree(ROOT / folder, root / folder, dirs_exist_ok=True)
    return root


def add_last_year(root: Path) -> None:
    """Write a 2023-24 assessment and report, and point this year's report at them.

    Last year 6.10 was a gap (closed this year) and 5.14 was answered yes (a gap now);
    last year's report had two improvements and a TP09 of 27.5%.
    """
    source = (root / "assessments" / "example-borough-council-2024-25.yaml").read_text("utf-8")
    old = source.replace("period: 2024-25", "period: 2023-24")
    old = _answer(old, "6.10", "no", "    explanation: Not yet.\n    compliance_date: 2024-12-31\n")
    old = _answer(old, "5.14", "yes", "")
    (root / "assessments" / "example-borough-council-2023-24.yaml").write_text(old, "utf-8")
    report = (root / REPORT).read_text("utf-8")
    start, end = report.index("improvements:"), report.index("  - theme: Complaint handling")
    earlier = report[:start] + report[start:end] + report[report.index("satisfaction:") :]
    earlier = earlier.replace("2024-25.yaml", "2023-24.yaml").replace(
        "period: 2024-25", "period: 2023-24"
    )
    earlier = earlier.replace("casework: ../casework/ombudsman-2023-24.yaml\n", "")
    earlier = earlier.replace("complaints_handling: 31.4", "complaints_handling: 27.5")
    (root / "reports" / "annual-report-2023-24.yaml").write_text(earlier, "utf-8")
    this_year = report.replace(
        "period: 2024-25\n", "period: 2024-25\nprevious: annual-report-2023-24.yaml\n", 1
    )
    (root / REPORT).write_text(this_year, "utf-8")


def _answer(text: str, provision: str, answer: str, extra: str) -> str:
    """Replace a provision's answer line (the first comply: after its key)."""
    key = f'  "{provision}":\n'
    start = text.index(key) + len(key)
    end = text.index("\n", text.index("comply:", start)) + 1
    return text[:start] + f"    comply: {answer}\n{extra}" + text[end:]


def render_report(root: Path, report: str = REPORT, out: str = "out") -> Path:
    """Render a report under root/OUT and return its folder."""
    from selfassess.report.build import ReportOptions, render_report_file

    result = render_report_file(root / report, root / out, ReportOptions(AS_OF))
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
