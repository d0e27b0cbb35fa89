"""Match a log's headers to our column names, through the assessment's `columns:` mapping."""

from __future__ import annotations

import difflib
import re

from selfassess.models import LOG_COLUMNS
from selfassess.problems import InputError, Problem, error

REQUIRED = ("reference", "received")
_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise(name: str) -> str:
    """Compare headers without case, spaces, hyphens or underscores."""
    return _SEPARATORS.sub("", name).lower()


def find_columns(
    headers: list[str], mapping: dict[str, str], display: str
) -> tuple[dict[str, int], list[Problem]]:
    """Return our column names with their index in the row; raise if a required one is missing."""
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for index, header in enumerate(headers):
        key = normalise(header)
        if key and key in seen:
            message = f"column '{header[:40]}' appears twice (first as column {seen[key] + 1}); the later one is ignored"
            problems.append(error(display, 1, index + 1, "E505", message))
        seen.setdefault(key, index)
    found = {
        name: seen[normalise(mapping.get(name, name))]
        for name in LOG_COLUMNS
        if normalise(mapping.get(name, name)) in seen
    }
    missing = [
        _missing(name, mapping, headers, display)
        for name in LOG_COLUMNS
        if name not in found and (name in REQUIRED or name in mapping)
    ]
    if missing:
        raise InputError(missing + problems)
    return found, problems


def _missing(name: str, mapping: dict[str, str], headers: list[str], display: str) -> Problem:
    wanted = mapping.get(name, name)
    close = difflib.get_close_matches(
        normalise(wanted), [normalise(h) for h in headers], n=1, cutoff=0.6
    )
    hint = ""
    if close:
        header = next(h for h in headers if normalise(h) == close[0])
        hint = f"; did you mean '{header[:40]}'?"
    if name in mapping:
        message = f"columns: maps {name} to '{wanted}', but the log has no such column{hint}"
    else:
        message = f"the log has no '{name}' column{hint} (name the export's header under practice: columns:)"
    return error(display, 1, 1, "E504", message)
