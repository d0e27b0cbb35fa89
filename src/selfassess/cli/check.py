"""The check and schema commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from selfassess.cli.common import (
    EXISTING_FILE,
    as_of_option,
    command,
    format_option,
    today,
    with_progress,
)


def known_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """Read --ignore values as registered problem codes (any case); refuse unknown ones."""
    from selfassess.problemcodes import is_known

    codes = tuple(value.strip().upper() for value in values)
    unknown = [value for value, code in zip(values, codes, strict=True) if not is_known(code)]
    if unknown:
        raise click.BadParameter(
            f"no problem code {', '.join(map(repr, unknown))}; the README's "
            "'What check looks for' lists every code"
        )
    return codes


@command("check")
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@as_of_option
@click.option("--strict", is_flag=True, help="Fail on warnings as well as errors.")
@click.option(
    "--ignore",
    "ignored",
    multiple=True,
    metavar="CODE",
    callback=lambda ctx, param, values: known_codes(values),
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
    from selfassess.check.dispatch import check_files
    from selfassess.check.output import FORMATS
    from selfassess.problems import ProblemsFound

    # Progress goes to standard error on a terminal only, so JSON and piped output stay clean.
    checking = with_progress(files, "Checking", shown=output_format != "json")
    report = check_files(checking, today(as_of))
    report.problems = [p for p in report.problems if p.code not in ignored]
    click.echo(FORMATS[output_format](report), nl=False)
    if report.failed(strict):
        raise ProblemsFound()


@command("schema")
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
    from selfassess.check.schema import schema_json

    click.echo(schema_json(kind), nl=False)
