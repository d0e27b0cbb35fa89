"""The per-section counts as bars for an inline SVG chart (drawn by a template)."""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.render.pieces import Counts, counts_text

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
    """Lay out one bar per section, scaled to the largest section."""
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
