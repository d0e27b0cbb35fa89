"""Write users' markdown into Word: real paragraphs, bullets, numbering, emphasis and links."""

from __future__ import annotations

from typing import Any

from selfassess.render.usermarkdown import Para, Span, to_paras
from selfassess.render.wordxml import HYPERLINK_STYLE, add_hyperlink, add_span

_LIST_STYLES = {"bullet": "List Bullet", "number": "List Number"}
CELL_SPACING = 50800  # 4 points, in EMU


class Styles:
    """The document's style ids by name, looked up once (python-docx searches on every call)."""

    def __init__(self, document: Any) -> None:
        self.ids = {style.name: str(style.style_id) for style in document.styles}

    def has(self, name: str | None) -> bool:
        """Tell whether the document (or its reference template) defines a style."""
        return name in self.ids

    def id(self, name: str) -> str | None:
        """Return a style's id, or None if the document lacks it."""
        return self.ids.get(name)


class FastBody:
    """The document body, appended to in constant time.

    python-docx looks for the body's section properties from the start of the body
    on every paragraph or table it adds, which makes a long document quadratic.
    """

    def __init__(self, document: Any) -> None:
        self.document = document
        self.body = document.element.body
        self.end = self.body.sectPr
        self.width = document._block_width  # found by searching the whole document, so once

    @property
    def paragraphs(self) -> list[Any]:
        """Return the body's paragraphs."""
        return list(self.document.paragraphs)

    def add_paragraph(self) -> Any:
        """Add an empty paragraph at the end of the body."""
        from docx.text.paragraph import Paragraph

        element = self.body._new_p()
        self._place(element)
        return Paragraph(element, self.document._body)

    def add_table(self, rows: int, cols: int) -> Any:
        """Add a table at the end of the body, as wide as the text block."""
        from docx.oxml.table import CT_Tbl
        from docx.table import Table

        element = CT_Tbl.new_tbl(rows, cols, self.width)
        self._place(element)
        return Table(element, self.document._body)

    def _place(self, element: Any) -> None:
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)


class Writer:
    """Adds paragraphs to a body or a table cell, reusing a cell's first empty paragraph."""

    def __init__(
        self, document: Any, styles: Styles, container: Any, reuse_first: bool = False
    ) -> None:
        self.document = document
        self.styles = styles
        self.container = container
        self.in_cell = reuse_first
        self.spare = container.paragraphs[0] if reuse_first else None
        self.numbering: dict[int, str] = {}

    def paragraph(self, style: str | None = None) -> Any:
        """Return a new paragraph in the given style (if the template has it)."""
        if self.spare is not None:
            paragraph, self.spare = self.spare, None
        else:
            paragraph = self.container.add_paragraph()
        style_id = self.styles.id(style) if style else None
        if style_id:
            paragraph._p.style = style_id
        if self.in_cell:
            # Table styles usually set no space between paragraphs, which runs items together.
            paragraph.paragraph_format.space_after = CELL_SPACING
        return paragraph

    def link(self, url: str, text: str, label: str | None = None) -> Any:
        """Add a paragraph holding one hyperlink, optionally after a bold label."""
        paragraph = self.paragraph()
        if label:
            paragraph.add_run(label + " ").bold = True
        add_hyperlink(paragraph, url, text, self.styles.id(HYPERLINK_STYLE))
        return paragraph

    def text(self, text: str, style: str | None = None, label: str | None = None) -> Any:
        """Add a paragraph of plain text, optionally opening with a bold label."""
        paragraph = self.paragraph(style)
        if label:
            paragraph.add_run(label + " ").bold = True
        if text:
            paragraph.add_run(text)
        return paragraph

    def spans(self, spans: list[Span], style: str | None = None) -> Any:
        """Add a paragraph made of runs."""
        paragraph = self.paragraph(style)
        for span in spans:
            add_span(paragraph, span, self.styles.id(HYPERLINK_STYLE))
        return paragraph

    def markdown(self, text: str | None, label: str | None = None) -> None:
        """Add a user's markdown; a label, if given, opens the first paragraph in bold."""
        paras = to_paras(text)
        if label and (not paras or paras[0].kind != "paragraph"):
            self.text("", label=label)
            label = None
        for para in paras:
            paragraph = self._para(para)
            if label:
                first = paragraph.runs[0]._r if paragraph.runs else None
                run = paragraph.add_run(label + " ")
                run.bold = True
                if first is not None:
                    first.addprevious(run._r)
                label = None

    def _para(self, para: Para) -> Any:
        from docx.shared import Cm

        style = None
        if para.kind in _LIST_STYLES:
            base = _LIST_STYLES[para.kind]
            style = base if para.level == 0 else f"{base} {min(para.level + 1, 3)}"
        elif para.quote:
            style = "Quote"
        spans = para.spans
        if para.kind == "bullet" and not self.styles.has(style):
            spans = [Span("• "), *spans]
        paragraph = self.spans(spans, style)
        if para.kind == "paragraph" and para.level:
            paragraph.paragraph_format.left_indent = Cm(0.63 * para.level)
        if para.kind == "number":
            self._number(paragraph, para)
        return paragraph

    def _number(self, paragraph: Any, para: Para) -> None:
        """Restart numbering at each new numbered list (Word would otherwise carry on counting)."""
        if para.restart:
            number = _new_numbering(self.document, paragraph, para.start)
            if number is None:
                return
            self.numbering[para.level] = number
        number = self.numbering.get(para.level)
        if number is not None:
            properties = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            properties.get_or_add_ilvl().val = 0
            properties.get_or_add_numId().val = int(number)


def _new_numbering(document: Any, paragraph: Any, start: int) -> str | None:
    try:
        style_numbering = paragraph.style.element.pPr.numPr
        numbering = document.part.numbering_part.element
        existing = numbering.num_having_numId(style_numbering.numId.val)
        added = numbering.add_num(existing.abstractNumId.val)
    except (AttributeError, KeyError, NotImplementedError):
        return None
    added.add_lvlOverride(ilvl=0).add_startOverride(start)
    return str(added.numId)
