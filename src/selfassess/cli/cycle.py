"""The yearly cycle: init, import, migrate, diff and status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from selfassess.cli.common import EXISTING_FILE, as_of_option, command, format_option, today

output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the assessment here ('-' for standard output).",
)
force_option = click.option(
    "--force", is_flag=True, help="Replace an existing file (a .bak copy of it is kept)."
)


def _write(output: Path, text: str, force: bool) -> None:
    """Write YAML to a file (never over one unless forced) or to standard output."""
    from selfassess.files import write_new_file

    if str(output) == "-":
        click.echo(text, nl=False)
        return
    backup = write_new_file(output, text, force)
    kept = f" (the previous version is kept as {backup})" if backup else ""
    _say(output, f"Wrote {output}{kept}.")


def _say(output: Path | None, message: str) -> None:
    """Print a message, to standard error when the YAML itself goes to standard output."""
    click.echo(message, err=str(output) == "-")


@command("init")
@click.option(
    "--code",
    metavar="EDITION",
    help="The Code edition, e.g. hos-chc-2024 or lgsco-chc-2024 (default: the newest housing Code).",
)
@click.option("--landlord", metavar="NAME", help="The landlord's name as published.")
@click.option(
    "--period",
    help="The year assessed, e.g. 2025-26 (default: the year after --from's, or the last one ended).",
)
@click.option(
    "--homes", type=click.IntRange(min=0), help="Homes owned or managed (picks the deadline)."
)
@click.option("--from", "last", type=EXISTING_FILE, help="Start from last year's assessment.")
@as_of_option
@output_option
@force_option
def init_command(
    code: str | None,
    landlord: str | None,
    period: str | None,
    homes: int | None,
    last: Path | None,
    as_of: dt.date | None,
    output: Path | None,
    force: bool,
) -> None:
    """Start a new assessment with every assessed provision present and unanswered.

    With --from, last year's answers, evidence and commentary are carried into a
    draft: dates and the governing body's approval are cleared, finished actions
    move to `history`, and the rest stay. The file is written to
    assessments/<landlord>-<period>.yaml unless -o says otherwise.
    """
    from selfassess.cycle.start import default_output, start

    _check_period(period)

    assessment, _, text = start(code, landlord, period, last, today(as_of), homes)
    target = output or default_output(assessment)
    _write(target, text, force)
    unanswered = sum(1 for r in assessment.responses.values() if r.comply is None)
    answered = len(assessment.responses) - unanswered
    carried = f"{answered} answers carried from {last}; " if last else ""
    _say(target, f"{carried}{unanswered} provisions to answer; run 'selfassess check' as you go.")


def _check_period(period: str | None) -> None:
    """Refuse a --period not written YYYY-YY (2025/26, 2025, 2025-2026), saying what to write."""
    from selfassess.dates import period_problem

    wrong = period_problem(period) if period is not None else None
    if wrong:
        raise click.BadParameter(wrong, param_hint="'--period'")


@command("import")
@click.argument("form", type=EXISTING_FILE)
@click.option(
    "--code", metavar="EDITION", help="The Code edition (default: worked out from the form)."
)
@click.option("--landlord", metavar="NAME", help="The landlord's name (Word forms rarely hold it).")
@click.option("--period", help="The year assessed, e.g. 2024-25 (default: the last one ended).")
@as_of_option
@output_option
@force_option
def import_command(
    form: Path,
    code: str | None,
    landlord: str | None,
    period: str | None,
    as_of: dt.date | None,
    output: Path | None,
    force: bool,
) -> None:
    """Turn a completed Word self-assessment (2024 or 2022 form) into an assessment YAML.

    Answers are read only when the Comply cell says Yes, No, Y or N. Anything
    else is listed here and written as an unanswered provision with a `review`
    note, so `selfassess check` lists it until it is answered. From a document
    `selfassess render` wrote, it also reads the landlord, period, status, dates,
    governing body, approval and response, and the action plan (owners by role).
    """
    from selfassess.cycle.importing import default_import_output, import_assessment, report_lines

    _check_period(period)
    result = import_assessment(form, today(as_of), code, landlord, period)
    target = output or default_import_output(result, form, named=bool(landlord))
    _write(target, result.yaml(form), force)
    for line in report_lines(result, form):
        _say(target, line)


@command("migrate")
@click.argument("file", type=EXISTING_FILE)
@click.option(
    "--to",
    "to_code",
    required=True,
    metavar="EDITION",
    help="The edition to move to, e.g. hos-chc-2024.",
)
@output_option
@force_option
def migrate_command(file: Path, to_code: str, output: Path | None, force: bool) -> None:
    """Carry an assessment's answers into another Code edition, using the edition map.

    Answers whose provision was reworded, split or merged are marked `review:`
    and `selfassess check` warns (W309) until the mark is removed. Answers to
    removed or unmapped provisions move to `retired:`. Without -o the input file
    is replaced, which needs --force (a .bak copy is kept).
    """
    from selfassess.cycle.migrate import migrate_file, summary_lines
    from selfassess.yamlout import dump_assessment

    migration, edition = migrate_file(file, to_code)
    target = output or file
    note = f"Migrated from {migration.from_edition} to {edition.id} with 'selfassess migrate'."
    text = dump_assessment(migration.assessment, edition, (note,))
    _write(target, text, force)
    _say(target, f"Answers carried from {file} into {edition.id}:")
    for line in summary_lines(migration):
        _say(target, line)
    _say(target, "Run 'selfassess check' to list the answers to review.")


@command("diff")
@click.argument("old", type=EXISTING_FILE)
@click.argument("new", type=EXISTING_FILE)
@format_option(
    ["text", "md", "json"],
    "text for the terminal, md for the annual complaints report, json for tools.",
)
def diff_command(old: Path, new: Path, output_format: str) -> None:
    """Show what changed between two assessments: gaps closed and opened, evidence, actions.

    Assessments against different Code editions are matched through the
    edition map. The Markdown is written to paste into the 'service
    improvements' part of the annual complaints performance report.
    """
    from selfassess.cycle.diff import diff_files
    from selfassess.cycle.diffreport import FORMATS
    from selfassess.problems import printable_lines

    result = diff_files(old, new, today(None))
    report = FORMATS[output_format](result)
    click.echo(report if output_format == "json" else printable_lines(report), nl=False)


@command("status")
@click.argument("file", type=EXISTING_FILE)
@as_of_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
def status_command(file: Path, as_of: dt.date | None, output_format: str) -> None:
    """Show where an assessment stands: answers, gaps, approval, review and deadline.

    The submission deadline comes from code_requirements/deadlines.yaml, chosen
    by the landlord's homes and financial year end; a rule not confirmed for
    the period is shown as unconfirmed.
    """
    from selfassess.cycle.status import assessment_status, format_json, format_text
    from selfassess.problems import printable_lines

    status = assessment_status(file, today(as_of))
    shown = format_json(status) if output_format == "json" else printable_lines(format_text(status))
    click.echo(shown, nl=False)
