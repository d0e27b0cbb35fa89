"""Walk a Word file's XML: body blocks, table grids, paragraph text, list labels and links.

python-docx opens the package; the walk is our own so that text inside content
controls, fields, tracked insertions, merged cells and nested tables is read,
and deleted text is not.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from selfassess.files import read_regular_file
from selfassess.problems import InputError, Problem, SelfAssessError, error

#: Refuse Word files that unpack to more than this many bytes (a real form is under 5 MB).
MAX_UNPACKED = int(os.environ.get("SELFASSESS_MAX_DOCX_BYTES", 200 * 1024 * 1024))

#: Word allows 63 columns in a table; a wider grid is refused (E126).
MAX_COLUMNS = 63
#: The largest number read from Word XML (Word itself stops list numbers at 32,767).
MAX_NUMBER = 32_767
TOO_WIDE = "E126"

Element = Any  # an lxml element of the document's XML
_CHUNK = 64 * 1024

P, TBL, TR, TC, R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")}
_DELETED = {qn("w:del"), qn("w:moveFrom")}
_RUN_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
_HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+"([^"]+)"(?:\s+\\l\s+"([^"]+)")?')


class TableTooWide(SelfAssessError):
    """A table's rows are wider than Word allows: the form is made up or damaged."""


def too_wide(shown: str) -> InputError:
    """Return the error for a form with a table wider than Word allows."""
    message = (
        f"a table in the Word file is wider than {MAX_COLUMNS} columns, more than Word "
        "allows; open it in Word and save it again"
    )
    return InputError([error(shown, 1, 1, TOO_WIDE, message)])


#: The core property ``identifier`` of every Word document `selfassess render` writes, so that
#: `code import` can refuse it: its requirement cells hold our summaries, not the Code's text.
RENDERED_MARK = "selfassess:rendered-self-assessment"


def rendered_by_selfassess(document: Any) -> bool:
    """Return True for a Word document that `selfassess render` wrote."""
    return bool(document.core_properties.identifier == RENDERED_MARK)


def open_docx(path: Path, shown: str | None = None) -> Any:
    """Open a .docx file with python-docx; raise InputError if it is not a readable one."""
    shown = shown or str(path)
    raw = read_regular_file(
        path,
        MAX_UNPACKED,
        shown,
        lambda size: _too_big(shown, size if size > MAX_UNPACKED + 1 else None),
    )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise _not_docx(shown)
            _count_unpacked(archive, shown)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise _not_docx(shown) from None
    except (RuntimeError, ValueError, zlib.error):  # encrypted, or a damaged stream
        raise _not_docx(shown) from None
    import docx

    try:
        return docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        message = (
            f"cannot read the Word file ({type(exc).__name__}); open it in Word and save it again"
        )
        raise InputError([error(shown, 1, 1, "E121", message)]) from None


def _count_unpacked(archive: zipfile.ZipFile, shown: str) -> None:
    """Unpack every part once, counting the bytes it really gives, and stop past the limit.

    The sizes a zip declares can lie; what the decompressor produces cannot.
    """
    total = 0
    for info in archive.infolist():
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                total += len(chunk)
                if total > MAX_UNPACKED:
                    raise InputError([_too_big(shown, None)])


def _too_big(shown: str, size: int | None) -> Problem:
    amount = f"is {size:,} bytes, over" if size else "unpacks to more than"
    message = (
        f"the Word file {amount} the limit of {MAX_UNPACKED:,} bytes; "
        "a real form is under 5 MB (set SELFASSESS_MAX_DOCX_BYTES to raise it)"
    )
    return error(shown, 1, 1, "E122", message)


def _not_docx(shown: str) -> InputError:
    message = (
        "is not a Word .docx file; a .doc, PDF or web page cannot be read: "
        "open it in Word and save it as a Word Document (.docx)"
    )
    return InputError([error(shown, 1, 1, "E121", message)])


def blocks(container: Element) -> Iterator[Element]:
    """Yield the paragraphs and tables of a body or cell, in order, inside content controls too."""
    for child in container:
        if child.tag in (P, TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from blocks(child)


def _children(parent: Element, tag: str) -> Iterator[Element]:
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def table_grid(table: Element) -> list[list[Element | None]]:
    """Return each row's cells by grid column; a merged cell repeats where it spans.

    Spans are cut at the edge of the table's own grid, and a row wider than Word
    allows is refused, so a made-up span cannot make a row of a billion cells.
    """
    edge = _grid_width(table)
    rows: list[list[Element | None]] = []
    above: dict[int, Element] = {}
    for tr in _children(table, TR):
        column = min(_number(tr, "w:trPr", "w:gridBefore", 0), edge)
        row: list[Element | None] = [None] * column
        for tc in _children(tr, TC):
            cell = above.get(column, tc) if _continues_vertically(tc) else tc
            span = max(1, min(_number(tc, "w:tcPr", "w:gridSpan", 1), edge - column))
            if column + span > MAX_COLUMNS:
                raise TableTooWide(f"a table is wider than {MAX_COLUMNS} columns")
            for _ in range(span):
                row.append(cell)
                above[column] = cell
                column += 1
        rows.append(row)
    return rows


def _grid_width(table: Element) -> int:
    """Return how many columns the table's grid declares, or Word's maximum if none."""
    declared = len(table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
    return min(declared, MAX_COLUMNS) if declared else MAX_COLUMNS


def _number(element: Element, holder: str, name: str, default: int) -> int:
    found = element.find(f"{qn(holder)}/{qn(name)}")
    return xml_number(found.get(qn("w:val")) if found is not None else None, default)


def xml_number(value: str | None, default: int, most: int = MAX_NUMBER) -> int:
    """Read a whole number from Word XML: ASCII digits only, at most `most`, else default.

    A number longer than `most` is written is not parsed at all, so 5,000 digits cost nothing.
    """
    if not value or not value.isascii() or not value.isdigit():
        return default
    return most if len(value) > len(str(most)) else min(int(value), most)


def _continues_vertically(tc: Element) -> bool:
    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(qn("w:val"), "continue") == "continue"


def paragraph_text(paragraph: Element, emphasis: bool = False) -> str:
    """Return a paragraph's visible text: tabs as tabs, line breaks as newlines.

    With emphasis, runs formatted bold or italic are marked as Markdown (**bold**, *italic*).
    """
    runs = [run for run in paragraph.iter(R) if not _is_deleted(run, paragraph)]
    if not emphasis:
        return "".join(_run_text(run) for run in runs)
    pieces: list[tuple[str, str]] = []
    for run in runs:
        marker = _emphasis_marker(run)
        if pieces and pieces[-1][0] == marker:
            pieces[-1] = (marker, pieces[-1][1] + _run_text(run))
        else:
            pieces.append((marker, _run_text(run)))
    return "".join(_marked(marker, text) for marker, text in pieces)


def _emphasis_marker(run: Element) -> str:
    """Return the Markdown marker for a run's direct bold and italic formatting."""
    marker = ""
    for tag, mark in (("w:b", "**"), ("w:i", "*")):
        found = run.find(f"{qn('w:rPr')}/{qn(tag)}")
        if found is not None and found.get(qn("w:val"), "true") not in ("0", "false", "off"):
            marker += mark
    return marker


def _marked(marker: str, text: str) -> str:
    """Wrap text in a marker, keeping its outer spaces and line breaks outside the marker."""
    core = text.strip()
    if not marker or not core:
        return text
    start = text.index(core)
    return f"{text[:start]}{marker}{core}{marker[::-1]}{text[start + len(core) :]}"


def _run_text(run: Element) -> str:
    parts = []
    for child in run:
        if child.tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[child.tag] or child.text or "")
        elif child.tag == qn("w:br") and child.get(qn("w:type")) in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


def _is_deleted(run: Element, stop: Element) -> bool:
    for ancestor in run.iterancestors():
        if ancestor is stop:
            return False
        if ancestor.tag in _DELETED:
            return True
    return False


def paragraph_links(paragraph: Element, rels: Any) -> list[tuple[str, str]]:
    """Return the (text, url) of each hyperlink to a web address in a paragraph."""
    links = []
    for element in paragraph.iter(qn("w:hyperlink"), qn("w:fldSimple")):
        url = _link_target(element, rels)
        text = "".join(_run_text(run) for run in element.iter(R)).strip()
        if url:
            links.append((text or url, url))
    return links


def _link_target(element: Element, rels: Any) -> str:
    if element.tag == qn("w:fldSimple"):
        found = _HYPERLINK_FIELD.search(element.get(qn("w:instr"), ""))
        return found.group(1) if found else ""
    rel = rels.get(element.get(qn("r:id"), ""))
    if rel is None or not rel.is_external:
        return ""
    anchor = element.get(qn("w:anchor"))
    return f"{rel.target_ref}#{anchor}" if anchor else str(rel.target_ref)


_BULLET_GLYPHS = "•●▪■◦○·‣⁃\uf0b7\uf0a7\uf076\uf0d8\uf0fc"


def cell_lines(cell: Element, label: Any, emphasis: bool = False) -> list[str]:
    """Return a cell's non-empty lines: list items prefixed by label(paragraph), nested tables read."""
    lines: list[str] = []
    for block in blocks(cell):
        if block.tag == TBL:
            lines += table_lines(block, label, emphasis)
            continue
        prefix = label(block)
        texts = [t.strip() for t in paragraph_text(block, emphasis).split("\n")]
        for index, text in enumerate(t for t in texts if t):
            lines.append(prefix + text if index == 0 and prefix else _typed_bullet(text))
    return lines


def table_lines(table: Element, label: Any, emphasis: bool = False) -> list[str]:
    """Return the lines of every cell of a table, row by row, each merged cell once."""
    seen: set[Element] = set()
    lines: list[str] = []
    for row in table_grid(table):
        for cell in row:
            if cell is not None and cell not in seen:
                seen.add(cell)
                lines += cell_lines(cell, label, emphasis)
    return lines


def _typed_bullet(text: str) -> str:
    """Turn a bullet typed as a character ("• item") into a "- " line."""
    if text[0] in _BULLET_GLYPHS and text[1:].strip():
        return "- " + text[1:].strip()
    return text
