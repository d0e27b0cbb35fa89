"""The report command: the annual complaints performance and service improvement report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from selfassess.cli.common import (
    EXISTING_FILE,
    as_of_option,
    command,
    output_option,
    templates_option,
    today,
)
from selfassess.cli.render import print_rendered

if TYPE_CHECKING:
    from selfassess.render.outputs import Options


@command("report")
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@output_option
@click.option(
    "--draft",
    is_flag=True,
    help="Render despite errors, marked 'Draft — not approved'; the open problems are printed "
    "and listed in report.json, not in the page, Word or Markdown.",
)
@as_of_option
@templates_option
def report_command(
    files: tuple[Path, ...],
    out: Path | None,
    draft: bool,
    as_of: dt.date | None,
    templates: Path | None,
) -> None:
    """Check each annual report, then write it into build/<file stem>/.

    Writes annual-report.html, annual-report.docx, annual-report.md,
    figures.csv and report.json, with the self-assessment the report includes
    (item 1) beside them. A report with errors is not rendered (exit 1) unless
    --draft is given; warnings are printed and rendering goes on.
    """
    from selfassess.problems import ProblemsFound
    from selfassess.render.outputs import Options

    options = Options(as_of=today(as_of), draft=draft, templates=templates)
    failed = False
    for path in files:
        failed = not _report_one(path, out, options) or failed
    if failed:
        raise ProblemsFound()


def _report_one(path: Path, out: Path | None, options: Options) -> bool:
    """Render one report, print its problems and outputs; return True if it was rendered."""
    from selfassess.report.build import render_report_file

    return print_rendered(path, lambda: render_report_file(path, out, options), options.draft)
