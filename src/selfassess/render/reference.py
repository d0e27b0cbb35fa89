"""Take a council's house style from a --reference-docx: its styles and page set-up, nothing else.

The reference is opened as every Word input is (a regular file, within the size
limits, bytes counted as they unpack). The output starts from python-docx's own
blank document (landscape A4) and takes from the reference only what styles text: style
definitions, list numbering, the page's size and margins, and the words of the
first header and footer (as plain text). Settings (an attached template), fields,
pictures, links and every relationship stay behind, so nothing in the reference
can point the published file elsewhere.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from selfassess.wordform.docxread import open_docx, paragraph_text, xml_number

_STYLE_TYPES = {"paragraph", "character", "table", "numbering"}
_STYLE_PARTS = {qn("w:docDefaults"), qn("w:latentStyles"), qn("w:style")}
_NUMBERING_PARTS = {qn("w:abstractNum"), qn("w:num")}
_PAGE = {
    "w:pgSz": ("w:w", "w:h"),
    "w:pgMar": ("w:top", "w:right", "w:bottom", "w:left", "w:header", "w:footer", "w:gutter"),
}
_LARGEST_PAGE = 31_680  # 22 inches in twentieths of a point, Word's largest page
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def apply_reference(document: Any, path: Path) -> None:
    """Give a blank document the reference's styles and page set-up."""
    source = open_docx(path)
    _copy_children(source.styles.element, document.styles.element, _wanted_style)
    _copy_numbering(source, document)
    _copy_page(source.element.body, document.sections[0]._sectPr)
    _copy_header_text(source.sections, document.sections[0])


def _wanted_style(child: Any) -> bool:
    if child.tag != qn("w:style"):
        return child.tag in _STYLE_PARTS
    return child.get(qn("w:type")) in _STYLE_TYPES and bool(child.get(qn("w:styleId")))


def _copy_children(source: Any, target: Any, wanted: Any) -> None:
    """Replace target's children with copies of source's wanted ones, minus any relationship."""
    for child in list(target):
        target.remove(child)
    for child in source:
        if wanted(child) and not _points_elsewhere(child):
            target.append(copy.deepcopy(child))


def _points_elsewhere(element: Any) -> bool:
    """Tell whether an element names a relationship (a picture, a link, another part)."""
    return any(
        name.startswith(f"{{{_RELATIONSHIP}}}") for node in element.iter() for name in node.attrib
    )


def _copy_numbering(source: Any, document: Any) -> None:
    try:
        numbering = source.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return
    target = document.part.numbering_part.element
    _copy_children(numbering, target, lambda child: child.tag in _NUMBERING_PARTS)
    for picture in target.iter(qn("w:lvlPicBulletId")):
        picture.getparent().remove(picture)


def _copy_page(body: Any, target: Any) -> None:
    """Copy the page's size, orientation and margins, each number checked."""
    found = body.find(qn("w:sectPr"))
    if found is None:
        return
    for tag, names in _PAGE.items():
        given = found.find(qn(tag))
        kept = target.find(qn(tag))
        if given is None or kept is None:
            continue
        for name in names:
            number = xml_number(given.get(qn(name)), -1, _LARGEST_PAGE)
            if number >= 0:
                kept.set(qn(name), str(number))
        if tag == "w:pgSz" and given.get(qn("w:orient")) in ("portrait", "landscape"):
            kept.set(qn("w:orient"), given.get(qn("w:orient")))


def _copy_header_text(sections: Any, target: Any) -> None:
    """Copy the words of the first section's header and footer, paragraph by paragraph."""
    if not len(sections):
        return
    for part in ("header", "footer"):
        given, kept = getattr(sections[0], part), getattr(target, part)
        if given.is_linked_to_previous:
            continue
        texts = [paragraph_text(p._p).strip() for p in given.paragraphs]
        for index, text in enumerate(t for t in texts if t):
            paragraph = kept.paragraphs[0] if index == 0 else kept.add_paragraph()
            paragraph.text = text
