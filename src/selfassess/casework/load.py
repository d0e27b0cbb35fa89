"""Load a casework register: validate it, find its owners, and run the rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from selfassess.casework.models import Register
from selfassess.models import Assessment, Owner
from selfassess.problemcodes import first_problem
from selfassess.problems import InputError, Problem, Severity
from selfassess.safety import Unusable, named_file
from selfassess.validate import validate
from selfassess.yamlio import Document, load_file


@dataclass
class CheckedRegister:
    """A register that loaded, its owners (its own and those of `owners_from`) and its problems."""

    document: Document
    register: Register
    owners: dict[str, Owner]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        """Return the errors among the problems."""
        return [p for p in self.problems if p.severity == Severity.ERROR]


def load_register(path: Path, as_of: dt.date) -> CheckedRegister:
    """Load and check a register; raise InputError if it cannot be used at all."""
    return check_register(load_file(path), as_of)


def check_register(document: Document, as_of: dt.date) -> CheckedRegister:
    """Validate a register and run every rule; raise InputError if it does not validate."""
    from selfassess.casework.rules import RULES, RegisterContext

    register = validate(document, Register)
    owners, problems = _owners(document, register)
    # When owners_from cannot be read, which keys exist is unknown: E707 says so, once.
    context = RegisterContext(
        document, register, owners, as_of, bool(register.owners_from), owners_unknown=bool(problems)
    )
    problems += [p for rule in RULES for p in rule(context)]
    return CheckedRegister(document, register, owners, problems)


def _owners(document: Document, register: Register) -> tuple[dict[str, Owner], list[Problem]]:
    """Return the register's owners, after those of the assessment `owners_from` names."""
    if not register.owners_from:
        return dict(register.owners), []
    try:
        source = named_file(document.path, register.owners_from)
    except Unusable as exc:  # a folder or a pipe would fail late, or wait for ever
        return dict(register.owners), [_unusable(document, register.owners_from, f"it {exc}")]
    try:
        assessment = validate(load_file(source, str(source)), Assessment)
    except InputError as exc:
        # Only the place and code: the named file may hold what must not be echoed.
        why = first_problem(exc.problems)
        return dict(register.owners), [_unusable(document, register.owners_from, why)]
    return {**assessment.owners, **register.owners}, []


def _unusable(document: Document, name: str, why: str) -> Problem:
    return document.problem(
        "E707",
        ("owners_from",),
        f"owners_from '{name[:60]}' cannot be used: {why}; name an assessment that `selfassess check` "
        "accepts, relative to this register",
        key=False,
    )
