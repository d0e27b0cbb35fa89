"""The rules for what makes one Code differ from another: its form's layout and its timescales.

Both are data (an edition's `form:`, and code_requirements/<edition>-timescales.yaml), so a
second Code needs no code; these rules say where such data would not work as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from selfassess.code.catalogue import Catalogue
from selfassess.code.timescales import Timescales
from selfassess.models import CodeEdition, CodeForm
from selfassess.problems import Problem
from selfassess.validate import validate
from selfassess.wordform.header import MAX_HEADING, heading_role
from selfassess.yamlio import Document, KeyPath

TIMESCALES_ENDING = "-timescales"  # code_requirements/<edition>-timescales.yaml


def form_problems(document: Document, edition: CodeEdition) -> Iterator[Problem]:
    """W231: the form's headings read back by `selfassess import`; submission.csv is usable."""
    form = edition.form
    if "form" not in document.data:
        return
    yield from _headings(document, form)
    if form.submission is None:  # a Code with no submission form: no submission.csv
        return
    values = [column.value for column in form.submission.columns]
    for needed in ("provision", "answer"):
        if needed not in values:
            message = (
                f"submission.csv has no column with value: {needed}; the form needs each "
                "provision's id and its answer"
            )
            yield document.problem("W231", ("form", "submission", "columns"), message)


def _headings(document: Document, form: CodeForm) -> Iterator[Problem]:
    for role, heading in form.columns.model_dump().items():
        if heading_role(heading) != role or len(heading) > MAX_HEADING:
            message = (
                f"selfassess import would not read {heading!r} back as the {role} column of the "
                f"Word form; use a heading with a word such as {_WORDS[role]}"
            )
            yield document.problem("W231", ("form", "columns", role), message, key=False)


_WORDS = {
    "id": "'provision' or 'paragraph'",
    "requirement": "'requirement'",
    "comply": "'comply' or 'compliance'",
    "evidence": "'evidence'",
    "commentary": "'commentary' or 'explanation'",
}


def timescales_problems(document: Document) -> Iterator[Problem]:
    """Validate a timescales file and hold it against its edition (E201, E231, E232)."""
    timescales = validate(document, Timescales)
    name = f"{timescales.edition}{TIMESCALES_ENDING}.yaml"
    if Path(document.path).name != name:
        message = (
            f"selfassess finds the timescales of {timescales.edition} by the file name "
            f"{name}; this file is {Path(document.path).name}, so it is never used"
        )
        yield document.problem("E231", ("edition",), message, key=False)
    catalogue = Catalogue.near(document.path)
    edition = catalogue.edition(timescales.edition)
    if edition is None:
        message = catalogue.unknown_edition(timescales.edition)
        yield document.problem("E201", ("edition",), message, key=False)
        return
    for path, provision in _provisions(timescales):
        if edition.provision(provision) is None:
            message = f"{edition.id} has no provision {provision}"
            yield document.problem("E232", path, message, key=False)


def _provisions(timescales: Timescales) -> Iterator[tuple[KeyPath, str]]:
    for index, rule in enumerate(timescales.timescales):
        if rule.provision is not None:  # null: the limit's provision number was not found
            yield ("timescales", index, "provision"), rule.provision
    if timescales.stage_2_handler is not None:
        yield ("stage_2_handler", "provision"), timescales.stage_2_handler.provision
