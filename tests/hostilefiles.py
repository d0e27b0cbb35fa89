"""Hostile inputs built at test time: small workbooks that would make gigabytes, wide charts.

Shared by the hostile tests and bench/bench_hostile.py, so each bomb is written once and
no test file is kept in the repository. Every workbook is a real, minimal .xlsx (content
types, relationships, a workbook, one sheet) that openpyxl opens; a bomb differs from a
good one only in the part it inflates.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

HEADER = ("reference", "received", "acknowledged", "responded", "outcome", "category")
TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">{{numfmts}}'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "{xfs}</cellXfs></styleSheet>"
)


def complaint_rows(count: int) -> list[tuple[str, ...]]:
    """Return count clean rows: received on a Monday, acknowledged and answered in time."""
    return [
        (f"C{n}", "2024-06-03", "2024-06-04", "2024-06-14", "upheld", "Repairs")
        for n in range(1, count + 1)
    ]


def sheet_xml(rows: Sequence[Sequence[str]], dimension: str | None = None, prolog: str = "") -> str:
    """Return a sheet of inline strings, with the <dimension> given (or none)."""
    lines = []
    for number, cells in enumerate(rows, start=1):
        row = "".join(
            f'<c r="{_column(col)}{number}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
            for col, value in enumerate(cells)
        )
        lines.append(f'<row r="{number}">{row}</row>')
    stated = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">{stated}'
        f"<sheetData>{''.join(lines)}</sheetData></worksheet>"
    )


def _column(index: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def write_workbook(
    path: Path,
    rows: Sequence[Sequence[str]] | None = None,
    *,
    sheet: str | None = None,
    styles: str | None = None,
    strings: str | None = None,
    names: str = "",
) -> Path:
    """Write a workbook: a header and rows (or the sheet XML given), and any part replaced."""
    table = [HEADER, *(rows if rows is not None else complaint_rows(3))]
    book = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        '<sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets>'
        f"{f'<definedNames>{names}</definedNames>' if names else ''}</workbook>"
    )
    parts = {
        "[Content_Types].xml": TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": book,
        "xl/_rels/workbook.xml.rels": BOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(table),
        "xl/styles.xml": styles if styles is not None else STYLES.format(numfmts="", xfs=""),
        "xl/sharedStrings.xml": strings
        if strings is not None
        else f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="0"/>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def many_cell_formats(count: int) -> str:
    """Return styles.xml with count more cell formats (each a few bytes, deflated to less)."""
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    return STYLES.format(numfmts="", xfs=xf * count)


def many_number_formats(count: int) -> str:
    """Return styles.xml with count custom number formats."""
    formats = "".join(f'<numFmt numFmtId="{164 + n}" formatCode="0.{n}"/>' for n in range(count))
    return STYLES.format(numfmts=f'<numFmts count="{count}">{formats}</numFmts>', xfs="")


def many_names(count: int) -> str:
    """Return count defined names for workbook.xml."""
    return "".join(f'<definedName name="n{n}">Log!$A$1</definedName>' for n in range(count))


def many_empty_strings(count: int) -> str:
    """Return sharedStrings.xml holding count empty strings."""
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{"<si/>" * count}</sst>'


def laughs(levels: int = 9) -> str:
    """Return a DOCTYPE whose entity &l{levels}; expands to 10**levels copies of "lol"."""
    lines = ['<!ENTITY l0 "lol">']
    for level in range(1, levels + 1):
        lines.append(f'<!ENTITY l{level} "{f"&l{level - 1};" * 10}">')
    return f"<!DOCTYPE worksheet [{''.join(lines)}]>"


def entity_sheet(levels: int = 7) -> str:
    """Return a sheet whose one category cell is an entity expanding to 3 * 10**levels bytes."""
    rows = [HEADER, *complaint_rows(1)]
    text = sheet_xml(rows, prolog=laughs(levels))
    return text.replace(">Repairs<", f">&l{levels};<")


def entity_strings(levels: int = 7) -> str:
    """Return sharedStrings.xml whose one string is an entity of 3 * 10**levels bytes."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{laughs(levels).replace("worksheet", "sst")}'
        f'<sst xmlns="{MAIN}"><si><t>&l{levels};</t></si></sst>'
    )


def categories_log(path: Path, count: int, label: str = "Category {n}") -> Path:
    """Write a CSV log with count complaints, each in a category (and a directorate) of its own.

    It has the example assessment's mapped columns, so the example's breakdowns by directorate
    and root cause hold as many groups as there are categories.
    """
    header = ",".join((*HEADER, "Service Directorate", "Root Cause", "Reason for Escalation"))
    lines = [header]
    for n in range(1, count + 1):
        category = label.format(n=n).replace('"', '""')
        lines.append(
            f'C{n},2024-06-03,2024-06-04,2024-06-14,upheld,"{category}","{category}",Delay,'
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
