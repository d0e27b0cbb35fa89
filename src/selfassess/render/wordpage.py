"""The Word page's header and footer: ours ("Landlord · Page X of Y"), or a reference's, made inert.

A council's --reference-docx header usually holds its logo and its footer the page number.
Those are kept: the paragraphs and tables of the first section's header and footer, their
text and formatting, pictures embedded in the file (re-embedded here, never linked), and
the PAGE and NUMPAGES fields. Nothing else that acts comes across: no other field (its
shown text stays as plain text), no link (its words stay), no linked picture, shape, text
box or embedded object, and no relationship but to a picture this module embedded.
"""

from __future__ import annotations

import copy
import io
from typing import Any

from docx.oxml.ns import qn

#: The fields a header or footer may keep: the page number and the number of pages.
PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES"})
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RUN_PARTS = {
    qn(tag) for tag in ("w:rPr", "w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:softHyphen")
}
_FIELD_PARTS = {qn("w:fldChar"), qn("w:instrText")}
# Elements whose runs are kept without the element: a link, a tracked insertion, a smart
# tag, a content control (whose data binding goes with it).
_UNWRAP = {qn(t) for t in ("w:hyperlink", "w:ins", "w:smartTag", "w:sdt", "w:sdtContent")}
_PICTURE_ID = 10_000  # header pictures' ids, clear of the body's


def write_footer(document: Any, landlord: str) -> None:
    """Give the page a footer "Landlord · Page X of Y", unless a reference gave it one."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = document.sections[0].footer
    if not footer.is_linked_to_previous and any(p.text.strip() for p in footer.paragraphs):
        return
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{landlord} · Page ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES", "1")


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """Append a field as Word writes one: begin, instruction, separate, result, end."""
    from docx.oxml import OxmlElement

    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None)):
        run = paragraph.add_run()._r
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run.append(code)
    paragraph.add_run(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def copy_header_and_footer(source: Any, target: Any) -> None:
    """Copy the reference's first header and footer into the target section, made inert."""
    for part in ("header", "footer"):
        given, kept = getattr(source, part), getattr(target, part)
        if given.is_linked_to_previous:
            continue
        blocks = [
            b
            for b in (_clean_block(b, given.part, kept.part) for b in _blocks(given))
            if b is not None
        ]
        if not any(_has_content(b) for b in blocks):
            continue
        element = kept._element
        for child in list(element):
            element.remove(child)
        for block in blocks:
            element.append(block)


def _blocks(story: Any) -> list[Any]:
    return [child for child in story._element if child.tag in (qn("w:p"), qn("w:tbl"))]


def _has_content(block: Any) -> bool:
    return any(t.text and t.text.strip() for t in block.iter(qn("w:t"))) or any(
        True for _ in block.iter(qn("w:drawing"))
    )


def _clean_block(block: Any, source_part: Any, target_part: Any) -> Any:
    if block.tag == qn("w:p"):
        return _clean_paragraph(block, source_part, target_part)
    table = copy.deepcopy(block)
    for cell in table.iter(qn("w:tc")):
        for child in list(cell):
            if child.tag == qn("w:p"):
                cell.replace(child, _clean_paragraph(child, source_part, target_part))
            elif child.tag != qn("w:tcPr"):
                cell.remove(child)  # a nested table or anything else: left behind
        if cell.find(qn("w:p")) is None:
            cell.append(_new("w:p"))  # Word needs a paragraph in every cell
    _strip_relationships(table, keep=set())
    return table


def _clean_paragraph(paragraph: Any, source_part: Any, target_part: Any) -> Any:
    """Return a copy of a paragraph with only text, formatting, pictures and page fields."""
    clean = _new("w:p")
    properties = paragraph.find(qn("w:pPr"))
    if properties is not None:
        kept = copy.deepcopy(properties)
        _strip_relationships(kept, keep=set())
        clean.append(kept)
    pieces = [piece for run in _runs(paragraph) for piece in _pieces(run, source_part, target_part)]
    for style, piece in _fields_kept(pieces):
        run = clean.makeelement(qn("w:r"), {})
        if style is not None:
            run.append(copy.deepcopy(style))
        run.append(piece)
        clean.append(run)
    return clean


def _runs(element: Any) -> list[Any]:
    """Return the runs of a paragraph in order, looking inside links, controls and insertions."""
    found = []
    for child in element:
        if child.tag == qn("w:r"):
            found.append(child)
        elif child.tag in _UNWRAP:
            found.extend(_runs(child))
        elif child.tag == qn("w:fldSimple"):
            found.extend(_simple_field(child))
    return found


def _simple_field(field: Any) -> list[Any]:
    """Return a simple field as the runs of a complex one, so one rule decides what stays."""
    instruction = field.get(qn("w:instr")) or ""
    runs = [_field_run("begin"), _field_run(None, instruction), _field_run("separate")]
    return [*runs, *_runs(field), _field_run("end")]


def _field_run(kind: str | None, instruction: str = "") -> Any:
    run = _new("w:r")
    if kind:
        char = run.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        run.append(char)
    else:
        code = run.makeelement(qn("w:instrText"), {})
        code.text = instruction
        run.append(code)
    return run


def _pieces(run: Any, source_part: Any, target_part: Any) -> list[tuple[Any, Any]]:
    """Return (run properties, one child) for each child of the run that may stay."""
    style = run.find(qn("w:rPr"))
    pieces = []
    for child in run:
        if child.tag in _RUN_PARTS - {qn("w:rPr")} or child.tag in _FIELD_PARTS:
            pieces.append((style, copy.deepcopy(child)))
        elif child.tag == qn("w:drawing"):
            picture = _picture(child, source_part, target_part)
            if picture is not None:
                pieces.append((style, picture))
    return pieces


def _fields_kept(pieces: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Keep PAGE and NUMPAGES fields whole; of any other field keep only its shown text."""
    instructions = _instructions(pieces)
    kept = []
    stack: list[list[bool]] = []  # each open field: [kept whole, its instruction still read]
    for index, (style, piece) in enumerate(pieces):
        kind = piece.get(qn("w:fldCharType")) if piece.tag == qn("w:fldChar") else None
        if kind == "begin":
            whole = all(f[0] for f in stack) and instructions.get(index) in PAGE_FIELDS
            stack.append([whole, True])
            show = whole
        elif kind in ("separate", "end") and stack:
            field = stack[-1] if kind == "separate" else stack.pop()
            field[1] = False
            show = field[0]
        elif kind is not None or piece.tag == qn("w:instrText"):
            show = bool(stack) and stack[-1][0] and stack[-1][1]
        else:  # text, a tab, a picture: not while an instruction is read
            show = not any(f[1] for f in stack)
        if show:
            kept.append((style, piece))
    return kept


def _instructions(pieces: list[tuple[Any, Any]]) -> dict[int, str]:
    """Return each field's first word (PAGE, HYPERLINK, ...), keyed by its begin piece."""
    found: dict[int, str] = {}
    open_fields: list[tuple[int, list[str]]] = []
    for index, (_, piece) in enumerate(pieces):
        kind = piece.get(qn("w:fldCharType")) if piece.tag == qn("w:fldChar") else None
        if kind == "begin":
            open_fields.append((index, []))
        elif piece.tag == qn("w:instrText") and open_fields:
            open_fields[-1][1].append(piece.text or "")
        elif kind in ("separate", "end") and open_fields:
            begin, words = open_fields[-1]
            found.setdefault(begin, ("".join(words).split() or [""])[0].upper())
            if kind == "end":
                open_fields.pop()
    return found


def _picture(drawing: Any, source_part: Any, target_part: Any) -> Any:
    """Return a copy of a drawing whose one picture is re-embedded here, or None."""
    from docx.image.exceptions import UnrecognizedImageError

    picture = copy.deepcopy(drawing)
    blips = list(picture.iter(qn("a:blip")))
    if len(blips) != 1:
        return None  # a shape, a text box, a chart or a group: not a plain picture
    blip = blips[0]
    for extension in blip.findall(qn("a:extLst")):
        blip.remove(extension)  # e.g. an SVG version, which would be one more part
    embedded = blip.get(qn("r:embed"))
    try:
        image = source_part.related_parts[embedded].blob if embedded else None
        rid = target_part.get_or_add_image(io.BytesIO(image))[0] if image else None
    except (KeyError, AttributeError, UnrecognizedImageError, ValueError):
        return None
    if rid is None:
        return None
    _strip_relationships(picture, keep={blip})
    blip.set(qn("r:embed"), rid)
    if _names_a_relationship(picture, skip=blip):
        return None
    for number, properties in enumerate(picture.iter(qn("wp:docPr"))):
        properties.set("id", str(_PICTURE_ID + number))
    return picture


def _strip_relationships(element: Any, keep: set[Any]) -> None:
    """Remove every element (but those kept) that names a relationship: links, linked parts."""
    for node in list(element.iter()):
        if node in keep or node is element:
            continue
        if _names(node) and node.getparent() is not None:
            node.getparent().remove(node)
    for name in [n for n in element.attrib if n.startswith(f"{{{_RELATIONSHIP}}}")]:
        del element.attrib[name]


def _names(node: Any) -> bool:
    return any(name.startswith(f"{{{_RELATIONSHIP}}}") for name in node.attrib)


def _names_a_relationship(element: Any, skip: Any) -> bool:
    return any(_names(node) for node in element.iter() if node is not skip)


def _new(tag: str) -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement(tag)
