"""The Word report's tables read back: each word of a heading or a cell fits its column whole.

A word wider than its column is broken where the column ends ("Receive-d"). Each table
is read back from the file (its grid, its cells' margins, each run's size and weight)
and every word measured with the house font's widths (render.wordwidths.text_cm); the
browser tests check the same in LibreOffice's PDF of the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reportkit import copy_example, give_last_year_a_log, render_report
from selfassess.render.wordwidths import WORD_CM, text_cm

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIP_CM = 2.54 / 1440
STYLE_MARGIN = 108  # Table Grid's cell margin each side, in twips, where a table sets none


@dataclass(frozen=True)
class Word:
    text: str
    points: float
    bold: bool
    column: int
    header: bool


@dataclass(frozen=True)
class Table:
    caption: str
    widths: list[float]  # cm, from the table's grid
    margin: float  # cm, each side of a cell
    words: list[Word]


def read_tables(path: Path) -> tuple[list[Table], float]:
    """Return every table of a Word file, and the page's text width in cm."""
    import docx

    document = docx.Document(str(path))
    section = document.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 360000
    return [_read(table._tbl) for table in document.tables], text_width


def _read(tbl: Any) -> Table:
    caption = tbl.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val")
    widths = [int(col.get(f"{W}w")) * TWIP_CM for col in tbl.iter(f"{W}gridCol")]
    left = tbl.find(f"{W}tblPr/{W}tblCellMar/{W}left")
    margin = (STYLE_MARGIN if left is None else int(left.get(f"{W}w"))) * TWIP_CM
    words = []
    for number, row in enumerate(tbl.iter(f"{W}tr")):
        for column, cell in enumerate(row.iter(f"{W}tc")):
            if cell.find(f".//{W}hyperlink") is not None:
                continue  # a link breaks wherever it must
            words += _words(cell, column, header=number == 0)
    return Table(caption, widths, margin, words)


def _words(cell: Any, column: int, header: bool) -> list[Word]:
    """Return the words of a cell with the size and weight of the run they are in."""
    found = []
    for run in cell.iter(f"{W}r"):
        size = run.find(f"{W}rPr/{W}sz")
        points = 11.0 if size is None else int(size.get(f"{W}val")) / 2
        bold = run.find(f"{W}rPr/{W}b") is not None
        text = "".join("-" if part.tag == f"{W}noBreakHyphen" else part.text or "" for part in run)
        found += [Word(word, points, bold, column, header) for word in text.split()]
    return found


def render(root: Path, last_year: bool = False, unanswered: bool = False) -> Path:
    copy_example(root)
    if last_year:
        give_last_year_a_log(root)
    if unanswered:  # a draft with a provision unanswered: a third column of answers, tripled
        path = root / "assessments" / "example-borough-council-2024-25.yaml"
        text = path.read_text("utf-8")
        start = text.index('  "1.6":\n')
        text = text[:start] + text[text.index('\n  "', start + 1) + 1 :]
        path.write_text(text.replace("status: approved", "status: draft", 1), "utf-8")
    return render_report(root) / "annual-report.docx"


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example's Word report as it is, with last year's log, and with a gap as well."""
    made = tmp_path_factory.mktemp
    return {
        "example": render(made("example")),
        "last year": render(made("last"), last_year=True),
        "unanswered": render(made("gap"), last_year=True, unanswered=True),
    }


@pytest.mark.parametrize("example", ["example", "last year", "unanswered"])
def test_every_word_of_every_table_fits_its_column(examples: dict[str, Path], example: str) -> None:
    tables, text_width = read_tables(examples[example])
    assert len(tables) > 15
    too_wide = []
    for table in tables:
        assert sum(table.widths) <= text_width + 0.01, table.caption  # the table fits the page
        for word in table.words:
            width = text_cm(word.text, word.points, word.bold)
            if word.header or width <= WORD_CM:
                room = table.widths[word.column] - 2 * table.margin
                if width > room:
                    too_wide.append(f"{table.caption}: {word.text} {width:.2f} > {room:.2f} cm")
    assert too_wide == []


def test_a_breakdown_widens_only_the_columns_whose_headings_need_it(
    examples: dict[str, Path],
) -> None:
    tables, _ = read_tables(examples["example"])
    table = next(t for t in tables if t.caption == "Stage 1 complaints by directorate")
    assert table.margin == STYLE_MARGIN * TWIP_CM and {w.points for w in table.words} == {11.0}
    widened = []
    for column, width in enumerate(table.widths[1:], 1):
        words = [w for w in table.words if w.header and w.column == column]
        needed = max(text_cm(w.text, 11, bold=True) for w in words) + 2 * table.margin
        if needed <= 2.0:  # six figure columns share 12 cm when their headings allow
            assert width == pytest.approx(2.0, abs=0.002), column
        else:
            assert width > needed, column
            widened.append(max((w.text for w in words), key=lambda t: text_cm(t, 11, True)))
    assert widened == ["Received", "Responded", "timescales", "timescales"]
    assert table.widths[0] == pytest.approx(17.0 - sum(table.widths[1:]), abs=0.002)


def test_a_table_too_wide_at_11_points_is_set_compact(examples: dict[str, Path]) -> None:
    tables, _ = read_tables(examples["unanswered"])
    table = next(t for t in tables if t.caption == "Our answers to the Code, by section")
    assert len(table.widths) == 10 and round(sum(table.widths), 2) == 17.0
    assert table.margin == 57 * TWIP_CM  # 0.1 cm
    assert {w.points for w in table.words} == {9.0}  # the header and every cell
    others = [t for t in tables if t is not table]
    assert {w.points for t in others for w in t.words} == {11.0}


def test_a_year_in_a_heading_never_ends_a_line(examples: dict[str, Path]) -> None:
    import docx

    document = docx.Document(str(examples["last year"]))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Section")
    assert [cell.text for cell in table.rows[0].cells][4:6] == ["No 2024-25", "No 2023-24"]
    header = table.rows[0]._tr
    assert len(header.findall(f".//{W}noBreakHyphen")) == 4
    assert not any("-" in (t.text or "") for t in header.iter(f"{W}t"))
