"""What every command shares: dates, problem output and the one place errors become exits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from click.decorators import FC

from selfassess.problems import InputError, OutputError, UsageError

T = TypeVar("T")
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


class DateType(click.ParamType):  # type: ignore[type-arg]
    """A date written YYYY-MM-DD."""

    name = "date"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date written YYYY-MM-DD", param, ctx)


DATE = DateType()

#: An input file that must exist (click reports a missing one as a usage error, exit 2).
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def today(as_of: dt.date | None) -> dt.date:
    """Return the as-of date, or today."""
    return as_of or dt.date.today()


as_of_option = click.option(
    "--as-of",
    type=DATE,
    default=None,
    help="Judge dates as on this day (YYYY-MM-DD); default today.",
)


def format_option(choices: list[str], help: str) -> Decorator:
    """Return a --format option choosing how a command prints (the first choice by default)."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


def output_option(help: str) -> Decorator:
    """Return a -o/--output DIR option for a command that writes files."""
    return click.option(
        "-o",
        "--output",
        "out",
        type=click.Path(file_okay=False, path_type=Path),
        metavar="DIR",
        help=help,
    )


#: Where commands that render write, unless told otherwise.
FOLDER_HELP = "Write into DIR/<file stem>/ instead of build/<file stem>/."

templates_option = click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="A folder of jinja2 templates that override the bundled ones.",
)
draft_option = click.option(
    "--draft",
    is_flag=True,
    help="Render despite errors, marked 'Draft — not approved' with the open problems listed.",
)
reference_docx_option = click.option(
    "--reference-docx",
    type=EXISTING_FILE,
    help="A Word file whose styles, page setup and header (logo) the Word output uses.",
)


def formats_option(names: str) -> Callable[[FC], FC]:
    """Return the --format option, listing the formats a command writes."""
    return click.option(
        "--format",
        "formats",
        multiple=True,
        metavar="LIST",
        help=f"Outputs to write, comma-separated: {names}, or all (the default).",
    )


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn selfassess errors into messages and exit codes: 1 for files, 2 for usage."""
    try:
        yield
    except InputError as exc:
        for problem in exc.problems:
            click.echo(problem.format())
        raise SystemExit(1) from None
    except OutputError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(1) from None
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None


def run(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a library function, reporting its errors the selfassess way."""
    with reported_errors():
        return function(*args, **kwargs)
