"""Write text into Markdown safely: plain text escaped, users' markdown made inert."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from selfassess.safety import INLINE_LINK, LINK_DEFINITION, is_safe_url

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&!])")
# "1." or "2024." ends a line as an empty list item would; "---" is a rule, and "===" or
# "---" under a line makes that line a heading: a line's first -, + or = is always escaped.
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])(\s|$)")
_BULLET_START = re.compile(r"^(\s*)([-+=])")
# A tag, comment or declaration that a Markdown viewer might pass through as HTML.
_RAW_HTML = re.compile(r"<(?=[A-Za-z/!?])")
_SAFE_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>", re.IGNORECASE)
_HEADING = re.compile(r"^(\s{0,3})(#)", re.MULTILINE)
# An image would load from wherever its target points when the Markdown is shown.
_IMAGE = re.compile(r"!(?=\[)")


def escape(text: str) -> str:
    """Escape plain text so Markdown shows it exactly as written."""
    lines = []
    for line in text.splitlines() or [""]:
        # Indentation shows nothing in a paragraph, but four spaces would start a code block,
        # where the escapes below would show as written.
        line = _SPECIAL.sub(r"\\\1", line.lstrip(" \t"))
        line = _LIST_START.sub(r"\1\2\\\3\4", line)
        line = _BULLET_START.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def cell(text: str) -> str:
    """Escape plain text for one cell of a Markdown table."""
    return " ".join(escape(text).split())


def target(url: str) -> str:
    """Write a link target so no space or bracket in it can end the link early."""
    encoded = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return "<" + encoded.replace("\n", "") + ">"


def as_written(markdown: str) -> str:
    """Keep a user's markdown as written, with raw HTML, unsafe links and headings made inert.

    Only a first draft: mdwriter.inert_markdown parses what this gives as a viewer would and
    writes the markdown afresh from its tokens if anything unsafe would survive.
    """
    # A viewer ends a line at "\r" as at "\n" ("text\r---" is a heading), but the line
    # anchors here and in inert_markdown's fast path know only "\n".
    text = markdown.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    text = _escape_raw_html(text)
    text = _IMAGE.sub("&#33;", text)
    text = INLINE_LINK.sub(_break_unsafe_link, text)
    text = LINK_DEFINITION.sub(_break_unsafe_definition, text)
    return _HEADING.sub(r"\1\\\2", text)


def _escape_raw_html(text: str) -> str:
    pieces = []
    position = 0
    for match in _SAFE_AUTOLINK.finditer(text):
        pieces.append(_RAW_HTML.sub("&lt;", text[position : match.start()]))
        pieces.append(match.group(0))
        position = match.end()
    # An entity, unlike a backslash, cannot be cancelled by a backslash the user typed.
    pieces.append(_RAW_HTML.sub("&lt;", text[position:]))
    return "".join(pieces)


def _break_unsafe_link(match: re.Match[str]) -> str:
    target = match.group(1).strip("<>")
    if is_safe_url(target):
        return match.group(0)
    return "]\\(" + match.group(0)[2:]


def _break_unsafe_definition(match: re.Match[str]) -> str:
    if is_safe_url(match.group(3).strip("<>")):
        return match.group(0)
    return f"{match.group(1)}\\[{match.group(2)}\\]: {match.group(3)}"


def md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """Return a table's lines as Markdown, every cell escaped."""
    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("| " + " | ".join("---" for _ in header) + " |")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines
