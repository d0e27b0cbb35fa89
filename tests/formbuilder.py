"""Build Word self-assessment forms for tests, laid out like the Ombudsman's 2024 or 2022 form.

`build_form(path, rows, layout)` writes a whole form: a "Section N: title" heading
per section, "Stage 1"/"Stage 2" headings where rows name a part, and for the 2022
layout "Mandatory 'must'" and "Best practice 'should'" tables. `FormDocument`
gives the pieces (headings, tables, rows, hyperlinks, lists) for forms with quirks.

Cell text is given as a string or a list of paragraphs; a paragraph starting "- "
becomes a Word bullet (a "List Bullet" paragraph); a (text, url) pair becomes a
paragraph holding a hyperlink.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HEADERS_2024 = [
    "Code provision",
    "Code requirement",
    "Comply: Yes / No",
    "Evidence",
    "Commentary / explanation",
]
HEADERS_2022 = [
    "Code section",
    "Code requirement",
    "Comply: Yes/No",
    "Evidence, commentary and any explanations",
]
GROUP_HEADINGS = {
    "must": "Mandatory ‘must’ requirements",
    "should": "Best practice ‘should’ requirements",
}

Paragraph = str | tuple[str, str]  # plain text, or (text, url) for a hyperlink
CellText = str | Sequence[Paragraph]


@dataclass
class Row:
    """One provision's row: what a landlord writes against it."""

    id: str
    requirement: CellText
    comply: str = ""
    evidence: list[Paragraph] = field(default_factory=list)
    commentary: list[Paragraph] = field(default_factory=list)
    part: str | None = None  # "Stage 1" or "Stage 2"
    group: str = "must"  # 2022 layout: the "must" or the "should" table

    @property
    def section(self) -> int:
        return int(self.id.split(".")[0])


class FormDocument:
    """A Word document being built into a form."""

    def __init__(self, layout: str = "2024", headers: list[str] | None = None) -> None:
        self.layout = layout
        self.headers = headers or (HEADERS_2024 if layout == "2024" else HEADERS_2022)
        self.document: Any = docx.Document()

    def heading(self, text: str, level: int = 2) -> None:
        """Add a heading paragraph."""
        self.document.add_heading(text, level=level)

    def paragraph(self, text: str) -> None:
        """Add a body paragraph."""
        self.document.add_paragraph(text)

    def table(self, rows: Iterable[Row] = (), headers: list[str] | None = None) -> Any:
        """Add a form table with its header row and rows; return the python-docx table."""
        names = headers or self.headers
        table = self.document.add_table(rows=1, cols=len(names))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, names, strict=True):
            cell.text = name
        for row in rows:
            self.add_row(table, row)
        return table

    def add_row(self, table: Any, row: Row) -> Any:
        """Add a provision's row in this document's layout; return the python-docx row."""
        if self.layout == "2024":
            values = [row.id, row.requirement, row.comply, row.evidence, row.commentary]
        else:
            values = [row.id, row.requirement, row.comply, [*row.evidence, *row.commentary]]
        return self.add_cells(table, values)

    def add_cells(self, table: Any, values: Sequence[CellText]) -> Any:
        """Add a row with the given cell texts; return the python-docx row."""
        added = table.add_row()
        for cell, value in zip(added.cells, values, strict=False):
            fill_cell(cell, value)
        return added

    def save(self, path: Path) -> Path:
        """Write the .docx file and return its path."""
        self.document.save(str(path))
        return path


def fill_cell(cell: Any, value: CellText) -> None:
    """Write text into a cell: paragraphs, "- " bullets and (text, url) hyperlinks."""
    paragraphs: Sequence[Paragraph] = value.split("\n") if isinstance(value, str) else value
    first = cell.paragraphs[0]
    for index, item in enumerate(paragraphs):
        paragraph = first if index == 0 else cell.add_paragraph()
        if isinstance(item, tuple):
            add_hyperlink(paragraph, *item)
        elif item.startswith("- "):
            paragraph.style = "List Bullet"
            paragraph.add_run(item[2:])
        else:
            paragraph.add_run(item)


def add_hyperlink(paragraph: Any, text: str, url: str) -> None:
    """Append a hyperlink to a web address, as Word writes one."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def add_list(document: Any, number_format: str, label: str) -> str:
    """Define a one-level list ("lowerLetter", "%1)") and return its numId for numbered_paragraph."""
    numbering = document.part.numbering_part.element
    abstract_id = str(900 + len(numbering.findall(qn("w:abstractNum"))))
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    for name, value in (("w:start", "1"), ("w:numFmt", number_format), ("w:lvlText", label)):
        child = OxmlElement(name)
        child.set(qn("w:val"), value)
        level.append(child)
    abstract.append(level)
    numbering.insert(0, abstract)
    num_id = str(900 + len(numbering.findall(qn("w:num"))))
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    reference = OxmlElement("w:abstractNumId")
    reference.set(qn("w:val"), abstract_id)
    num.append(reference)
    numbering.append(num)
    return num_id


def numbered_paragraph(cell: Any, text: str, num_id: str, level: int = 0) -> None:
    """Add a "List Paragraph" numbered directly (numPr on the paragraph, as Word does)."""
    paragraph = cell.add_paragraph(text, style="List Paragraph")
    properties = paragraph._p.get_or_add_pPr()
    numbering = OxmlElement("w:numPr")
    for name, value in (("w:ilvl", str(level)), ("w:numId", num_id)):
        child = OxmlElement(name)
        child.set(qn("w:val"), value)
        numbering.append(child)
    properties.append(numbering)


def build_form(
    path: Path,
    rows: Iterable[Row],
    layout: str = "2024",
    titles: dict[int, str] | None = None,
    headers: list[str] | None = None,
) -> Path:
    """Write a whole form: one table per section (per stage, per must/should group)."""
    form = FormDocument(layout, headers)
    form.heading("Complaint Handling Code: self-assessment form", level=1)
    for section, section_rows in _grouped(list(rows), lambda r: r.section):
        title = (titles or {}).get(section, f"Title of section {section}")
        form.heading(f"Section {section}: {title}")
        for part, part_rows in _grouped(section_rows, lambda r: r.part):
            if part:
                form.heading(part, level=3)
            if layout == "2024":
                form.table(part_rows)
                continue
            in_tables = sorted(part_rows, key=lambda r: r.group != "must")
            for group, group_rows in _grouped(in_tables, lambda r: r.group):
                form.paragraph(GROUP_HEADINGS[group])
                form.table(group_rows)
    return form.save(path)


def _grouped(rows: list[Row], key: Any) -> list[tuple[Any, list[Row]]]:
    """Split rows into runs sharing a key, keeping their order."""
    runs: list[tuple[Any, list[Row]]] = []
    for row in rows:
        if runs and runs[-1][0] == key(row):
            runs[-1][1].append(row)
        else:
            runs.append((key(row), [row]))
    return runs
