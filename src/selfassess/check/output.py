"""Write a check report as text, JSON or GitHub Actions annotations."""

from __future__ import annotations

from selfassess.check.dispatch import Report
from selfassess.problems import Severity
from selfassess.render.jsondoc import json_document
from selfassess.wording import plural

REPORT_SCHEMA_VERSION = 1
#: GitHub's annotation level for each severity.
_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def summary_line(report: Report) -> str:
    """Return the one-line count that ends a text report."""
    files = plural(len(report.files), "file")
    if not report.problems:
        return f"No problems in {files}."
    counts = f"{plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}"
    if report.notes:
        counts += f", {plural(len(report.notes), 'note')}"
    return f"{counts} in {files}."


def format_text(report: Report) -> str:
    """Return one line per problem, errors first, then the count."""
    lines = [p.format() for p in report.problems]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    """Return the report as versioned JSON."""
    data = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "files": report.files,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "notes": len(report.notes),
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.col,
                "code": p.code,
                "severity": p.severity.value,
                "message": p.message,
            }
            for p in report.problems
        ],
    }
    return json_document(data)


def _escape_annotation(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(report: Report) -> str:
    """Return GitHub Actions workflow commands that annotate each problem."""
    lines = []
    for p in report.problems:
        level = _GITHUB_LEVELS[p.severity]
        props = (
            f"file={_escape_annotation(p.file, True)},line={p.line},col={p.col},"
            f"title={_escape_annotation(p.code, True)}"
        )
        lines.append(f"::{level} {props}::{_escape_annotation(p.message)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


FORMATS = {"text": format_text, "json": format_json, "github": format_github}
