"""Word files that lie: spans, numbers and sizes that would multiply memory or time are bounded."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from conftest import cli_probe, peak_memory
from formbuilder import Row, build_form
from selfassess.problems import InputError
from selfassess.wordform.docxread import MAX_NUMBER, open_docx, xml_number
from selfassess.wordform.forms import read_form

ROWS = [Row("1.2", "Placeholder."), Row("1.3", "Another.")]


def _tampered(tmp_path: Path, change: Callable[[Any], None]) -> Path:
    """Build a real form, let change() edit its first table, and save it."""
    path = build_form(tmp_path / "form.docx", ROWS)
    document = docx.Document(str(path))
    change(document.tables[0]._tbl)
    document.save(str(path))
    return path


def _set(parent: Any, holder: str, name: str, value: str) -> None:
    properties = parent.find(qn(holder))
    if properties is None:
        properties = OxmlElement(holder)
        parent.insert(0, properties)
    child = OxmlElement(name)
    child.set(qn("w:val"), value)
    properties.append(child)


def _huge_span(table: Any) -> None:
    _set(table.findall(qn("w:tr"))[1].findall(qn("w:tc"))[0], "w:tcPr", "w:gridSpan", "2000000000")


def _huge_before(table: Any) -> None:
    _set(table.findall(qn("w:tr"))[1], "w:trPr", "w:gridBefore", "9" * 5000)


@pytest.mark.parametrize(
    ("change", "read"),
    # A span is cut at the grid's edge; a row that starts past the edge has no id cell.
    [(_huge_span, ["1.2", "1.3"]), (_huge_before, ["1.3"])],
    ids=["gridSpan", "gridBefore"],
)
def test_a_huge_span_is_cut_at_the_tables_grid(
    tmp_path: Path, change: Any, read: list[str]
) -> None:
    path = _tampered(tmp_path, change)
    probe = cli_probe("import", str(path), "--landlord", "L", "-o", str(tmp_path / "out.yaml"))
    _, peak_kb, output = peak_memory(probe)
    assert output.splitlines()[0] in ("0", "1"), output
    assert "Traceback" not in output
    assert peak_kb < 150 * 1024, f"peak memory {peak_kb / 1024:.0f} MB"
    assert [row.provision_id for row in read_form(path).rows] == read


def test_a_row_wider_than_word_allows_is_refused(tmp_path: Path) -> None:
    def widen(table: Any) -> None:
        for grid in table.findall(qn("w:tblGrid")):
            table.remove(grid)  # no declared grid: Word's own 63 columns is the edge
        row = table.findall(qn("w:tr"))[1]
        for _ in range(70):
            row.append(OxmlElement("w:tc"))

    path = _tampered(tmp_path, widen)
    with pytest.raises(InputError) as caught:
        read_form(path)
    assert caught.value.problems[0].format() == (
        f"{path}:1:1: E126 a table in the Word file is wider than 63 columns, more than Word "
        "allows; open it in Word and save it again"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, 7),
        ("", 7),
        ("12", 12),
        ("0", 0),
        ("²", 7),  # a digit to str.isdigit, not to int()
        ("٣", 7),  # an Arabic-Indic three
        ("x", 7),
        ("-1", 7),
        (" 3", 7),
        ("9" * 5000, MAX_NUMBER),
        ("40000", MAX_NUMBER),
    ],
)
def test_numbers_in_word_xml_are_ascii_digits_within_a_bound(
    text: str | None, expected: int
) -> None:
    assert xml_number(text, 7) == expected


def test_list_numbers_written_oddly_read_without_error(tmp_path: Path) -> None:
    def odd_numbers(table: Any) -> None:
        cell = table.findall(qn("w:tr"))[1].findall(qn("w:tc"))[1]
        paragraph = cell.find(qn("w:p"))
        properties = paragraph.find(qn("w:pPr"))
        if properties is None:
            properties = OxmlElement("w:pPr")
            paragraph.insert(0, properties)
        numbering = OxmlElement("w:numPr")
        for name, value in (("w:ilvl", "²"), ("w:numId", "9" * 5000)):
            child = OxmlElement(name)
            child.set(qn("w:val"), value)
            numbering.append(child)
        properties.append(numbering)

    path = _tampered(tmp_path, odd_numbers)
    assert [row.provision_id for row in read_form(path).rows] == ["1.2", "1.3"]


def _lying_zip(path: Path, real_size: int, declared: int) -> Path:
    """Write a .docx-shaped zip whose one big part declares fewer bytes than it holds."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/big.bin", b"\0" * real_size)
    data = bytearray(path.read_bytes())
    name = b"word/media/big.bin"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, start + size_at, declared)
            start += 4
    path.write_bytes(bytes(data))
    return path


def test_a_part_that_lies_about_its_size_is_refused_within_memory(tmp_path: Path) -> None:
    path = _lying_zip(tmp_path / "lying.docx", 300 * 1024 * 1024, 1000)
    assert len(path.read_bytes()) < 1024 * 1024
    assert sum(i.file_size for i in zipfile.ZipFile(path).infolist()) < 2000
    probe = cli_probe("import", str(path), "-o", str(tmp_path / "out.yaml"))
    _, peak_kb, output = peak_memory(probe)
    assert output.splitlines()[:2] == [
        "1",
        f"{path}:1:1: E121 is not a Word .docx file; a .doc, PDF or web page cannot be read: "
        "open it in Word and save it as a Word Document (.docx)",
    ]
    assert peak_kb < 150 * 1024, f"peak memory {peak_kb / 1024:.0f} MB"


def test_bytes_are_counted_as_they_unpack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("selfassess.wordform.docxread.MAX_UNPACKED", 1_000_000)
    path = _lying_zip(tmp_path / "honest.docx", 2_000_000, 2_000_000)
    assert len(path.read_bytes()) < 100_000
    with pytest.raises(InputError) as caught:
        open_docx(path)
    assert caught.value.problems[0].format() == (
        f"{path}:1:1: E122 the Word file unpacks to more than the limit of 1,000,000 bytes; "
        "a real form is under 5 MB (set SELFASSESS_MAX_DOCX_BYTES to raise it)"
    )


def test_zlib_is_what_counts_the_bytes() -> None:
    # The stream a lying zip carries really does unpack to what it holds, not what it says.
    assert len(zlib.decompress(zlib.compress(b"\0" * 5000))) == 5000
