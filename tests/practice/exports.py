"""Realistic exports, built from the example's tidy log so their figures can be compared with it.

Each export holds the same complaints in a case management system's own shape: its
headers, its words, title rows, hyperlinked references, a totals row, one row per stage
(sorted newest first), or one file per stage.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl

from conftest import ROOT

TIDY = ROOT / "complaints" / "example-borough-council-2024-25.csv"
OUTCOMES = {
    "upheld": "Upheld",
    "partly upheld": "Partially Upheld",
    "not upheld": "Not Upheld",
    "withdrawn": "Withdrawn",
    "refused": "Rejected",
}
TENURES = {"tenant": "Secure Tenant", "leaseholder": "Leaseholder", "shared owner": "Shared Owner"}
#: The CRM's headers for our columns, one row per complaint.
CRM_HEADERS = {
    "reference": "Case ID",
    "received": "Date Logged",
    "acknowledged": "Date Acknowledged",
    "extended_to": "Extended To",
    "extension_reason": "Extension Reason",
    "responded": "Date Responded",
    "outcome": "Outcome",
    "refusal_reason": "Refusal Reason",
    "category": "Service Area",
    "handler": "Officer",
    "escalated": "Escalation Date",
    "s2_acknowledged": "S2 Acknowledged",
    "s2_extended_to": "S2 Extended To",
    "s2_extension_reason": "S2 Extension Reason",
    "s2_responded": "S2 Responded",
    "s2_outcome": "S2 Outcome",
    "s2_handler": "S2 Handler",
    "compensation": "Compensation",
    "tenure": "Tenure Type",
}
#: One row per stage: a stage's own columns (stage 2's received is the escalation date).
STAGE_HEADERS = (
    ("reference", "Case Ref"),
    ("stage", "Stage"),
    ("received", "Received"),
    ("acknowledged", "Acknowledged"),
    ("extended_to", "Extended To"),
    ("extension_reason", "Extension Reason"),
    ("responded", "Responded"),
    ("outcome", "Outcome"),
    ("refusal_reason", "Refusal Reason"),
    ("category", "Service Area"),
    ("handler", "Handler"),
    ("compensation", "Compensation"),
    ("tenure", "Tenure"),
)
STAGE_TWO = {
    "received": "escalated",
    "acknowledged": "s2_acknowledged",
    "extended_to": "s2_extended_to",
    "extension_reason": "s2_extension_reason",
    "responded": "s2_responded",
    "outcome": "s2_outcome",
    "handler": "s2_handler",
}


def tidy_rows(limit: int | None = None) -> list[dict[str, str]]:
    """Return the tidy log's rows."""
    with TIDY.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    return rows[:limit] if limit else rows


def _day(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def crm_workbook(path: Path, rows: list[dict[str, str]]) -> Path:
    """A CRM's .xlsx: a merged title and a blank row above the header on row 3, its own
    headers and words, date cells, =HYPERLINK references with stored values, a totals row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Complaints Log"
    sheet["A1"] = "Example Borough Council: complaints, exported 1 July 2025"
    sheet.merge_cells("A1:F1")
    names = list(CRM_HEADERS)
    sheet.append([])  # row 2 stays blank
    sheet.append([CRM_HEADERS[n] for n in names])
    for row in rows:
        cells: list[object] = []
        for name in names:
            value = row[name]
            if name in ("received", "acknowledged", "extended_to", "responded", "escalated") or (
                name in ("s2_acknowledged", "s2_extended_to", "s2_responded")
            ):
                cells.append(_day(value))
            elif name in ("outcome", "s2_outcome"):
                cells.append(OUTCOMES.get(value, value))
            elif name == "tenure":
                cells.append(TENURES.get(value, value))
            elif name == "compensation":
                cells.append(float(value) if value else None)
            elif name == "reference":
                cells.append(f'=HYPERLINK("https://crm.example.org/case/{value}","{value}")')
            else:
                cells.append(value or None)
        sheet.append(cells)
    sheet.append(["Total", len(rows)])
    for column in "BCDFKLNO":
        for cell in sheet[column][3:]:
            cell.number_format = "dd/mm/yyyy"
    book.save(path)
    return _store_link_values(path)


def _store_link_values(path: Path) -> Path:
    """Give each HYPERLINK formula the value Excel stores with it (openpyxl writes none)."""
    with zipfile.ZipFile(path) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = re.sub(
        rb'<c r="(A\d+)"([^>]*)><f>(HYPERLINK\("[^<"]*","([^"<]*)"\))</f><v></v></c>',
        rb'<c r="\1" t="str"\2><f>\3</f><v>\4</v></c>',
        parts[name],
    )
    assert parts[name].count(b"<f>HYPERLINK") == parts[name].count(b"</f><v>EBC")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for part, data in parts.items():
            new.writestr(part, data)
    return path


def stage_rows(rows: list[dict[str, str]]) -> list[list[str]]:
    """Return one row per stage, in the CRM's words, newest first."""
    found = []
    for row in rows:
        found.append((row["received"], _stage(row, 1)))
        if row["escalated"]:
            found.append((row["escalated"], _stage(row, 2)))
    found.sort(key=lambda pair: (_day(pair[0]), pair[1][0]), reverse=True)
    return [cells for _, cells in found]


def _stage(row: dict[str, str], number: int) -> list[str]:
    cells = []
    for name, _ in STAGE_HEADERS:
        source = STAGE_TWO.get(name, name) if number == 2 else name
        value = row.get(source, "")
        if name == "stage":
            value = f"Stage {number}"
        elif name == "outcome":
            value = OUTCOMES.get(value, value)
        elif name == "tenure":
            value = TENURES.get(value, value)
        elif name == "compensation":
            value = f"£{value}" if value and number == 1 else ""
        elif name in ("refusal_reason",) and number == 2:
            value = ""
        cells.append(value)
    return cells


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """Write a CSV as Excel on Windows saves it: CRLF line ends, Windows-1252."""
    with path.open("w", encoding="cp1252", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def per_stage_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """One row per stage, newest first, with a Stage column."""
    return write_csv(path, [h for _, h in STAGE_HEADERS], stage_rows(rows))


def split_files(folder: Path, rows: list[dict[str, str]]) -> tuple[Path, Path]:
    """One file per stage, without a Stage column; stage 2's file holds only stage 2 rows."""
    header = [h for name, h in STAGE_HEADERS if name != "stage"]
    ones, twos = [], []
    for cells in stage_rows(rows):
        (ones if cells[1] == "Stage 1" else twos).append(cells[:1] + cells[2:])
    return (
        write_csv(folder / "stage-1.csv", header, ones),
        write_csv(folder / "stage-2.csv", header, twos),
    )


def without_encoding_note(said: str) -> str:
    """Return what practice said, less the note (I552) that a Windows-1252 CSV was read as one.

    Every CSV written here as Excel on Windows saves it earns that note; the rest must match.
    """
    return "".join(line for line in said.splitlines(keepends=True) if ": I552 " not in line)
