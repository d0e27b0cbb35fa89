"""What the pages' command examples take as already there, made in a copy of the project."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from conftest import FIXTURES
from formbuilder import Row, build_form
from selfassess.cli import main
from selfassess.code.catalogue import Catalogue

EXAMPLE = "assessments/example-borough-council-2024-25.yaml"


def _last_years_form(folder: Path) -> None:
    """Last year's self-assessment as a landlord kept it: the Ombudsman's Word form, filled in."""
    _form(folder, "last-year.docx")
    (folder / EXAMPLE).unlink()  # the file the import writes


def _file_on_2022_numbering(folder: Path) -> None:
    shutil.copy(FIXTURES / "cycle" / "northvale-2022-23.yaml", folder / "assessments")


def _this_years_file(folder: Path) -> None:
    CliRunner().invoke(main, ["init", "--from", EXAMPLE], catch_exceptions=False)


def _form_to_import(folder: Path) -> None:
    _form(folder, "FORM.docx")


def _form(folder: Path, name: str) -> None:
    """Write the Ombudsman's 2024 form with every assessed provision answered Yes."""
    edition = Catalogue.near(folder / EXAMPLE).edition("hos-chc-2024")
    assert edition is not None
    rows = [
        Row(p.id, p.text or p.summary, "Yes", ["Complaints policy"], ["We do this."])
        for _, p in edition.provisions()
        if p.assessed
    ]
    build_form(folder / name, rows, "2024", {s.number: s.title for s in edition.sections})


def _crm_export(folder: Path) -> None:
    """The example's complaints as a case management system exports them (see exports.py)."""
    from practice.exports import crm_workbook, tidy_rows

    crm_workbook(folder / "complaints" / "export.xlsx", tidy_rows())


#: A command's start -> what to make before it runs.
PREPARE: dict[str, Callable[[Path], None]] = {
    "selfassess import last-year.docx": _last_years_form,
    "selfassess migrate assessments/northvale-2022-23.yaml": _file_on_2022_numbering,
    "selfassess diff assessments/example-borough-council-2024-25.yaml "
    "assessments/example-borough-council-2025-26.yaml": _this_years_file,
    "selfassess code import FORM.docx": _form_to_import,
    "selfassess practice complaints/export.xlsx": _crm_export,
}
