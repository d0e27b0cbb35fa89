"""The plan command: the committee progress report on the Ombudsman's casework."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from selfassess.cli.common import (
    EXISTING_FILE,
    as_of_option,
    command,
    formats_option,
    output_option,
    reference_docx_option,
    templates_option,
    today,
)
from selfassess.wording import plural

if TYPE_CHECKING:
    from selfassess.render.outputs import Options


@command("plan")
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@output_option
@formats_option("html, md, docx, csv, internal, json")
@as_of_option
@templates_option
@reference_docx_option
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
    from selfassess.casework.build import parse_plan_formats
    from selfassess.render.outputs import Options

    options = Options(
        as_of=today(as_of),
        formats=parse_plan_formats(formats),
        templates=templates,
        reference_docx=reference_docx,
    )
    from selfassess.problems import ProblemsFound

    failed = False
    for path in files:
        failed = not _plan_one(path, out, options) or failed
    if failed:
        raise ProblemsFound()


def _plan_one(path: Path, out: Path | None, options: Options) -> bool:
    """Render one register, print its problems and outputs; return True if it was rendered."""
    from selfassess.casework.build import render_plan_file

    result = render_plan_file(path, out, options)
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
