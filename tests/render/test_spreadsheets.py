"""gaps.xlsx and submission.xlsx keep what their cells mean, read by openpyxl and by LibreOffice.

A CSV opened in a spreadsheet turns 6.10 into 6.1; the workbooks carry provision ids as
text, dates as dates, and a frozen header row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from browser import office_convert
from conftest import EXAMPLE, FIXTURES, Run, write
from renderkit import render_example

CLEAN = (FIXTURES / "mini" / "clean.yaml").read_text(encoding="utf-8")


def _render(run: Run, mini: Path, text: str = CLEAN) -> Path:
    write(mini, "mini.yaml", text)
    result = run(
        "render", "--as-of", "2025-07-01", "--draft", "--format", "gaps,submission", "mini.yaml"
    )
    assert result.exit_code == 0, result.output
    return mini / "build" / "mini"


def _rows(path: Path) -> list[tuple[Any, ...]]:
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def test_submission_xlsx_keeps_6_10_as_text_and_says_not_answered(run: Run, mini: Path) -> None:
    text = CLEAN.replace("  1.2:\n    comply: yes\n", "  1.2:\n    comply:\n").replace(
        "status: approved", "status: draft"
    )
    folder = _render(run, mini, text.replace("code: mini-code", "code: mini-draft"))
    assert _rows(folder / "submission.xlsx") == [
        ("Code provision", "Comply"),
        ("1.2", "Not answered"),
        ("6.1", "Yes"),
        ("6.10", "No"),
    ]
    sheet = openpyxl.load_workbook(folder / "submission.xlsx").active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold


def test_submission_csv_says_not_answered_rather_than_a_blank(run: Run, mini: Path) -> None:
    text = CLEAN.replace("  1.2:\n    comply: yes\n", "  1.2:\n    comply:\n")
    folder = _render(run, mini, text.replace("status: approved", "status: draft"))
    rows = list(csv.reader(io.StringIO((folder / "submission.csv").read_text("utf-8-sig"))))
    assert rows[1] == ["1.2", "Not answered"]


def test_gaps_xlsx_has_ids_as_text_and_dates_as_dates(run: Run, mini: Path) -> None:
    book = openpyxl.load_workbook(_render(run, mini) / "gaps.xlsx")
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["Code provision"].value == "6.10" and row["Code provision"].data_type == "s"
    assert row["Intended compliance date"].is_date
    assert row["Intended compliance date"].value.date() == dt.date(2025, 10, 31)
    assert row["Due"].value.date() == dt.date(2025, 9, 30)
    assert sheet.freeze_panes == "A2"


def _header(path: Path) -> list[str]:
    return next(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))


def test_gaps_lists_must_or_should_only_for_an_edition_that_has_both(
    run: Run, mini: Path, tmp_path: Path
) -> None:
    # The 2024 Code's provisions are all must; the mini Code has a should.
    header = _header(render_example(tmp_path, formats=("gaps",)) / "gaps.csv")
    assert "Must or should" not in header and header[:2] == ["Code provision", "Requirement"]
    assert _header(_render(run, mini) / "gaps.csv")[1] == "Must or should"


def test_gaps_gives_an_explanation_once_per_provision(tmp_path: Path) -> None:
    folder = render_example(tmp_path, formats=("gaps",))
    rows = list(csv.DictReader(io.StringIO((folder / "gaps.csv").read_text("utf-8-sig"))))
    by_provision: dict[str, list[str]] = {}
    for row in rows:
        by_provision.setdefault(row["Code provision"], []).append(row["Explanation"])
    several = {pid: texts for pid, texts in by_provision.items() if len(texts) > 1}
    assert several, "the example has a provision with more than one action"
    for texts in several.values():
        assert texts[0] and texts[1:] == [""] * (len(texts) - 1)


@pytest.mark.parametrize("name", ["gaps.xlsx", "submission.xlsx"])
def test_libreoffice_reads_6_10_as_text(run: Run, mini: Path, tmp_path: Path, name: str) -> None:
    folder = _render(run, mini)
    out = tmp_path / "office"
    out.mkdir()
    again = office_convert(folder / name, "xlsx", out)
    sheet = openpyxl.load_workbook(again).active
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "6.10" in ids and all(isinstance(pid, str) for pid in ids)
    if name == "gaps.xlsx":
        header = [cell.value for cell in sheet[1]]
        due = sheet.cell(2, header.index("Due") + 1)
        assert due.is_date and due.value.date() == dt.date(2025, 9, 30)


def test_the_same_input_gives_the_same_workbook(tmp_path: Path) -> None:
    first = render_example(tmp_path / "a", formats=("gaps", "submission"))
    second = render_example(tmp_path / "b", formats=("gaps", "submission"))
    for name in ("gaps.xlsx", "submission.xlsx"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert EXAMPLE.stem == first.name


def test_a_workbook_keeps_hostile_and_awkward_text_as_text(tmp_path: Path) -> None:
    from selfassess.render.spreadsheet import CELL_LIMIT, Sheet, sheet_xlsx

    awkward = [
        '=HYPERLINK("http://x")',
        "+1",
        "6.10",
        "  spaces kept  ",
        "<b>&amp;]]></b>",
        "line one\nline two",
        "bell\x07 and escape\x1b gone",
        "x" * (CELL_LIMIT + 10),
        "O'Brien's \"quoted\" £ – ✓",
    ]
    rows = [[text, dt.date(2025, 10, 31), None] for text in awkward]
    sheet = Sheet("A 'title' longer than Excel allows for a sheet", ("Text", "Date", "Blank"), rows)
    path = tmp_path / "awkward.xlsx"
    path.write_bytes(sheet_xlsx(sheet, dt.date(2025, 5, 20)))
    book = openpyxl.load_workbook(path)
    page = book.active
    assert page.title == "A 'title' longer than Excel all"  # 31 characters
    cells = [row for row in page.iter_rows(min_row=2)]
    expected = [t.replace("\x07", "").replace("\x1b", "") for t in awkward]
    expected[7] = "x" * (CELL_LIMIT - 1) + "…"
    assert [row[0].value for row in cells] == expected
    assert {row[0].data_type for row in cells} == {"s"} and all(c[0].quotePrefix for c in cells)
    assert {row[1].value.date() for row in cells} == {dt.date(2025, 10, 31)}
    assert {row[1].number_format for row in cells} == {"d mmm yyyy"}
    assert {row[2].value for row in cells} == {None}
    assert page.auto_filter.ref == f"A1:C{len(awkward) + 1}" and page.freeze_panes == "A2"
    assert [page.column_dimensions[c].width for c in "ABC"] == [12, 12, 12]
    assert book.properties.language == "en-GB"
    assert book.properties.created == dt.datetime(2025, 5, 20)


def test_a_workbook_prints_across_a4_with_its_header_on_every_page_and_rows_fit_their_text(
    tmp_path: Path,
) -> None:
    from selfassess.render.spreadsheet import Sheet, sheet_xlsx

    long = "word " * 30  # 150 characters: 5 lines of 30, wrapped at spaces
    rows = [["6.1", long.strip()], ["6.2", "short"], ["6.3", "one\ntwo\nthree"]]
    sheet = Sheet("Gaps", ("Code provision", "Explanation"), rows, (10, 30), frozenset({0, 1}))
    path = tmp_path / "print.xlsx"
    path.write_bytes(sheet_xlsx(sheet))
    page = openpyxl.load_workbook(path).active
    assert page.print_title_rows == "$1:$1"
    setup = page.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
        "landscape",
        9,  # A4
        1,
        0,
    )
    assert page.sheet_properties.pageSetUpPr.fitToPage
    heights = [page.row_dimensions[n].height for n in range(1, 5)]
    # "Code provision" in 10 characters takes two lines; the rest 15 points a line of text.
    assert heights == [30, 75, None, 45]
