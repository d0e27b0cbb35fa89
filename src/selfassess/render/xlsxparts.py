"""The parts of a one-sheet .xlsx workbook, written directly as SpreadsheetML.

A sheet's cells are typed by what they hold: text is an inline string styled as text
("@") with a quote prefix, so Excel never reads "6.10" as a number or "=1+1" as a
formula, even when the cell is edited; a date is a serial number shown "d mmm yyyy".
The header row is bold and frozen, and carries an autofilter. Nothing else is written:
no shared strings, no themes, no formulas, no external links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

from selfassess.render.wordxml import xml_safe

Cell = str | dt.date | None  # as render.spreadsheet's, which imports this module

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
#: Excel counts days from 30 December 1899 (its 1900 leap-year slip included).
_EPOCH = dt.date(1899, 12, 30)
#: Custom number formats are numbered from 164; 49 is Excel's built-in text format "@".
_DATE_FORMAT_ID = 164
_TEXT_FORMAT_ID = 49
DEFAULT_WIDTH = 12
_LINE_POINTS = 15  # one line of 11-point Calibri
_MAX_ROW_POINTS = 409  # Excel's tallest row

#: Cell styles (cellXfs), by index: 0 plain, 1 the bold header (wrapped), then for a body cell
#: 2 + 2 * kind + wrapped, kind 0 a blank, 1 text, 2 a date.
_BODY_STYLES = (
    (0, 0),  # a blank
    (_TEXT_FORMAT_ID, 1),  # text: quotePrefix
    (_DATE_FORMAT_ID, 0),  # a date
)


def content_types() -> str:
    """Return [Content_Types].xml."""
    kinds = "http://schemas.openxmlformats.org"
    overrides = (
        ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        ("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"),
        ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    )  # fmt: skip
    return (
        f'{_XML}<Types xmlns="{kinds}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
        + "</Types>"
    )


def package_rels() -> str:
    """Return _rels/.rels: the workbook and the document properties."""
    kinds = "http://schemas.openxmlformats.org"
    return _relationships(
        (f"{_DOC_RELS}/officeDocument", "xl/workbook.xml"),
        (f"{kinds}/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        (f"{_DOC_RELS}/extended-properties", "docProps/app.xml"),
    )


def workbook_rels() -> str:
    """Return xl/_rels/workbook.xml.rels: the one sheet and the styles."""
    return _relationships(
        (f"{_DOC_RELS}/worksheet", "worksheets/sheet1.xml"),
        (f"{_DOC_RELS}/styles", "styles.xml"),
    )


def _relationships(*targets: tuple[str, str]) -> str:
    links = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
        for n, (kind, target) in enumerate(targets, 1)
    )
    return f'{_XML}<Relationships xmlns="{_PACKAGE_RELS}">{links}</Relationships>'


def core(stamp: dt.datetime, creator: str, language: str) -> str:
    """Return docProps/core.xml: who made the file, its language, created and modified."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{_XML}<cp:coreProperties xmlns:cp="
        '"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:creator>{escape(creator)}</dc:creator><dc:language>{escape(language)}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app(application: str) -> str:
    """Return docProps/app.xml: the application that wrote the file."""
    return (
        f"{_XML}<Properties xmlns="
        '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{escape(application)}</Application></Properties>"
    )


def workbook(title: str, last_cell: str) -> str:
    """Return xl/workbook.xml: one sheet, and the range its autofilter covers."""
    quoted = "'" + title.replace("'", "''") + "'"
    return (
        f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f'<sheets><sheet name={quoteattr(title)} sheetId="1" r:id="rId1"/></sheets>'
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{escape(quoted)}!$A$1:{_absolute(last_cell)}</definedName>"
        # The header row repeats on every printed page.
        f'<definedName name="_xlnm.Print_Titles" localSheetId="0">{escape(quoted)}!$1:$1'
        "</definedName></definedNames>"
        "</workbook>"
    )


def _absolute(cell: str) -> str:
    letters = cell.rstrip("0123456789")
    return f"${letters}${cell[len(letters) :]}"


def styles() -> str:
    """Return xl/styles.xml: the date format, a bold font, and the cell styles listed above."""
    body = "".join(
        _xf(number, font=0, quote=quote, wrap=wrap)
        for number, quote in _BODY_STYLES
        for wrap in (False, True)
    )
    xfs = _xf(0, font=0, quote=0, wrap=None) + _xf(0, font=1, quote=0, wrap=True) + body
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    return (
        f'{_XML}<styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="1"><numFmt numFmtId="{_DATE_FORMAT_ID}" formatCode="d mmm yyyy"/>'
        f'</numFmts><fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{2 + 2 * len(_BODY_STYLES)}">{xfs}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _xf(number: int, font: int, quote: int, wrap: bool | None) -> str:
    attributes = f'numFmtId="{number}" fontId="{font}" fillId="0" borderId="0" xfId="0"'
    if number:
        attributes += ' applyNumberFormat="1"'
    if font:
        attributes += ' applyFont="1"'
    if quote:
        attributes += ' quotePrefix="1"'
    if wrap is None:
        return f"<xf {attributes}/>"
    wrapping = ' wrapText="1"' if wrap else ""
    return f'<xf {attributes} applyAlignment="1"><alignment vertical="top"{wrapping}/></xf>'


def column_letter(number: int) -> str:
    """Return a column's letters from its number (1 → A, 27 → AA)."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def last_cell(columns: int, rows: int) -> str:
    """Return the bottom right cell of a sheet of a header and `rows` rows ("F12")."""
    return f"{column_letter(columns)}{rows + 1}"


def worksheet(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    wrapped: frozenset[int],
) -> str:
    """Return xl/worksheets/sheet1.xml: the header row frozen, the body's cells typed."""
    last = last_cell(len(header), len(rows))
    columns = "".join(
        f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>'
        for n, width in enumerate(widths, 1)
    )
    return "".join(
        (
            f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">',
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
            f'<dimension ref="A1:{last}"/><sheetViews><sheetView workbookViewId="0">',
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{columns}</cols><sheetData>',
            *_rows(header, rows, widths, wrapped),
            f'</sheetData><autoFilter ref="A1:{last}"/>',
            '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
            # Printed on A4 across, as wide as the page and as many pages down as it needs.
            '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
            "</worksheet>",
        )
    )


def _rows(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    wrapped: frozenset[int],
) -> Iterator[str]:
    letters = [column_letter(n) for n in range(1, len(header) + 1)]
    titles = (_text(f"{letter}1", name, 1) for letter, name in zip(letters, header, strict=True))
    yield f'<row r="1"{_height(header, widths, frozenset(range(len(header))))}>'
    yield "".join(titles) + "</row>"
    for number, row in enumerate(rows, 2):
        cells = (
            _cell(f"{letter}{number}", value, column in wrapped)
            for column, (letter, value) in enumerate(zip(letters, row, strict=False))
        )
        yield f'<row r="{number}"{_height(row, widths, wrapped)}>{"".join(cells)}</row>'


def _height(row: Sequence[Cell], widths: Sequence[int], wrapped: frozenset[int]) -> str:
    """Return a row's height for its longest wrapped text, or nothing for one line.

    Neither LibreOffice nor a printout sizes a row to its wrapped text by itself, so the
    lines are counted here, wrapping at spaces, a character per unit of width (ample for
    Calibri, bold included).
    """
    lines = 1
    for column, value in enumerate(row):
        if column in wrapped and isinstance(value, str) and column < len(widths):
            lines = max(lines, _lines(value, max(widths[column], 1)))
    if lines == 1:
        return ""
    return f' ht="{min(lines * _LINE_POINTS, _MAX_ROW_POINTS)}" customHeight="1"'


def _lines(text: str, width: int) -> int:
    """Count the lines text takes wrapped at spaces into `width` characters."""
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        used = 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > width:
                count += 1
                used = 0
            used += (1 if used else 0) + len(word)
            if used > width:  # a word longer than the line runs on to the next
                count += (used - 1) // width
                used = (used - 1) % width + 1
    return count


def _cell(place: str, value: Cell, wrap: bool) -> str:
    if isinstance(value, dt.date):
        serial = (value - _EPOCH).days
        return f'<c r="{place}" s="{2 + 4 + wrap}"><v>{serial}</v></c>'
    if value:
        return _text(place, value, 2 + 2 + wrap)
    return f'<c r="{place}" s="{2 + wrap}"/>'


def _text(place: str, value: str, style: int) -> str:
    text = escape(xml_safe(value))
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{place}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
