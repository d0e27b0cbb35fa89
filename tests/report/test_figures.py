"""The figure tables: last year's column matched by row and column, changes and movements in words."""

from __future__ import annotations

import pytest

from selfassess.report.tables import (
    FigureRow,
    FigureTable,
    change_text,
    header_cells,
    movements,
    number_text,
    row_cells,
    with_previous,
)


def table(*rows: FigureRow, columns: tuple[str, ...] = ("Stage 1", "Stage 2")) -> FigureTable:
    return FigureTable("t", "Complaints", "Month", columns, rows)


def test_numbers_in_words() -> None:
    assert [
        number_text(v, u)
        for v, u in [(1021, ""), (97.25, "%"), (1200.0, "£"), (12.5, "£"), (None, "")]
    ] == [
        "1,021",
        "97.2%",
        "£1,200",
        "£12.50",
        "–",
    ]


def test_changes_in_words() -> None:
    assert change_text(12, 9) == "up 3"
    assert change_text(88.0, 91.5, "%") == "down 3.5 points"
    assert change_text(5, 5) == "no change"
    assert change_text(5, None) == "not comparable"


def test_last_year_is_matched_by_row_label_and_column_name() -> None:
    now = table(FigureRow("April", (10, 2)), FigureRow("May", (12, 3)))
    before = FigureTable("t", "", "Month", ("Stage 2", "Stage 1"), (FigureRow("May", (1, 9)),))
    joined = with_previous(now, before)
    assert [row.previous for row in joined.rows] == [None, (9, 1)]
    assert header_cells(joined, "2024-25", "2023-24") == [
        "Month",
        "Stage 1 2024-25",
        "Stage 1 2023-24",
        "Stage 1 change",
        "Stage 2 2024-25",
        "Stage 2 2023-24",
        "Stage 2 change",
    ]
    assert row_cells(joined, joined.rows[1]) == ["12", "9", "up 3", "3", "1", "up 2"]
    assert row_cells(joined, joined.rows[0]) == [
        "10",
        "–",
        "not comparable",
        "2",
        "–",
        "not comparable",
    ]


def test_movements_name_what_moved_and_count_the_rest() -> None:
    rows = (
        FigureRow("Received", (120,), (100,)),
        FigureRow("On time", (91.5,), (95.0,), unit="%"),
        FigureRow("Refused", (4,), (4,)),
        FigureRow("Extended", (7,), (7,)),
    )
    assert movements(FigureTable("t", "", "Measure", ("Figure",), rows)) == (
        "Received rose from 100 to 120.",
        "On time fell from 95.0% to 91.5%.",
        "The other 2 are unchanged.",
    )
    still = FigureTable("t", "", "Measure", ("Figure",), rows[2:])
    assert movements(still) == ("No figure in this table changed since last year.",)
    # Rows with nothing from last year (a dash in its column) are counted, not left unexplained.
    new = (FigureRow("Received by phone", (30, 4)), FigureRow("Withdrawn", (2, 0)))
    mixed = FigureTable("t", "", "Measure", ("Stage 1", "Stage 2"), (*new, *rows[:3]))
    assert movements(mixed) == (
        "Received (Stage 1) rose from 100 to 120.",
        "On time (Stage 1) fell from 95.0% to 91.5%.",
        "1 figure is unchanged.",
        "4 figures have no value for last year to compare with.",
    )


def test_a_table_s_shares_add_up_each_column_once_not_once_a_cell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 10,000 free-text categories summed every column for every cell: 10^8 additions.
    from selfassess.report import tables

    read = []
    monkeypatch.setattr(tables, "_count", lambda values, column: read.append(column) or 1)
    rows = tuple(tables.FigureRow(f"Group {n}", (n, 2 * n)) for n in range(1, 301))
    columns = ("Received", "Responded")
    table = tables.FigureTable("groups", "Groups", "Group", columns, rows, shares=True)
    cells = [tables.row_cells(table, row) for row in rows]
    assert len(read) == 2 * len(rows)  # each column's rows counted once for the whole table
    assert cells[0] == ["1 (0%)", "2 (1%)"]  # 1 of 300 and 2 of 300 with _count giving 1 a row
