"""Write users' markdown into Word: real paragraphs, bullets, numbering, emphasis and links."""

from __future__ import annotations

from typing import Any

from selfassess.render import wordruns
from selfassess.render.mdparse import Para, Span
from selfassess.render.usermarkdown import to_paras
from selfassess.render.wordxml import HYPERLINK_STYLE, Hyperlinks, Spilled, add_hyperlink

_LIST_STYLES = {"bullet": "List Bullet", "number": "List Number"}
CELL_SPACING = 80  # 4 points, in twentieths of a point


class Styles:
    """The document's style ids by name and its hyperlink targets, each looked up once.

    python-docx searches the styles, and the relationships, on every call.
    """

    def __init__(self, document: Any) -> None:
        self.ids = style_ids(document)
        self.links = Hyperlinks(document.part)

    def has(self, name: str | None) -> bool:
        """Tell whether the document (or its reference template) defines a style."""
        return name in self.ids

    def id(self, name: str) -> str | None:
        """Return a style's id, or None if the document lacks it."""
        return self.ids.get(name)


def style_ids(document: Any) -> dict[str | None, str]:
    """Return each style's id by its name as python-docx names it (its UI name).

    Read from the XML directly: python-docx makes an object per style to say the same.
    """
    from docx.oxml.ns import qn
    from docx.styles import BabelFish

    name_tag, value = qn("w:name"), qn("w:val")
    ids: dict[str | None, str] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        name = style.find(name_tag)
        shown = None if name is None else BabelFish.internal2ui(name.get(value))
        ids[shown] = str(style.get(qn("w:styleId")))
    return ids


class Writer:
    """Adds paragraphs to a body or a table cell, reusing a cell's first empty paragraph.

    heading_offset puts every heading it writes that many levels down: a body's part written
    by the writer of a document of its own (see down).
    """

    def __init__(
        self,
        document: Any,
        styles: Styles,
        container: Any,
        reuse_first: bool = False,
        heading_offset: int = 0,
    ) -> None:
        from docx.oxml.ns import qn

        self.document = document
        self.styles = styles
        self.container = container
        self.parent = getattr(container, "_body", container)  # a document's body, or a cell
        self.element = self.parent._element
        # A body's paragraphs go before its section properties; a cell's at its end.
        self.before = None if reuse_first else self.element.find(qn("w:sectPr"))
        self.in_cell = reuse_first
        self.spare = self.element.find(wordruns.P) if reuse_first else None
        self.numbering: dict[int, str] = {}
        self.spilled = Spilled()  # a body's finished parts, held as text (save_fixed takes them)
        self.heading_offset = heading_offset

    def down(self) -> Writer:
        """Return a writer adding to the same body with its headings one level further down.

        It shares the body's spilled parts (the document is saved with the body's) and its
        lists' numbering: both belong to the one body, whichever writer adds to it.
        """
        assert not self.in_cell, "a part is written into a body, not a table cell"
        lower = Writer(self.document, self.styles, self.container, False, self.heading_offset + 1)
        lower.spilled, lower.numbering = self.spilled, self.numbering
        return lower

    def spill(self) -> None:
        """Hold what a body has so far as its XML text: call only where none of it will change.

        A long report or plan is written a part at a time, so its memory is its text's,
        not lxml's tree's (see Spilled). A cell writer holds nothing back.
        """
        from lxml import etree

        if self.before is None:
            return
        finished = []
        child = self.before.getprevious()
        while child is not None and child.tag is not etree.ProcessingInstruction:
            finished.append(child)
            child = child.getprevious()
        self.spilled.spill(finished[::-1])

    def paragraph(self, style: str | None = None) -> Any:
        """Return a new paragraph in the given style (if the template has it); a heading
        heading_offset levels down."""
        from docx.text.paragraph import Paragraph

        if style and self.heading_offset and style.startswith("Heading "):
            style = f"Heading {int(style.split()[1]) + self.heading_offset}"

        if self.spare is not None:
            p, self.spare = self.spare, None
        else:
            p = wordruns.paragraph(self.element, self.before)
        # Table styles usually set no space between paragraphs, which runs items together.
        spacing = CELL_SPACING if self.in_cell else None
        wordruns.properties(p, self.styles.id(style) if style else None, spacing)
        return Paragraph(p, self.parent)

    def picture(self, png: bytes, width: int, title: str, description: str) -> Any:
        """Add a paragraph holding a PNG with its title and alt text; return the paragraph.

        python-docx numbers a drawing one above the ids in the tree, which no longer holds
        the parts already spilled: the number continues above theirs.
        """
        import io

        paragraph = self.paragraph()
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=width)
        properties = shape._inline.docPr
        number = self.spilled.unused_id(int(properties.get("id")))
        properties.set("id", str(number))
        properties.set("name", f"Picture {number}")
        properties.set("title", title)
        properties.set("descr", description)
        return paragraph

    def link(self, url: str, text: str, label: str | None = None) -> Any:
        """Add a paragraph holding one hyperlink, optionally after a bold label."""
        paragraph = self.paragraph()
        if label:
            wordruns.run(paragraph._p, label + " ", bold=True)
        add_hyperlink(
            paragraph, url, text, self.styles.id(HYPERLINK_STYLE), links=self.styles.links
        )
        return paragraph

    def text(self, text: str, style: str | None = None, label: str | None = None) -> Any:
        """Add a paragraph of plain text, optionally opening with a bold label."""
        paragraph = self.paragraph(style)
        if label:
            wordruns.run(paragraph._p, label + " ", bold=True)
        if text:
            wordruns.run(paragraph._p, text)
        return paragraph

    def spans(self, spans: list[Span], style: str | None = None) -> Any:
        """Add a paragraph made of runs."""
        paragraph = self.paragraph(style)
        link_style = self.styles.id(HYPERLINK_STYLE)
        for span in spans:
            if span.line_break:
                wordruns.line_break(paragraph._p)
            elif span.href:
                add_hyperlink(
                    paragraph,
                    span.href,
                    span.text,
                    link_style,
                    span.bold,
                    span.italic,
                    links=self.styles.links,
                )
            else:
                font = "Consolas" if span.code else None
                wordruns.run(
                    paragraph._p, span.text, span.bold, span.italic, span.strike, font, True
                )
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
                first = paragraph._p.find(wordruns.R)
                run = wordruns.run(paragraph._p, label + " ", bold=True)
                if first is not None:
                    first.addprevious(run)
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
