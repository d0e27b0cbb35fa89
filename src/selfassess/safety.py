"""Which link targets may reach a published document."""

from __future__ import annotations

import html
import re
import unicodedata

from selfassess.wording import as_typed

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


#: The start of a link that a person meant as a web address but wrote without its scheme:
#: "www." or a host name ending in a common top-level domain, then a path or nothing.
_BARE_HOST = re.compile(
    r"(?:www\d?\.[A-Za-z0-9-]+|[A-Za-z0-9-]+)(?:\.[A-Za-z0-9-]+)*"
    r"\.(?:uk|com|org|net|gov|info|eu|io|scot|wales|cymru|ie|int|edu|co|nhs)\.?"
    r"(?::[0-9]{1,5})?(?:[/?#]|\Z)",
    re.IGNORECASE,
)


def bare_web_address(url: str) -> bool:
    """Tell whether a link is a web address written without https://, such as www.x.org.uk/a.

    A browser resolves it as a page under the current folder of the site it is read on,
    which on a council's website is a dead link.
    """
    cleaned = normalise_url(url)
    return _SCHEME.match(cleaned) is None and _BARE_HOST.match(cleaned) is not None


def published_url(url: str | None) -> str | None:
    """Return the link target to publish: None if unsafe, a bare web address with https://."""
    if not url or not is_safe_url(url):
        return None
    return "https://" + normalise_url(url) if bare_web_address(url) else url


def link_targets(markdown: str) -> list[str]:
    """Return every link target in markdown, in pattern order."""
    found = [m.group(1) for m in INLINE_LINK.finditer(markdown)]
    found += [m.group(1) for m in AUTOLINK.finditer(markdown)]
    found += [m.group(3) for m in LINK_DEFINITION.finditer(markdown)]
    return [target for target in (t.strip("<>") for t in found) if target]


def unsafe_link_targets(markdown: str) -> list[str]:
    """Return the link targets in markdown that is_safe_url refuses, in pattern order."""
    return [target for target in link_targets(markdown) if not is_safe_url(target)]


def unsafe_link_message(url: str) -> str:
    """Say that a link is not one the documents may publish (W310)."""
    return (
        f"link {as_typed(url)} is not http, https, mailto or a relative path; it will be "
        "published as plain text"
    )


def bare_address_message(url: str) -> str:
    """Say that a web address lacks https:// and what to write (W320)."""
    return (
        f"link {as_typed(url)} is a web address without https://, which a browser would look "
        f"for inside the site the page is published on; write {as_typed('https://' + url, 60)} "
        "(render publishes it with https:// added)"
    )
