"""The plan command: the committee progress report on the Ombudsman's casework."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from selfassess.cli.common import EXISTING_FILE, as_of_option, run, today
from selfassess.wording import plural

if TYPE_CHECKING:
    from selfassess.render.planfiles import PlanOptions


@click.command("plan")
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Write into DIR/<file stem>/ instead of build/<file stem>/.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    metavar="LIST",
    help="Outputs to write, comma-separated: html, md, docx, csv, internal, json, or all "
    "(the default).",
)
@as_of_option
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="A folder of jinja2 templates that override the bundled ones.",
)
@click.option(
    "--reference-docx",
    type=EXISTING_FILE,
    help="A Word file whose styles, page setup and header (logo) the Word output uses.",
)
def plan_command(
    files: tuple[Path, ...],
    out: Path | None,
    formats: tuple[str, ...],
    as_of: dt.date | None,
    templates: Path | None,
    reference_docx: Path | None,
) -> None:
    """Check each casework register, then write its progress report into build/<file stem>/.

    For each case and recommendation: its orders and actions, who is responsible,
    when each is due, where it stands and whether it is overdue; totals; orders
    complied with on time. Writes plan.html, plan.md, plan.docx and plan.csv
    (public: owners' roles only), plan-internal.html/.md/.csv (names owners) and
    casework.json (the figures). A register with errors is not rendered (exit 1).
    """
    from selfassess.render.planfiles import PlanOptions, parse_plan_formats

    options = PlanOptions(
        as_of=today(as_of),
        formats=run(parse_plan_formats, formats),
        templates=templates,
        reference_docx=reference_docx,
    )
    failed = False
    for path in files:
        failed = not _plan_one(path, out, options) or failed
    raise SystemExit(1 if failed else 0)


def _plan_one(path: Path, out: Path | None, options: PlanOptions) -> bool:
    """Render one register, print its problems and outputs; return True if it was rendered."""
    from selfassess.render.planfiles import render_plan_file

    result = run(render_plan_file, path, out, options)
    for problem in result.problems:
        click.echo(problem.format())
    if result.folder is None:
        count = len(result.errors)
        them = "it" if count == 1 else "them"
        click.echo(f"{path}: not rendered ({plural(count, 'error')}); fix {them}")
        return False
    for name in result.written:
        click.echo(f"wrote {result.folder / name}")
    return True
