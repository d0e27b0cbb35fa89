"""The whole council's report as a page, Markdown, Word, figures.csv and report.json.

Each part's items are written by the single report's own writers, one heading level down
and, in the page, with its anchors under the part's name, so a part reads exactly as a report
of its own would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from selfassess.render.csvsafe import to_csv
from selfassess.render.jinja import render_template
from selfassess.render.jsondoc import json_document
from selfassess.render.wordtext import Writer
from selfassess.report import view as rv
from selfassess.report.benchmarks import CAPTION as BENCHMARKS
from selfassess.report.charts import Chart
from selfassess.report.councilview import RATES_NOTE, SUMMARY, CouncilView, PartView
from selfassess.report.data import (
    CSV_COLUMNS,
    REPORT_SCHEMA_VERSION,
    benchmark_cells,
    cells,
    table_data,
)
from selfassess.report.tables import FigureTable


def council_page(
    view: CouncilView, charts: dict[str, dict[str, Chart]], templates: Path | None
) -> str:
    """Return the whole council's page: the summary, each part's items under its heading."""
    from markupsafe import Markup

    from selfassess.report.html import BENCHMARK_WORDS, REPORT_PLACE, part_place, report_environment

    env = report_environment(templates)
    items = {}
    for part in view.parts:
        at = f"{part.slug}-"
        svgs = {key: Markup(c.inline(at)) for key, c in charts[part.slug].items()}  # drawn by us
        html = render_template(
            env,
            "partials/report-part-items.html",
            doc=part.view,
            parts=rv.PARTS,
            svgs=svgs,
            styled=True,
            **BENCHMARK_WORDS,
            **part_place(part.slug),
        )
        items[part.slug] = Markup(html)  # our own page, escaped as it was made
    return render_template(
        env,
        "annual-report-council.html",
        doc=view,
        notice=view.notice,
        parts=rv.PARTS,
        summary=SUMMARY,
        rates_note=RATES_NOTE,
        items=items,
        svgs={},
        styled=True,
        **REPORT_PLACE,
    )


def council_markdown(view: CouncilView) -> str:
    """Return the whole council's report as Markdown, each part's items a level down."""
    from selfassess.assessment.markdown import draft_lines
    from selfassess.render.mdescape import escape
    from selfassess.report import markdown as md

    lines = [f"# {escape(view.landlord)}: {escape(view.title)}", ""]
    lines += draft_lines(view)
    lines += [f"- **{escape(f.label)}:** {escape(f.value)}" for f in view.facts] + [""]
    lines += [f"## {escape(SUMMARY.text)}", ""]
    lines += [f"- {escape(part.title)}: {escape(part.code)}" for part in view.parts] + [""]
    lines += md.table_lines(view.period, None, view.summary)
    lines += [line for log in view.shared for line in (escape(log.sentence), "")]
    lines += [escape(RATES_NOTE), "", *md.table_lines(view.period, None, view.rates)]
    lines += [escape(view.shares_note), ""] if view.shares_note else []
    for part in view.parts:
        lines += [f"## {escape(part.title)}", "", escape(f"Against {part.code}."), ""]
        lines += md.item_lines(part.view, 3)
    lines += md.governance_lines(view.governance)
    return "\n".join(lines).rstrip("\n") + "\n"


def council_docx(
    view: CouncilView, charts: dict[str, dict[str, Chart]], fixed: dt.date | None
) -> bytes:
    """Return the whole council's Word report: the summary, then each part a heading down."""
    from selfassess.report import word
    from selfassess.report.wordparts import write_governance

    def body_of(body: Writer) -> None:
        body.text(SUMMARY.text, "Heading 1")
        for part in view.parts:
            body.text(f"{part.title}: {part.code}", "List Bullet")
        word.write_figures(body, view, view.summary, None)
        for log in view.shared:
            body.text(log.sentence)
        body.text(RATES_NOTE)
        word.write_figures(body, view, view.rates, None)
        if view.shares_note:
            body.text(view.shares_note)
        for part in view.parts:
            body.text(part.title, "Heading 1")
            body.text(f"Against {part.code}.")
            word.write_part(body.down(), part.view, charts[part.slug])
        write_governance(body, view.governance)  # after the parts, as in the page and Markdown

    return word.report_document(view, fixed, body_of)


def _tables(view: CouncilView) -> list[tuple[FigureTable, PartView | None]]:
    found: list[tuple[FigureTable, PartView | None]] = [(view.summary, None), (view.rates, None)]
    for part in view.parts:
        found += [(table, part) for table in part.view.tables]
    return found


def council_csv(view: CouncilView) -> str:
    """Return one CSV row per figure: the summary's, then each part's, captions naming the part."""
    rows = []
    for table, part in _tables(view):
        caption = f"{part.title}: {table.caption}" if part else table.caption
        rows += cells(table, caption)
    for part in view.parts:  # after every table, as in a single report's figures.csv
        rows += benchmark_cells(part.view, f"{part.title}: {BENCHMARKS}")
    return to_csv(CSV_COLUMNS, rows)


def council_json(view: CouncilView, outputs: list[str]) -> str:
    """Return the summary and each part's figures and items as versioned JSON."""
    from selfassess.report.data import report_data

    data: dict[str, Any] = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "landlord": view.landlord,
        "period": view.period,
        "draft": view.draft,
        "summary": [table_data(view.summary), table_data(view.rates)],
        "shared_logs": [dataclasses.asdict(log) for log in view.shared],
        "parts": [
            {"title": part.title, "code": part.code, "folder": part.slug, **report_data(part.view)}
            for part in view.parts
        ],
        "problems": list(view.problems),
        "outputs": outputs,
    }
    return json_document(data)
