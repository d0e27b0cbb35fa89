"""The annual report as a standalone, accessible web page (bundled or --templates layout)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.render.jinja import environment, render_template
from selfassess.report import benchmarks
from selfassess.report.charts import Chart
from selfassess.report.tables import header_cells, movements, row_cells
from selfassess.report.view import PARTS, ReportView

if TYPE_CHECKING:
    import jinja2

#: The benchmark table's words, for every template that includes partials/report-benchmarks.html.
BENCHMARK_WORDS = {
    "BENCHMARK_CAPTION": benchmarks.CAPTION,
    "BENCHMARK_COLUMNS": benchmarks.COLUMNS,
    "BENCHMARK_NOTE": benchmarks.NOTE,
}


#: Where a report's own items are written (the partials the single report and a part share):
#: items under a level 2 heading, ids as named.
REPORT_PLACE = {"level": 2, "at": "", "within": ""}


def part_place(slug: str) -> dict[str, int | str]:
    """Return where a part of a whole council's page writes its items: a heading level down,
    each id under the part's slug, and each item's section named by the part's heading first."""
    return {"level": 3, "at": f"{slug}-", "within": f"{slug} "}


def report_environment(templates: Path | None) -> jinja2.Environment:
    """Return the page environment with the figure filters the report's templates use."""
    env = environment(templates).overlay()
    env.filters.update(header_cells=header_cells, row_cells=row_cells, movements=movements)
    return env


def render_report_page(view: ReportView, charts: dict[str, Chart], templates: Path | None) -> str:
    """Return the annual report page: every chart inline beside the table of its figures."""
    from markupsafe import Markup

    svgs = {key: Markup(chart.svg) for key, chart in charts.items()}  # drawn by us, text escaped
    return render_template(
        report_environment(templates),
        "annual-report.html",
        doc=view,
        notice=view.notice,
        parts=PARTS,
        charts=charts,
        svgs=svgs,
        **BENCHMARK_WORDS,
        **REPORT_PLACE,
        styled=True,
    )
