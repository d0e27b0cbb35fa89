"""The check report's three formats, written from a report made by hand."""

from __future__ import annotations

import json

from selfassess.check.dispatch import Report
from selfassess.check.output import format_github, format_json, format_text, summary_line
from selfassess.problems import error, warning


def report() -> Report:
    return Report(
        files=["a.yaml", "odd, name:1.yaml"],
        problems=[
            error("odd, name:1.yaml", 3, 5, "E115", "comply must be yes or no, found '50%'"),
            warning("a.yaml", 9, 1, "W301", "action was due 2025-06-30\nand is not done"),
        ],
    )


def test_text_is_one_line_per_problem_then_the_count() -> None:
    assert format_text(report()) == (
        "odd, name:1.yaml:3:5: E115 comply must be yes or no, found '50%'\n"
        # A line break inside a message is escaped, so one problem stays one line.
        "a.yaml:9:1: W301 action was due 2025-06-30\\x0aand is not done\n"
        "1 error, 1 warning in 2 files.\n"
    )


def test_the_count_of_a_clean_report() -> None:
    assert summary_line(Report(files=["a.yaml"])) == "No problems in 1 file."
    assert format_text(Report(files=["a.yaml", "b.yaml"])) == "No problems in 2 files.\n"


def test_json_is_versioned_and_complete() -> None:
    assert json.loads(format_json(report())) == {
        "schema_version": 1,
        "files": ["a.yaml", "odd, name:1.yaml"],
        "errors": 1,
        "warnings": 1,
        "notes": 0,
        "problems": [
            {
                "file": "odd, name:1.yaml",
                "line": 3,
                "column": 5,
                "code": "E115",
                "severity": "error",
                "message": "comply must be yes or no, found '50%'",
            },
            {
                "file": "a.yaml",
                "line": 9,
                "column": 1,
                "code": "W301",
                "severity": "warning",
                "message": "action was due 2025-06-30\nand is not done",
            },
        ],
    }


def test_github_annotations_escape_what_would_end_them() -> None:
    assert format_github(report()).splitlines() == [
        "::error file=odd%2C name%3A1.yaml,line=3,col=5,title=E115::"
        "comply must be yes or no, found '50%25'",
        "::warning file=a.yaml,line=9,col=1,title=W301::action was due 2025-06-30%0Aand is not done",
        "1 error, 1 warning in 2 files.",
    ]


def test_failed_is_errors_or_with_strict_warnings() -> None:
    only_warning = Report(files=["a.yaml"], problems=[warning("a.yaml", 1, 1, "W301", "late")])
    assert (only_warning.failed(), only_warning.failed(strict=True)) == (False, True)
    assert report().failed()
