"""The code commands: browse an edition of the Code and take its text from the Ombudsman's form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from selfassess.cli.common import DATE, EXISTING_FILE, Command, today
from selfassess.code import DEFAULT_EDITION


@click.group("code")
def code_group() -> None:
    """Browse the Code's editions, or take their text from the Ombudsman's form."""


@code_group.command("list", cls=Command)
@click.argument("edition", default=DEFAULT_EDITION)
def list_command(edition: str) -> None:
    """List an edition's sections and provisions (default hos-chc-2024).

    Each line gives the provision's id, modality, whether its text is bundled,
    and a short summary.
    """
    from selfassess.code.browse import format_list
    from selfassess.code.catalogue import Catalogue

    found = Catalogue.near().require(edition)
    click.echo(format_list(found), nl=False)


@code_group.command("show", cls=Command)
@click.argument("provision_id", metavar="ID")
@click.option(
    "--edition", default=DEFAULT_EDITION, show_default=True, help="The edition to look in."
)
def show_command(provision_id: str, edition: str) -> None:
    """Show one provision in full: its text and source, or where to read it.

    Also shows where the provision went in a later edition, or where it came
    from in an earlier one, according to the edition maps.
    """
    from selfassess.code.browse import format_show
    from selfassess.code.catalogue import Catalogue

    catalogue = Catalogue.near()
    found = catalogue.require(edition)
    click.echo(format_show(catalogue, found, provision_id), nl=False)


@code_group.command("import", cls=Command)
@click.argument("form", type=EXISTING_FILE)
@click.option(
    "--edition", default=DEFAULT_EDITION, show_default=True, help="The edition the form is for."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The Code file to write (default code_requirements/EDITION.yaml).",
)
@click.option("--update", is_flag=True, help="Replace the Code file if it exists (keeps a .bak).")
@click.option("--prefer-form", is_flag=True, help="Where the form's text differs, take the form's.")
@click.option(
    "--date", "day", type=DATE, default=None, help="The import date to record (default today)."
)
def import_command(
    form: Path,
    edition: str,
    output: Path | None,
    update: bool,
    prefer_form: bool,
    day: dt.date | None,
) -> None:
    """Take the Code's text from the Ombudsman's self-assessment form (.docx).

    Accepts only documents whose requirement cells quote the Code: the
    Ombudsman's own self-assessment form (2024 or 2022 layout), or a landlord's
    completed copy of it. It refuses a Word document written by 'selfassess
    render' (E211), whose cells hold selfassess's summaries, and ignores any row
    that holds a summary or a "See provision X.Y of the Code" line.

    Writes a Code file. For each
    provision it reports: filled, identical, differs (with a word diff; the
    bundled text is kept unless --prefer-form), added, or not in the form.
    When every provision has text and none is missing from the form, the
    edition is marked complete and check becomes strict.
    """
    from selfassess.code.fromform import format_import, import_code_text

    result = import_code_text(form, edition, output, update, prefer_form, today(day))
    click.echo(format_import(result, form.name), nl=False)
