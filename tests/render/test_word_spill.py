"""Long Word documents written a part at a time: the same bytes, a tree that does not grow."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import EXAMPLE
from renderkit import AS_OF, render_example
from selfassess.check import load_assessment
from selfassess.render import wordxml
from selfassess.render.worddoc import copy_of
from selfassess.render.wordstyle import add_row, add_table
from selfassess.render.wordtext import Styles, Writer
from selfassess.render.wordxml import save_fixed, xml_safe
from selfassess.report import word
from selfassess.report.tables import FigureRow, FigureTable

FORGED = "<?selfassess-spilled 0?>"  # what a held part is left as in the tree, typed as text
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40).map(xml_safe)
CELLS = st.lists(st.tuples(TEXT, TEXT, TEXT), max_size=12)
BLOCKS = st.lists(
    st.one_of(
        st.tuples(st.just("text"), TEXT | st.just(FORGED)),
        st.tuples(st.just("table"), CELLS),
        st.tuples(st.just("spill"), st.integers(1, 5)),
    ),
    max_size=12,
)


def _written(blocks: list[tuple[str, Any]], spilling: bool) -> bytes:
    """Write the blocks into a new report document; spilling, hold parts as text as asked."""
    document = copy_of(word._blank)
    body = Writer(document, Styles(document), document)
    every = 0
    for kind, value in blocks:
        if kind == "text":
            body.text(value, "Heading 2" if len(value) % 2 else None)
        elif kind == "spill":
            every = value
            if spilling:
                body.spill()
        else:
            grid = add_table(body, "A table", ("One", "Two", "Three"), (5.0, 6.0, 6.0))
            made = []
            for row in value:
                cells = add_row(grid)
                for cell, text in zip(cells, row, strict=True):
                    cell.paragraphs[0].add_run(text)
                made.append(cells[0]._tc.getparent())
                if spilling and every and len(made) == every:
                    body.spilled.spill(made)
                    made = []
            if spilling:
                body.spilled.spill(made)
    return save_fixed(document, None, body.spilled if spilling else None)


@settings(max_examples=60, deadline=None)
@given(BLOCKS)
def test_a_document_written_in_parts_is_byte_for_byte_the_whole_one(
    blocks: list[tuple[str, Any]],
) -> None:
    assert _written(blocks, spilling=True) == _written(blocks, spilling=False)


def test_text_that_looks_like_a_held_part_stays_text() -> None:
    blocks = [("text", FORGED), ("spill", 1), ("table", [(FORGED, "a", "b")] * 3), ("spill", 2)]
    data = _written(blocks, spilling=True)
    read = docx.Document(io.BytesIO(data))
    assert read.paragraphs[0].text == FORGED
    assert [row.cells[0].text for row in read.tables[0].rows] == ["One", *[FORGED] * 3]


class _Peak:
    """The most elements a document's tree held: before each part is held as text, and at save."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, writer: Any = word) -> None:
        self.most = 0
        spill, save = wordxml.Spilled.spill, writer.save_fixed

        def counted_spill(held: wordxml.Spilled, elements: list[Any]) -> None:
            if elements:
                self.count(elements[0].getroottree().getroot())
            spill(held, elements)

        def counted_save(document: Any, *args: Any) -> bytes:
            self.count(document.element)
            return save(document, *args)

        monkeypatch.setattr(wordxml.Spilled, "spill", counted_spill)
        monkeypatch.setattr(writer, "save_fixed", counted_save)

    def count(self, root: Any) -> None:
        self.most = max(self.most, sum(1 for _ in root.iter()))


class _View:
    period, previous_period = "2024-25", None


def _peak_for(rows: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, bytes]:
    table = FigureTable(
        "by-group",
        "Complaints by group",
        "Group",
        ("Received", "On time"),
        tuple(FigureRow(f"Group {n}", (n, n % 7)) for n in range(rows)),
    )

    def body_of(body: Writer) -> None:
        word.write_figures(body, _View(), table, None)

    view = type("V", (), {"landlord": "A Council", "title": "Report", "notice": None, "facts": ()})
    with monkeypatch.context() as patch:
        peak = _Peak(patch)
        data = word.report_document(view(), None, body_of)
    return peak.most, data


def test_a_long_table_is_held_as_text_so_the_tree_does_not_grow_with_its_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    short, _ = _peak_for(300, monkeypatch)
    long, data = _peak_for(3_000, monkeypatch)
    # All rows held as elements, 3,000 rows would be about 80,000 of them.
    assert long <= short + 100, (short, long)
    rows = docx.Document(io.BytesIO(data)).tables[0].rows
    assert [row.cells[0].text for row in rows] == ["Group", *(f"Group {n}" for n in range(3_000))]
    assert rows[-1].cells[1].text == "2,999"


def test_the_self_assessment_holds_each_finished_row_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfassess.assessment import word as form

    peak = _Peak(monkeypatch, form)
    folder = render_example(tmp_path, formats=("docx",))
    with zipfile.ZipFile(folder / "self-assessment.docx") as package:
        body = etree.fromstring(package.read("word/document.xml"))
    written = sum(1 for _ in body.iter())
    # A row (a provision) is the most the tree holds at once: 332 elements of 4,905 here.
    assert peak.most * 4 < written, (peak.most, written)
    # Every provision's row is there, in the Code's order.
    tables = docx.Document(str(folder / "self-assessment.docx")).tables
    form_tables = [t for t in tables if t.rows[0].cells[0].text == "Code provision"]
    ids = [row.cells[0].text for t in form_tables for row in t.rows[1:]]
    edition = load_assessment(EXAMPLE, AS_OF).edition
    assert ids == [provision.id for _, provision in edition.provisions() if provision.assessed]
