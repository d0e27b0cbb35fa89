"""Say what to type for the commonest YAML slips, where the parser's own words do not.

The parser stops where the text stopped making sense to it, which is often a line after
the slip and always in its own terms ("mapping values are not allowed in this context").
Each recogniser here looks at the lines up to that place for one slip a person makes
when typing answers: a colon inside a value, a quote inside quoted text, a quote never
closed, a field with no colon, a value starting with a character YAML keeps, a line
indented out of step. What it finds is placed on the line of the slip.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

#: `key: value`, `- key: value` or `- value`: the indent, the dash, the key and the value.
_LINE = re.compile(
    r"^(?P<indent> *)(?P<dash>- +)?"
    r"(?:(?P<key>\"[^\"]*\"|'[^']*'|[^\s\"'#\[\]{}][^:#]*?):(?= |$))? *(?P<value>.*)"
)
#: Characters YAML keeps for itself at the start of a plain value.
_RESERVED = "`@*&!%[{"
_SHOWN = 40


@dataclass(frozen=True)
class Slip:
    """Where a slip is (1-based line and column) and what to type instead."""

    line: int
    col: int
    message: str


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based
    indent: int  # spaces before the dash or the key
    key_col: int  # spaces before the key, past any dash
    key: str | None
    value: str
    value_col: int  # 1-based column of the value's first character
    dash: bool


def explain(text: str, line: int) -> Slip | None:
    """Return the slip that explains a syntax error the parser reported at a line, if known."""
    lines = [_read(number, raw) for number, raw in enumerate(text.split("\n")[:line], 1)]
    content = [ln for ln in lines if ln is not None]
    for recognise in _RECOGNISERS:
        slip = recognise(content)
        if slip is not None:
            return slip
    return None


def _read(number: int, raw: str) -> _Line | None:
    stripped = raw.strip()
    if not stripped or stripped.startswith("#") or "\t" in raw[: len(raw) - len(raw.lstrip())]:
        return None
    match = _LINE.match(raw)
    if match is None:  # pragma: no cover - the pattern matches any line
        return None
    key = match.group("key")
    return _Line(
        number=number,
        indent=len(match.group("indent")),
        key_col=len(match.group("indent")) + len(match.group("dash") or ""),
        key=key.strip("\"'") if key is not None else None,
        value=match.group("value").rstrip(),
        value_col=match.start("value") + 1,
        dash=match.group("dash") is not None,
    )


def _field(line: _Line) -> str:
    return f"the text after '{line.key}:'" if line.key else "the list item"


def _quoted(line: _Line) -> str:
    """Return the line's field and value as typed in double quotes, a long value shortened."""
    value = line.value.replace("\\", "\\\\").replace('"', '\\"')
    shown = value if len(value) <= _SHOWN else value[:_SHOWN].rsplit(" ", 1)[0] + " ..."
    return f'{line.key}: "{shown}"' if line.key else f'- "{shown}"'


def _block(line: _Line) -> str:
    return f"'{line.key}: |'" if line.key else "'- |'"


def _quote_inside_quotes(lines: list[_Line]) -> Slip | None:
    """A quote inside text that the same quote opened: 'the Code's definition'."""
    last = lines[-1] if lines else None
    if last is None or last.value[:1] not in ("'", '"'):
        return None
    quote = last.value[0]
    end = _closing(last.value, quote)
    if end is None or not last.value[end + 1 :].strip() or last.value[end + 1 :].lstrip()[0] == "#":
        return None
    col = last.value_col + end
    if quote == "'":
        word = _word_at(last.value, end)
        how = f"type it twice ({word.replace(chr(39), chr(39) * 2)}) or put the whole text in double quotes"
        what = f"the apostrophe in {word!r}"
    else:
        how = 'type \\" for each " inside the text, or put the whole text in single quotes'
        what = f'the " at column {col}'
    return Slip(last.number, col, f"{_field(last)} is in quotes, so {what} ends it early; {how}")


def _closing(value: str, quote: str) -> int | None:
    """Return the index of the quote that closes value[0], or None if the line never closes it."""
    index = 1
    while index < len(value):
        if quote == '"' and value[index] == "\\":
            index += 2
            continue
        if value[index] == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _word_at(value: str, index: int) -> str:
    start = index
    while start > 0 and not value[start - 1].isspace():
        start -= 1
    end = index
    while end < len(value) and not value[end].isspace():
        end += 1
    return value[start:end].strip("'\"")[:_SHOWN] or value[index]


def _unclosed_quote(lines: list[_Line]) -> Slip | None:
    """Quoted text whose line does not close it, followed by the next field as if it had."""
    for opened, after in pairwise(lines):
        quote = opened.value[:1]
        unclosed = quote in ("'", '"') and _closing(opened.value, quote) is None
        if unclosed and after.key is not None and after.indent <= opened.indent:
            return Slip(
                opened.number,
                opened.value_col,
                f"{_field(opened)} opens with {quote} but its line does not close it; add a "
                f"{quote} at the end of the text (for text over several lines, write "
                f"{_block(opened)} and the text on the lines below, indented)",
            )
    return None


def _missing_colon(lines: list[_Line]) -> Slip | None:
    """A field typed without its colon: `comply Yes`."""
    for before, after in pairwise(lines[-3:]):
        if before.key is None and not before.dash and after.key is not None:
            words = before.value.split(None, 1)
            if before.indent == after.indent and len(words) == 2 and _is_name(words[0]):
                return Slip(
                    before.number,
                    before.indent + len(words[0]) + 1,
                    f"no colon after '{words[0]}'; write '{words[0]}: {words[1]}' (if the line "
                    "goes on from the text above instead, indent it more than the field names)",
                )
    return None


def _is_name(word: str) -> bool:
    return word.replace("_", "").replace("-", "").isalnum()


def _colon_in_value(lines: list[_Line]) -> Slip | None:
    """A value holding ": ", which YAML reads as another field: `commentary: Note: ...`."""
    last = lines[-1] if lines else None
    if last is None or last.key is None or last.value[:1] in "'\"|>[{" or ": " not in last.value:
        return None
    return Slip(
        last.number,
        last.value_col + last.value.index(": "),
        f"{_field(last)} holds ': ', which YAML reads as the start of another field; "
        f"put the whole text in double quotes ({_quoted(last)}) or write {_block(last)} and the "
        "text on the next line, indented",
    )


def _reserved_start(lines: list[_Line]) -> Slip | None:
    """A value starting with a character YAML keeps: `commentary: *Bold* text`."""
    last = lines[-1] if lines else None
    if last is None or last.value[:1] not in _RESERVED or not last.value:
        return None
    first = last.value[0]
    if first in "[{":
        close = "]" if first == "[" else "}"
        reads = (
            f"the start of a list that must close with '{close}'"
            if first == "["
            else (f"the start of a mapping that must close with '{close}'")
        )
    else:
        reads = "a sign of its own, not as text"
    return Slip(
        last.number,
        last.value_col,
        f"{_field(last)} starts with '{first}', which YAML reads as {reads}; "
        f"put the whole text in double quotes ({_quoted(last)})",
    )


def _indentation(lines: list[_Line]) -> Slip | None:
    """A line indented out of step with the lines above it of its kind (fields, list items)."""
    if len(lines) < 2:
        return None
    last, before = lines[-1], lines[-2]
    if last.dash:
        steps = {ln.indent for ln in lines[:-1] if ln.dash}
    else:
        steps = {ln.key_col for ln in lines[:-1] if ln.key is not None}
    if not steps or last.indent in steps:
        return None
    nearest = min(steps, key=lambda i: (abs(i - last.indent), i != before.key_col))
    what = "list item" if last.dash else f"'{last.key}'" if last.key else "line"
    return Slip(
        last.number,
        1,
        f"{what} is indented by {_spaces(last.indent)}, out of step with the lines above; "
        f"indent it by {_spaces(nearest)} like the {'items' if last.dash else 'fields'} it "
        "belongs with",
    )


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


_RECOGNISERS: tuple[Callable[[list[_Line]], Slip | None], ...] = (
    _unclosed_quote,
    _quote_inside_quotes,
    _missing_colon,
    _colon_in_value,
    _reserved_start,
    _indentation,
)
