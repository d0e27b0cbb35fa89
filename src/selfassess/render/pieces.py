"""The view pieces every document shows: its labels, links, facts, evidence and draft notice.

Frozen and typed like the views they sit in; the jinja2 environment offers the labels
to every template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

YES = "Yes"
NO = "No"
NOT_ANSWERED = "Not answered"
EXPLANATION_LABEL = "Explanation:"
DATE_LABEL = "Intended compliance date:"
DRAFT_BANNER = "Draft — not approved"
NOT_YET_ANSWERED = "Not yet answered:"
OPEN_PROBLEMS = "Open problems found by selfassess check:"
PRACTICE_HEADING = "Complaint handling in practice"
PRACTICE_CAPTION = "Tenant satisfaction measures CH01 and CH02, measured from the complaints log"


class Draftable(Protocol):
    """A document that may be a draft (a self-assessment, a gap list or a report)."""

    @property
    def notice(self) -> DraftNotice | None:
        """What the draft banner shows, or None when the document is approved."""


@dataclass(frozen=True)
class Link:
    """A link whose text makes sense on its own."""

    text: str
    url: str | None


@dataclass(frozen=True)
class DraftNotice:
    """What the draft banner lists.

    A published document (the page, the Board pack) lists only what a reader can act on,
    in plain words: the provisions not yet answered. The problems `check` found, with their
    codes and lines, are for the author and show only in the internal gap list.
    """

    unanswered: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """One evidence item: a link, a file (title and path) or a short markdown text."""

    title: str
    url: str | None = None
    path: str | None = None
    markdown: bool = False

    @property
    def site(self) -> str | None:
        """Return where a link leads in brief: a web address's host, or the link as written."""
        if not self.url:
            return None
        from urllib.parse import urlsplit

        parts = urlsplit(self.url)
        if parts.scheme.lower() in ("http", "https") and parts.hostname:
            return parts.hostname
        return self.url.removeprefix("mailto:")


@dataclass(frozen=True)
class Counts:
    """How many provisions a section (or the whole assessment) answered which way."""

    label: str
    total: int
    yes: int
    no: int
    unanswered: int

    @property
    def still_unanswered(self) -> str:
        """Say how many are not yet answered: "1 is not yet answered.", "3 are ..."."""
        return f"{self.unanswered} {'is' if self.unanswered == 1 else 'are'} not yet answered."


@dataclass(frozen=True)
class Fact:
    """A labelled fact about the assessment, such as a date."""

    label: str
    value: str
    url: str | None = None


def counts_text(counts: Counts) -> str:
    """Describe counts in words, e.g. "5 Yes, 1 No"."""
    text = f"{counts.yes} Yes, {counts.no} No"
    if counts.unanswered:
        text += f", {counts.unanswered} not answered"
    return text
