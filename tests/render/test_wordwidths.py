"""Column widths from a table's words: each column holds its widest word, or the table is compact."""

from __future__ import annotations

import io

import docx

from selfassess.render import wordruns
from selfassess.render.wordwidths import LAYOUTS, fit_table, fitted, text_cm
from selfassess.report import word
from selfassess.report.tables import FigureRow, FigureTable


def test_a_column_widens_to_its_need_and_the_yielding_one_gives_the_room_first() -> None:
    assert fitted((5.0, 2.0, 2.0), (1.0, 3.0, 2.0), yielding=(0,)) == (4.0, 3.0, 2.0)


def test_when_the_yielding_column_is_at_its_need_the_others_give_alike() -> None:
    widths = fitted((5.0, 2.0, 2.0, 2.0), (4.0, 4.0, 1.0, 1.0), yielding=(0,))
    assert widths is not None
    assert [round(w, 6) for w in widths] == [4.0, 4.0, 1.5, 1.5]


def test_needs_wider_than_the_table_do_not_fit() -> None:
    assert fitted((5.0, 2.0, 2.0), (4.0, 3.0, 2.5), yielding=(0,)) is None


def test_the_first_layout_that_holds_every_word() -> None:
    header = ["Group", *(["Received"] * 6)]
    widths, layout = fit_table(header, [("A group", *["12"] * 6)], (5.0, *[2.0] * 6))
    assert layout == LAYOUTS[0]
    assert round(sum(widths), 6) == 17.0
    # Seven columns of "Responded" hold it only with narrower margins and smaller text.
    header = ["Group", *(["Responded"] * 7)]
    widths, layout = fit_table(header, [], (3.0, *[2.0] * 7))
    assert layout.points < 11 and layout.margin < LAYOUTS[0].margin
    room = min(widths[1:]) - 2 * layout.margin * 2.54 / 1440
    assert text_cm("Responded", layout.points, bold=True) <= room
    assert round(sum(widths), 6) == 17.0


def test_a_table_no_layout_can_hold_shares_the_width_by_need() -> None:
    header = ["Group", *(["Responded"] * 15)]
    widths, layout = fit_table(header, [], (2.0, *[1.0] * 15))
    assert layout == LAYOUTS[-1]
    assert round(sum(widths), 6) == 17.0
    assert len({round(w, 6) for w in widths[1:]}) == 1 and widths[0] < widths[1]


def test_a_cells_long_word_counts_only_up_to_a_limit() -> None:
    link = "https://www.example.org/" + "a" * 200
    widths, layout = fit_table(["Name", "Where"], [("A", link)], (8.5, 8.5))
    assert (widths, layout) == ((8.5, 8.5), LAYOUTS[0])


def test_hyphens_in_text_are_kept_whole_and_read_back_as_written() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    wordruns.run(paragraph._p, "No 2024-25 ", bold=True)
    wordruns.run(paragraph._p, "-a- b")
    wordruns.keep_hyphens(paragraph._p)
    assert paragraph.text == "No 2024-25 -a- b"
    w = wordruns.W
    parts = [(e.tag.removeprefix(w), e.text) for r in paragraph._p.iter(wordruns.R) for e in r]
    assert parts[:4] == [("rPr", None), ("t", "No 2024"), ("noBreakHyphen", None), ("t", "25 ")]
    assert parts[4:] == [("noBreakHyphen", None), ("t", "a"), ("noBreakHyphen", None), ("t", " b")]
    spaced = [t for t in paragraph._p.iter(wordruns.T) if t.text in ("25 ", " b")]
    assert all(t.get(wordruns.XML_SPACE) == "preserve" for t in spaced) and len(spaced) == 2


class _View:
    period, previous_period = "2024-25", None


def test_every_row_of_a_long_compact_table_is_sized_before_it_is_held_as_text() -> None:
    columns = tuple(f"Responded {n}" for n in range(9))
    rows = tuple(FigureRow(f"Group {n}", tuple(range(9))) for n in range(word.ROWS_HELD * 2 + 7))
    table = FigureTable("by-group", "Complaints by group", "Group", columns, rows)
    view = type("V", (), {"landlord": "A Council", "title": "Report", "notice": None, "facts": ()})
    data = word.report_document(
        view(), None, lambda body: word.write_figures(body, _View(), table, None)
    )
    grid = docx.Document(io.BytesIO(data)).tables[0]
    sizes = {
        run.font.size.pt
        for row in grid.rows
        for cell in row.cells
        for run in cell.paragraphs[0].runs
    }
    assert len(grid.rows) == len(rows) + 1
    assert sizes == {word.column_widths(["Group", *columns], [])[1].points} != {11.0}
