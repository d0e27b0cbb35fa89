"""Paragraphs and runs written as WordprocessingML directly, without python-docx's object model.

python-docx finds each child's place by searching and adds text a character at a time;
a long commentary has tens of thousands of runs. These builders make the same elements,
in the same order, with lxml, so the document is byte for byte what python-docx makes.
"""

from __future__ import annotations

import re
from typing import Any

_OWN_ELEMENTS = re.compile("[\t\r\n]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
P, R, T = f"{W}p", f"{W}r", f"{W}t"


def paragraph(container: Any, before: Any | None) -> Any:
    """Add an empty paragraph to a body (before its section properties) or a table cell."""
    from lxml import etree

    # Made inside the tree, so python-docx's element classes apply to it.
    made = etree.SubElement(container, P)
    if before is not None:
        before.addprevious(made)
    return made


def properties(p: Any, style_id: str | None, space_after: int | None) -> None:
    """Give a new paragraph its style and the space after it (in twentieths of a point)."""
    from lxml import etree

    if style_id is None and space_after is None:
        return
    made = etree.SubElement(p, f"{W}pPr")
    if style_id is not None:
        etree.SubElement(made, f"{W}pStyle").set(f"{W}val", style_id)
    if space_after is not None:
        etree.SubElement(made, f"{W}spacing").set(f"{W}after", str(space_after))
    p.insert(0, made)


def run(
    p: Any,
    text: str,
    bold: bool = False,
    italic: bool = False,
    strike: bool = False,
    font: str | None = None,
    formatted: bool = False,
) -> Any:
    """Add a run of text; `formatted` keeps an (empty) run properties element, as spans have."""
    from lxml import etree

    made = etree.SubElement(p, R)
    if formatted or bold or italic or strike or font:
        props = etree.SubElement(made, f"{W}rPr")
        if font:
            fonts = etree.SubElement(props, f"{W}rFonts")
            fonts.set(f"{W}ascii", font)
            fonts.set(f"{W}hAnsi", font)
        for flag, tag in ((bold, "b"), (italic, "i"), (strike, "strike")):
            if flag:
                etree.SubElement(props, f"{W}{tag}")
    _content(made, text)
    return made


def table_row(table: Any, widths: list[str | None], whole: bool) -> list[Any]:
    """Add a row (kept whole on a page if asked), a cell per column width in twips (None: 0)."""
    from lxml import etree

    row = etree.SubElement(table, f"{W}tr")
    if whole:
        etree.SubElement(etree.SubElement(row, f"{W}trPr"), f"{W}cantSplit")
    cells = []
    for width in widths:
        cell = etree.SubElement(row, f"{W}tc")
        measure = etree.SubElement(etree.SubElement(cell, f"{W}tcPr"), f"{W}tcW")
        measure.set(f"{W}type", "dxa")
        measure.set(f"{W}w", width or "0")
        etree.SubElement(cell, P)
        cells.append(cell)
    return cells


def line_break(p: Any) -> None:
    """Add a run holding a line break."""
    from lxml import etree

    etree.SubElement(etree.SubElement(p, R), f"{W}br")


def _content(r: Any, text: str) -> None:
    """Add text to a run: tabs and line ends become their own elements, as Word keeps them."""
    from lxml import etree

    if not _OWN_ELEMENTS.search(text):
        _text(r, text)
        return
    pending: list[str] = []
    for char in text:
        if char == "\t" or char in "\r\n":
            _text(r, "".join(pending))
            pending.clear()
            etree.SubElement(r, f"{W}tab" if char == "\t" else f"{W}br")
        else:
            pending.append(char)
    _text(r, "".join(pending))


def _text(r: Any, text: str) -> None:
    from lxml import etree

    if text:
        made = etree.SubElement(r, T)
        made.text = text
        if len(text.strip()) < len(text):
            made.set(XML_SPACE, "preserve")


def resize(element: Any, points: float) -> None:
    """Set the size of every run's text in an element (a table, a row) to points.

    The size goes last in each run's properties: the properties these writers give a run
    (style, font, bold, italic, strike) all come before it in the schema's order.
    """
    from lxml import etree

    for made in element.iter(R):
        props = made.find(f"{W}rPr")
        if props is None:
            props = etree.Element(f"{W}rPr")
            made.insert(0, props)
        for tag in ("sz", "szCs"):
            etree.SubElement(props, f"{W}{tag}").set(f"{W}val", str(round(points * 2)))


def keep_hyphens(element: Any) -> None:
    """Make each hyphen in an element's text non-breaking, so no line ends at one ("2024-")."""
    from lxml import etree

    for text in list(element.iter(T)):
        pieces = (text.text or "").split("-")
        if len(pieces) == 1:
            continue
        last = text
        for piece in pieces[1:]:
            last.addnext(hyphen := etree.Element(f"{W}noBreakHyphen"))
            last = hyphen
            if piece:
                last.addnext(made := etree.Element(T))
                _set_text(made, piece)
                last = made
        if pieces[0]:
            _set_text(text, pieces[0])
        else:
            text.getparent().remove(text)


def _set_text(element: Any, text: str) -> None:
    element.text = text
    element.attrib.pop(XML_SPACE, None)
    if len(text.strip()) < len(text):
        element.set(XML_SPACE, "preserve")
