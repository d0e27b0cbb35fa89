"""Users' markdown (commentary, explanations, evidence) for every output, each text parsed once.

Safe HTML blocks for the pages, paragraphs and runs for Word, and for a Markdown output
the text as written where that is provably inert, else written afresh from its tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from selfassess.render.mdescape import as_written
from selfassess.render.mdparse import LONG_TEXT, Para, Span, paras_from_tokens, parser
from selfassess.render.mdwriter import to_markdown, write_paras
from selfassess.safety import bare_web_address, is_safe_url

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_MAY_BE_ACTIVE = re.compile(r"[<\[#]|^[ \t>]*(?:=+|-+)[ \t]*$", re.MULTILINE)


@dataclass
class Views:
    """One text's views, each built once from one parse: HTML blocks, Word paragraphs, and
    for a long text the Markdown written from its tokens."""

    html: str | None = None
    paras: list[Para] | None = None
    markdown: str | None = None


# Inside a render, each text is parsed once and its views kept until the render ends.
_RENDER: ContextVar[tuple[frozenset[str], dict[str, Views]] | None] = ContextVar(
    "_RENDER", default=None
)


@contextmanager
def parse_once(views: frozenset[str]) -> Iterator[None]:
    """Within the block, parse each text once and build the named views ("html", "paras")."""
    reset = _RENDER.set((views, {}))
    try:
        yield
    finally:
        _RENDER.reset(reset)  # the views go with the render, so a batch's memory stays flat


def _views(text: str, wanted: str) -> Views:
    """Return a text's views: from this render's memo, or parsed now."""
    state = _RENDER.get()
    names = (state[0] if state else frozenset()) | {wanted}
    memo = state[1] if state else {}
    found = memo.get(text)
    if found is None or getattr(found, wanted) is None:
        found = memo[text] = _parse(text, names)
    return found


def _parse(text: str, names: frozenset[str]) -> Views:
    """Parse a text once and build the named views from its tokens."""
    plain = _plain_paragraphs(text)
    if plain is not None:  # most commentary and evidence is words and punctuation only
        html = "".join(f"<p>{_escape_html(p)}</p>\n" for p in plain) if "html" in names else None
        paras = [Para([Span(" ".join(p.split("\n")))]) for p in plain]
        return Views(html, paras if "paras" in names else None)
    md = parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    html = str(md.renderer.render(tokens, md.options, env)) if "html" in names else None
    long = "markdown" in names and len(text) > LONG_TEXT
    walked = paras_from_tokens(tokens) if "paras" in names or long else None
    markdown = None
    if long and walked is not None:
        markdown = write_paras(walked)
    return Views(html, walked if "paras" in names else None, markdown)


#: Text of only these characters, with no line that starts with a space, "-" or a digit
#: or ends with a space, is paragraphs of plain text to any CommonMark reader: there is
#: nothing in it to make emphasis, a link, a list, a heading, code, an entity or a break.
_PLAIN = re.compile(r"[A-Za-z0-9 ,.;:'\"()?/%£$@\n-]*\Z")
_ACTIVE_LINE = re.compile(r"^[ \d-]| $", re.MULTILINE)


def _plain_paragraphs(text: str) -> list[str] | None:
    """Return a plain text's paragraphs, or None if the text needs the parser."""
    if not _PLAIN.match(text) or _ACTIVE_LINE.search(text):
        return None
    return [p for p in re.split(r"\n{2,}", text.strip("\n")) if p]


def _escape_html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def to_html(text: str | None) -> str:
    """Render user markdown as safe HTML blocks."""
    return _views(text or "", "html").html or ""


def to_inline_html(text: str | None) -> str:
    """Render one line of user markdown as safe inline HTML (no paragraph)."""
    return str(parser().renderInline(text or ""))


def markdown_of_long(text: str) -> str:
    """Return a long text's Markdown written from its tokens (parsed once per render)."""
    if len(text) <= LONG_TEXT or _plain_paragraphs(text) is not None:
        return to_markdown(text)
    return _views(text, "markdown").markdown or ""


def to_paras(text: str | None) -> list[Para]:
    """Walk the markdown's tokens into paragraphs and runs for Word."""
    return _views(text or "", "paras").paras or []


def inert_markdown(markdown: str) -> str:
    """Return a user's markdown for a Markdown output: as written where that is provably inert.

    The text as written (raw HTML escaped, unsafe inline links broken) is parsed as a
    permissive viewer would parse it; if any token would be HTML, an image, a heading
    or a link outside the allow-list, the markdown is written afresh from its tokens.
    A text longer than LONG_TEXT is always written from its tokens, when the render
    parses it for the other outputs: a second parse would cost as much as the first.
    """
    candidate = as_written(markdown)
    if not _MAY_BE_ACTIVE.search(candidate):  # nothing a viewer could make a tag of
        return candidate
    if len(markdown) > LONG_TEXT:
        return markdown_of_long(markdown)
    return candidate if _inert(candidate) else to_markdown(markdown)


def _inert(markdown: str) -> bool:
    """Tell whether a viewer with raw HTML on and every link allowed would show only text."""
    return all(_inert_token(token) for token in _every_token(_viewer().parse(markdown)))


@cache
def _viewer() -> MarkdownIt:
    """Return a parser that reads as a permissive viewer would: raw HTML on, every link allowed."""
    from markdown_it import MarkdownIt

    viewer = MarkdownIt("commonmark", {"html": True}).enable("strikethrough")
    viewer.validateLink = lambda url: True  # type: ignore[method-assign]
    return viewer


def _every_token(tokens: Iterable[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _every_token(token.children or [])


def _inert_token(token: Token) -> bool:
    if token.type in ("html_block", "html_inline", "image", "heading_open"):
        return False
    if token.type == "link_open":
        href = str(token.attrs.get("href", ""))
        return is_safe_url(href) and not bare_web_address(href)
    return True
