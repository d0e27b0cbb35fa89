"""Label Word list paragraphs as text: bullets as "- ", numbered items as Word shows them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn

from selfassess.wordform.docxread import xml_number

Element = Any

_DEEPEST = 8  # Word lists have nine levels, 0 to 8
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN: tuple[tuple[int, str], ...] = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _letter(number: int) -> str:
    return _LETTERS[(number - 1) % 26] * ((number - 1) // 26 + 1)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


def _val(element: Element | None, name: str) -> str | None:
    found = element.find(qn(name)) if element is not None else None
    return found.get(qn("w:val")) if found is not None else None


class ListLabels:
    """Work out each list paragraph's label, counting numbered lists in document order."""

    def __init__(self, document: Any) -> None:
        self._levels = _numbering_levels(document)
        self._styles = _style_numbering(document)
        self._counters: dict[str, dict[int, int]] = {}

    def __call__(self, paragraph: Element) -> str:
        """Return the paragraph's label ("- ", "a) ", ...) with its indent, or "" if none."""
        num_id, level = self._numbering(paragraph)
        if num_id in (None, "0"):
            return ""
        fmt, pattern, start = self._levels.get(num_id, {}).get(level, ("bullet", "", 1))
        indent = "  " * level
        if fmt not in _FORMATS:
            return indent + "- "
        counters = self._counters.setdefault(num_id, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        return indent + self._label(num_id, pattern, counters) + " "

    def _label(self, num_id: str, pattern: str, counters: dict[int, int]) -> str:
        text = pattern
        for level, count in counters.items():
            fmt = self._levels.get(num_id, {}).get(level, ("decimal", "", 1))[0]
            text = text.replace(f"%{level + 1}", _FORMATS.get(fmt, str)(count))
        return text.strip() or "-"

    def _numbering(self, paragraph: Element) -> tuple[str | None, int]:
        properties = paragraph.find(qn("w:pPr"))
        style = _val(properties, "w:pStyle")
        num_id, level = self._styles.get(style or "", (None, 0))
        direct = properties.find(qn("w:numPr")) if properties is not None else None
        if direct is not None:
            num_id = _val(direct, "w:numId") or num_id
            level = xml_number(_val(direct, "w:ilvl"), level, _DEEPEST)
        return num_id, level


def _numbering_levels(document: Any) -> dict[str, dict[int, tuple[str, str, int]]]:
    """Map each list id to its levels' (format, label pattern, start)."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for definition in root.iter(qn("w:abstractNum")):
        levels = {}
        for lvl in definition.iter(qn("w:lvl")):
            levels[xml_number(lvl.get(qn("w:ilvl")), 0, _DEEPEST)] = (
                _val(lvl, "w:numFmt") or "bullet",
                _val(lvl, "w:lvlText") or "",
                xml_number(_val(lvl, "w:start"), 1),
            )
        abstract[definition.get(qn("w:abstractNumId"), "")] = levels
    return {
        num.get(qn("w:numId"), ""): abstract.get(_val(num, "w:abstractNumId") or "", {})
        for num in root.iter(qn("w:num"))
    }


def _style_numbering(document: Any) -> dict[str, tuple[str | None, int]]:
    """Map each paragraph style to the list it numbers with, following basedOn."""
    found: dict[str, tuple[str | None, int, str | None]] = {}
    for style in document.styles.element.iter(qn("w:style")):
        properties = style.find(qn("w:pPr"))
        numbering = properties.find(qn("w:numPr")) if properties is not None else None
        num_id = _val(numbering, "w:numId") if numbering is not None else None
        level = xml_number(_val(numbering, "w:ilvl"), 0, _DEEPEST) if numbering is not None else 0
        found[style.get(qn("w:styleId"), "")] = (num_id, level, _val(style, "w:basedOn"))
    resolved: dict[str, tuple[str | None, int]] = {}
    for style_id in found:
        current: str | None = style_id
        for _ in range(10):  # a basedOn chain longer than this is a loop
            num_id, level, based_on = found.get(current or "", (None, 0, None))
            if num_id is not None or based_on is None:
                break
            current = based_on
        resolved[style_id] = (num_id, level)
    return resolved
