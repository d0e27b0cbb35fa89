"""Bounds on what a workbook may make openpyxl build, counted before openpyxl opens it.

A few hundred kilobytes of XML can ask for millions of cell formats, number formats,
defined names or shared strings, each of which openpyxl turns into Python objects,
and a document type can declare entities that expand without end. So every part is
read here first, as a stream: a document type anywhere is refused (Excel never writes
one), the styles and the workbook's names are counted as they are parsed, the shared
strings are counted, and each sheet is scanned for text far longer than a cell may hold
and for cells openpyxl would fail on (a number Excel never writes, a shared string
before the first). What passes cannot make openpyxl build more than the limits allow.
"""

from __future__ import annotations

import io
import os
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from xml.parsers import expat

from selfassess.practice.sheetscan import MAX_RUN, bad_cells, long_text
from selfassess.practice.table import fail
from selfassess.problems import InputError

#: Styles of every kind together (cell formats, number formats, fonts, fills, borders...):
#: Excel's own limit on cell formats is 64,000. Each costs openpyxl about 2 KB.
MAX_STYLES = int(os.environ.get("SELFASSESS_MAX_XLSX_STYLES", 64_000))
#: Defined names and sheets in the workbook part (about 1 KB each).
MAX_NAMES = int(os.environ.get("SELFASSESS_MAX_XLSX_NAMES", 10_000))
#: Shared strings (each costs a Python object before the first row is read).
MAX_STRINGS = int(os.environ.get("SELFASSESS_MAX_XLSX_STRINGS", 1_000_000))
#: Elements of any kind in the styles or the workbook part, per style or name allowed
#: (a cell format with its alignment and protection is three; openpyxl holds them all as a tree).
ELEMENTS_EACH = 8
_CHUNK = 1024 * 1024
_SI = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")
_KINDS = {
    "styles+xml": "styles",
    "sheet.main+xml": "workbook",
    "sheet.main.macroEnabled+xml": "workbook",
    "template.main+xml": "workbook",
    "sharedStrings+xml": "strings",
}
_DEFAULT_PARTS = {"xl/styles.xml": "styles", "xl/workbook.xml": "workbook"}
_STYLE_WORDS = {
    "numFmts": "number formats",
    "cellXfs": "cell formats",
    "cellStyleXfs": "cell style formats",
    "cellStyles": "named cell styles",
    "dxfs": "differential formats",
}


class _Stop(Exception):
    """The root element started: a document type can no longer come."""


def check_workbook(raw: bytes, display: str) -> None:
    """Refuse a workbook whose parts would make openpyxl build more than the limits allow."""
    # openpyxl warns about parts selfassess never reads (styles, validation): not the user's
    # business, and unformatted on standard error.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        kinds = _part_kinds(archive, display)
        date_styles: frozenset[int] = frozenset()
        sheets = []
        for info in archive.infolist():
            kind = kinds.get(info.filename)
            if kind == "styles":
                date_styles = _styles(archive, info, display)
            elif kind == "workbook":
                _count(archive, info, display, {"definedName": "defined names", "sheet": "sheets"})
            elif kind == "strings":
                _strings(archive, info, display)
            elif info.filename.endswith((".xml", ".rels", ".vml")):
                sheets.append(info)
        for info in sheets:
            _sheet(archive, info, display, date_styles)


def _part_kinds(archive: zipfile.ZipFile, display: str) -> dict[str, str]:
    """Return the styles, workbook and shared strings parts, as the content types name them."""
    kinds = dict(_DEFAULT_PARTS)

    def start(name: str, attrs: dict[str, str]) -> None:
        content = attrs.get("ContentType", "")
        part = attrs.get("PartName", "").lstrip("/")
        for ending, kind in _KINDS.items():
            if part and content.endswith(ending):
                kinds[part] = kind

    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return kinds
    _parse(archive, info, display, start)
    return kinds


def _parser(display: str, part: str) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")

    def doctype(*_: object) -> None:
        raise fail(
            display,
            "E503",
            f"the workbook's part {part} declares a document type (<!DOCTYPE>), whose entities "
            "could expand without limit; Excel never writes one: save the workbook again from Excel",
        )

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    return parser


def _parse(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    display: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
) -> None:
    """Parse a part with expat, calling start (and end) for each element; damage is let pass.

    A part that is not well-formed is openpyxl's to refuse (E502); only a document type and
    the limits the handlers raise stop the reading here.
    """
    parser = _parser(display, info.filename)
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    try:
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        return


def _over(display: str, part: str, what: str, limit: int, variable: str = "") -> InputError:
    setting = f" (set {variable} to raise it)" if variable else ""
    return fail(
        display,
        "E503",
        f"the workbook's part {part} holds more than the limit of {limit:,} {what}{setting}; "
        "a complaints log needs far fewer: save it again from Excel",
    )


def _count(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, display: str, counted: dict[str, str]
) -> None:
    """Count the named elements (and all elements) of a part as it is parsed."""
    counts = dict.fromkeys(counted, 0)
    total = 0

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal total
        total += 1
        local = name.rpartition(" ")[2]
        if local in counts:
            counts[local] += 1
            if counts[local] > MAX_NAMES:
                raise _over(
                    display, info.filename, counted[local], MAX_NAMES, "SELFASSESS_MAX_XLSX_NAMES"
                )
        if total > ELEMENTS_EACH * MAX_NAMES:
            raise _over(display, info.filename, "XML elements", ELEMENTS_EACH * MAX_NAMES)

    _parse(archive, info, display, start)


def _styles(archive: zipfile.ZipFile, info: zipfile.ZipInfo, display: str) -> frozenset[int]:
    """Count each kind of style as it is parsed; return the cell formats that show dates."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    path: list[str] = []
    counts: dict[str, int] = {}
    total = [0]
    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    cell_formats: list[int] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        path.append(name.rpartition(" ")[2])
        if len(path) == 3:
            kind = path[1]
            counts[kind] = counts.get(kind, 0) + 1
            if sum(counts.values()) > MAX_STYLES:
                words = _STYLE_WORDS.get(kind, kind)
                raise _over(display, info.filename, words, MAX_STYLES, "SELFASSESS_MAX_XLSX_STYLES")
            if path[2] == "numFmt":
                formats[_number(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
            elif kind == "cellXfs":
                cell_formats.append(_number(attrs.get("numFmtId")))
        total[0] += 1
        if total[0] > ELEMENTS_EACH * MAX_STYLES:
            raise _over(display, info.filename, "XML elements", ELEMENTS_EACH * MAX_STYLES)

    def end(name: str) -> None:
        path.pop()

    _parse(archive, info, display, start, end)
    return frozenset(
        index
        for index, number in enumerate(cell_formats)
        if is_date_format(formats.get(number)) or is_timedelta_format(formats.get(number))
    )


def _number(text: str | None) -> int:
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 10 else 0


def _strings(archive: zipfile.ZipFile, info: zipfile.ZipInfo, display: str) -> None:
    """Count the shared strings, and refuse a document type in their part."""
    count = 0
    prolog = _Prolog(display, info.filename)
    for piece in pieces(archive, info):
        prolog.feed(piece)
        count += len(_SI.findall(piece))
        if count > MAX_STRINGS:
            raise _over(
                display, info.filename, "shared strings", MAX_STRINGS, "SELFASSESS_MAX_XLSX_STRINGS"
            )


def _sheet(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, display: str, date_styles: frozenset[int]
) -> None:
    """Refuse a document type, text far longer than a cell, and cells openpyxl would fail on."""
    prolog = _Prolog(display, info.filename)
    found = []
    run = 0
    for piece in pieces(archive, info, cells=True):
        prolog.feed(piece)
        run = _text_run(run, piece, display, info.filename)
        found += bad_cells(piece, display, info.filename, date_styles)
        if len(found) >= 20:
            break
    if found:
        raise InputError(found)


def _text_run(run: int, piece: bytes, display: str, part: str) -> int:
    """Return the length of the text that ends the piece, refusing one that spans too far."""
    first = piece.find(b"<")
    run = run + len(piece) if first < 0 else run + first
    if run > MAX_RUN:
        raise InputError([long_text(display, part)])
    return run if first < 0 else len(piece) - piece.rfind(b"<") - 1


class _Prolog:
    """Feed a part's start to expat until its root element opens, refusing a document type."""

    def __init__(self, display: str, part: str) -> None:
        self.parser: expat.XMLParserType | None = _parser(display, part)
        self.parser.StartElementHandler = self._stop

    @staticmethod
    def _stop(*_: object) -> None:
        raise _Stop

    def feed(self, piece: bytes) -> None:
        if self.parser is None:
            return
        try:
            self.parser.Parse(piece, False)
        except (_Stop, expat.ExpatError):
            self.parser = None


def pieces(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cells: bool = False) -> Iterator[bytes]:
    """Yield a part's bytes in pieces that each end just before a tag (with cells, a cell).

    So no tag (with cells, no cell) is split between two pieces; a piece grows past a
    chunk only while no boundary comes, and never past four chunks.
    """
    carry = b""
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            buffer = carry + chunk
            cut = _last_cell(buffer) if cells else buffer.rfind(b"<")
            if cut <= 0 and len(buffer) > 4 * _CHUNK:
                cut = buffer.rfind(b"<")
            if cut <= 0:
                if len(buffer) > 4 * _CHUNK:  # no tag at all: a long text, which the scan judges
                    yield buffer
                    buffer = b""
                carry = buffer
                continue
            yield buffer[:cut]
            carry = buffer[cut:]
    if carry:
        yield carry


def _last_cell(buffer: bytes) -> int:
    """Return where the last cell element starts in buffer (<c ...> or <x:c ...>), or -1."""
    plain = max(buffer.rfind(b"<c "), buffer.rfind(b"<c>"))
    prefixed = buffer.rfind(b":c ")
    if prefixed > plain:
        return buffer.rfind(b"<", 0, prefixed)
    return plain
