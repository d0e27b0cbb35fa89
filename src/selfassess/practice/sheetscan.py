"""Scan a sheet's XML for what openpyxl would fail on, or build too much of, each at its cell.

openpyxl reads a number cell with Python's int() and float(), which take digits of any
script (``١٢``), ``inf`` and ``1e999``, and a shared string by its index, which takes
``-1`` as the last string; a date-formatted number past year 9999 stops the whole sheet
with an overflow. These are found here with regular expressions over the raw bytes (no
Python object per cell), so only the bad cells cost anything.
"""

from __future__ import annotations

import re

from selfassess.problems import Problem, error

#: A run of text with no markup this long is a cell far over the widest read (32,768
#: characters, written with at most ten bytes each as &#x10FFFF;).
MAX_RUN = 512 * 1024
_P = rb"(?:[\w.-]+:)?"  # a namespace prefix
_FORMULA = rb"(?:<" + _P + rb"f\b[^>]*/>|<" + _P + rb"f\b[^>]*>[^<]*</" + _P + rb"f>)?"
_NOT_TYPED = rb"""(?![^>]*\bt\s*=\s*["'](?!n["'])[^"']*["'])"""
#: A number as Excel writes it: ASCII digits, a bounded exponent, so it is always finite.
_NUMBER = rb"\s*(?:<|-?(?:\d{1,20}(?:\.\d{0,30})?|\.\d{1,30})(?:[eE][-+]?\d{1,2})?\s*<)"
_BAD_NUMBER = re.compile(
    rb"<" + _P + rb"c\s" + _NOT_TYPED + rb"([^>]*)>\s*" + _FORMULA + rb"<" + _P + rb"v>(?!"
    + _NUMBER + rb")([^<]{0,40})"
)  # fmt: skip
_BAD_STRING = re.compile(
    rb"""<""" + _P + rb"""c\s(?=[^>]*\bt\s*=\s*["']s["'])([^>]*)>\s*<""" + _P
    + rb"""v>(?!\s*\d{1,9}\s*<)([^<]{0,40})"""
)  # fmt: skip
_REFERENCE = re.compile(rb"""\br\s*=\s*["']([A-Z]{1,3})(\d{1,7})["']""")
_STYLE = re.compile(rb"""\bs\s*=\s*["'](\d{1,9})["']""")
_LONG = re.compile(rb"<[^<]{%d}" % MAX_RUN)
#: The largest number that is a date: 9999-12-31 (Excel's own last day).
LAST_SERIAL = 2_958_465


def bad_cells(piece: bytes, display: str, part: str, date_styles: frozenset[int]) -> list[Problem]:
    """Return a problem at each cell in piece that openpyxl would misread or fail on."""
    found = []
    if _LONG.search(piece):
        return [long_text(display, part)]
    for match in _BAD_NUMBER.finditer(piece):
        shown = match.group(2).decode("utf-8", "replace").strip()[:20]
        found.append(
            _at(
                display,
                match.group(1),
                "E502",
                f"the cell's stored number {shown!r} is not a "
                "number Excel writes (ASCII digits, within 1e99); retype it and save again",
            )
        )
    for match in _BAD_STRING.finditer(piece):
        shown = match.group(2).decode("utf-8", "replace").strip()[:20]
        found.append(
            _at(
                display,
                match.group(1),
                "E502",
                f"the cell refers to shared string {shown!r}, "
                "which no workbook holds; save the workbook again from Excel",
            )
        )
    if date_styles:
        found += _dates_out_of_range(piece, display, date_styles)
    return found


def long_text(display: str, part: str) -> Problem:
    """Return the problem of a text far longer than a cell may hold."""
    return error(
        display,
        1,
        1,
        "E503",
        f"the workbook's part {part} holds a text over {MAX_RUN:,} bytes long, far over the "
        "32,768 characters a cell may hold",
    )


def _dates_out_of_range(piece: bytes, display: str, date_styles: frozenset[int]) -> list[Problem]:
    found = []
    for match in _DATE_CANDIDATE.finditer(piece):
        style = _STYLE.search(match.group(1))
        if style is None or int(style.group(1)) not in date_styles:
            continue
        value = float(match.group(2))
        if -LAST_SERIAL <= value <= LAST_SERIAL:
            continue
        found.append(
            _at(
                display,
                match.group(1),
                "E515",
                f"the cell is formatted as a date but holds "
                f"{match.group(2).decode()[:20]}, past 9999-12-31; is the number mistyped?",
            )
        )
    return found


# A date-formatted cell's number is looked at only when it is long or has an exponent.
_DATE_CANDIDATE = re.compile(
    rb"<" + _P + rb"c\s" + _NOT_TYPED + rb"([^>]*\bs\s*=[^>]*)>\s*" + _FORMULA + rb"<" + _P
    + rb"v>\s*(-?(?:\d{7,20}(?:\.\d{0,30})?|\d{1,20}(?:\.\d{0,30})?[eE][-+]?\d{1,2}))\s*<"
)  # fmt: skip


def _at(display: str, attributes: bytes, code: str, message: str) -> Problem:
    """Return a problem at the cell its attributes name (r="B7"), or at 1:1 without one."""
    reference = _REFERENCE.search(attributes)
    if reference is None:
        return error(display, 1, 1, code, message)
    column = 0
    for letter in reference.group(1).decode():
        column = column * 26 + ord(letter) - 64
    return error(display, int(reference.group(2)), column, code, message)
