"""Import a completed self-assessment from Word (the Ombudsman's 2024 or 2022 layout).

The edition is worked out from the form's layout, numbering and wording. What
cannot be read is listed, and written so that `selfassess check` lists it too.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.code.catalogue import Catalogue
from selfassess.cycle.importfacts import apply_facts
from selfassess.cycle.migrate import combine
from selfassess.cycle.start import default_output, last_completed_period, slug
from selfassess.models import PLACEHOLDER_LANDLORD, Assessment, CodeEdition, Landlord, Response
from selfassess.problems import UsageError
from selfassess.wordform.forms import Form, read_filled_form
from selfassess.wordform.readrow import read_row
from selfassess.yamlout import dump_assessment


@dataclass
class Imported:
    """An assessment read from a form, with its edition and what could not be read."""

    assessment: Assessment
    edition: CodeEdition
    layout: str
    reason: str
    problems: list[str] = field(default_factory=list)

    def yaml(self, form: Path) -> str:
        """Return the assessment as YAML, noting the form it came from."""
        return dump_assessment(self.assessment, self.edition, (f"Imported from {form.name}.",))


def import_assessment(
    path: Path,
    today: dt.date,
    code: str | None = None,
    landlord: str | None = None,
    period: str | None = None,
) -> Imported:
    """Read a completed Word self-assessment into an assessment."""
    form = read_filled_form(path)
    catalogue = Catalogue.near(path)
    edition, reason = pick_edition(form, catalogue, code)
    responses, problems = _responses(form, edition)
    assessment = Assessment(
        schema_version=1,
        code=edition.id,
        landlord=Landlord(name=landlord or PLACEHOLDER_LANDLORD),
        period=period or last_completed_period(today),
        responses=responses,
    )
    assessment = apply_facts(assessment, form.facts, problems)
    if period:
        assessment.period = period
    if assessment.landlord.name == PLACEHOLDER_LANDLORD:
        problems.append("the landlord's name is not on the form: set landlord.name")
    return Imported(assessment, edition, form.layout, reason, problems)


def default_import_output(result: Imported, form: Path, named: bool) -> Path:
    """Return assessments/<landlord>-<period>.yaml, using the form's name when no landlord is given."""
    target = default_output(result.assessment)
    if named:
        return target
    return target.with_name(f"{slug(form.stem)}-{slug(result.assessment.period)}.yaml")


def report_lines(result: Imported, form: Path) -> list[str]:
    """Say what was read, which edition was chosen and why, and what could not be read."""
    responses = result.assessment.responses.values()
    answered = sum(1 for r in responses if r.comply is not None)
    lines = [
        f"Read {len(responses)} provisions from {form} ({result.layout} layout); {answered} answered.",
        f"Edition {result.edition.id}: {result.reason}.",
    ]
    if result.problems:
        lines.append(f"To do ({len(result.problems)}); 'selfassess check' lists them too:")
        lines += [f"  {problem}" for problem in result.problems]
    return lines


def _responses(form: Form, edition: CodeEdition) -> tuple[dict[str, Response], list[str]]:
    responses: dict[str, Response] = {}
    problems: list[str] = []
    for row in form.rows:
        read = read_row(row)
        pid = row.provision_id
        problems += [f"{pid}: {problem}" for problem in read.problems]
        if edition.provision(pid) is None:
            problems.append(f"{pid}: {edition.id} has no such provision; kept as written")
        if pid in responses:
            problems.append(f"{pid}: appears more than once on the form; the rows were combined")
            read.response = _combined(responses[pid], read.response)
        responses[pid] = read.response
    return responses, problems


def _combined(first: Response, second: Response) -> Response:
    reviews = [r.review for r in (first, second) if r.review]
    merged = combine([first, second])
    merged.review = "; ".join([*reviews, "the form had two rows for this provision: check"])
    return merged


def pick_edition(form: Form, catalogue: Catalogue, code: str | None) -> tuple[CodeEdition, str]:
    """Return the edition a form was written against, and why it was chosen."""
    if code is not None:
        return catalogue.require(code), "chosen with --code"
    scored = []
    for edition_id in catalogue.edition_ids():
        edition = catalogue.edition(edition_id)
        if edition is not None:
            scored.append((_score(form, edition), edition))
    if not scored:
        raise UsageError("no Code editions found to import the form against")
    (ids, texts, layout), edition = max(scored, key=lambda item: _weight(form, *item[0]))
    return edition, (
        f"{ids} of {len(form.rows)} provision numbers and {texts} requirement texts match"
        + (f"; the table layout is the {edition.edition} form's" if layout else "")
    )


def _weight(form: Form, ids: int, texts: int, layout: bool) -> float:
    """Weigh the evidence: wording counts most, then the layout, then the numbers."""
    return ids + 3 * texts + (len(form.rows) / 2 if layout else 0)


def _score(form: Form, edition: CodeEdition) -> tuple[int, int, bool]:
    """Return how many ids and requirement texts match, and whether the layout is the edition's."""
    ids = texts = 0
    for row in form.rows:
        provision = edition.provision(row.provision_id)
        if provision is None:
            continue
        ids += 1
        if provision.text and _similar(provision.text, row.requirement):
            texts += 1
    return ids, texts, form.layout == edition.edition


def _similar(code_text: str, form_text: str) -> bool:
    def words(text: str) -> list[str]:
        return text.lower().replace("‘", "'").replace("’", "'").split()

    return difflib.SequenceMatcher(None, words(code_text), words(form_text)).ratio() > 0.8
