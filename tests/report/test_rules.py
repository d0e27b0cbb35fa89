"""Each annual report rule through `selfassess check`: the exact line it prints, and quiet when fine."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run
from reportkit import REPORT, copy_example


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_example(tmp_path)


def edit(root: Path, old: str, new: str, count: int = 1) -> None:
    path = root / REPORT
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), "utf-8")


def check(run: Run, *files: str) -> tuple[int, list[str]]:
    result = run("check", "--as-of", "2025-07-01", *(files or (REPORT,)))
    return result.exit_code, result.output.splitlines()


def test_the_example_report_is_clean(run: Run, root: Path) -> None:
    assert check(run) == (0, ["No problems in 1 file."])


R = REPORT
ERRORS = {
    "E801 no such assessment": (
        (
            "assessment: ../assessments/example-borough-council-2024-25.yaml",
            "assessment: ../x.yaml",
        ),
        f"{R}:3:13: E801 assessment file '../x.yaml' does not exist (paths are relative to this file)",
    ),
    "E801 not an assessment": (
        ("assessment: ../assessments/", "assessment: ../code_requirements/maps/../"),
        None,
    ),
    "E803 no such previous report": (
        ("previous: annual-report-2023-24.yaml", "previous: old.yaml"),
        f"{R}:5:11: E803 previous file 'old.yaml' does not exist (paths are relative to this file)",
    ),
    "E805 no such register": (
        ("casework: ../casework/ombudsman-2024-25.yaml", "casework: nothing.yaml"),
        f"{R}:4:11: E805 casework file 'nothing.yaml' does not exist (paths are relative to this file)",
    ),
    "E805 not a register": (
        ("casework: ../casework/ombudsman-2024-25.yaml", "casework: annual-report-2024-25.yaml"),
        f"{R}:4:11: E805 casework file 'annual-report-2024-25.yaml' is not a casework register "
        "(it has no cases:)",
    ),
    "E114 misspelt field": (
        ("analysis: |", "analysys: |"),
        f"{R}:8:1: E114 unknown field 'analysys' in the file; did you mean 'analysis'?",
    ),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_each_error(run: Run, root: Path, name: str) -> None:
    (old, new), expected = ERRORS[name]
    edit(root, old, new)
    code, lines = check(run)
    assert code == 1
    if expected is not None:
        assert expected in lines
    assert any(f" {name[:4]} " in line for line in lines), lines


def test_an_improvement_without_a_change_is_placed_at_the_improvement(run: Run, root: Path) -> None:
    text = (root / REPORT).read_text("utf-8")
    start = text.index("    change: |\n      Every damp report")
    end = text.index("    when: 2024-12")
    (root / REPORT).write_text(text[:start] + text[end:], "utf-8")
    assert check(run) == (
        1,
        [
            f"{R}:47:5: E806 improvement 'Damp and mould' has no change; say what was changed as a "
            "result of the learning (item 4 of the report is the improvements made)",
            "1 error, 0 warnings in 1 file.",
        ],
    )


def test_an_assessment_with_errors_is_named_at_the_key(run: Run, root: Path) -> None:
    path = root / "assessments" / "example-borough-council-2024-25.yaml"
    path.write_text(
        path.read_text("utf-8").replace("code: hos-chc-2024", "code: hos-chc-2099"), "utf-8"
    )
    code, lines = check(run)
    assert (code, lines[0]) == (
        1,
        f"{R}:3:13: E801 assessment file '../assessments/example-borough-council-2024-25.yaml' has "
        "1 error; run 'selfassess check ../assessments/example-borough-council-2024-25.yaml' and fix it first",
    )


def test_last_years_report_for_the_wrong_year(run: Run, root: Path) -> None:
    edit(root, "previous: annual-report-2023-24.yaml", "previous: annual-report-2024-25.yaml")
    assert check(run) == (
        1,
        [
            f"{R}:5:11: E804 previous report covers 2024-25, expected 2023-24 (the year before 2024-25)",
            "1 error, 0 warnings in 1 file.",
        ],
    )


def test_last_years_report_and_its_register_are_clean(run: Run, root: Path) -> None:
    assert check(run, "reports/annual-report-2023-24.yaml", "casework/ombudsman-2023-24.yaml") == (
        0,
        ["No problems in 2 files."],
    )


def test_last_years_report_may_name_no_register(run: Run, root: Path) -> None:
    last_year = root / "reports" / "annual-report-2023-24.yaml"
    text = last_year.read_text("utf-8")
    last_year.write_text(
        text.replace("casework: ../casework/ombudsman-2023-24.yaml\n", ""), "utf-8"
    )
    assert check(run) == (0, ["No problems in 1 file."])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("casework: ../casework/ombudsman-2023-24.yaml", "casework: gone.yaml"),
        ("finding: outside jurisdiction}", "finding: outside our jurisdiction}"),
    ],
)
def test_last_years_register_must_be_usable(run: Run, root: Path, old: str, new: str) -> None:
    for path in ("reports/annual-report-2023-24.yaml", "casework/ombudsman-2023-24.yaml"):
        text = (root / path).read_text("utf-8")
        (root / path).write_text(text.replace(old, new, 1), "utf-8")
    assert check(run) == (
        1,
        [
            f"{R}:5:11: E803 previous report 'annual-report-2023-24.yaml' names a casework "
            "register that cannot be used; run 'selfassess check annual-report-2023-24.yaml' to "
            "see why",
            "1 error, 0 warnings in 1 file.",
        ],
    )


def _line(root: Path, text: str) -> int:
    """Return the number of the report's line holding the text."""
    lines = (root / REPORT).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _without(root: Path, key: str) -> None:
    """Remove a top-level key and its indented block from the report."""
    kept, skipping = [], False
    for line in (root / REPORT).read_text("utf-8").splitlines(keepends=True):
        if not line.startswith((" ", "\n")):
            skipping = line.startswith(f"{key}:")
        if not skipping:
            kept.append(line)
    (root / REPORT).write_text("".join(kept), "utf-8")


W850 = "W850 item {} of the annual report is empty: "


def test_every_missing_item_is_a_warning_of_its_own(run: Run, root: Path) -> None:
    for key in ("casework", "analysis", "findings", "improvements"):
        _without(root, key)
    code, lines = check(run)
    publications = (
        "no {} by the Ombudsman is listed under publications: or in a casework: register; "
        "list it, or say in publications_note that there was none"
    )
    assert (code, lines) == (
        0,
        [
            f"{R}:2:1: " + W850.format(2) + "analysis: is missing or empty",
            f"{R}:2:1: " + W850.format(3) + "findings: is missing and no casework: register is "
            "named; say what the Ombudsman found, or that it made no finding of non-compliance",
            f"{R}:2:1: " + W850.format(4) + "improvements: is missing or empty",
            f"{R}:2:1: "
            + W850.format(5)
            + publications.format("annual landlord performance report"),
            f"{R}:2:1: " + W850.format(6) + publications.format("other report or publication"),
            f"{R}:{_line(root, 'measure: maladministration rate')}:14: W856 benchmark for "
            "maladministration rate is left out: the report does not compute maladministration "
            "rate, because the report names no casework register (casework:)",
            "0 errors, 6 warnings in 1 file.",
        ],
    )


def test_an_empty_analysis_is_placed_at_its_key(run: Run, root: Path) -> None:
    _without(root, "analysis")
    edit(root, "status: approved\n", "status: approved\nanalysis: ''\n")
    code, lines = check(run)
    assert code == 0  # warnings alone do not fail the check
    assert lines == [
        f"{R}:8:11: " + W850.format(2) + "analysis: is missing or empty",
        "0 errors, 1 warning in 1 file.",
    ]


def test_approved_without_a_response(run: Run, root: Path) -> None:
    _without(root, "governance")
    edit(root, "satisfaction:", "governance:\n  approval: {date: 2025-06-18}\nsatisfaction:")
    code, lines = check(run)
    assert code == 0  # warnings alone do not fail the check
    assert lines == [
        f"{R}:66:13: W851 the report is approved but governance.response is empty; the governing "
        "body's response is published alongside the report",
        "0 errors, 1 warning in 1 file.",
    ]


def test_a_draft_assessment_and_a_different_period(run: Run, root: Path) -> None:
    path = root / "assessments" / "example-borough-council-2024-25.yaml"
    path.write_text(
        path.read_text("utf-8").replace("status: approved", "status: draft", 1), "utf-8"
    )
    edit(root, "previous: annual-report-2023-24.yaml\n", "")  # not the year before 2025-26
    edit(root, "period: 2024-25", "period: 2025-26")
    code, lines = check(run)
    assert code == 0  # warnings alone do not fail the check
    assert lines == [
        f"{R}:3:13: W852 the self-assessment included as item 1 is still a draft; record its "
        "approval first",
        f"{R}:4:11: W854 the casework register covers 2024-25 but the report covers 2025-26",
        f"{R}:5:9: W853 the report covers 2025-26 but its self-assessment covers 2024-25",
        "0 errors, 3 warnings in 1 file.",
    ]


def test_hostile_months_and_shapes_are_located_errors(run: Run, root: Path) -> None:
    edit(root, "when: 2024-10", "when: 2024-13")
    edit(
        root,
        "satisfaction:\n  complaints_handling: 31.4",
        "satisfaction:\n  complaints_handling: lots",
    )
    code, lines = check(run)
    assert code == 1
    assert (
        lines[0]
        == f"{R}:43:11: E112 improvements[1].when: '2024-13' is not a real month or date; write YYYY-MM"
    )
    assert (
        lines[1]
        == f"{R}:66:24: E112 satisfaction.complaints_handling: expected a number, found 'lots'"
    )


def test_a_draft_report_recording_an_approval(run: Run, root: Path) -> None:
    edit(root, "status: approved", "status: draft")
    code, lines = check(run)
    assert code == 0
    assert lines == [
        f"{R}:7:9: W855 status is draft but governance.approval records an approval on "
        "18 June 2025; set status: approved if the governing body has approved the report, or "
        "remove the approval until it does (a draft leaves it out)",
        "0 errors, 1 warning in 1 file.",
    ]
