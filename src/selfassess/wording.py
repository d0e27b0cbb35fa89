"""Small pieces of wording shared by messages and reports."""

from __future__ import annotations

import re

#: How a figure measured from the complaints log begins wherever the documents print it;
#: importing a rendered form leaves such lines out, as render writes them afresh.
MEASURED = "Measured from the complaints log:"


def plural(count: int, word: str) -> str:
    """Return "1 file", "2 files"."""
    return f"{count} {noun(count, word)}"


def noun(count: int, word: str) -> str:
    """Return the word as the count needs it: "file" for 1, "files" otherwise."""
    return word if count == 1 else word + "s"


#: How much of a value a message quotes: enough to recognise it, not enough to echo a secret.
QUOTE_LIMIT = 30


def quoted(value: object) -> str:
    """Quote a user's value in a message, cut to QUOTE_LIMIT characters."""
    return repr(shorten(str(value), QUOTE_LIMIT))


def as_typed(text: str, limit: int = 40) -> str:
    """Quote text as the user typed it (a backslash stays one); repr only if it hides characters."""
    shown = shorten(text, limit)
    return f"'{shown}'" if shown.isprintable() else repr(shown)


def shorten(text: str, limit: int = 40) -> str:
    """Cut text to at most limit characters, marking the cut with "..."."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def sentence_start(text: str) -> str:
    """Capitalise only the first letter, so "damp and mould" heads a row and "ASB" stays ASB."""
    return text[:1].upper() + text[1:]


def whole_per_cent(part: int, whole: int) -> int:
    """Return part of whole as a whole per cent, halves rounded up (1 of 8 is 13%)."""
    return (200 * part + whole) // (2 * whole)


def fold(text: str) -> str:
    """Compare words without case or runs of spaces ("Partly  Upheld" is "partly upheld")."""
    return " ".join(text.lower().split())


_SEPARATORS = re.compile(r"[\s_\-]+")


def header_key(name: str) -> str:
    """Compare column names without case, spaces, hyphens or underscores."""
    return _SEPARATORS.sub("", name).lower()
