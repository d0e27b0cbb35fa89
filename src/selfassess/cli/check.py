"""The check and schema commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from selfassess.cli.common import EXISTING_FILE, as_of_option, format_option, today


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@as_of_option
@click.option("--strict", is_flag=True, help="Fail on warnings as well as errors.")
@click.option(
    "--ignore",
    "ignored",
    multiple=True,
    metavar="CODE",
    help="Leave out problems with this code (e.g. W308); may be repeated.",
)
@format_option(
    ["text", "json", "github"],
    "text for people, json for tools, github for GitHub Actions annotations.",
)
def check_command(
    files: tuple[Path, ...],
    as_of: dt.date | None,
    strict: bool,
    ignored: tuple[str, ...],
    output_format: str,
) -> None:
    """Check assessments, annual reports, casework registers, Code editions and maps.

    Each problem is printed as FILE:LINE:COL: CODE message, errors before
    warnings, then a count. Exit status: 0 clean, 1 problems, 2 bad usage.
    """
    from selfassess.check import check_files
    from selfassess.check.report import FORMATS

    report = check_files(list(files), today(as_of))
    report.problems = [p for p in report.problems if p.code not in ignored]
    click.echo(FORMATS[output_format](report), nl=False)
    raise SystemExit(1 if report.failed(strict) else 0)


@click.command("schema")
@click.option(
    "--kind",
    type=click.Choice(
        ["assessment", "code", "map", "deadlines", "timescales", "casework", "report"]
    ),
    default="assessment",
    show_default=True,
    help="Which file format's schema to print.",
)
def schema_command(kind: str) -> None:
    """Print the JSON Schema (draft-07) of a file format, for editors."""
    from selfassess.schema import schema_json

    click.echo(schema_json(kind), nl=False)
