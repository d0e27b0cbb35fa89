"""Take the Code's text from the Ombudsman's self-assessment form into an edition file.

Bundled text is never replaced silently: a form whose text differs is reported
with a word diff and applied only when asked (prefer_form). Every text taken
records the form as its source. The user's file is replaced only when asked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from selfassess.code.catalogue import Catalogue
from selfassess.code.dump import dump_edition
from selfassess.code.merge import STATUSES, ImportResult, Outcome, check_same_edition, merge
from selfassess.files import write_new_file
from selfassess.models import CodeEdition
from selfassess.problems import OutputError, UsageError, input_error
from selfassess.validate import validate
from selfassess.wordform.forms import read_filled_form
from selfassess.wording import plural
from selfassess.yamlio import load_file

_SAID = {
    "filled": "filled (the edition had no text)",
    "identical": "identical",
    "added": "added (not in the edition; check its modality and write a summary)",
    "not in the form": "not in the form: kept (the form may be an older layout)",
    "summary": "the form's row holds selfassess's summary, not the Code's text: ignored",
    "not assessed": "not assessed, so not on the form: kept",
}


RENDERED_MESSAGE = (
    "this Word document was written by 'selfassess render': its requirement cells hold "
    "selfassess's summaries, not the Code's text; import the Ombudsman's self-assessment form, "
    "or a landlord's completed form that quotes the Code"
)


def import_code_text(
    form_path: Path,
    edition_id: str,
    output: Path | None,
    update: bool,
    prefer_form: bool,
    day: dt.date,
) -> ImportResult:
    """Read a form, merge its text into an edition and write the edition file."""
    form = read_filled_form(form_path)
    if form.rendered:
        raise input_error(form_path, 1, 1, "E211", RENDERED_MESSAGE)
    target = output or Path("code_requirements") / f"{edition_id}.yaml"
    if target.exists() and not update:
        raise OutputError(
            f"{target} already exists; use --update to replace it (a .bak copy is kept), "
            "or -o to write a new file"
        )
    edition = _base_edition(target, edition_id)
    check_same_edition(form, edition, str(form_path))
    source = f"form {form_path.name}, imported {day.isoformat()}"
    result = merge(edition, form, source, prefer_form)
    write_new_file(target, dump_edition(result.edition), force=update)
    result.written = target
    return result


def _base_edition(target: Path, edition_id: str) -> CodeEdition:
    """Start from the file being updated, or from the edition the catalogue finds."""
    if not target.exists():
        return Catalogue.near().require(edition_id)
    edition = validate(load_file(target), CodeEdition)
    if edition.id != edition_id:
        raise UsageError(f"{target} holds edition {edition.id}, not {edition_id}")
    return edition


def format_import(result: ImportResult, form_name: str) -> str:
    """Return the report: one line per provision, then the counts and whether it is complete."""
    lines = [f"Read {form_name} ({result.layout} layout): {result.rows} provision rows."]
    lines += [line for outcome in result.outcomes for line in _outcome_lines(outcome)]
    lines += result.notices
    words = {"differs": "differ"}
    counts = ", ".join(f"{result.count(s)} {words.get(s, s)}" for s in STATUSES[:5])
    if result.count("summary"):
        counts += f", {result.count('summary')} selfassess summaries ignored"
    lines.append(f"Wrote {result.written}: {counts}.")
    lines.append(_completeness(result))
    return "\n".join(lines) + "\n"


def _outcome_lines(outcome: Outcome) -> list[str]:
    head = f"  {outcome.provision_id:<5} "
    if outcome.status != "differs":
        return [head + _SAID[outcome.status]]
    if outcome.taken:
        said = "differs: took the form's text (--prefer-form)"
    else:
        said = "differs: kept the bundled text (--prefer-form takes the form's)"
    return [head + said, f"        {outcome.diff}"]


def _completeness(result: ImportResult) -> str:
    edition = result.edition
    if edition.complete:
        return f"{edition.id} is complete: check is now strict for every provision."
    missing = [p.id for _, p in edition.provisions() if p.text is None and p.assessed]
    lines = [f"{edition.id} is still incomplete (complete: false)."]
    absent = result.count("not in the form")
    if absent:
        lines.append(
            f"{plural(absent, 'provision')} not in the form: is it the form for {edition.id}?"
        )
    if missing:
        lines.append(
            f"No text for {', '.join(missing)}: copy it from the Code ({edition.source}), "
            "give its source, and set complete: true once every text is there."
        )
    return "\n".join(lines)
