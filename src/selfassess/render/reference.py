"""Take a council's house style from a --reference-docx: its styles and page set-up, nothing else.

The reference is opened as every Word input is (a regular file, within the size
limits, bytes counted as they unpack). The output starts from python-docx's own
blank document (landscape A4) and takes from the reference only what styles text: style
definitions, list numbering, the page's size and margins, and the first header and
footer with their embedded pictures and page-number fields (see wordpage). Settings (an
attached template), other fields, links, linked pictures and every other relationship stay
behind, so nothing in the reference can point the published file elsewhere.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from selfassess.render.wordpage import copy_header_and_footer
from selfassess.wordform.docxread import open_docx, xml_number

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
    if len(source.sections):
        copy_header_and_footer(source.sections[0], document.sections[0])


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
