"""Reading logs: CSV dialects and encodings, workbooks, headers, and files that cannot be read."""

from __future__ import annotations

import datetime as dt
import json
import os
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from logkit import GOOD, HEADER, write_log
from logkit import row as make

from conftest import Run

PERIOD = ("--period", "2024-25", "--as-of", "2025-07-01")


def figures(run: Run, log: Path, *extra: str) -> dict[str, object]:
    result = run("practice", str(log), *PERIOD, "--format", "json", *extra)
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def received(data: dict[str, object]) -> int:
    stage = data["stage_1"]
    assert isinstance(stage, dict)
    return int(stage["received"])


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_any_delimiter_excel_writes(run: Run, tmp_path: Path, delimiter: str) -> None:
    log = write_log(tmp_path, GOOD.replace(",", delimiter), header=HEADER.replace(",", delimiter))
    assert received(figures(run, log)) == 1


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_bom_and_windows_1252(run: Run, tmp_path: Path, encoding: str) -> None:
    text = "\n".join([HEADER, make(category="Caf\u00e9 \u00a3 r\u00e9pairs")]) + "\n"
    log = tmp_path / "log.csv"
    log.write_bytes(text.encode(encoding))
    result = run("practice", str(log), *PERIOD, "--format", "json")
    assert result.exit_code == 0
    said = (
        f"{log}:1:1: I552 the log is not UTF-8, so it was read as Windows-1252 (as older "
        "Excel saves CSV)\n"
    )
    assert result.stderr == (said if encoding == "cp1252" else "")
    data = json.loads(result.stdout)
    assert data["by_category"][0]["category"] == "Caf\u00e9 \u00a3 r\u00e9pairs"


def test_headers_match_without_case_spaces_or_underscores(run: Run, tmp_path: Path) -> None:
    header = HEADER.replace("reference", "Reference").replace("extended_to", "Extended To")
    log = write_log(tmp_path, GOOD, header=header.replace("s2_responded", "S2 Responded"))
    assert received(figures(run, log)) == 1


def test_an_export_with_other_headers_and_its_columns_mapping(run: Run, tmp_path: Path) -> None:
    export = (
        "Case Ref,Date Received,Date Acknowledged,Full Response Sent,Result,Service Area\n"
        "HX-1,03/06/2024,04/06/2024,14/06/2024,Upheld,Repairs\n"
        "HX-2,2024-06-05,2024-06-06,2024-06-28,Not Upheld,Lettings\n"
    )
    (tmp_path / "export.csv").write_text(export, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "schema_version: 1\ncode: hos-chc-2024\nlandlord: {name: L, homes: 2000}\nperiod: 2024-25\n"
        "practice:\n  log: export.csv\n  columns: {reference: Case Ref, received: Date Received, "
        "acknowledged: Date Acknowledged, responded: Full Response Sent, outcome: Result, "
        "category: Service Area}\n",
        encoding="utf-8",
    )
    data = figures(run, tmp_path / "export.csv", "--assessment", str(tmp_path / "a.yaml"))
    assert data["stage_1"]["responded_on_time"] == 1  # type: ignore[index]
    assert data["stage_1"]["responded_late"] == 1  # type: ignore[index]
    assert data["tenant_satisfaction_measures"]["stage_1"]["CH01_per_1000_homes"] == 1.0  # type: ignore[index]


def test_a_missing_required_column_suggests_the_nearest_header(run: Run, tmp_path: Path) -> None:
    log = write_log(tmp_path, GOOD, header=HEADER.replace("received", "recieved"))
    result = run("practice", str(log), *PERIOD)
    assert result.exit_code == 1
    assert result.output == (
        f"{log}:1:1: E504 the log has no 'received' column; did you mean 'recieved'? "
        "(name the export's header under practice: columns:); the header read from row 1 of "
        "the file holds "
        + ", ".join(repr(h) for h in HEADER.replace("received", "recieved").split(","))
        + "\n"
    )


def test_a_column_named_twice(run: Run, tmp_path: Path) -> None:
    log = write_log(tmp_path, GOOD + ",x", header=HEADER + ",Category")
    result = run("practice", str(log), *PERIOD)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{log}:1:20: E505 column 'Category' appears twice (first as column 9); the later one is ignored\n"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"reference,received\x00\n",
            "E502 the log is not text (it holds NUL bytes); export it as CSV",
        ),
        (b"", "E502 the log is empty; a row must name the columns"),
        (b'reference,received\n"C1,03/06/2024\n', None),
    ],
)
def test_files_that_are_not_logs(
    run: Run, tmp_path: Path, data: bytes, expected: str | None
) -> None:
    (tmp_path / "log.csv").write_bytes(data)
    result = run("practice", str(tmp_path / "log.csv"), *PERIOD)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    if expected:
        assert result.output == f"{tmp_path / 'log.csv'}:1:1: {expected}\n"


def test_a_log_over_the_size_limit(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("selfassess.practice.table.MAX_LOG_BYTES", 100)
    log = write_log(tmp_path, GOOD, GOOD.replace("C1", "C2"))
    result = run("practice", str(log), *PERIOD)
    assert result.output == (
        f"{log}:1:1: E503 the log is {log.stat().st_size} bytes, over the limit of 100 "
        "(set SELFASSESS_MAX_LOG_BYTES to raise it)\n"
    )


def test_a_log_that_cannot_be_opened(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "schema_version: 1\ncode: hos-chc-2024\nlandlord: {name: L}\nperiod: 2024-25\n"
        "practice: {log: missing.csv}\n",
        encoding="utf-8",
    )
    result = run("check", str(tmp_path / "a.yaml"))
    assert (
        f"{tmp_path / 'a.yaml'}:5:17: E501 the complaints log 'missing.csv' does not exist (paths are relative to this file)"
        in result.output.splitlines()
    )


def workbook(path: Path, rows: list[list[object]], title: str = "Complaints") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(HEADER.split(","))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_an_xlsx_with_date_cells(run: Run, tmp_path: Path) -> None:
    cells: list[object] = [
        "C1",
        dt.datetime(2024, 6, 3),
        dt.date(2024, 6, 4),
        None,
        None,
        "14/06/2024",
        "upheld",
    ]
    log = workbook(tmp_path / "log.xlsx", [cells])
    data = figures(run, log)
    assert data["stage_1"]["responded_on_time"] == 1  # type: ignore[index]
    assert received(figures(run, log, "--sheet", "Complaints")) == 1


def test_an_xlsx_problems(run: Run, tmp_path: Path) -> None:
    log = workbook(tmp_path / "log.xlsx", [["C1", "=TODAY()"]])  # openpyxl stores no value
    result = run("practice", str(log), *PERIOD)
    assert (result.exit_code, result.stderr) == (
        1,
        f"{log}:2:2: E514 received: a formula saved with no value; open the workbook in Excel so "
        "it calculates and save it again, or paste the column as values\n",
    )
    result = run("practice", str(log), *PERIOD, "--sheet", "Other")
    assert (
        result.output
        == f"{log}:1:1: E516 the workbook has no sheet 'Other' (it has 'Complaints')\n"
    )
    numbers = workbook(tmp_path / "n.xlsx", [["C1", 45000]])
    result = run("practice", str(numbers), *PERIOD)
    assert (
        result.stderr
        == f"{numbers}:2:2: E506 received: 45000 is a number, not a date; format the column as dates\n"
    )


def test_an_xlsx_that_is_not_a_zip_or_unpacks_too_far(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "fake.xlsx").write_bytes(b"reference,received\n")
    result = run("practice", str(tmp_path / "fake.xlsx"), *PERIOD)
    assert (
        result.output
        == f"{tmp_path / 'fake.xlsx'}:1:1: E502 not an Excel workbook (.xlsx); save it again from Excel\n"
    )
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<" * 2_000_000)
    monkeypatch.setattr("selfassess.practice.table.MAX_XLSX_UNPACKED", 1_000_000)
    result = run("practice", str(tmp_path / "bomb.xlsx"), *PERIOD)
    assert result.output == (
        f"{tmp_path / 'bomb.xlsx'}:1:1: E503 the workbook unpacks to more than the limit of "
        "1,000,000 bytes (set SELFASSESS_MAX_XLSX_BYTES to raise it)\n"
    )


def test_a_workbook_that_lies_about_its_size_is_refused(run: Run, tmp_path: Path) -> None:
    # The sizes a zip declares can lie; the bytes are counted as they unpack, and a part
    # that gives more than it declared is damaged.
    path = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<" * 2_000_000)
    data = bytearray(path.read_bytes())
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        struct.pack_into("<I", data, data.find(signature) + size_at, 1000)
    path.write_bytes(bytes(data))
    assert sum(info.file_size for info in zipfile.ZipFile(path).infolist()) == 1000
    result = run("practice", str(path), *PERIOD)
    assert result.output == (
        f"{path}:1:1: E502 not an Excel workbook (.xlsx); save it again from Excel\n"
    )


@pytest.mark.parametrize("name", ["log.csv", "log.xlsx"])
def test_a_log_that_is_not_a_regular_file_is_refused_unread(
    run: Run, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    os.mkfifo(path)  # reading a named pipe with no writer would wait for ever
    result = run("practice", str(path), *PERIOD)
    assert (result.exit_code, result.output) == (
        1,
        f"{path}:1:1: E125 is a device, pipe or socket, not a regular file; give the path of a "
        "file saved on disk\n",
    )


CONTENT_TYPES = "[Content_Types].xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STRINGS_RELATION = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
)
LINK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
LINK_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def repack(source: Path, target: Path, edit: dict[str, bytes], extra: dict[str, bytes]) -> Path:
    """Copy a workbook, replacing text in some parts (b"old=>new") and adding others."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            pairs = edit[info.filename].split(b"=>") if info.filename in edit else []
            for old_text, new_text in zip(pairs[::2], pairs[1::2], strict=True):
                assert old_text in data, (info.filename, old_text)
                data = data.replace(old_text, new_text)
            new.writestr(info, data)
        for name, data in extra.items():
            new.writestr(name, data)
    return target


def with_shared_strings(tmp_path: Path, strings: list[str], part: str) -> Path:
    """A workbook whose reference cell (A2) is shared string 0, its table in `part`."""
    plain = workbook(tmp_path / "plain.xlsx", [["C1", "03/06/2024"]])
    table = "".join(f"<si><t>{text}</t></si>" for text in strings)
    return repack(
        plain,
        tmp_path / "strings.xlsx",
        {
            CONTENT_TYPES: (
                f'</Types>=><Override PartName="/{part}" ContentType="{STRINGS_TYPE}"/></Types>'
            ).encode(),
            "xl/_rels/workbook.xml.rels": (
                f'</Relationships>=><Relationship Id="rIdS" Type="{STRINGS_RELATION}" '
                f'Target="/{part}"/></Relationships>'
            ).encode(),
            "xl/worksheets/sheet1.xml": b'<c r="A2" t="inlineStr"><is><t>C1</t></is></c>=>'
            b'<c r="A2" t="s"><v>0</v></c>',
        },
        {part: f'<sst xmlns="{MAIN}">{table}</sst>'.encode()},
    )


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/other-name.xml"])
def test_shared_strings_past_their_limit_are_refused_before_they_are_read(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part: str
) -> None:
    # openpyxl holds every shared string in memory before the first row; 32 MiB of them
    # took 11 s and 280 MB, 240 MiB took 83 s and 1.6 GB, so they have their own limit.
    strings = ["C-1", *(f"padding {n}" for n in range(5000))]
    log = with_shared_strings(tmp_path, strings, part)
    size = zipfile.ZipFile(log).getinfo(part).file_size
    assert received(figures(run, log)) == 1  # the reference cell reads through the table
    monkeypatch.setattr("selfassess.practice.table.MAX_XLSX_STRINGS", size - 1)
    result = run("practice", str(log), *PERIOD)
    assert (result.exit_code, result.output) == (
        1,
        f"{log}:1:1: E503 the workbook's shared strings unpack to {size:,} bytes, over the "
        f"limit of {size - 1:,} (set SELFASSESS_MAX_XLSX_STRINGS_BYTES to raise it)\n",
    )


def test_a_workbook_cell_past_the_widest_is_refused(run: Run, tmp_path: Path) -> None:
    # Excel stops at 32,767 characters a cell, so only a made-up workbook holds more.
    plain = workbook(tmp_path / "plain.xlsx", [["C1", "03/06/2024"], ["C2", "03/06/2024", "WIDE"]])
    for width, name in ((32_768, "fits.xlsx"), (32_769, "wide.xlsx")):
        edit = {"xl/worksheets/sheet1.xml": b"WIDE=>" + b"x" * width}
        log = repack(plain, tmp_path / name, edit, {})
        result = run("practice", str(log), *PERIOD)
        if width == 32_768:  # read, and left out only because it is not a date
            assert result.stderr.startswith(f"{log}:3:3: E506 acknowledged: 'xxx")
        else:
            assert (result.exit_code, result.output) == (
                1,
                f"{log}:3:3: E503 a cell is over 32,768 characters\n",
            )


def with_external_link(tmp_path: Path, formula: bool) -> Path:
    """A workbook linked to another on a server; with a formula in B2 that reads from it."""
    plain = workbook(tmp_path / "plain.xlsx", [["C1", "03/06/2024"]])
    link = (
        f'<externalLink xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames>'
        '<sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>'
    )
    link_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/externalLinkPath" Target="http://192.0.2.1/dates.xlsx" '
        'TargetMode="External"/></Relationships>'
    )
    edit = {
        CONTENT_TYPES: (
            '</Types>=><Override PartName="/xl/externalLinks/externalLink1.xml" '
            f'ContentType="{LINK_TYPE}"/></Types>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'</Relationships>=><Relationship Id="rIdL" Type="{LINK_RELATION}" '
            'Target="/xl/externalLinks/externalLink1.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": b"</workbook>=><externalReferences><externalReference xmlns:r="
        b'"http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdL"/>'
        b"</externalReferences></workbook>",
    }
    if formula:
        edit["xl/worksheets/sheet1.xml"] = (
            b'<c r="B2" t="inlineStr"><is><t>03/06/2024</t></is></c>=>'
            b'<c r="B2"><f>[1]Sheet1!A1</f><v>45446</v></c>'
        )
    extra = {
        "xl/externalLinks/externalLink1.xml": link.encode(),
        "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels.encode(),
    }
    return repack(plain, tmp_path / "linked.xlsx", edit, extra)


def test_external_links_are_never_followed(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was used")

    monkeypatch.setattr("socket.socket.connect", no_network)
    monkeypatch.setattr("urllib.request.urlopen", no_network)
    linked = with_external_link(tmp_path, formula=False)
    assert received(figures(run, linked)) == 1  # the link is dropped, the values read
    linked = with_external_link(tmp_path, formula=True)
    result = run("practice", str(linked), *PERIOD)
    # The formula is read by the value stored with it (a number here, in a cell with no
    # date format), never by following the link.
    assert (result.exit_code, result.stderr) == (
        1,
        f"{linked}:2:2: E506 received: 45446 is a number, not a date; format the column as dates\n"
        f"{linked}:1:2: I550 column 'received' holds formulas; their stored values were read\n",
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_row_limit(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.setattr("selfassess.practice.table.MAX_LOG_ROWS", 2)
    rows = [make(reference=f"C{n}") for n in (1, 2, 3)]
    if kind == "csv":
        at_limit, over = write_log(tmp_path, *rows[:2]), write_log(tmp_path, *rows, name="over.csv")
    else:
        cells = [row.split(",") for row in rows]
        at_limit = workbook(tmp_path / "log.xlsx", cells[:2])  # type: ignore[arg-type]
        over = workbook(tmp_path / "over.xlsx", cells)  # type: ignore[arg-type]
    assert received(figures(run, at_limit)) == 2
    result = run("practice", str(over), *PERIOD)
    assert (result.exit_code, result.output) == (
        1,
        f"{over}:4:1: E503 the log has more than 2 rows (set SELFASSESS_MAX_LOG_ROWS to raise it)\n",
    )
