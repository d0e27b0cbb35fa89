"""Which link targets may reach a published document."""

from __future__ import annotations

import html
import re
import unicodedata

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")

# Where markdown takes a link target from: [text](target), <scheme:autolink> and [label]: target.
INLINE_LINK = re.compile(r"\]\(\s*(<[^>]*>|[^)\s]*)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
LINK_DEFINITION = re.compile(r"^( {0,3})\[([^\]\n]+)\]:\s*(<[^>\n]*>|\S+)", re.MULTILINE)


def normalise_url(url: str) -> str:
    """Decode entities and drop whitespace and control characters, as browsers do."""
    if url.isascii() and url.isprintable() and " " not in url and "&" not in url:
        return url  # the common case: nothing to decode or drop
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
    if len(cleaned) > 1 and cleaned[0] in "/\\" and cleaned[1] in "/\\":
        # \\host\\share (a Windows network path) or //host: another machine, which Word
        # and some browsers open as a file share, as they would a file: link.
        return False
    # A relative path may not smuggle a scheme in before its first slash.
    return ":" not in cleaned.split("/", 1)[0]


def unsafe_link_targets(markdown: str) -> list[str]:
    """Return the link targets in markdown that is_safe_url refuses, in pattern order."""
    found = [m.group(1) for m in INLINE_LINK.finditer(markdown)]
    found += [m.group(1) for m in AUTOLINK.finditer(markdown)]
    found += [m.group(3) for m in LINK_DEFINITION.finditer(markdown)]
    targets = (target.strip("<>") for target in found)
    return [target for target in targets if target and not is_safe_url(target)]
