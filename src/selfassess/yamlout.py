"""Write an assessment as readable YAML that the loader reads back to the same model.

Provision ids are always quoted ("6.10"), answers are written yes or no, text
that spans lines becomes a literal block, and anything a plain scalar could
misread is double-quoted with escapes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from selfassess.models import Assessment, CodeEdition

MODELINE = "# yaml-language-server: $schema=../schemas/assessment.schema.json"

#: Fields holding a provision id, always quoted so "6.10" never reads as a number.
PROVISION_FIELDS = {"provision", "id"}
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`<=]")
_SIMPLE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_NOT_IN_FILES = re.compile(
    "[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


@dataclass(frozen=True)
class Comments:
    """A user's comments about one key: the lines just above it, and one after it."""

    above: tuple[str, ...] = ()
    after: str | None = None


#: A key's path (as the loader gives it) -> the user's comments about it.
CommentMap = Mapping[tuple[str | int, ...], Comments]
_NONE: CommentMap = {}


def dump_assessment(
    assessment: Assessment,
    edition: CodeEdition | None = None,
    notes: tuple[str, ...] = (),
    comments: CommentMap = _NONE,
) -> str:
    """Return the assessment as YAML text, responses in Code order with summaries as comments.

    `comments` carries a user's own comments across, each above (or after) its key.
    """
    data = assessment_data(assessment)
    responses = data.pop("responses", {})
    after: dict[str, Any] = {key: data.pop(key) for key in ("retired", "history") if key in data}
    lines = [MODELINE, *(f"# {comment(note)}".rstrip() for note in notes)]
    lines += mapping_lines(data, 0, (), comments)
    if responses:
        lines.append("responses:")
        lines += _response_lines(responses, edition, comments)
    lines += mapping_lines(after, 0, (), comments)
    return "\n".join(lines) + "\n"


def assessment_data(assessment: Assessment) -> dict[str, Any]:
    """Return the assessment as plain data, leaving out empty and default-false fields."""
    raw = assessment.model_dump(mode="json", by_alias=True, exclude_none=True)
    answers = {pid: _pruned(answer) for pid, answer in raw.pop("responses").items()}
    data: dict[str, Any] = _pruned(raw)
    if assessment.responses:
        data["responses"] = {
            pid: {"comply": response.comply, **answers[pid]}
            for pid, response in assessment.responses.items()
        }
    return data


def _pruned(value: Any) -> Any:
    """Drop empty lists and mappings, and false flags, recursively."""
    if isinstance(value, dict):
        kept = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v is not False and v != {} and v != []}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)  # "threshold: 95" stays 95, not 95.0
    return value


def _response_lines(
    responses: dict[str, Any], edition: CodeEdition | None, comments: CommentMap
) -> list[str]:
    """Write responses in the edition's order, each section headed by a comment."""
    lines: list[str] = []
    done: set[str] = set()
    current = None
    for section, provision in edition.provisions() if edition else ():
        if provision.id not in responses:
            continue
        heading = _section_heading(section.number, section.title, section.part_of(provision.id))
        if heading != current:
            lines.append(f"  # {comment(heading)}")
            current = heading
        summary = provision.summary
        lines += _one_response(provision.id, responses[provision.id], summary, comments)
        done.add(provision.id)
    rest = [pid for pid in responses if pid not in done]
    if rest and edition is not None:
        lines.append(f"  # Not in {comment(edition.id)}")
    for pid in rest:
        lines += _one_response(pid, responses[pid], None, comments)
    return lines


def _section_heading(number: int, title: str, part: str | None) -> str:
    heading = f"Section {number}: {title}"
    return f"{heading} - {part}" if part else heading


def _one_response(
    pid: str, answer: dict[str, Any], summary: str | None, comments: CommentMap
) -> list[str]:
    note = f"  # {comment(summary)}" if summary else ""
    above = [f"  # {comment(text)}" for text in comments.get(("responses", pid), Comments()).above]
    return [
        *above,
        f"  {quoted(pid)}:{note}",
        *mapping_lines(answer, 4, ("responses", pid), comments),
    ]


def comment(text: str) -> str:
    """Return text fit for one comment line: no line breaks and nothing a file cannot hold.

    Names and titles reach comments from users' files; a line break in one would
    end the comment and let the rest be read as YAML.
    """
    return " ".join(_NOT_IN_FILES.sub(" ", text).split())


def mapping_lines(
    data: dict[str, Any],
    indent: int,
    path: tuple[str | int, ...] = (),
    comments: CommentMap = _NONE,
) -> list[str]:
    """Return the block-style lines of a mapping at an indentation, with any user comments."""
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        at = (*path, key)
        notes = comments.get(at, Comments())
        lines += [f"{pad}# {comment(text)}".rstrip() for text in notes.above]
        head = f"{pad}{_key(str(key))}:"
        if key in PROVISION_FIELDS and isinstance(value, str):
            written = [f"{head} {quoted(value)}"]
        else:
            written = _value_lines(head, value, indent, at, comments)
        if notes.after and not written[0].rstrip().endswith(("|", "|-", "|+", "|2", "|2-", "|2+")):
            written[0] += f"  # {comment(notes.after)}"
        lines += written
    return lines


def _value_lines(
    head: str,
    value: Any,
    indent: int,
    path: tuple[str | int, ...] = (),
    comments: CommentMap = _NONE,
) -> list[str]:
    """Write a value after a key or a dash, nesting collections below it."""
    if isinstance(value, dict) and value:
        return [head, *mapping_lines(value, indent + 2, path, comments)]
    if isinstance(value, list) and value:
        return [head, *_list_lines(value, indent + 2, path, comments)]
    return _scalar_lines(head, value, indent + 2)


def _list_lines(
    items: list[Any], indent: int, path: tuple[str | int, ...] = (), comments: CommentMap = _NONE
) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for index, item in enumerate(items):
        if isinstance(item, dict) and item:
            nested = mapping_lines(item, indent + 2, (*path, index), comments)
            first = next(i for i, line in enumerate(nested) if not line.lstrip().startswith("#"))
            above = [f"{pad}{line.lstrip()}" for line in nested[:first]]
            lines += [*above, f"{pad}- {nested[first].lstrip()}", *nested[first + 1 :]]
        else:
            lines += _value_lines(f"{pad}-", item, indent)
    return lines


def _scalar_lines(head: str, value: Any, indent: int) -> list[str]:
    """Write a scalar inline, or as a literal block below the head when it spans lines."""
    if isinstance(value, str) and _literal_ok(value):
        return [f"{head} {_literal_header(value)}", *_block_body(value, indent)]
    return [f"{head} {inline(value)}"]


def inline(value: Any) -> str:
    """Return a scalar as it is written on one line."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return "[]" if isinstance(value, list) else "{}"
    text = str(value)
    return text if _plain_ok(text) else quoted(text)


def quoted(text: str) -> str:
    """Return text as a double-quoted YAML scalar, escaping what a file cannot hold."""
    return '"' + "".join(_escaped(ch) for ch in text) + '"'


def _escaped(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if not _NOT_IN_FILES.match(ch):
        return ch
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _key(key: str) -> str:
    return key if _SIMPLE_KEY.match(key) and key not in _NULL_WORDS else quoted(key)


def _plain_ok(text: str) -> bool:
    """Tell whether text reads back unchanged as a plain scalar."""
    return (
        text not in _NULL_WORDS
        and bool(_PLAIN_START.match(text))
        and text == text.strip()
        and not text.endswith(":")
        and ": " not in text
        and " #" not in text
        and "\t" not in text
        and not _NOT_IN_FILES.search(text)
        and "\n" not in text
    )


def _literal_ok(text: str) -> bool:
    """Tell whether text reads back unchanged as a literal block."""
    lines = text.split("\n")
    return (
        len(lines) > 1
        and bool(text.strip())
        and not _NOT_IN_FILES.search(text)
        and not any(line.strip(" \t") == "" and line for line in lines)
        and not any(line.startswith("\t") for line in lines)
        and not any(line.endswith((" ", "\t")) for line in lines)
    )


def _literal_header(text: str) -> str:
    first = next(line for line in text.split("\n") if line)
    indicator = "2" if first.startswith(" ") else ""
    stripped = text.rstrip("\n")
    trailing = len(text) - len(stripped)
    chomping = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    return f"|{indicator}{chomping}"


def _block_body(text: str, indent: int) -> list[str]:
    pad = " " * indent
    body = text[:-1] if text.endswith("\n") else text
    return [f"{pad}{line}" if line else "" for line in body.split("\n")]
