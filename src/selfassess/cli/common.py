"""What every command shares: dates, file arguments and the one place errors become exits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from selfassess.problems import InputError, OutputError, ProblemsFound, UsageError


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


class Command(click.Command):
    """A command whose selfassess errors become messages and exit codes here, and only here.

    Problems in files and failed writes exit 1; a request the command cannot
    carry out is bad usage and exits 2, as click's own usage errors do.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(problem.format())
            raise SystemExit(1) from None
        except OutputError as exc:
            echo_error(exc)
            raise SystemExit(1) from None
        except ProblemsFound:
            raise SystemExit(1) from None
        except UsageError as exc:
            raise click.UsageError(str(exc), ctx) from None


def echo_error(exc: OutputError) -> None:
    """Print an output that could not be written, on standard error."""
    click.echo(f"Error: {exc}", err=True)


def command(name: str) -> Callable[[Callable[..., Any]], Command]:
    """Declare a command that reports selfassess errors the one way (see Command)."""
    return click.command(name, cls=Command)
