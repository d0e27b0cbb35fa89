"""Which link targets may reach a published document."""

from __future__ import annotations

import html
import re
import unicodedata

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def normalise_url(url: str) -> str:
    """Decode entities and drop whitespace and control characters, as browsers do."""
    decoded = html.unescape(url)
    return "".join(
        ch for ch in decoded if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")
    )


def is_safe_url(url: str) -> bool:
    """Return True for http, https and mailto links and for relative paths."""
    cleaned = normalise_url(url)
    if not cleaned:
        return False
    match = _SCHEME.match(cleaned)
    if match:
        return match.group(1).lower() in SAFE_SCHEMES
    # A relative path may not smuggle a scheme in before its first slash.
    return ":" not in cleaned.split("/", 1)[0]
