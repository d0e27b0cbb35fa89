"""The kinds of file serve renders: how each is checked, built and which page opens it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfassess.problems import Problem
from selfassess.render.outputs import Options


@dataclass(frozen=True)
class Kind:
    """One kind of document: its name for people, its check, its build and its main page.

    A kind that drafts is built despite errors, marked as a draft, as `render --draft` does;
    one that does not (the plan has no draft form) shows its problems instead.
    """

    name: str
    check: Callable[[Path, dt.date], tuple[Any, list[Problem]]]
    build: Callable[[Any, Options], dict[str, bytes]]
    page: str
    drafts: bool = True


def _check_assessment(path: Path, as_of: dt.date) -> tuple[Any, list[Problem]]:
    from selfassess.check import load_assessment

    checked = load_assessment(path, as_of)
    return checked, checked.problems


def _build_assessment(checked: Any, options: Options) -> dict[str, bytes]:
    from selfassess.assessment.build import build_outputs

    return build_outputs(checked, options)


def _check_report(path: Path, as_of: dt.date) -> tuple[Any, list[Problem]]:
    from selfassess.report import check_report
    from selfassess.yamlio import load_file

    return check_report(load_file(path), as_of)


def _build_report(checked: Any, options: Options) -> dict[str, bytes]:
    from selfassess.report.build import build_report_outputs

    return build_report_outputs(checked, options)


def _check_register(path: Path, as_of: dt.date) -> tuple[Any, list[Problem]]:
    from selfassess.casework import load_register

    checked = load_register(path, as_of)
    return checked, checked.problems


def _build_plan(checked: Any, options: Options) -> dict[str, bytes]:
    from selfassess.casework.build import build_plan_outputs

    return build_plan_outputs(checked, options)


KINDS = {
    "assessment": Kind(
        "self-assessment", _check_assessment, _build_assessment, "self-assessment.html"
    ),
    "report": Kind("annual report", _check_report, _build_report, "annual-report.html"),
    "casework": Kind("casework plan", _check_register, _build_plan, "plan.html", drafts=False),
}


def kind_of(path: Path) -> Kind | None:
    """Return the kind of a file serve renders, or None for a file of another kind.

    Raises InputError when the file cannot be loaded (it is then shown as its problems).
    """
    from selfassess.check.kinds import file_kind
    from selfassess.yamlio import load_file

    return KINDS.get(file_kind(load_file(path).data))
