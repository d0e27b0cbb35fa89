"""Read a complaints log's cells from CSV (any delimiter Excel writes) or .xlsx.

Nothing here interprets a cell: it only finds the header row and hands back each
row with the number a spreadsheet shows for it. Workbooks are opened read-only,
formulas are never evaluated (the value Excel stored with one is read) and external
links never followed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from selfassess.practice import table as limits
from selfassess.practice.table import Table, fail, too_many_rows
from selfassess.problems import InputError, Problem, error, note


def read_table(
    path: Path,
    display: str,
    sheet: str | None = None,
    header_row: int | None = None,
    names: frozenset[str] = frozenset(),
) -> Table:
    """Read a .csv or .xlsx log into a Table; raise InputError if it cannot be read.

    The header is `header_row`, or the row of the first 20 that holds most of `names`
    (normalised column names).
    """
    from selfassess.practice.header import find_header

    raw = _read_bytes(path, display)
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from selfassess.practice.workbook import read_workbook

            found = read_workbook(raw, display, sheet)
        else:
            text, notes = decode_with_notes(raw, display)
            found = Table(display, [], _text_rows(text, display), whole_rows=True, notes=notes)
        return find_header(found, header_row, names)
    except MemoryError:
        pass  # leaving the handler lets go of what the read held, so the problem can be made
    raise fail(display, "E503", OUT_OF_MEMORY)


#: What a log that needs more memory than the system gives is told (never another code).
OUT_OF_MEMORY = (
    "reading the log needs more memory than the system gives; split the log, or save "
    "it as CSV, which is read row by row"
)


def _read_bytes(path: Path, display: str) -> bytes:
    """Read the log from a regular file (E125 otherwise), at most MAX_LOG_BYTES of it."""
    from selfassess.files import read_regular_file

    try:
        return read_regular_file(
            path, limits.MAX_LOG_BYTES, display, lambda size: _too_big(display, size)
        )
    except InputError as exc:
        # A file the system would not let us read is the log's own E501, not the general E100.
        problems = [
            error(
                display,
                1,
                1,
                "E501",
                f"cannot read the complaints log: {p.message.split(': ', 1)[-1]}",
            )
            if p.code == "E100"
            else p
            for p in exc.problems
        ]
        raise InputError(problems) from None


def _too_big(display: str, size: int) -> Problem:
    amount = f"{size:,} bytes, over" if size > limits.MAX_LOG_BYTES + 1 else "more than"
    return error(
        display,
        1,
        1,
        "E503",
        f"the log is {amount} the limit of {limits.MAX_LOG_BYTES:,} "
        "(set SELFASSESS_MAX_LOG_BYTES to raise it)",
    )


def _text_rows(text: str, display: str) -> Iterator[tuple[int, list[str]]]:
    delimiter = _delimiter(text.split("\n", 20)[:20])
    reader = csv.reader(_lines(text), delimiter=delimiter)
    return ((n, cells) for n, cells in _records(reader, display) if any(cells))


def _lines(text: str) -> Iterator[str]:
    """Yield the text's lines with their endings, as csv wants, without copying it whole."""
    for match in _LINE.finditer(text):
        if match.end() > match.start():
            yield match.group()


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _records(reader: Iterator[list[str]], display: str) -> Iterator[tuple[int, list[str]]]:
    row = 0
    while True:
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise fail(display, "E502", f"not readable as CSV: {exc}", row) from None
        if row > limits.MAX_LOG_ROWS + 1:
            raise fail(display, "E503", too_many_rows(), row)
        if cells and max(map(len, cells)) > limits.MAX_CELL:
            raise fail(display, "E503", f"a cell is over {limits.MAX_CELL:,} characters", row)
        yield row, cells


def decode_with_notes(raw: bytes, display: str) -> tuple[str, list[Problem]]:
    """Decode a log, and say (as a note) when it was read as Windows-1252.

    A file that is UTF-8 but for a stray byte is not silently read as Windows-1252, which
    would turn every "£" and "é" in it into two other characters: the byte is an error at
    its line. Only a file with no UTF-8 in it at all is read as Windows-1252, and it says so.
    """
    if b"\x00" in raw:
        raise fail(display, "E502", "the log is not text (it holds NUL bytes); export it as CSV")
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        if _UTF8_SEQUENCE.search(raw):
            line = raw.count(b"\n", 0, exc.start) + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            raise fail(
                display,
                "E502",
                f"byte 0x{raw[exc.start]:02X} is not UTF-8, though the rest of the log is; "
                "retype the character here, or save the log again as CSV UTF-8",
                line,
                column,
            ) from None
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise fail(
            display, "E502", "the log is neither UTF-8 nor Windows-1252 text; export it as CSV"
        ) from None
    said = "the log is not UTF-8, so it was read as Windows-1252 (as older Excel saves CSV)"
    return text, [note(display, 1, 1, "I552", said)]


# A character of two, three or four bytes as UTF-8 writes it, which Windows-1252 text
# almost never holds by chance ("Â£" would be one).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _delimiter(lines: list[str]) -> str:
    """Pick the delimiter the first lines use most: comma, semicolon, tab or bar.

    A title line above the header may hold none, so the busiest line decides.
    """
    counts = {mark: max(line.count(mark) for line in lines) for mark in (",", ";", "\t", "|")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","
