"""Write users' markdown back out as Markdown, from the parsed tokens, with only safe links.

The tokens come from the one parser every output shares (raw HTML off, images
off, links checked against the allow-list), so a link definition hidden in a
quote or a list, a label over two lines or an escaped bracket has already been
resolved or refused by the time this writer sees it. What is written is built
from the tokens' text, escaped, never copied from the source.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from selfassess.render.mdescape import escape, target
from selfassess.render.mdparse import Para, Span, paras_from_tokens, parser

if TYPE_CHECKING:
    from markdown_it.token import Token

#: What every link, image, raw HTML and heading needs: "<", "[" or "#", or a line of "="
#: or "-" under a paragraph (a setext heading). Text with none of these is inert as written.
_INDENT = "    "  # enough for a nested list under both "- " and "10. "
_MARKERS = (("bold", "**"), ("italic", "*"), ("strike", "~~"))


def to_markdown(text: str | None) -> str:
    """Parse a user's markdown and write it back with only what the allow-list lets through."""
    return write_tokens(parser().parse(text or ""))


def write_tokens(tokens: Iterable[Token]) -> str:
    """Write Markdown from a token stream made by mdparse.parser()."""
    return write_paras(paras_from_tokens(tokens))


def write_paras(paras: list[Para]) -> str:
    """Write Markdown from the paragraphs walked from mdparse.parser()'s tokens."""
    return "\n\n".join(_blocks(paras))


def _blocks(paras: list[Para]) -> Iterator[str]:
    counters: dict[int, int] = {}
    for para in paras:
        prefix = _INDENT * para.level
        if para.kind == "number":
            counters[para.level] = para.start if para.restart else counters.get(para.level, 0) + 1
            prefix += f"{counters[para.level]}. "
        elif para.kind == "bullet":
            prefix += "- "
        body = _code_block(para) if para.code_block else _inline(para.spans)
        lines = body.split("\n")
        follow = " " * len(prefix)
        text = "\n".join([prefix + lines[0], *(follow + line for line in lines[1:])])
        yield _quoted(text) if para.quote else text


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.split("\n"))


def _code_block(para: Para) -> str:
    content = "".join(span.text for span in para.spans)
    fence = "`" * max(3, _longest_run(content, "`") + 1)
    return f"{fence}\n{content}\n{fence}"


def _inline(spans: list[Span]) -> str:
    pieces: list[str] = []
    index = 0
    while index < len(spans):
        span = spans[index]
        if span.href is None:
            pieces.append(_span(span))
            index += 1
            continue
        linked = [span]
        while index + len(linked) < len(spans) and spans[index + len(linked)].href == span.href:
            linked.append(spans[index + len(linked)])
        words = "".join(_span(part) for part in linked)
        pieces.append(f"[{words}]({target(span.href)})")
        index += len(linked)
    return "".join(pieces)


def _span(span: Span) -> str:
    if span.line_break:
        return "\\\n"
    text = _code(span.text) if span.code else _escaped(span.text)
    core = text.strip()
    if not core:
        return text
    marker = "".join(mark for name, mark in _MARKERS if getattr(span, name))
    start = text.index(core)
    return f"{text[:start]}{marker}{core}{marker[::-1]}{text[start + len(core) :]}"


def _escaped(text: str) -> str:
    """Escape a run of text, keeping the space before it (escape drops a line's indent)."""
    kept = text[: len(text) - len(text.lstrip(" \t"))]
    return kept + escape(text)


def _code(text: str) -> str:
    ticks = "`" * (_longest_run(text, "`") + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{padding}{text}{padding}{ticks}"


def _longest_run(text: str, character: str) -> int:
    longest = current = 0
    for ch in text:
        current = current + 1 if ch == character else 0
        longest = max(longest, current)
    return longest
