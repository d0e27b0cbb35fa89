"""The render and gaps commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from selfassess.cli.common import (
    EXISTING_FILE,
    as_of_option,
    command,
    echo_error,
    formats_option,
    output_option,
    reference_docx_option,
    templates_option,
    today,
    with_progress,
)
from selfassess.wording import noun, plural

if TYPE_CHECKING:
    from selfassess.render.outputs import Options

TEMPLATE_ERROR = "E401"


@command("render")
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@output_option
@formats_option("html, sections, md, docx, gaps, submission, summary")
@as_of_option
@templates_option
@click.option(
    "--draft",
    is_flag=True,
    help="Render despite errors, marked 'Draft — not approved' with the open problems listed.",
)
@reference_docx_option
@click.option(
    "--fragment-links",
    default="anchor",
    show_default=True,
    metavar="anchor|relative|URL-PATTERN",
    help="How sections/index.html links to the other fragments: anchors on one CMS page, "
    "the files beside it, or a pattern such as https://www.example.gov.uk/complaints/{fragment}.",
)
def render_command(
    files: tuple[Path, ...],
    out: Path | None,
    formats: tuple[str, ...],
    as_of: dt.date | None,
    templates: Path | None,
    draft: bool,
    reference_docx: Path | None,
    fragment_links: str,
) -> None:
    """Check each assessment, then write its documents into build/<file stem>/.

    Writes the self-assessment as a standalone HTML page, CMS fragments
    (sections/), Markdown and Word; the internal gap list (gaps.md, gaps.html,
    gaps.csv); submission.csv and summary.json. An assessment with errors is
    not rendered (exit 1) unless --draft is given; warnings are printed and
    rendering goes on.
    """
    from selfassess.assessment.build import FORMATS
    from selfassess.assessment.fragments import check_fragment_links
    from selfassess.render.outputs import Options, parse_formats, refuse_shared_folders
    from selfassess.wordform.docxread import open_docx

    refuse_shared_folders(files, out)  # before anything is written
    if reference_docx is not None:
        open_docx(reference_docx)  # refused once, before any assessment is rendered
    options = Options(
        as_of=today(as_of),
        formats=parse_formats(formats, FORMATS),
        templates=templates,
        draft=draft,
        reference_docx=reference_docx,
        fragment_links=check_fragment_links(fragment_links),
    )
    from selfassess.problems import ProblemsFound

    failed = False
    for path in with_progress(files, "Rendering"):
        failed = not _render_one(path, out, options) or failed
    if failed:
        raise ProblemsFound()


def _render_one(path: Path, out: Path | None, options: Options) -> bool:
    """Render one file, print its problems and outputs; return True if it was rendered."""
    from selfassess.assessment.build import render_file

    return print_rendered(path, lambda: render_file(path, out, options), options.draft)


def print_rendered(path: Path, render: Callable[[], Any], draft: bool) -> bool:
    """Run one file's render, print its problems and the files written; True if it rendered.

    A file that cannot be written is reported here so that the other files still render.
    """
    from selfassess.problems import OutputError

    try:
        result = render()
    except OutputError as exc:
        echo_error(exc)
        return False
    for problem in result.problems:
        click.echo(problem.format())
    if result.folder is None:
        click.echo(not_rendered(path, [p.code for p in result.errors], draft))
        return False
    for line in written_lines(result.folder, result.written):
        click.echo(line)
    return True


def not_rendered(path: Path, codes: list[str], draft: bool) -> str:
    """Say why a file was not rendered and what to do about it."""
    them = "it" if len(codes) == 1 else "them"
    if any(code == TEMPLATE_ERROR for code in codes):
        advice = f"fix the {noun(len(codes), 'template')}"
    elif draft:
        advice = f"fix {them} to render a draft"
    else:
        advice = f"fix {them}, or use --draft"
    return f"{path}: not rendered ({plural(len(codes), 'error')}); {advice}"


def written_lines(folder: Path, written: tuple[str, ...]) -> list[str]:
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
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@click.option("--owner", metavar="KEY", help="Only the actions of this owner (a key of owners).")
@as_of_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (as in gaps.csv) instead of text.")
@click.option("--by-owner", is_flag=True, help="Group the actions by owner, by due date.")
def gaps_command(
    files: tuple[Path, ...], owner: str | None, as_of: dt.date | None, as_csv: bool, by_owner: bool
) -> None:
    """Print the gap list: every provision answered no, its actions, owners and due dates.

    Must before should; actions by due date, marked overdue on the as-of date.
    Given casework registers beside assessments (or several files), prints one
    list of what is owed: the Code's gap actions and the Ombudsman's orders and
    actions, each saying where it comes from, by due date (or --by-owner).
    The gap list is internal: it shows owners' names and emails.
    """
    day = today(as_of)
    if len(files) > 1 or _is_register(files[0]):
        from selfassess.assessment.csvfiles import owed_csv
        from selfassess.assessment.gapstext import owed_text
        from selfassess.assessment.owed import build_owed

        owed = build_owed(list(files), day, owner)
        click.echo(owed_csv(owed) if as_csv else owed_text(owed, by_owner), nl=False)
        return
    _assessment_gaps(files[0], owner, day, as_csv, by_owner)


def _is_register(path: Path) -> bool:
    from selfassess.check.kinds import file_kind
    from selfassess.yamlio import load_file

    return file_kind(load_file(path).data) == "casework"


def _assessment_gaps(
    file: Path, owner: str | None, day: dt.date, as_csv: bool, by_owner: bool
) -> None:
    """Print one assessment's gap list."""
    from selfassess.assessment.csvfiles import gaps_sheet
    from selfassess.assessment.gaps import build_gaps
    from selfassess.assessment.gapstext import gaps_text
    from selfassess.assessment.makeview import build_view
    from selfassess.check import load_assessment
    from selfassess.problems import InputError, Severity
    from selfassess.render.spreadsheet import sheet_csv
    from selfassess.render.wordxml import xml_safe

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
    click.echo(sheet_csv(gaps_sheet(gaps)) if as_csv else gaps_text(gaps, by_owner), nl=False)
