"""Read what a self-assessment document says outside its form tables.

`selfassess render` writes the landlord, period, status, dates and governing body
as "Label: value" paragraphs before the tables, an action plan (a Heading 2 per
provision answered no, one bullet per action) and the governing body's response
under its own heading. A landlord's own completed form has none of these, and
then nothing is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from selfassess.wordform.docxread import TBL, Element, blocks, paragraph_links, paragraph_text

#: The labels of the facts `render` writes before the form tables.
FACT_LABELS = (
    "Landlord",
    "Council",  # the LGSCO Code's word (its edition's words:)
    "Period assessed",
    "Status",
    "Governing body",
    "Member responsible for complaints",
    "Member Responsible for Complaints",
    "Assessed",
    "Approved",
    "Published",
    "Submitted to the Housing Ombudsman",
    "Next review",
)
_FACT = re.compile(rf"^({'|'.join(re.escape(label) for label in FACT_LABELS)}):\s*(.*)$", re.S)
_PLAN_HEADING = "What we are doing where we do not comply"
_PLAN_PROVISION = re.compile(r"^Provision (\d{1,2}\.\d{1,2}):", re.ASCII)
_RESPONSE_HEADING = re.compile(r"^(?:(.+)'s response|Governing body response)$")
_LIST_MARKS = {"ListBullet": "- ", "ListNumber": "1. "}


@dataclass
class DocumentFacts:
    """The facts, action plan and governing body's response a document shows."""

    facts: dict[str, str] = field(default_factory=dict)
    plans: dict[str, list[str]] = field(default_factory=dict)
    response: list[str] = field(default_factory=list)
    response_links: list[tuple[str, str]] = field(default_factory=list)  # (text, url)


def read_facts(document: Any) -> DocumentFacts:
    """Return the facts, action plan and response of a Word document, as far as it has them."""
    found = DocumentFacts()
    place, provision = "facts", None
    for block in blocks(document.element.body):
        if block.tag == TBL:
            place = "tables" if place == "facts" else place
            continue
        text, style = " ".join(paragraph_text(block).split()), _style(block)
        if style.startswith("Heading"):
            place, provision = _place(text, style, place, provision)
            continue
        _note(found, place, provision, block, text, style)
        if place == "response":
            found.response_links += paragraph_links(block, document.part.rels)
    return found


def _style(paragraph: Element) -> str:
    return str(getattr(paragraph, "style", None) or "")


def _place(text: str, style: str, place: str, provision: str | None) -> tuple[str, str | None]:
    """Follow the headings: the action plan, a provision in it, the response, or elsewhere."""
    if style == "Heading1":
        if text == _PLAN_HEADING:
            return "plan", None
        return ("response" if _RESPONSE_HEADING.match(text) else "other"), None
    match = _PLAN_PROVISION.match(text)
    if place == "plan" and match:
        return "plan", match.group(1)
    return place, provision


def _note(
    found: DocumentFacts, place: str, provision: str | None, block: Element, text: str, style: str
) -> None:
    """Keep a paragraph if it is a fact, an action, or part of the response."""
    if place == "facts" and (match := _FACT.match(text)):
        found.facts.setdefault(match.group(1), match.group(2).strip())
    elif place == "plan" and provision and style == "ListBullet" and text:
        found.plans.setdefault(provision, []).append(text)
    elif place == "response" and text:
        found.response.append(_LIST_MARKS.get(style, "") + paragraph_text(block, emphasis=True))
