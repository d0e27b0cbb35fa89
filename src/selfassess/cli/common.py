"""What every command shares: dates, file arguments and the one place errors become exits."""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import sys
import types
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from click.decorators import FC

from selfassess.files import forget_inputs
from selfassess.problems import InputError, OutputError, ProblemsFound, UsageError

_PYDANTIC_PLUGINS = "pydantic.plugin._loader"


def without_pydantic_plugins() -> None:
    """Give pydantic no plugins, without importing importlib.metadata to look for them.

    pydantic finds plugins (PYDANTIC_DISABLE_PLUGINS turns them off) through a module
    that imports importlib.metadata, about 14 ms of the 110 ms `check` spends beyond
    loading its libraries. A command line tool has no use for them, so, before the first
    model is validated, that module is stood in for by one that returns none; any other
    name asked of it brings in the real module.
    """
    if _PYDANTIC_PLUGINS in sys.modules:
        return
    stand_in = types.ModuleType(_PYDANTIC_PLUGINS)

    def get_plugins() -> tuple[()]:
        return ()

    def real(attribute: str) -> object:
        if attribute.startswith("__"):  # what the import system probes for (__path__)
            raise AttributeError(attribute)
        del sys.modules[_PYDANTIC_PLUGINS]
        return getattr(importlib.import_module(_PYDANTIC_PLUGINS), attribute)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[_PYDANTIC_PLUGINS] = stand_in


without_pydantic_plugins()


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
    carry out is bad usage and exits 2, as click's own usage errors do. A command
    whose standard output is its result (practice) prints them on standard error.
    """

    problems_on_stderr = False

    def invoke(self, ctx: click.Context) -> Any:
        forget_inputs()  # what an earlier command in this process read is not this one's input
        try:
            return super().invoke(ctx)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(problem.format(), err=self.problems_on_stderr)
            raise SystemExit(1) from None
        except OutputError as exc:
            echo_error(exc)
            raise SystemExit(1) from None
        except ProblemsFound:
            raise SystemExit(1) from None
        except UsageError as exc:
            raise click.UsageError(str(exc), ctx) from None


output_option = click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Write into DIR/<file stem>/ instead of build/<file stem>/.",
)
templates_option = click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="A folder of jinja2 templates that override the bundled ones. Templates are code: "
    "they run with your permissions, so use only a folder you trust.",
)
reference_docx_option = click.option(
    "--reference-docx",
    type=EXISTING_FILE,
    help="A Word file whose styles, page setup and header and footer text the Word output "
    "uses (not its pictures, fields or links).",
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


def echo_error(exc: OutputError) -> None:
    """Print an output that could not be written, on standard error."""
    click.echo(f"Error: {exc}", err=True)


class ResultCommand(Command):
    """A command whose standard output is its result: problems go to standard error."""

    problems_on_stderr = True


def command(name: str, problems_on_stderr: bool = False) -> Callable[[Callable[..., Any]], Command]:
    """Declare a command that reports selfassess errors the one way (see Command)."""
    return click.command(name, cls=ResultCommand if problems_on_stderr else Command)


T = TypeVar("T")


def stderr_is_terminal() -> bool:
    """Tell whether standard error is a terminal (a person watching, not a pipe or CI log)."""
    return sys.stderr.isatty()


def with_progress(items: Sequence[T], label: str, shown: bool = True) -> Iterator[T]:
    """Go through items with a progress bar on standard error, for several items on a terminal.

    Nothing is shown when output is piped or logged, or when shown is False (e.g. JSON output).
    """
    if not shown or len(items) < 2 or not stderr_is_terminal():
        yield from each_freed(items)
        return
    with click.progressbar(
        each_freed(items), length=len(items), label=label, file=sys.stderr
    ) as bar:
        yield from bar


def each_freed(items: Sequence[T]) -> Iterator[T]:
    """Go through items, freeing what each one left behind before the next.

    A Word document's package and its parts refer to each other, so each file rendered
    leaves a cycle only a full collection frees, and Python makes one rarely: a batch's
    memory grew by 0.4 MB a file. What the command had loaded before the first file
    (modules, models, templates) is frozen out of the collector's way first, so each
    collection looks only at what one file made.
    """
    if len(items) < 2:
        yield from items
        return
    gc.freeze()
    try:
        for item in items:
            yield item
            gc.collect()
            # What survives is what the first file loaded for every file (Word's blank,
            # the workbook library, compiled templates): frozen too, so the next
            # collection looks only at what the next file made.
            gc.freeze()
    finally:
        gc.unfreeze()


Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


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


def output_dir_option(help: str) -> Decorator:
    """Return a -o/--output DIR option, with its own help, for a command that writes files."""
    return click.option(
        "-o",
        "--output",
        "out",
        type=click.Path(file_okay=False, path_type=Path),
        metavar="DIR",
        help=help,
    )
