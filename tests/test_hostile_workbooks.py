"""Workbooks that lie: a few kilobytes that would make gigabytes, stale sizes, cells openpyxl misreads.

Every workbook is built here at test time (tests/hostilefiles.py). Each bomb must be
refused with one E503 that names the part and the limit, before openpyxl builds it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import hostilefiles as h
from conftest import peak_memory
from selfassess.cli import main

PERIOD = ("--period", "2024-25", "--as-of", "2025-07-01")
BOMBS: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "cell formats": (
        lambda p: h.write_workbook(p, styles=h.many_cell_formats(200_000)),
        "xl/styles.xml",
        "64,000 cell formats (set SELFASSESS_MAX_XLSX_STYLES",
    ),
    "number formats": (
        lambda p: h.write_workbook(p, styles=h.many_number_formats(100_000)),
        "xl/styles.xml",
        "64,000 number formats (set SELFASSESS_MAX_XLSX_STYLES",
    ),
    "defined names": (
        lambda p: h.write_workbook(p, names=h.many_names(200_000)),
        "xl/workbook.xml",
        "10,000 defined names (set SELFASSESS_MAX_XLSX_NAMES",
    ),
    "empty shared strings": (
        lambda p: h.write_workbook(p, strings=h.many_empty_strings(2_000_000)),
        "xl/sharedStrings.xml",
        "1,000,000 shared strings (set SELFASSESS_MAX_XLSX_STRINGS",
    ),
    "entities in a sheet": (
        lambda p: h.write_workbook(p, sheet=h.entity_sheet(5)),
        "xl/worksheets/sheet1.xml",
        "declares a document type",
    ),
    "entities in the shared strings": (
        lambda p: h.write_workbook(p, strings=h.entity_strings(5)),
        "xl/sharedStrings.xml",
        "declares a document type",
    ),
    "a text far longer than a cell": (
        lambda p: h.write_workbook(p, [("C1", "2024-06-03", "", "", "upheld", "x" * 600_000)]),
        "xl/worksheets/sheet1.xml",
        "holds a text over 524,288 bytes long",
    ),
}


def practice(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["practice", *args, *PERIOD])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_a_workbook_bomb_is_one_e503_naming_the_part_and_the_limit(
    tmp_path: Path, bomb: str
) -> None:
    make, part, limit = BOMBS[bomb]
    log = make(tmp_path / "log.xlsx")
    code, out, err = practice(str(log))
    assert code == 1
    assert err.count("\n") == 1, err
    assert err.startswith(f"{log}:1:1: E503 the workbook's part {part} "), err
    assert limit in err
    assert out == ""


def test_the_worst_workbook_bomb_stays_small(tmp_path: Path) -> None:
    # 40 KB of styles that took openpyxl 400 MB (millions took 5.5 GB); refused before it reads them.
    log = h.write_workbook(tmp_path / "log.xlsx", styles=h.many_cell_formats(400_000))
    probe = (
        "from click.testing import CliRunner\nfrom selfassess.cli import main\n"
        f"r = CliRunner().invoke(main, ['practice', {str(log)!r}, '--period', '2024-25'])\n"
        "print(r.exit_code, r.output[:200])\n"
    )
    code, peak_kb, output = peak_memory(probe)
    assert code == 0, output
    assert output.startswith("1 ") and "E503" in output, output
    assert peak_kb < 300 * 1024, peak_kb


def test_running_out_of_memory_is_e503_never_another_code(tmp_path: Path) -> None:
    # With the limits raised past what the process may hold, openpyxl runs out of memory.
    log = h.write_workbook(tmp_path / "log.xlsx", styles=h.many_cell_formats(600_000))
    probe = (
        "import os, resource\n"
        "os.environ['SELFASSESS_MAX_XLSX_STYLES'] = '100000000'\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1024 ** 3, 1024 ** 3))\n"
        "from click.testing import CliRunner\nfrom selfassess.cli import main\n"
        f"r = CliRunner().invoke(main, ['practice', {str(log)!r}, '--period', '2024-25'])\n"
        "print(r.exit_code, r.output)\n"
    )
    code, _, output = peak_memory(probe)
    assert code == 0, output
    assert output == (
        f"1 {log}:1:1: E503 reading the log needs more memory than the system gives; split "
        "the log, or save it as CSV, which is read row by row\n\n"
    )


@pytest.mark.parametrize("stated", ["A1:F2", "A1:A1", "A1:XFD1048576"])
def test_rows_are_read_to_the_end_whatever_the_dimension_says(tmp_path: Path, stated: str) -> None:
    rows = h.complaint_rows(40)
    sheet = h.sheet_xml([h.HEADER, *rows], dimension=stated)
    log = h.write_workbook(tmp_path / "log.xlsx", sheet=sheet)
    code, out, err = practice(str(log), "--format", "json")
    assert (code, err) == (0, "")
    rows = json.loads(out)["rows"]
    assert (rows["read"], rows["left_out"]) == (40, 0)


def good_sheet_with(cell: str) -> str:
    """Return a sheet of three clean rows whose row 3 column F is the cell XML given."""
    text = h.sheet_xml([h.HEADER, *h.complaint_rows(3)])
    old = '<c r="F3" t="inlineStr"><is><t>Repairs</t></is></c>'
    assert old in text
    return text.replace(old, cell)


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ('<c r="F3"><v>abc</v></c>', "stored number 'abc' is not a number Excel writes"),
        ('<c r="F3"><v>\u0661\u0662</v></c>', "is not a number Excel writes"),
        ('<c r="F3"><v>inf</v></c>', "stored number 'inf'"),
        ('<c r="F3"><v>1e999</v></c>', "stored number '1e999'"),
        ('<c r="F3" t="s"><v>-1</v></c>', "refers to shared string '-1'"),
    ],
)
def test_a_cell_openpyxl_would_misread_is_named_at_its_place(
    tmp_path: Path, cell: str, words: str
) -> None:
    log = h.write_workbook(tmp_path / "log.xlsx", sheet=good_sheet_with(cell))
    code, out, err = practice(str(log))
    assert code == 1
    assert err.startswith(f"{log}:3:6: E502 the cell"), err
    assert words in err
    assert out == ""


def test_a_date_past_9999_is_named_at_its_cell(tmp_path: Path) -> None:
    cell = '<c r="F3" s="1"><v>3000000</v></c>'  # style 1 is a date format (numFmtId 14)
    log = h.write_workbook(tmp_path / "log.xlsx", sheet=good_sheet_with(cell))
    code, _, err = practice(str(log))
    assert code == 1
    assert err.startswith(f"{log}:3:6: E515 the cell is formatted as a date but holds 3000000"), err


def test_openpyxl_says_nothing_on_standard_error(tmp_path: Path) -> None:
    # The workbook has no named cell style, which openpyxl warns about on standard error;
    # run as users do (pytest would catch the warning before it reached standard error).
    log = h.write_workbook(tmp_path / "log.xlsx")
    done = subprocess.run(
        [sys.executable, "-m", "selfassess", "practice", str(log), *PERIOD],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "Received" in done.stdout
