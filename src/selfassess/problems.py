"""Problems found in users' files, and the one exception hierarchy that carries them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How serious a problem is."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


#: The order problems are reported in: errors, then warnings, then notes.
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, at a line and column (both 1-based)."""

    file: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def format(self) -> str:
        """Return the problem as ``file:line:col: CODE message``, on one line whatever it quotes."""
        return (
            f"{printable(self.file)}:{self.line}:{self.col}: {self.code} {printable(self.message)}"
        )


def printable(text: str) -> str:
    """Escape what could end a report line early or drive a terminal: controls, separators, bidi.

    A key or owner holding a line break or an escape sequence could otherwise print a
    forged ``file:1:1: E999`` line, or move the cursor over the real ones.
    """
    return "".join(_escaped(ch) if _unprintable(ch) else ch for ch in text)


def printable_lines(text: str) -> str:
    """Escape as printable does, line by line, keeping line breaks and tabs (for terminal reports)."""
    return "\n".join(
        "\t".join(printable(piece) for piece in line.split("\t")) for line in text.split("\n")
    )


def _unprintable(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


def _escaped(ch: str) -> str:
    code = ord(ch)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def error(file: str | Path, line: int, col: int, code: str, message: str) -> Problem:
    """Make an error problem."""
    return Problem(str(file), line, col, code, message, Severity.ERROR)


def warning(file: str | Path, line: int, col: int, code: str, message: str) -> Problem:
    """Make a warning problem."""
    return Problem(str(file), line, col, code, message, Severity.WARNING)


def note(file: str | Path, line: int, col: int, code: str, message: str) -> Problem:
    """Make an informational note: shown after warnings, never a failure."""
    return Problem(str(file), line, col, code, message, Severity.NOTE)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order problems errors first, then warnings, then notes; each by file, line and column."""
    return sorted(problems, key=lambda p: (_RANK[p.severity], p.file, p.line, p.col, p.code))


def input_error(file: str | Path, line: int, col: int, code: str, message: str) -> InputError:
    """Return the InputError to raise for one located error."""
    return InputError([error(file, line, col, code, message)])


class SelfAssessError(Exception):
    """Base of every error selfassess raises on purpose."""


class InputError(SelfAssessError):
    """A user's file cannot be used; carries the problems that say why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


class UsageError(SelfAssessError):
    """A command was asked for something it cannot do (bad option, missing file)."""


class OutputError(SelfAssessError):
    """An output could not be written; earlier outputs are left as they were."""


class ProblemsFound(SelfAssessError):
    """A command reported the problems it found and fails because of them (exit 1)."""
