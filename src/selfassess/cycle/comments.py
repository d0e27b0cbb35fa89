"""A user's own comments in an assessment, found by the key they stand above or after, so that
`init --from` can carry them into next year's file (the data the loader gives holds none)."""

from __future__ import annotations

import re

from selfassess.yamlio import Document
from selfassess.yamlout import CommentMap, Comments

#: Comments `init` and `migrate` write themselves, which the new file gets afresh.
_OURS = re.compile(r"^(Section \d+: |Not in |yaml-language-server:)")


def user_comments(document: Document) -> CommentMap:
    """Return each key's comments: full lines just above it, and one after it on its line."""
    lines = document.text.split("\n")
    first_key = min((mark.line for mark in document.keys.values()), default=0)
    found: dict[tuple[str | int, ...], Comments] = {}
    for path, mark in document.keys.items():
        above = () if mark.line == first_key else _above(lines, mark.line)
        after = _after(lines[mark.line - 1][mark.col - 1 :]) if mark.line <= len(lines) else None
        if _is_provision(path):
            after = None  # the provision's summary, which the new file writes afresh
        if above or after:
            found[path] = Comments(above, after)
    return found


def _is_provision(path: tuple[str | int, ...]) -> bool:
    return len(path) == 2 and path[0] == "responses"


def _above(lines: list[str], line: int) -> tuple[str, ...]:
    texts: list[str] = []
    index = line - 2
    while index >= 0 and lines[index].lstrip().startswith("#"):
        texts.insert(0, lines[index].lstrip()[1:].strip())
        index -= 1
    return tuple(text for text in texts if text and not _OURS.match(text))


def _after(text: str) -> str | None:
    """Return the comment after a key's value on its line, looking past quoted text."""
    quote = None
    for index, ch in enumerate(text):
        if quote:
            if ch == quote and not (quote == '"' and text[index - 1] == "\\"):
                quote = None
        elif ch in "'\"" and (index == 0 or text[index - 1] in " :[{,"):
            quote = ch
        elif ch == "#" and index and text[index - 1] in " \t":
            return text[index + 1 :].strip() or None
    return None
