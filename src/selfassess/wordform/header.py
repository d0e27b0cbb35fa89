"""Recognise a form table's header row, provision ids and the headings around the tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ID = re.compile(
    r"^\s*(?:(?:code\s+)?(?:provision|section|para(?:graph)?)\s*)?([0-9]{1,2}\.[0-9]{1,2})(?![0-9])",
    re.I,
)
SECTION = re.compile(r"^\s*section\s+([0-9]{1,2})\b\s*[:.\-–—]?\s*(.*)$", re.I | re.S)
STAGE = re.compile(r"^\s*stage\s+(1|2|3|one|two|three)\s*(?:[:.\-–—(].*)?$", re.I)
STAGE_NUMBERS = {"one": "1", "two": "2", "three": "3"}
MAX_HEADING = 80  # a longer cell is a provision's text, not a column heading


_SEE_PROVISION = re.compile(r"^\s*see provision \d{1,2}\.\d{1,2} of the code\s*\.?\s*$", re.I)


def see_provision(pid: str) -> str:
    """Return the line selfassess writes where the Code's text of a provision is not bundled."""
    return f"See provision {pid} of the Code"


def is_see_provision(line: str) -> bool:
    """Return True for a "See provision X.Y of the Code" line, which is ours, not the Code's."""
    return bool(_SEE_PROVISION.match(line))


def provision_id(text: str) -> str | None:
    """Return the provision id a cell starts with ("1.6 …" -> "1.6"), or None."""
    found = _ID.match(text)
    return found.group(1) if found else None


@dataclass
class Columns:
    """Which grid column holds what, found from a table's header row."""

    id: int
    requirement: int
    comply: int | None = None
    evidence: int | None = None
    commentary: int | None = None
    combined: bool = False  # 2022: one "Evidence, commentary and any explanations" column

    @property
    def layout(self) -> str:
        if self.combined:
            return "2022"
        return "2024" if self.evidence is not None and self.commentary is not None else "unknown"


def match_header(texts: list[str]) -> Columns | None:
    """Return the columns named by a header row, or None if it is not a form's header."""
    roles: dict[str, int] = {}
    combined = False
    for index, text in enumerate(texts):
        words = set(re.sub(r"[^a-z]+", " ", text.lower()).split())
        if len(text) > MAX_HEADING or not words:
            continue
        role = _role(words)
        combined = combined or (role == "evidence" and bool(words & _COMMENT_WORDS))
        if role:
            roles.setdefault(role, index)
    if "requirement" not in roles:
        return None
    if "id" not in roles and roles["requirement"] > 0 and not texts[0].strip():
        roles["id"] = 0
    if "id" not in roles:
        return None
    return Columns(
        roles["id"], roles["requirement"], roles.get("comply"), roles.get("evidence"),
        roles.get("commentary"), combined,
    )  # fmt: skip


_COMMENT_WORDS = {"comment", "comments", "commentary", "explanation", "explanations"}
_ID_WORDS = {"provision", "section", "ref", "reference", "paragraph", "para", "clause", "number"}


def heading_role(text: str) -> str | None:
    """Return the column a header cell names on its own (id, requirement, comply, ...), if any."""
    return _role(set(re.sub(r"[^a-z]+", " ", text.lower()).split()))


def _role(words: set[str]) -> str | None:
    if words & {"requirement", "requirements"}:
        return "requirement"
    if words & {"comply", "compliant", "compliance", "complies"} or words >= {"yes", "no"}:
        return "comply"
    if "evidence" in words:
        return "evidence"
    if words & _COMMENT_WORDS:
        return "commentary"
    if words & _ID_WORDS or words == {"no"}:
        return "id"
    return None


def group_of(text: str) -> str | None:
    """Return "must" or "should" for the 2022 form's Mandatory / Best practice headings."""
    if "mandatory" in text or re.search(r"\bmust\W*\s+requirements?\b", text):
        return "must"
    if "best practice" in text or re.search(r"\bshould\W*\s+requirements?\b", text):
        return "should"
    return None
