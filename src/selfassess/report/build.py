"""Render an annual report: check it as `check` does, then write its documents atomically.

The report's folder holds the report (HTML, Word, Markdown), its figures (CSV, JSON)
and the self-assessment it includes as item 1 (HTML, Word, Markdown), so the links
between them work wherever the folder is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.assessment.build import build_outputs
from selfassess.problems import Problem
from selfassess.render.outputs import CSV_ENCODING, FileResult, Options, build_file
from selfassess.report import CheckedReport, CouncilReport, check_report
from selfassess.yamlio import load_file

if TYPE_CHECKING:
    from selfassess.report.charts import Chart
    from selfassess.report.tables import FigureTable

ASSESSMENT_FORMATS = ("html", "md", "docx")


def render_report_file(path: Path, out: Path | None, options: Options) -> FileResult:
    """Check a report and the files it names, then render it unless it has errors (or is a draft)."""
    return build_file(path, out, options, _check, build_report_outputs)


@dataclass(frozen=True)
class Loaded:
    """A checked report: one self-assessment's, or a whole council's (parts:)."""

    report: CheckedReport | CouncilReport


def _check(path: Path, options: Options) -> tuple[Loaded | None, list[Problem]]:
    checked, problems = check_report(load_file(path), options.as_of)
    return (Loaded(checked) if checked is not None else None), problems


#: Charts drawn in this process, by the figures they show: matplotlib takes 50-150 ms a
#: chart, and a report rendered again (by serve, or a batch) mostly shows the same figures.
_DRAWN: dict[FigureTable, Chart | None] = {}


def drawn(table: FigureTable) -> Chart | None:
    """Return a table's chart (None for a table without one), drawn once per process."""
    from selfassess.report.charts import draw

    if table not in _DRAWN:
        if len(_DRAWN) >= 256:
            _DRAWN.clear()
        _DRAWN[table] = draw(table)
    return _DRAWN[table]


def build_report_outputs(loaded: Loaded | CheckedReport, options: Options) -> dict[str, bytes]:
    """Return every output's name and bytes: the report's, then the self-assessment's."""
    from selfassess.render.wordxml import xml_safe

    checked = loaded.report if isinstance(loaded, Loaded) else loaded
    if isinstance(checked, CouncilReport):
        return build_council_outputs(checked, options)
    from selfassess.report.data import figures_csv, report_json
    from selfassess.report.html import render_report_page
    from selfassess.report.makeview import build_report_view
    from selfassess.report.markdown import render_report_markdown
    from selfassess.report.word import render_report_docx

    # Control characters from YAML escapes or log cells reach no output (nor Word's alt text).
    view = xml_safe(build_report_view(checked, options.as_of, options.draft))
    charts = {table.key: chart for table in view.tables if (chart := drawn(table)) is not None}
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


def build_council_outputs(council: CouncilReport, options: Options) -> dict[str, bytes]:
    """Return a whole council's report, then each part's self-assessment in the part's folder."""
    from selfassess.render.wordxml import xml_safe
    from selfassess.report.councilview import build_council_view
    from selfassess.report.councilwrite import (
        council_csv,
        council_docx,
        council_json,
        council_markdown,
        council_page,
    )

    # Control characters from YAML escapes or log cells reach no output (nor Word's alt text).
    view = xml_safe(build_council_view(council, options.as_of, options.draft))
    charts = {
        part.slug: {t.key: chart for t in part.view.tables if (chart := drawn(t)) is not None}
        for part in view.parts
    }
    approval = council.report.governance.approval
    outputs = {
        "annual-report.html": council_page(view, charts, options.templates).encode(),
        "annual-report.md": council_markdown(view).encode(),
        "annual-report.docx": council_docx(view, charts, approval.date if approval else None),
        "figures.csv": council_csv(view).encode(CSV_ENCODING),
    }
    formats = Options(options.as_of, ASSESSMENT_FORMATS, options.templates, options.draft)
    for part in council.parts:
        made = build_outputs(part.checked.assessment, formats)
        outputs.update({f"{part.slug}/{name}": data for name, data in made.items()})
    outputs["report.json"] = council_json(view, [*outputs, "report.json"]).encode()
    return outputs
