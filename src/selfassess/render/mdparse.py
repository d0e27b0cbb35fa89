"""The one parser of users' markdown, and its tokens walked into paragraphs and runs.

Raw HTML is off, images are off (a published page makes no external requests),
a link whose target is not http, https, mailto or relative stays plain text, and a web
address written without its scheme (www.x.org.uk/a) is linked with https://.
Headings inside user text become bold paragraphs so the document's outline stays ours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from selfassess.safety import is_safe_url, published_url

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis and, for a link, its target."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    href: str | None = None
    line_break: bool = False


@dataclass
class Para:
    """A paragraph for Word: plain, a bullet or a numbered item, at a list depth."""

    spans: list[Span] = field(default_factory=list)
    kind: str = "paragraph"  # paragraph | bullet | number
    level: int = 0
    quote: bool = False
    restart: bool = False  # the first item of a numbered list
    start: int = 1
    code_block: bool = False  # a fenced or indented block of code

    @property
    def text(self) -> str:
        """Return the paragraph's plain text."""
        return "".join("\n" if s.line_break else s.text for s in self.spans)


@cache
def parser() -> MarkdownIt:
    """Return the one markdown parser: CommonMark, raw HTML off, safe links only."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("strikethrough").disable("image")
    md.validateLink = is_safe_url  # type: ignore[method-assign]  # markdown-it's documented hook
    normalise = md.normalizeLink
    # A bare web address (www.x.org.uk/a) would be a page under the reader's current folder.
    md.normalizeLink = lambda url: normalise(published_url(url) or url)  # type: ignore[method-assign]
    md.add_render_rule("heading_open", _strong_open)
    md.add_render_rule("heading_close", _strong_close)
    return md


def _strong_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return "<p><strong>"


def _strong_close(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return "</strong></p>\n"


#: A text longer than this (about two pages) goes to a Markdown output as written from
#: its tokens, not as the user wrote it: proving it inert as written would parse it again.
LONG_TEXT = 8_000


def paras_from_tokens(tokens: Iterable[Token]) -> list[Para]:
    """Walk a token stream made by parser() into paragraphs and runs."""
    walk = _Walk()
    for token in tokens:
        walk.take(token)
    return walk.paras


class _Walk:
    """The state of a walk through block tokens: open lists, quotes and headings."""

    def __init__(self) -> None:
        self.paras: list[Para] = []
        self.lists: list[str] = []  # the kind of each open list, innermost last
        self.start = 1
        self.item_started = self.heading = False
        self.quote = 0

    def take(self, token: Token) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append("bullet" if kind == "bullet_list_open" else "number")
            self.start = int(token.attrs.get("start", 1) or 1)
            self.item_started = False
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_started = True
        elif kind in ("heading_open", "heading_close"):
            self.heading = kind == "heading_open"
        elif kind in ("blockquote_open", "blockquote_close"):
            self.quote += 1 if kind == "blockquote_open" else -1
        elif kind == "inline":
            self.paras.append(self._para(token))
        elif kind in ("fence", "code_block"):
            code = Span(token.content.rstrip("\n"), code=True)
            self.paras.append(Para(spans=[code], quote=self.quote > 0, code_block=True))

    def _para(self, token: Token) -> Para:
        para = Para(inline_spans(token), quote=self.quote > 0, level=max(len(self.lists) - 1, 0))
        if self.lists and self.item_started:
            para.kind = self.lists[-1]
            para.restart = para.kind == "number" and _first(self.paras, para)
            para.start = self.start
        elif self.lists:
            para.level = len(self.lists)  # a further paragraph of a list item: indented
        if self.heading:
            para.spans = [replace(span, bold=True) for span in para.spans]
        self.item_started = False
        return para


def _first(paras: list[Para], para: Para) -> bool:
    """Tell whether a numbered item starts a new list (no numbered item just before it)."""
    if not paras:
        return True
    last = paras[-1]
    return not (last.kind == "number" and last.level >= para.level)


def inline_spans(token: Token) -> list[Span]:
    """Turn an inline token's children into runs of text."""
    spans: list[Span] = []
    bold = italic = strike = 0
    href: str | None = None
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline", "softbreak"):
            text = " " if kind == "softbreak" else child.content
            _append(
                spans, Span(text, bold > 0, italic > 0, strike > 0, kind == "code_inline", href)
            )
        elif kind == "hardbreak":
            spans.append(Span("", line_break=True))
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind.endswith("open") else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind.endswith("open") else -1
        elif kind in ("s_open", "s_close"):
            strike += 1 if kind.endswith("open") else -1
        elif kind == "link_open":
            href = str(child.attrs.get("href", "")) or None
        elif kind == "link_close":
            href = None
    return spans


def _append(spans: list[Span], span: Span) -> None:
    """Add a span, joining it to the last one when their formatting is the same."""
    last = spans[-1] if spans else None
    if (
        last is not None
        and not last.line_break
        and not span.line_break
        and (last.bold, last.italic, last.strike, last.code, last.href)
        == (span.bold, span.italic, span.strike, span.code, span.href)
    ):
        spans[-1] = replace(last, text=last.text + span.text)
    else:
        spans.append(span)
