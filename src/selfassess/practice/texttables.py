"""The practice figures' tables as text: by month, by category and by each of `breakdowns:`.

Shared by the terminal and practice.md (``practice.text``): each table is a header and rows
of cells, aligned for the terminal or written as a Markdown table.
"""

from __future__ import annotations

from collections.abc import Callable

from selfassess.practice import labels
from selfassess.practice.figures import (
    Breakdown,
    GroupFigures,
    MonthFigures,
    PracticeFigures,
    StageCounts,
)


def share(part: int, whole: int, percent: float | None) -> str:
    """Write a part of a whole with its percentage, e.g. "515 of 557 (92.5%)"."""
    return f"{part:,} of {whole:,} ({percent:g}%)" if percent is not None else f"{part:,} of 0"


def printable(text: str) -> str:
    """Replace control characters (a log's cells reach the terminal) with spaces."""
    return "".join(c if c.isprintable() else " " for c in text)


def number(value: float | None) -> str:
    """Write a figure that may be missing, e.g. "10" or "none"."""
    return "none" if value is None else f"{value:g}"


_BREAKDOWN = ("received", "responded", "on time")


def breakdown(
    heading: str, rows: tuple[MonthFigures, ...] | tuple[GroupFigures, ...]
) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the by-month or by-category table."""
    header = [heading, *(f"Stage {n} {word}" for n in (1, 2) for word in _BREAKDOWN)]
    lines = []
    for row in rows:
        name = row.iso if isinstance(row, MonthFigures) else row.name
        counts = (
            c for s in (row.stage_1, row.stage_2) for c in (s.received, s.responded, s.on_time)
        )
        lines.append([printable(name), *(f"{count:,}" for count in counts)])
    return header, lines


#: A breakdown's columns for each stage, and how each is written.
_GROUP: tuple[tuple[str, Callable[[StageCounts], str]], ...] = (
    ("received", lambda s: f"{s.received:,}" + (f" ({labels.SMALL})" if s.small else "")),
    ("on time", lambda s: share(s.on_time, s.responded, s.on_time_percent)),
    ("median days", lambda s: number(s.median_working_days)),
    ("upheld", lambda s: share(s.upheld, s.decided, s.upheld_percent)),
)


def group_table(found: Breakdown) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of one of `breakdowns:`, both stages side by side."""
    header = [found.title, *(f"Stage {n} {name}" for n in (1, 2) for name, _ in _GROUP)]
    rows = [
        [printable(group.name), *(say(stage) for stage in group.stages() for _, say in _GROUP)]
        for group in found.groups
    ]
    return header, rows


def tables_of(figures: PracticeFigures) -> list[tuple[str, tuple[list[str], list[list[str]]]]]:
    """Return each table by month, category and breakdown, under its heading."""
    return [
        ("By month", breakdown("Month", figures.by_month)),
        ("By category", breakdown("Category", figures.by_category)),
        *((labels.by_group(b.title), group_table(b)) for b in figures.breakdowns),
    ]


def aligned(header: list[str], rows: list[list[str]]) -> list[str]:
    """Return a table's lines for the terminal, the first column left, the rest right."""
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(
            text.ljust(w) if i == 0 else text.rjust(w)
            for i, (text, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in [header, *rows]
    ]
