"""The measures a benchmark may name: where the report computes each, and what it needs.

A measure is found in the report's own figure tables (by table key, row and column), so a
benchmark is always set beside the figure the report shows, counted once by its owner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from selfassess.practice import labels
from selfassess.practice.labels import CH01, CH02
from selfassess.wording import fold

#: What a measure needs before the report computes it: a file or figure the report names, or a
#: Code and an Ombudsman that have the measure at all (a council's other services have neither).
NEEDS = {
    "log": "the self-assessment names no complaints log (practice: log:)",
    "casework": "the report names no casework register (casework:)",
    "satisfaction": "the report gives no satisfaction: complaints_handling: (TP09)",
    "tenant measures": "the self-assessment's Code has no tenant satisfaction measures (CH01 "
    "and CH02 are for a landlord's complaints)",
    "housing register": "the casework register is the LGSCO's, whose decisions have an upheld "
    "rate, not a maladministration rate",
}


@dataclass(frozen=True)
class Measure:
    """A measure's name in a report file and where the report computes it."""

    name: str
    table: str  # the figure table's key
    row: int | str  # the row: its index, or its label
    column: int
    needs: tuple[str, ...]  # keys of NEEDS, the first lacking the one said
    label: str | None = None  # its name in the report, when not its row's label

    @property
    def key(self) -> str:
        """Return the name as a file may write it: lower case, single spaces."""
        return fold(self.name)


def _stages(code: str, row: int, label: Callable[[int], str]) -> tuple[Measure, ...]:
    needs = ("log", "tenant measures")
    return tuple(Measure(f"{code} stage {n}", "tsm", row, n - 1, needs, label(n)) for n in (1, 2))


MEASURES = (
    *_stages(CH01, 0, labels.ch01),
    *_stages(CH02, 1, labels.ch02),
    Measure("escalation rate", "escalation", 0, 0, ("log",)),
    Measure("TP09", "satisfaction", 0, 0, ("satisfaction",)),
    Measure(
        "maladministration rate",
        "ombudsman-decisions",
        "Maladministration rate",
        0,
        ("casework", "housing register"),
    ),
)
BY_KEY = {measure.key: measure for measure in MEASURES}
NAMES = tuple(measure.name for measure in MEASURES)
