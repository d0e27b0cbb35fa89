"""The render and gaps commands."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from selfassess.cli.common import EXISTING_FILE, as_of_option, command, echo_error, today
from selfassess.wording import noun, plural

if TYPE_CHECKING:
    from selfassess.render import RenderOptions

TEMPLATE_ERROR = "E401"


@command("render")
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
    help="Outputs to write, comma-separated: html, sections, md, docx, gaps, submission, "
    "summary, or all (the default).",
)
@as_of_option
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="A folder of jinja2 templates that override the bundled ones. Templates are code: "
    "they run with your permissions, so use only a folder you trust.",
)
@click.option(
    "--draft",
    is_flag=True,
    help="Render despite errors, marked 'Draft — not approved' with the open problems listed.",
)
@click.option(
    "--reference-docx",
    type=EXISTING_FILE,
    help="A Word file whose styles, page setup and header and footer text the Word output "
    "uses (not its pictures, fields or links).",
)
def render_command(
    files: tuple[Path, ...],
    out: Path | None,
    formats: tuple[str, ...],
    as_of: dt.date | None,
    templates: Path | None,
    draft: bool,
    reference_docx: Path | None,
) -> None:
    """Check each assessment, then write its documents into build/<file stem>/.

    Writes the self-assessment as a standalone HTML page, CMS fragments
    (sections/), Markdown and Word; the internal gap list (gaps.md, gaps.html,
    gaps.csv); submission.csv and summary.json. An assessment with errors is
    not rendered (exit 1) unless --draft is given; warnings are printed and
    rendering goes on.
    """
    from selfassess.render import RenderOptions, parse_formats, refuse_shared_folders
    from selfassess.wordform.docxread import open_docx

    refuse_shared_folders(files, out)  # before anything is written
    if reference_docx is not None:
        open_docx(reference_docx)  # refused once, before any assessment is rendered
    options = RenderOptions(
        as_of=today(as_of),
        formats=parse_formats(formats),
        templates=templates,
        draft=draft,
        reference_docx=reference_docx,
    )
    from selfassess.problems import ProblemsFound

    failed = False
    for path in _progress(files):
        failed = not _render_one(path, out, options) or failed
    if failed:
        raise ProblemsFound()


def _progress(files: tuple[Path, ...]) -> Iterable[Path]:
    """Show a progress bar on a terminal when rendering several assessments."""
    if len(files) < 2 or not sys.stderr.isatty():
        yield from files
        return
    with click.progressbar(files, label="Rendering", file=sys.stderr) as bar:
        yield from bar


def _render_one(path: Path, out: Path | None, options: RenderOptions) -> bool:
    """Render one file, print its problems and outputs; return True if it was rendered."""
    from selfassess.problems import OutputError
    from selfassess.render import render_file

    try:
        result = render_file(path, out, options)
    except OutputError as exc:  # reported, and the other files are still rendered
        echo_error(exc)
        return False
    for problem in result.problems:
        click.echo(problem.format())
    if result.folder is None:
        click.echo(_not_rendered(path, [p.code for p in result.errors], options.draft))
        return False
    for line in _written_lines(result.folder, result.written):
        click.echo(line)
    return True


def _not_rendered(path: Path, codes: list[str], draft: bool) -> str:
    """Say why a file was not rendered and what to do about it."""
    them = "it" if len(codes) == 1 else "them"
    if any(code == TEMPLATE_ERROR for code in codes):
        advice = f"fix the {noun(len(codes), 'template')}"
    elif draft:
        advice = f"fix {them} to render a draft"
    else:
        advice = f"fix {them}, or use --draft"
    return f"{path}: not rendered ({plural(len(codes), 'error')}); {advice}"


def _written_lines(folder: Path, written: tuple[str, ...]) -> list[str]:
    """Return a line per file written, with the CMS fragments on one line."""
    fragments = [name for name in written if name.startswith("sections/")]
    lines = []
    for name in written:
        if name in fragments:
            if name == fragments[0]:
                lines.append(f"wrote {folder / 'sections'}/ ({len(fragments)} fragments)")
            continue
        lines.append(f"wrote {folder / name}")
    return lines


@command("gaps")
@click.argument("file", type=EXISTING_FILE)
@click.option("--owner", metavar="KEY", help="Only the actions of this owner (a key of owners).")
@as_of_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (as in gaps.csv) instead of text.")
@click.option("--by-owner", is_flag=True, help="Group the actions by owner, by due date.")
def gaps_command(
    file: Path, owner: str | None, as_of: dt.date | None, as_csv: bool, by_owner: bool
) -> None:
    """Print the gap list: every provision answered no, its actions, owners and due dates.

    Must before should; actions by due date, marked overdue on the as-of date.
    The gap list is internal: it shows owners' names and emails.
    """
    from selfassess.check import load_assessment
    from selfassess.problems import InputError, Severity
    from selfassess.render.context import build_view
    from selfassess.render.csvs import gaps_csv
    from selfassess.render.gaps import build_gaps
    from selfassess.render.gapstext import gaps_text
    from selfassess.render.wordxml import xml_safe

    day = today(as_of)
    checked = load_assessment(file, day)
    errors = [p for p in checked.problems if p.severity == Severity.ERROR]
    if errors:
        raise InputError(sorted(errors))
    owners = checked.assessment.owners
    if owner is not None and owner not in owners:
        known = ", ".join(owners) or "none"
        raise click.BadParameter(
            f"no owner '{owner}' in {file} (owners: {known})", param_hint="--owner"
        )
    # No control character reaches the terminal.
    gaps = xml_safe(build_gaps(checked, build_view(checked), day, owner))
    click.echo(gaps_csv(gaps) if as_csv else gaps_text(gaps, by_owner), nl=False)
