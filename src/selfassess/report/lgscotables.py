"""Item 3's tables from an LGSCO register: its decisions, its upheld rate and its review letter.

Every figure is the register's own (``selfassess.casework.lgsco``), under the LGSCO's own
definitions; none is the Housing Ombudsman's, and none is added to it.
"""

from __future__ import annotations

from typing import Any

from selfassess.report.tables import FigureRow, FigureTable

UPHELD_RATE = "Upheld rate (the LGSCO's: of the decisions investigated)"


def _percent(rate: dict[str, Any] | None) -> float | None:
    return rate["percent"] if rate else None


def lgsco_tables(data: dict[str, Any]) -> tuple[FigureTable, ...]:
    """Return the LGSCO's decisions about us, its decisions by outcome and its review letter."""
    recs = data["recommendations"]
    rows = (
        FigureRow("Decisions", (data["decided"],)),
        FigureRow("Investigated in detail", (data["investigated"],)),
        FigureRow("Upheld", (data["upheld"],)),
        FigureRow(UPHELD_RATE, (_percent(data["upheld_rate"]),), unit="%"),
        FigureRow(
            "Upheld cases we had already remedied satisfactorily",
            (_percent(data["satisfactory_remedy_rate"]),),
            unit="%",
        ),
        FigureRow("Recommendations made", (recs["made"],)),
        FigureRow("Recommendations complied with on time", (recs["complied_on_time"],)),
        FigureRow("Recommendations still open", (recs["open"],)),
        FigureRow("Compensation recommended", (data["compensation_recommended"],), unit="£"),
    )
    tables = [
        FigureTable(
            "lgsco-decisions", "The LGSCO's decisions about us", "Measure", ("Figure",), rows
        ),
        FigureTable(
            "lgsco-outcomes",
            "The LGSCO's decisions, by outcome",
            "Outcome",
            ("Decisions",),
            tuple(FigureRow(name.capitalize(), (n,)) for name, n in data["by_outcome"].items()),
            chart="bar",
        ),
    ]
    letter = data["review_letter"]
    if letter is not None:
        tables.append(_letter(letter))
    return tuple(tables)


def _letter(letter: dict[str, Any]) -> FigureTable:
    rows = (
        FigureRow("Complaints and enquiries decided", (letter["complaints_decided"],)),
        FigureRow("Investigated in detail", (letter["investigated"],)),
        FigureRow("Upheld rate", (letter["upheld_rate"],), unit="%"),
        FigureRow(
            "Average upheld rate of similar councils",
            (letter["similar_councils_upheld_rate"],),
            unit="%",
        ),
        FigureRow("Compliance with recommendations", (letter["compliance_rate"],), unit="%"),
        FigureRow(
            "Upheld cases with a satisfactory remedy before the LGSCO acted",
            (letter["satisfactory_remedies"],),
            unit="%",
        ),
    )
    caption = f"The LGSCO's annual review letter, {letter['year']} (its figures, as published)"
    return FigureTable("lgsco-letter", caption, "Measure", ("Figure",), rows)
