"""How the CMS fragments link to one another: in-page anchors, sibling files, or a URL pattern.

Pasted into a CMS, `section-6.html` is no longer a file beside the index, so the default
links are anchors, which work once every fragment is on one page. A council that publishes
one page per fragment gives the addresses with a pattern such as
``https://www.example.gov.uk/complaints/{fragment}``.
"""

from __future__ import annotations

from selfassess.problems import UsageError
from selfassess.safety import is_safe_url

ANCHOR = "anchor"
RELATIVE = "relative"
PLACEHOLDER = "{fragment}"
GOVERNANCE = "governance"  # the fragment's file stem and its anchor


def check_fragment_links(value: str) -> str:
    """Return a --fragment-links value that is anchor, relative or a safe URL pattern."""
    if value in (ANCHOR, RELATIVE):
        return value
    example = value.replace(PLACEHOLDER, "section-1")
    if PLACEHOLDER not in value:
        raise UsageError(
            f"--fragment-links must be anchor, relative or a URL pattern with {PLACEHOLDER} "
            f"where each fragment's name goes (e.g. https://www.example.gov.uk/complaints/"
            f"{PLACEHOLDER}), found '{value}'"
        )
    if not is_safe_url(example) or any(c.isspace() or c in "\"'<>`" for c in value):
        raise UsageError(
            f"--fragment-links pattern '{value}' is not an http or https address or a relative path"
        )
    return value


def fragment_href(links: str, stem: str, anchor: str) -> str:
    """Return the link from one fragment to another (stem: its file name without .html)."""
    if links == ANCHOR:
        return f"#{anchor}"
    if links == RELATIVE:
        return f"{stem}.html"
    return links.replace(PLACEHOLDER, stem)
