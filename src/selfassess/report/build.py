"""Render an annual report: check it as `check` does, then write its documents atomically.

The report's folder holds the report (HTML, Word, Markdown), its figures (CSV, JSON)
and the self-assessment it includes as item 1 (HTML, Word, Markdown), so the links
between them work wherever the folder is published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from selfassess.problems import InputError, sort_problems
from selfassess.render import CSV_ENCODING, FileResult, RenderOptions, build_outputs, output_folder
from selfassess.render.folderwrite import write_folder
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


@dataclass(frozen=True)
class ReportOptions:
    """How to render a report."""

    as_of: dt.date
    draft: bool = False
    templates: Path | None = None


def render_report_file(path: Path, out: Path | None, options: ReportOptions) -> FileResult:
    """Check a report and the files it names, then render it unless it has errors (or is a draft)."""
    try:
        checked, problems = check_report(load_file(path), options.as_of)
    except InputError as exc:
        return FileResult(path, sort_problems(exc.problems))
    problems = sort_problems(list(dict.fromkeys(problems)))
    result = FileResult(path, problems)
    if checked is None or (result.errors and not options.draft):
        return result
    folder = output_folder(path, out)
    try:
        outputs = build_report_outputs(checked, options)
    except InputError as exc:  # a broken template from --templates
        return FileResult(path, sort_problems([*problems, *exc.problems]))
    write_folder(folder, outputs)
    return FileResult(path, problems, folder, tuple(outputs))


def build_report_outputs(checked: CheckedReport, options: ReportOptions) -> dict[str, bytes]:
    """Return every output's name and bytes: the report's, then the self-assessment's."""
    from selfassess.report.charts import draw
    from selfassess.report.context import build_report_view
    from selfassess.report.data import figures_csv, report_json
    from selfassess.report.html import render_report_page
    from selfassess.report.markdown import render_report_markdown
    from selfassess.report.word import render_report_docx

    view = build_report_view(checked, options.as_of, options.draft)
    charts = {table.key: chart for table in view.tables if (chart := draw(table)) is not None}
    approval = checked.report.governance.approval
    assessment = build_outputs(
        checked.assessment,
        RenderOptions(options.as_of, ASSESSMENT_FORMATS, options.templates, options.draft),
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
