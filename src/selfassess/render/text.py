"""Small text helpers every renderer shares: dates, ids and the Code's own text."""

from __future__ import annotations

import datetime as dt
import re

from selfassess.render.views import Block

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_BULLET = re.compile(r"^\s*[-•]\s+")


def format_date(day: dt.date | None) -> str | None:
    """Write a date as "31 October 2025"."""
    if day is None:
        return None
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def anchor(text: str) -> str:
    """Make an id attribute value from text."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "item"


def id_key(provision_id: str) -> tuple[int, ...]:
    """Return a provision id as numbers for sorting ("6.10" after "6.9"); () if not numeric."""
    try:
        return tuple(int(part) for part in provision_id.split("."))
    except ValueError:
        return ()


def code_blocks(text: str) -> tuple[Block, ...]:
    """Split the Code's text into its lines, keeping "- " lines as bullets; words untouched."""
    blocks = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _BULLET.match(line)
        if match:
            blocks.append(Block(line[match.end() :].rstrip(), bullet=True))
        else:
            blocks.append(Block(line.strip()))
    return tuple(blocks)
