"""Small complaints logs for tests, written as CSV text."""

from __future__ import annotations

from pathlib import Path

HEADER = (
    "reference,received,acknowledged,extended_to,extension_reason,responded,outcome,"
    "refusal_reason,category,handler,escalated,s2_acknowledged,s2_extended_to,"
    "s2_extension_reason,s2_responded,s2_outcome,s2_handler,compensation,tenure"
)
#: A clean row: received Monday 3 June 2024, acknowledged the next day, answered in 8 days.
GOOD = "C1,03/06/2024,04/06/2024,,,14/06/2024,upheld,,Repairs,Ann,,,,,,,,50,tenant"


def write_log(folder: Path, *rows: str, header: str = HEADER, name: str = "log.csv") -> Path:
    """Write a log with our header (or another) and the rows given."""
    path = folder / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def row(**cells: str) -> str:
    """Return GOOD with some cells replaced, by column name."""
    names = HEADER.split(",")
    values = GOOD.split(",")
    for name, value in cells.items():
        values[names.index(name)] = value
    return ",".join(values)
