"""Small text helpers every renderer shares: dates, ids and the Code's own text."""

from __future__ import annotations

import re

from selfassess.assessment.view import Block

_BULLET = re.compile(r"^\s*[-•]\s+")


def anchor(text: str) -> str:
    """Make an id attribute value from text."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "item"


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
