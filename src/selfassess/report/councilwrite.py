"""The whole council's report as a page, Markdown, Word, figures.csv and report.json.

Each part's items are written by the single report's own writers, one heading level down
and, in the page, with its anchors under the part's name, so a part reads exactly as a report
of its own would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

from selfassess.render.csvsafe import to_csv
from selfassess.render.jinja import render_template
from selfassess.render.jsondoc import json_document
from selfassess.render.wordtext import Writer
from selfassess.report import view as rv
from selfassess.report.charts import Chart
from selfassess.report.councilview import RATES_NOTE, SUMMARY, CouncilView, PartView
from selfassess.report.data import CSV_COLUMNS, REPORT_SCHEMA_VERSION, cells, table_data
from selfassess.report.tables import FigureTable

#: Attributes naming an element of the page: a part's are put under the part's name.
_REFERENCES = re.compile(r'((?:\bid|aria-labelledby|aria-describedby|href)="#?|url\(#)')
_HEADING = re.compile(r"<(/?)h([1-5])\b")


def under(slug: str, html: str) -> str:
    """Return a part's HTML one heading level down, with every id and link to one under slug."""
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)

    def named(match: re.Match[str]) -> str:
        text = match.group(1)
        if text.startswith("href=") and not text.endswith("#"):
            return text  # a link to another page, not an anchor in this one
        return f"{text}{slug}-"

    html = _REFERENCES.sub(named, html)
    # Each part has the same items: its sections are named with the part's heading first.
    return html.replace('<section aria-labelledby="', f'<section aria-labelledby="{slug} ')


def council_page(
    view: CouncilView, charts: dict[str, dict[str, Chart]], templates: Path | None
) -> str:
    """Return the whole council's page: the summary, each part's items under its heading."""
    from markupsafe import Markup

    from selfassess.report.html import report_environment

    env = report_environment(templates)
    items = {}
    for part in view.parts:
        svgs = {key: Markup(c.svg) for key, c in charts[part.slug].items()}  # drawn by us
        html = render_template(
            env,
            "partials/report-part-items.html",
            doc=part.view,
            parts=rv.PARTS,
            svgs=svgs,
            styled=True,
        )
        items[part.slug] = Markup(under(part.slug, html))  # our own page, escaped as it was made
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
        lines += [_down(line) for line in md.item_lines(part.view)]
    lines += md.governance_lines(view.governance)
    return "\n".join(lines).rstrip("\n") + "\n"


def _down(line: str) -> str:
    return "#" + line if re.match(r"^#{2,5} ", line) else line


def council_docx(
    view: CouncilView, charts: dict[str, dict[str, Chart]], fixed: dt.date | None
) -> bytes:
    """Return the whole council's Word report: the summary, then each part a heading down."""
    from selfassess.report import word

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
            word.write_part(Shifted(body), part.view, charts[part.slug])

    return word.report_document(view, fixed, body_of)


class Shifted(Writer):
    """A writer whose headings are one level down: a part's Heading 1 is the page's Heading 2."""

    def __init__(self, body: Writer) -> None:
        self.__dict__.update(body.__dict__)

    def paragraph(self, style: str | None = None) -> Any:
        """Return a new paragraph; a heading one level down."""
        if style and style.startswith("Heading "):
            style = f"Heading {int(style.split()[1]) + 1}"
        return super().paragraph(style)


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
