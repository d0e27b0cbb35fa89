"""The practice command: the complaints log measured against the Code's timescales."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from selfassess.cli.common import (
    DATE,
    EXISTING_FILE,
    as_of_option,
    command,
    format_option,
    output_dir_option,
    today,
)


@command("practice")
@click.argument("log", type=EXISTING_FILE)
@click.option(
    "--assessment",
    type=EXISTING_FILE,
    metavar="FILE",
    help="Take the period, homes, columns, closures and tenures from this assessment.",
)
@click.option("--homes", type=click.IntRange(min=1), help="Homes owned or managed, for CH01.")
@click.option("--period", metavar="YEAR", help="The reporting year, e.g. 2024-25.")
@as_of_option
@click.option("--closure", "closures", multiple=True, type=DATE, help="A closure day; repeatable.")
@click.option(
    "--tenure", "tenures", multiple=True, help="A tenure counted for CH01/CH02; repeatable."
)
@click.option("--sheet", help="For .xlsx: the sheet to read (default: the first).")
@output_dir_option("Also write practice.json, verdicts.csv and practice.md into DIR.")
@format_option(["text", "json", "md"], "How to print the figures.")
def practice_command(
    log: Path,
    assessment: Path | None,
    homes: int | None,
    period: str | None,
    as_of: dt.date | None,
    closures: tuple[dt.date, ...],
    tenures: tuple[str, ...],
    sheet: str | None,
    out: Path | None,
    output_format: str,
) -> None:
    """Measure a complaints log (.csv or .xlsx) against the Code's timescales.

    Prints the figures per stage, CH01 and CH02; problems in the log go to
    standard error as FILE:ROW:COLUMN: CODE message, and a row with a problem
    is left out of every figure. Exit status: 0 clean, 1 problems in the log.
    """
    from selfassess.models import PracticeSettings
    from selfassess.practice import compute_for, figures_json, input_for, text
    from selfassess.practice.build import build_practice_outputs, practice_json
    from selfassess.problems import ProblemsFound, Severity
    from selfassess.render.outputs import write_each

    settings = PracticeSettings(
        log=str(log), closures=list(closures), tenures=list(tenures) or None, sheet=sheet
    )
    given = input_for(log, assessment, homes, period, settings)
    result = compute_for(given, today(as_of))
    figures = figures_json(result)
    printers = {
        "text": text.format_text,
        "md": text.format_markdown,
        "json": practice_json,
    }
    click.echo(printers[output_format](figures), nl=False)
    if out is not None:
        write_each(out, build_practice_outputs(result, figures))
    for problem in result.log.problems:
        click.echo(problem.format(), err=True)
    if any(problem.severity == Severity.ERROR for problem in result.log.problems):
        raise ProblemsFound()
