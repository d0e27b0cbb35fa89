"""CSV that is safe to open in a spreadsheet.

A cell that a spreadsheet would read as a formula is prefixed with a single quote,
so opening the file runs nothing while the text stays readable.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-[0-9]+(\.[0-9]+)?")


def neutralise(value: str) -> str:
    """Return a cell value no spreadsheet will run as a formula.

    Spreadsheets skip leading spaces (a no-break space and line breaks too) and read
    full-width signs such as U+FF1D as their plain forms, so those are looked past.
    """
    first = value[:1]
    if not first or (first.isalnum() and first.isascii()):  # empty, a date, a number, a word
        return value
    if _NEGATIVE_NUMBER.fullmatch(value):  # a fall since last year is a number, not a formula
        return value
    if value.startswith(_FORMULA_STARTS):
        return "'" + value
    first = value.lstrip()[:1]
    if first and unicodedata.normalize("NFKC", first)[:1] in _FORMULA_STARTS[:4]:
        return "'" + value
    return value


def to_csv(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """Write rows as CSV (RFC 4180 line ends), every cell neutralised."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in header])
    for row in rows:
        writer.writerow([neutralise(c) for c in row])
    return stream.getvalue()


def csv_pieces(header: Iterable[str], rows: Iterable[list[str]]) -> Iterator[bytes]:
    """Yield the bytes of the same file as `to_csv` (as UTF-8), a few thousand rows at a time.

    For outputs of a row per complaint: a row is looked at cell by cell only if one of
    its cells may start with something other than a letter or a digit, which few do.
    """
    chunk = io.StringIO()
    writer = csv.writer(chunk, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in header])
    for count, row in enumerate(rows, 1):
        plain = not _MAYBE_FORMULA.search("\n" + "\n".join(row))
        writer.writerow(row if plain else map(neutralise, row))
        if count % 4096 == 0:
            yield chunk.getvalue().encode("utf-8")
            chunk.seek(0)
            chunk.truncate()
    yield chunk.getvalue().encode("utf-8")


# A cell (after a line break: the cells are joined by them) that starts with neither a
# letter nor a digit nor a line break. neutralise looks past line breaks, so every cell
# it could change is found (and some it leaves as they are, which it is then asked about).
_MAYBE_FORMULA = re.compile(r"\n[^\nA-Za-z0-9]")
