"""Read the Ombudsman's self-assessment form, or a completed one laid out like it, from Word.

A form table is one whose header row names a provision column and a requirement
column. Two layouts are known: the 2024 form (Code provision | Code requirement |
Comply: Yes / No | Evidence | Commentary / explanation, one table per section,
section 6 as Stage 1 and Stage 2) and the 2022 form (Code section | Code
requirement | Comply: Yes/No | Evidence, commentary and any explanations, each
section split into "Mandatory 'must'" and "Best practice 'should'" tables).
Headers are matched loosely because landlords reword them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.problems import input_error
from selfassess.wordform.docxread import (
    TBL,
    Element,
    P,
    TableTooWide,
    blocks,
    cell_lines,
    open_docx,
    paragraph_links,
    paragraph_text,
    rendered_by_selfassess,
    table_grid,
    too_wide,
)
from selfassess.wordform.facts import DocumentFacts, read_facts
from selfassess.wordform.header import (
    SECTION,
    STAGE,
    STAGE_NUMBERS,
    Columns,
    group_of,
    match_header,
    provision_id,
)
from selfassess.wordform.lists import ListLabels

__all__ = ["Form", "FormRow", "match_header", "provision_id", "read_form"]


@dataclass
class FormRow:
    """One provision's row of a form table."""

    provision_id: str  # as written in the first cell, normalised: "1.6 …" -> "1.6"
    requirement: str  # the requirement cell: paragraphs joined by "\n", list items as "- " lines
    comply: str | None  # the Comply cell's text, stripped (None if the table has no such column)
    evidence: list[str] = field(default_factory=list)  # evidence cell lines (2024 layout)
    commentary: list[str] = field(default_factory=list)  # commentary, or 2022's combined cell
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, url) in those cells
    section: int | None = None  # the section number, from the id
    part: str | None = None  # "Stage 1"/"Stage 2" when under such a heading
    group: str | None = None  # "must"/"should" under 2022's Mandatory/Best practice headings


@dataclass
class Form:
    """The provision rows of a form, in document order."""

    layout: str  # "2024", "2022" or "unknown"
    rows: list[FormRow]
    section_titles: dict[int, str] = field(default_factory=dict)  # from "Section N: title"
    rendered: bool = False  # written by `selfassess render` (its core properties say so)
    facts: DocumentFacts = field(default_factory=DocumentFacts)  # what it says outside the tables


def read_form(path: Path) -> Form:
    """Read every form table of a Word file; raise InputError if it is not a readable .docx."""
    document = open_docx(path)
    reader = _Reader(ListLabels(document), document.part.rels)
    try:
        for block in blocks(document.element.body):
            if block.tag == TBL:
                reader.table(block)
            else:
                reader.heading(paragraph_text(block))
        facts = read_facts(document)
    except TableTooWide:
        raise too_wide(str(path)) from None
    rendered = rendered_by_selfassess(document)
    return Form(reader.layout or "unknown", reader.rows, reader.titles, rendered, facts)


def read_filled_form(path: Path) -> Form:
    """Read a form as read_form does; E123 if the file holds no form table at all."""
    form = read_form(path)
    if not form.rows:
        raise input_error(
            path,
            1,
            1,
            "E123",
            "no form table found: expected a table whose header row names a provision "
            "column (e.g. 'Code provision') and a requirement column ('Code requirement')",
        )
    return form


class _Reader:
    """Follow headings and tables in document order, collecting provision rows."""

    def __init__(self, label: ListLabels, rels: Any) -> None:
        self.label, self.rels = label, rels
        self.rows: list[FormRow] = []
        self.titles: dict[int, str] = {}
        self.layout: str | None = None
        self.part: str | None = None
        self.group: str | None = None
        self.context_section: int | None = None

    def heading(self, text: str) -> bool:
        """Note a section, stage or must/should heading; return whether the text was one."""
        text = " ".join(text.split())
        if len(text) > 100:
            return False
        section = SECTION.match(text)
        if section and not section.group(2)[:1].islower():
            self.context_section, self.part, self.group = int(section.group(1)), None, None
            title = section.group(2).strip()
            if title and not self._stage(title):
                self.titles.setdefault(self.context_section, title)
            return True
        if self._stage(text):
            return True
        group = group_of(text.lower())
        if group:
            self.group = group
        return group is not None

    def _stage(self, text: str) -> bool:
        stage = STAGE.match(text)
        if stage:
            number = stage.group(1).lower()
            self.part, self.group = f"Stage {STAGE_NUMBERS.get(number, number)}", None
        return stage is not None

    def table(self, table: Element) -> None:
        """Read one table: its header row, then its provision rows."""
        columns: Columns | None = None
        header: list[str] = []
        previous: tuple[FormRow, list[Element | None]] | None = None
        for cells in table_grid(table):
            texts = [self._plain(cell) for cell in cells]
            if columns is None:
                columns, header = match_header(texts), texts
                if columns is None:
                    self._context_row(texts)
                else:
                    self.layout = self.layout or _known(columns.layout, self.group)
                continue
            if texts == header or not any(texts):
                continue
            previous = self._row(cells, texts, columns, previous)

    def _row(
        self,
        cells: list[Element | None],
        texts: list[str],
        columns: Columns,
        previous: tuple[FormRow, list[Element | None]] | None,
    ) -> tuple[FormRow, list[Element | None]] | None:
        id_text = texts[columns.id] if columns.id < len(texts) else ""
        same_id_cell = previous is not None and _at(cells, columns.id) is _at(
            previous[1], columns.id
        )
        if previous is not None and (same_id_cell or not id_text):
            self._fill(previous[0], cells, columns, previous[1])
            return previous[0], cells
        pid = provision_id(id_text)
        if pid is None:
            self._context_row(texts)
            return None
        row = FormRow(pid, "", "" if columns.comply is not None else None)
        self._bind_context(int(pid.split(".")[0]))
        row.section, row.part, row.group = int(pid.split(".")[0]), self.part, self.group
        self._fill(row, cells, columns, [])
        self.rows.append(row)
        return row, cells

    def _fill(
        self,
        row: FormRow,
        cells: list[Element | None],
        columns: Columns,
        above: list[Element | None],
    ) -> None:
        """Add a row's cells to a provision, reading each cell once."""
        read: list[Element] = []
        for index in (columns.requirement, columns.comply, columns.evidence, columns.commentary):
            cell = _at(cells, index)
            if cell is None or cell in read or cell is _at(above, index):
                continue
            read.append(cell)
            # Code text is kept as plain words; answers keep bold and italic as Markdown.
            lines = cell_lines(cell, self.label, emphasis=index != columns.requirement)
            if index == columns.requirement:
                row.requirement = "\n".join(filter(None, [row.requirement, *lines]))
            elif index == columns.comply:
                row.comply = row.comply or "\n".join(lines).strip()
            elif index == columns.evidence and not columns.combined:
                row.evidence += lines
            else:
                row.commentary += lines
            if index != columns.requirement:
                row.links += [link for p in cell.iter(P) for link in paragraph_links(p, self.rels)]

    def _bind_context(self, section: int) -> None:
        """Drop a stage or group heading that belonged to another section."""
        if self.context_section is None:
            self.context_section = section
        elif self.context_section != section:
            self.context_section, self.part, self.group = section, None, None

    def _context_row(self, texts: list[str]) -> None:
        distinct = list(dict.fromkeys(t for t in texts if t))
        if len(distinct) == 1:
            self.heading(distinct[0])

    def _plain(self, cell: Element | None) -> str:
        if cell is None:
            return ""
        return " ".join(paragraph_text(p) for p in cell.iter(P)).strip()


def _at(cells: list[Element | None], index: int | None) -> Element | None:
    return cells[index] if index is not None and index < len(cells) else None


def _known(layout: str, group: str | None) -> str | None:
    if layout == "unknown":
        return "2022" if group else None
    return layout
