"""A Word document's common parts: a new page setup, dated properties, the draft notice, evidence."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from selfassess.render.pieces import (
    DRAFT_BANNER,
    NOT_YET_ANSWERED,
    OPEN_PROBLEMS,
    Draftable,
    Evidence,
)
from selfassess.render.wordtext import Writer

PROPERTY_LIMIT = 255  # python-docx refuses a longer core property


#: Blank documents made once per process, by the function that makes each.
_BLANKS: dict[Callable[[], Any], Any] = {}


def copy_of(make: Callable[[], Any]) -> Any:
    """Return a fresh copy of the blank document make() returns, made once per process.

    python-docx parses its template's 780 KB of style parts for every new document, and
    the house style then walks them; copying the parsed, styled tree costs a quarter of that.
    """
    blank = _BLANKS.get(make)
    if blank is None:
        blank = _BLANKS[make] = make()
    return copy.deepcopy(blank)


def styled_document(reference: Path | None) -> Any:
    """Return a new landscape A4 document in the house style, or in a reference's styles."""
    if reference is None:
        return copy_of(_house_landscape)
    from selfassess.render.wordstyle import house_style

    document = open_document(reference)
    house_style(document, reference=True)
    return document


def _house_landscape() -> Any:
    from selfassess.render.wordstyle import house_style

    document = open_document(None)
    house_style(document)
    return document


def open_document(reference: Path | None) -> Any:
    """Return a new landscape A4 document, or one with the styles and page setup of a reference."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    from selfassess.render.reference import apply_reference

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    if reference is not None:
        apply_reference(document, reference)
    return document


def set_properties(
    document: Any, title: str, subject: str, author: str, fixed_date: dt.date | None
) -> None:
    """Set the core properties, dated by the input (never the clock) so renders repeat."""
    when = dt.datetime.combine(fixed_date or dt.date(2000, 1, 1), dt.time(), dt.UTC)
    core = document.core_properties
    core.title = fit(title)
    core.subject = fit(subject)
    core.author = fit(author)
    core.last_modified_by = fit(author)
    core.language = "en-GB"
    core.comments = ""
    core.created = when
    core.modified = when
    core.last_printed = when
    core.revision = 1


def fit(text: str) -> str:
    """Shorten a document property to the 255 characters Word's properties hold."""
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1] + "…"


def write_draft(body: Writer, doc: Draftable) -> None:
    """Add the draft banner and what is still open, or nothing for an approved document."""
    notice = doc.notice
    if notice is None:
        return
    banner = body.text("", "Intense Quote")
    banner.add_run(DRAFT_BANNER).bold = True
    body.text("This is a working draft. It has not been approved by the governing body.")
    for heading, items in ((NOT_YET_ANSWERED, notice.unanswered), (OPEN_PROBLEMS, notice.problems)):
        if items:
            body.text(heading)
            for item in items:
                body.text(item, "List Bullet")


def write_evidence(cell: Writer, item: Evidence) -> None:
    """Add one evidence item: markdown, a link, a file with its path, or plain words."""
    if item.markdown:
        cell.markdown(item.title)
    elif item.url:
        cell.link(item.url, item.title)
    elif item.path:
        cell.text(f"{item.title} ({item.path})")
    else:
        cell.text(item.title)
