"""Write a Code edition as YAML laid out like the bundled editions, and prove it reads back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from selfassess.models import CodeEdition, CodeForm, CodeWords, Part, Provision, Section
from selfassess.problems import InputError, OutputError
from selfassess.validate import validate
from selfassess.yamlio import load_bytes
from selfassess.yamlout import inline, quoted

MODELINE = "# yaml-language-server: $schema=../schemas/code.schema.json"
_HEAD = ("id", "title", "publisher", "edition", "effective_from", "source", "complete", "notes")


def dump_edition(edition: CodeEdition, modeline: str = MODELINE) -> str:
    """Return the edition as YAML text; raise OutputError if it would not read back the same."""
    lines = [modeline, "schema_version: 1"]
    for key in _HEAD:
        value = getattr(edition, key)
        if value is not None:
            lines += _field(key, value, 0, block=key == "notes")
    if not edition.tenant_measures:  # written only when not the default, as words and form
        lines += _field("tenant_measures", False, 0)
    lines += _words(edition.words)
    lines += _form(edition.form)
    lines.append("sections:")
    for section in edition.sections:
        lines += _section(section)
    text = "\n".join(lines) + "\n"
    _prove(text, edition)
    return text


def _words(words: CodeWords) -> list[str]:
    """Write the Code's words, unless they are the default (the housing Code's)."""
    if words == CodeWords():
        return []
    lines = ["words:"]
    for key, word in words.model_dump().items():
        lines += _field(key, word, 2)
    return lines


def _form(form: CodeForm) -> list[str]:
    """Write the form's layout, unless it is the default one (so files without it stay so)."""
    if form == CodeForm():
        return []
    lines = ["form:", *_field("submitted_to", form.submitted_to, 2), "  columns:"]
    for key, heading in form.columns.model_dump().items():
        lines += _field(key, heading, 4)
    lines += _submission(form)
    if form.section_summary is not None:
        lines.append("  section_summary:")
        for key, heading in form.section_summary.model_dump().items():
            lines += _field(key, heading, 4)
    return lines


def _submission(form: CodeForm) -> list[str]:
    if form.submission is None:
        return ["  submission: null"]
    lines = ["  submission:", "    columns:"]
    for column in form.submission.columns:
        lines += [f"      - heading: {_scalar(column.heading)}", f"        value: {column.value}"]
    lines.append("    answers:")
    for key, word in form.submission.answers.model_dump().items():
        lines += _field(key, word, 6)
    return lines


def _section(section: Section) -> list[str]:
    lines = [f"  - number: {section.number}", *_field("title", section.title, 4)]
    if section.parts is not None:
        lines.append("    parts:")
        for part in section.parts:
            lines += _part(part)
    else:
        lines.append("    provisions:" if section.provisions else "    provisions: []")
        for provision in section.provisions or []:
            lines += _provision(provision, 6)
    return lines


def _part(part: Part) -> list[str]:
    lines = [f"      - title: {_scalar(part.title)}"]
    lines.append("        provisions:" if part.provisions else "        provisions: []")
    for provision in part.provisions:
        lines += _provision(provision, 10)
    return lines


def _provision(provision: Provision, indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}- id: {quoted(provision.id)}"]
    lines += _field("modality", provision.modality, indent + 2)
    lines += _field("summary", provision.summary, indent + 2)
    lines += _field("text", provision.text, indent + 2, block=True)
    lines += _field("source", provision.source, indent + 2)
    if not provision.assessed:
        lines += _field("assessed", False, indent + 2)
    if provision.note is not None:
        lines += _field("note", provision.note, indent + 2)
    return lines


def _field(key: str, value: Any, indent: int, block: bool = False) -> list[str]:
    """Write one key; text written as a literal block when asked and when it reads back exactly."""
    pad = " " * indent
    if isinstance(value, str) and (block or "\n" in value) and _block_ok(value):
        chomp = "" if value.endswith("\n") else "-"
        body = value[:-1] if value.endswith("\n") else value
        return [
            f"{pad}{key}: |{chomp}",
            *(f"{pad}  {line}" if line else "" for line in body.split("\n")),
        ]
    return [f"{pad}{key}: {_scalar(value)}"]


def _block_ok(text: str) -> bool:
    lines = text.removesuffix("\n").split("\n")
    return (
        bool(text.strip())
        and not text.endswith("\n\n")
        and not text[0].isspace()
        and all(line == line.rstrip() for line in lines)
        and all(_printable(ch) for ch in set(text) - {"\n"})
    )


def _printable(ch: str) -> bool:
    return ch in '"\\' or quoted(ch) == f'"{ch}"'


def _scalar(value: Any) -> str:
    """Write a scalar plainly when YAML reads it back as the same text, else double-quoted."""
    if value is None or isinstance(value, bool | int):
        return inline(value)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if hasattr(value, "isoformat") or (inline(text) == text and _reads_as_text(text)):
        return text
    return quoted(text)


def _reads_as_text(text: str) -> bool:
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False


def _prove(text: str, edition: CodeEdition) -> None:
    """Refuse to hand back YAML that does not load as the same edition."""
    try:
        loaded = validate(
            load_bytes(text.encode("utf-8"), Path("edition.yaml"), "edition.yaml"), CodeEdition
        )
    except InputError as exc:
        raise OutputError(
            f"the edition could not be written faithfully ({exc}); nothing was written"
        ) from None
    if loaded != edition:
        differ = [
            key for key in CodeEdition.model_fields if getattr(loaded, key) != getattr(edition, key)
        ]
        raise OutputError(
            f"the edition could not be written faithfully ({', '.join(differ)} would read back "
            "differently); nothing was written"
        )
