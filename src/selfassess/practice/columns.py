"""Match a log's headers to our column names, through the assessment's `columns:` mapping."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from selfassess.models import LOG_COLUMNS
from selfassess.practice.header import describe
from selfassess.practice.table import Table
from selfassess.problems import InputError, Problem, error
from selfassess.wording import header_key

REQUIRED = ("reference", "received")
#: Headers case management systems write for our columns, offered as "did you mean"
#: (and by --suggest), never taken without being named under columns:.
COMMON_HEADERS = {
    "reference": ("case id", "case ref", "case reference", "complaint ref", "complaint id", "ref"),
    "received": ("date received", "received date", "date logged", "logged date", "date opened"),
    "acknowledged": ("date acknowledged", "acknowledged date", "acknowledgement date"),
    "extended_to": ("extended date", "extension date", "new response date", "extended to"),
    "responded": ("date responded", "response date", "response sent", "date of response"),
    "category": ("service area", "service", "complaint type", "category"),
    "handler": ("officer", "case officer", "handled by", "investigating officer"),
    "escalated": ("escalation date", "date escalated", "stage 2 requested", "escalated date"),
    "escalation_reason": ("reason for escalation", "escalation reason", "why escalated"),
    "tenure": ("tenure type", "tenancy type", "tenancy"),
    "compensation": ("compensation offered", "compensation amount", "amount offered"),
    "outcome": ("result", "decision", "outcome"),
    "stage": ("complaint stage", "stage"),
}
_MAX_SHOWN = 30


def wanted_names(mapping: dict[str, str]) -> frozenset[str]:
    """Return the normalised names a header row is recognised by: ours, mapped and common ones."""
    common = (header for headers in COMMON_HEADERS.values() for header in headers)
    return frozenset(header_key(name) for name in (*LOG_COLUMNS, *mapping.values(), *common))


@dataclass
class Columns:
    """Our column names with their index in the row, and which were matched by name alone."""

    index: dict[str, int]
    by_name: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def find_columns(table: Table, mapping: dict[str, str]) -> Columns:
    """Return the columns found; raise if a required one, or a mapped one, is missing."""
    headers, display = table.headers, table.display
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for index, header in enumerate(headers):
        key = header_key(header)
        if key and key in seen:
            message = f"column '{header[:40]}' appears twice (first as column {seen[key] + 1}); the later one is ignored"
            problems.append(error(display, table.header_row, index + 1, "E505", message))
        seen.setdefault(key, index)
    found = {
        name: seen[header_key(mapping.get(name, name))]
        for name in LOG_COLUMNS
        if header_key(mapping.get(name, name)) in seen
    }
    missing = [
        _missing(name, mapping, table)
        for name in LOG_COLUMNS
        if name not in found and (name in REQUIRED or name in mapping)
    ]
    if missing:
        raise InputError(missing + problems)
    return Columns(found, {name for name in found if name not in mapping}, problems)


def header_positions(headers: list[str]) -> dict[str, int]:
    """Return each header's key (``header_key``) with the column it first stands in."""
    return {header_key(h): i for i, h in reversed(list(enumerate(headers))) if h}


def did_you_mean(name: str, wanted: str, headers: list[str]) -> str | None:
    """Return the header most like a column's name (or a common export header for it)."""
    keys = {header_key(h): h for h in headers if h}
    for common in COMMON_HEADERS.get(name, ()):
        if header_key(common) in keys:
            return keys[header_key(common)]
    close = difflib.get_close_matches(header_key(wanted), list(keys), n=1, cutoff=0.6)
    return keys[close[0]] if close else None


def header_words(table: Table) -> str:
    """Say where the header was read and what it holds."""
    shown = [h for h in table.headers if h][:_MAX_SHOWN]
    more = len([h for h in table.headers if h]) - len(shown)
    listed = ", ".join(repr(h) for h in shown) + (f" and {more} more" if more > 0 else "")
    return f"the header read from {describe(table)} holds {listed or 'nothing'}"


def _missing(name: str, mapping: dict[str, str], table: Table) -> Problem:
    wanted = mapping.get(name, name)
    close = did_you_mean(name, wanted, table.headers)
    hint = f"; did you mean '{close[:40]}'?" if close else ""
    if name in mapping:
        message = f"columns: maps {name} to '{wanted}', but the log has no such column{hint}"
    else:
        message = f"the log has no '{name}' column{hint} (name the export's header under practice: columns:)"
    message += f"; {header_words(table)}"
    return error(table.display, table.header_row, 1, "E504", message)
