"""The per-section counts as bars for an inline SVG chart (drawn by a template)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from selfassess.render.chartbars import MAX_BARS, largest
from selfassess.render.pieces import Counts, counts_text

MAX_LABEL = 120  # a Code section's title as the form prints it is under 80

WIDTH = 640
BAR_SPACE = 420
ROW_HEIGHT = 50
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    """One section's bar: where it sits and how long each part is."""

    label: str
    y: int
    yes: int
    no: int
    unanswered: int
    caption: str


@dataclass(frozen=True)
class Chart:
    """The chart's size, bars and text equivalent."""

    width: int
    height: int
    bar_height: int
    bars: tuple[Bar, ...]
    description: str


def build_chart(sections: tuple[Counts, ...]) -> Chart:
    """Lay out one bar per section, scaled to the largest section.

    As the annual report's charts are (report.chartbounds), it is bounded whatever a Code
    file holds: at most MAX_BARS bars (the largest sections, then the rest as one) and
    labels of at most MAX_LABEL characters; the page's table keeps every section.
    """
    sections = _bounded(sections)
    largest = max((c.total for c in sections), default=0) or 1
    bars = []
    for index, counts in enumerate(sections):
        scale = BAR_SPACE / largest
        bars.append(
            Bar(
                label=counts.label,
                y=index * ROW_HEIGHT,
                yes=round(counts.yes * scale),
                no=round(counts.no * scale),
                unanswered=round(counts.unanswered * scale),
                caption=counts_text(counts),
            )
        )
    description = "; ".join(f"{c.label}: {counts_text(c)}" for c in sections) + "."
    return Chart(
        width=WIDTH,
        height=max(len(bars) * ROW_HEIGHT, ROW_HEIGHT),
        bar_height=BAR_HEIGHT,
        bars=tuple(bars),
        description=description,
    )


def _bounded(sections: tuple[Counts, ...]) -> tuple[Counts, ...]:
    if len(sections) > MAX_BARS:
        kept_at, rest_at = largest([c.total for c in sections], MAX_BARS - 1)
        kept = [sections[i] for i in kept_at]
        rest = [sections[i] for i in rest_at]
        other = Counts(
            f"Other sections ({len(rest):,})",
            sum(c.total for c in rest),
            sum(c.yes for c in rest),
            sum(c.no for c in rest),
            sum(c.unanswered for c in rest),
        )
        sections = (*kept, other)
    return tuple(
        c if len(c.label) <= MAX_LABEL else replace(c, label=c.label[: MAX_LABEL - 1] + "\u2026")
        for c in sections
    )
