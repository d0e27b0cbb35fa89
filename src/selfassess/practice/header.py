"""Find the row that names a log's columns: title rows and blank rows may stand above it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from selfassess.practice.table import Cell, Table, fail
from selfassess.wording import header_key

#: How far down the header is looked for.
SEARCH_ROWS = 20


def header_text(value: Cell) -> str:
    """Return a header cell as text."""
    return "" if value is None else str(value).strip()


def find_header(table: Table, header_row: int | None, names: frozenset[str]) -> Table:
    """Return the table with its header and the rows below it.

    The header is `header_row`, else the row of the first 20 holding most of `names`
    (normalised column names); with none of them, the first row that holds anything.
    """
    rows = iter(table.rows)
    last = header_row if header_row is not None else SEARCH_ROWS
    looked: list[tuple[int, Sequence[Cell]]] = []
    for number, cells in rows:
        looked.append((number, cells))
        if number >= last:
            break
    if not looked:
        raise fail(table.display, "E502", _empty(table))
    if header_row is not None:
        chosen = next((i for i, (n, _) in enumerate(looked) if n == header_row), None)
        if chosen is None:
            raise fail(table.display, "E521", _blank_header(table, header_row), header_row)
    else:
        scores = [
            sum(header_key(header_text(cell)) in names for cell in cells) for _, cells in looked
        ]
        chosen = scores.index(max(scores))
    number, cells = looked[chosen]
    headers = [header_text(cell) for cell in cells]
    while headers and not headers[-1]:
        headers.pop()
    rest: Iterator[tuple[int, Sequence[Cell]]] = itertools.chain(looked[chosen + 1 :], rows)
    table.headers, table.rows, table.header_row = headers, rest, number
    return table


def _where(table: Table) -> str:
    return f"sheet {table.sheet!r}" if table.sheet is not None else "the file"


def _empty(table: Table) -> str:
    where = "the sheet" if table.sheet is not None else "the log"
    return f"{where} is empty; a row must name the columns"


def _blank_header(table: Table, header_row: int) -> str:
    return (
        f"header_row: {header_row}, but row {header_row} of {_where(table)} is blank or past "
        "its last row; give the row that names the columns"
    )


def describe(table: Table) -> str:
    """Say where the header was read, e.g. "row 3 of sheet 'Complaints'"."""
    return f"row {table.header_row} of {_where(table)}"
