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


@command("practice", problems_on_stderr=True)
@click.argument("log", type=EXISTING_FILE, required=False)
@click.option(
    "--assessment",
    type=EXISTING_FILE,
    metavar="FILE",
    help="Take the log, period, homes, columns, values, closures and tenures from this "
    "assessment (a LOG given replaces its log).",
)
@click.option("--homes", type=click.IntRange(min=1), help="Homes owned or managed, for CH01.")
@click.option("--period", metavar="YEAR", help="The reporting year, e.g. 2024-25.")
@as_of_option
@click.option("--closure", "closures", multiple=True, type=DATE, help="A closure day; repeatable.")
@click.option(
    "--tenure", "tenures", multiple=True, help="A tenure counted for CH01/CH02; repeatable."
)
@click.option(
    "--sheet", help="For .xlsx: the sheet to read (default: the assessment's sheet:, or the first)."
)
@click.option(
    "--suggest",
    is_flag=True,
    help="Print a practice: block for the assessment, read from the log's header and words.",
)
@output_dir_option("Also write practice.json, verdicts.csv and practice.md into DIR.")
@format_option(["text", "json", "md"], "How to print the figures.")
def practice_command(
    log: Path | None,
    assessment: Path | None,
    homes: int | None,
    period: str | None,
    as_of: dt.date | None,
    closures: tuple[dt.date, ...],
    tenures: tuple[str, ...],
    sheet: str | None,
    suggest: bool,
    out: Path | None,
    output_format: str,
) -> None:
    """Measure a complaints log (.csv or .xlsx) against the Code's timescales.

    Prints the figures per stage, CH01 and CH02; problems in the log go to
    standard error as FILE:ROW:COLUMN: CODE message, and a row with a problem
    is left out of every figure. With --assessment and no LOG, the log (or logs)
    the assessment names is read. --suggest prints a practice: block instead.
    Exit status: 0 clean (warnings and notes may be printed), 1 errors in the log.
    """
    from selfassess.models import PracticeSettings
    from selfassess.practice import compute_for, figures_of, input_for, text
    from selfassess.practice.build import build_practice_outputs, practice_json
    from selfassess.problems import ProblemsFound, Severity
    from selfassess.render.outputs import write_folder

    settings = PracticeSettings(
        log=str(log), closures=list(closures), tenures=list(tenures) or None, sheet=sheet
    )
    if suggest:
        from selfassess.practice.suggest import suggest_block

        if log is None:
            raise click.UsageError("--suggest reads a LOG: give the export's file")
        click.echo(suggest_block(log, sheet), nl=False)
        return
    given = input_for(log, assessment, homes, period, settings)
    result = compute_for(given, today(as_of))
    figures = figures_of(result)
    printers = {
        "text": text.format_text,
        "md": text.format_markdown,
        "json": practice_json,
    }
    click.echo(printers[output_format](figures), nl=False)
    if out is not None:
        write_folder(out, build_practice_outputs(result, figures))
    for problem in result.log.problems:
        click.echo(problem.format(), err=True)
    if any(p.severity == Severity.ERROR for p in result.log.problems):
        raise ProblemsFound()
