"""A Word table's column widths from its text, so that no word is broken across lines.

A word processor breaks a word that is wider than its column where the column ends
("Receive-d"). Each column is given at least its heading's longest word (bold) and its
cells' longest word, measured with the house font's own widths: in LibreOffice a column
0.01 cm wider than a word so measured and its cell's margins held it on one line in every
trial, and one 0.02 cm narrower never did. A table that cannot hold its words across the
page is made compact: narrower cell margins first, then smaller text, never below 9 points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Arial's advance widths in thousandths of an em (as Helvetica's and Liberation Sans'),
# for the characters from space to tilde, then _EXTRA's; any other is counted as an em.
_REGULAR = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 "
    "556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 "
    "556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 "
    "500 500 500 334 260 334 584"
)
_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 "
    "611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 "
    "611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 "
    "556 556 500 389 280 389 584"
)
_EXTRA = "£€–—‘’“”…"
_REGULAR += " 556 556 556 1000 222 222 333 333 1000"
_BOLD += " 556 556 556 1000 278 278 500 500 1000"
_CHARACTERS = "".join(chr(code) for code in range(32, 127)) + _EXTRA
_WIDTHS = {
    bold: dict(zip(_CHARACTERS, map(int, table.split()), strict=True))
    for bold, table in ((False, _REGULAR), (True, _BOLD))
}
_EM = 1000
CM_PER_POINT = 2.54 / 72
CM_PER_TWIP = 2.54 / 1440
ROUNDING_CM = 0.02  # a column's width is written in whole twips, and LibreOffice rounds too
STYLE_MARGIN = 108  # the Table Grid style's cell margin each side, in twips (0.19 cm)
NARROW_MARGIN = 57  # a compact table's (0.1 cm): the text still clear of the column's rule
#: A word in a cell wider than this (a long code, a link) may break; narrower ones never do.
WORD_CM = 5.0


@dataclass(frozen=True)
class Layout:
    """How a table is set: its text's size (points) and its cells' margin each side (twips)."""

    points: float
    margin: int

    @property
    def margins_cm(self) -> float:
        """Return both margins of a cell, with room for rounding, in centimetres."""
        return 2 * self.margin * CM_PER_TWIP + ROUNDING_CM


#: Tried in turn: the body's 11 points with the style's margins, then compact. 9 points is
#: the least a printed Board pack should ask its readers to read.
LAYOUTS = (
    Layout(11.0, STYLE_MARGIN),
    Layout(11.0, NARROW_MARGIN),
    Layout(10.0, NARROW_MARGIN),
    Layout(9.0, NARROW_MARGIN),
)


def text_cm(text: str, points: float, bold: bool = False) -> float:
    """Return how wide text prints on one line in the house font (Arial), in centimetres."""
    return _ems(text, bold) * points * CM_PER_POINT


def _ems(text: str, bold: bool) -> float:
    widths = _WIDTHS[bold]
    return sum(widths.get(char, _EM) for char in text) / 1000


def _longest(text: str, bold: bool) -> float:
    """Return the width of text's widest word, in ems."""
    return max((_ems(word, bold) for word in set(text.split())), default=0.0)


def fitted(
    preferred: Sequence[float], needs: Sequence[float], yielding: Sequence[int]
) -> tuple[float, ...] | None:
    """Return widths as near preferred as the needs allow, summing to the same; None if none.

    Each column widens to its need; the room that takes comes first from the yielding
    columns (down to their needs), then from all the others alike.
    """
    widths = [max(width, need) for width, need in zip(preferred, needs, strict=True)]
    over = sum(widths) - sum(preferred)
    others = [i for i in range(len(widths)) if i not in yielding]
    for group in (list(yielding), others):
        spare = sum(widths[i] - needs[i] for i in group)
        if over <= 0 or spare <= 0:
            continue
        cut = min(1.0, over / spare)
        for i in group:
            widths[i] -= (widths[i] - needs[i]) * cut
        over -= spare * cut
    return tuple(widths) if over < 1e-9 else None


def fit_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    preferred: Sequence[float],
    yielding: Sequence[int] = (0,),
) -> tuple[tuple[float, ...], Layout]:
    """Return a table's column widths (cm, summing to preferred's) and how it is set.

    Each column needs its heading's widest word (bold) and its cells' widest word (up to
    WORD_CM). The first of LAYOUTS in which the needs fit; if none, the last, each column
    in proportion to its need (only then may a word break).
    """
    heads = [_longest(heading, bold=True) for heading in header]
    cells = [
        max((_longest(row[i], False) for row in rows), default=0.0) for i in range(len(header))
    ]
    needs: list[float] = []
    for layout in LAYOUTS:
        cm = layout.points * CM_PER_POINT
        needs = [
            max(head * cm, min(cell * cm, WORD_CM)) + layout.margins_cm
            for head, cell in zip(heads, cells, strict=True)
        ]
        widths = fitted(preferred, needs, yielding)
        if widths is not None:
            return widths, layout
    scale = sum(preferred) / sum(needs)
    return tuple(need * scale for need in needs), LAYOUTS[-1]
