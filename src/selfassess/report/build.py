"""Render an annual report: check it as `check` does, then write its documents atomically.

The report's folder holds the report (HTML, Word, Markdown), its figures (CSV, JSON)
and the self-assessment it includes as item 1 (HTML, Word, Markdown), so the links
between them work wherever the folder is published.
"""

from __future__ import annotations

from pathlib import Path

from selfassess.assessment.build import build_outputs
from selfassess.problems import Problem
from selfassess.render.outputs import CSV_ENCODING, FileResult, Options, build_file, write_each
from selfassess.report import CheckedReport, check_report
from selfassess.yamlio import load_file

#: The report's own outputs, in the order they are written.
REPORT_OUTPUTS = (
    "annual-report.html",
    "annual-report.md",
    "annual-report.docx",
    "figures.csv",
    "report.json",
)
ASSESSMENT_FORMATS = ("html", "md", "docx")


def render_report_file(path: Path, out: Path | None, options: Options) -> FileResult:
    """Check a report and the files it names, then render it unless it has errors (or is a draft)."""
    return build_file(path, out, options, _check, build_report_outputs, write_each)


def _check(path: Path, options: Options) -> tuple[CheckedReport | None, list[Problem]]:
    return check_report(load_file(path), options.as_of)


def build_report_outputs(checked: CheckedReport, options: Options) -> dict[str, bytes]:
    """Return every output's name and bytes: the report's, then the self-assessment's."""
    from selfassess.render.wordxml import xml_safe
    from selfassess.report.charts import draw
    from selfassess.report.data import figures_csv, report_json
    from selfassess.report.html import render_report_page
    from selfassess.report.makeview import build_report_view
    from selfassess.report.markdown import render_report_markdown
    from selfassess.report.word import render_report_docx

    # Control characters from YAML escapes or log cells reach no output (nor Word's alt text).
    view = xml_safe(build_report_view(checked, options.as_of, options.draft))
    charts = {table.key: chart for table in view.tables if (chart := draw(table)) is not None}
    approval = checked.report.governance.approval
    assessment = build_outputs(
        checked.assessment,
        Options(options.as_of, ASSESSMENT_FORMATS, options.templates, options.draft),
    )
    outputs = {
        "annual-report.html": render_report_page(view, charts, options.templates).encode(),
        "annual-report.md": render_report_markdown(view).encode(),
        "annual-report.docx": render_report_docx(view, charts, approval.date if approval else None),
        "figures.csv": figures_csv(view).encode(CSV_ENCODING),
    }
    outputs.update(assessment)
    outputs["report.json"] = report_json(view, [*outputs, "report.json"]).encode()
    return outputs
