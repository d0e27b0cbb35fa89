"""Merge a form's provision text into an edition, never replacing bundled text unasked."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.models import CodeEdition, id_key
from selfassess.problems import InputError, error
from selfassess.wordform.forms import Form, FormRow
from selfassess.wordform.header import is_see_provision

STATUSES = (
    "filled",
    "identical",
    "differs",
    "added",
    "not in the form",
    "summary",
    "not assessed",
)


@dataclass
class Outcome:
    """What the import did with one provision."""

    provision_id: str
    status: str  # one of STATUSES
    diff: str = ""  # for "differs": the word diff, bundled -> form
    taken: bool = False  # for "differs": the form's text replaced the bundled text


@dataclass
class ImportResult:
    """The edition after the import, what happened to each provision, and where it was written."""

    edition: CodeEdition
    layout: str
    rows: int  # provision rows read from the form
    outcomes: list[Outcome] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    written: Path | None = None

    def count(self, status: str) -> int:
        """Return how many provisions ended with a status."""
        return sum(o.status == status for o in self.outcomes)


def merge(edition: CodeEdition, form: Form, source: str, prefer_form: bool) -> ImportResult:
    """Return the edition with the form's text merged in, and the outcome for each provision."""
    rows, notices = _rows_by_id(form)
    data = edition.model_dump(by_alias=True)
    outcomes: dict[str, Outcome] = {}
    for provision in _provision_dicts(data):
        row = rows.pop(provision["id"], None)
        if row is None and not provision["assessed"]:
            outcomes[provision["id"]] = Outcome(provision["id"], "not assessed")
            continue
        outcomes[provision["id"]] = _apply(provision, row, source, prefer_form)
    for row in rows.values():
        _add(data, row, form, source)
        outcomes[row.provision_id] = Outcome(row.provision_id, "added")
    texts_missing = any(p["text"] is None and p["assessed"] for p in _provision_dicts(data))
    absent = any(o.status in ("not in the form", "summary") for o in outcomes.values())
    if not texts_missing and not absent and not edition.complete:
        data["complete"] = True
        data["notes"] = (
            f"Completed from the self-assessment {source}: every provision on the form is here "
            "with its text, and each provision's source says where its text came from."
        )
    merged = CodeEdition.model_validate(data)
    ordered = [outcomes[p.id] for _, p in merged.provisions()]
    return ImportResult(merged, form.layout, len(form.rows), ordered, notices)


def _rows_by_id(form: Form) -> tuple[dict[str, FormRow], list[str]]:
    rows: dict[str, FormRow] = {}
    notices = []
    for row in form.rows:
        if not row.requirement.strip():
            notices.append(f"{row.provision_id}: the form's row has no requirement text; ignored")
        elif any(is_see_provision(line) for line in row.requirement.splitlines()):
            notices.append(
                f"{row.provision_id}: the form's row points to the Code instead of quoting it "
                "(selfassess's own wording); ignored"
            )
        elif row.provision_id in rows:
            notices.append(f"{row.provision_id}: in the form twice; the first row was used")
        else:
            rows[row.provision_id] = row
    return rows, notices


def _provision_dicts(data: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for section in data["sections"]:
        for holder in section["parts"] or [section]:
            found += holder["provisions"] or []
    return found


def _apply(provision: dict[str, Any], row: FormRow | None, source: str, prefer: bool) -> Outcome:
    """Merge one row into one provision; the bundled text wins unless prefer is set."""
    pid = provision["id"]
    if row is None:
        return Outcome(pid, "not in the form")
    if _words(row.requirement.lower()) == _words(provision["summary"].lower()):
        return Outcome(pid, "summary")
    if provision["text"] is None:
        provision.update(text=row.requirement, source=source, note=None)
        return Outcome(pid, "filled")
    if _words(provision["text"]) == _words(row.requirement):
        return Outcome(pid, "identical")
    diff = word_diff(provision["text"], row.requirement)
    if prefer:
        old = provision["source"]
        note = f"Text taken from the {source}, replacing the text from {old}."
        provision.update(text=row.requirement, source=source, note=note)
    return Outcome(pid, "differs", diff, taken=prefer)


def _add(data: dict[str, Any], row: FormRow, form: Form, source: str) -> None:
    """Insert a provision the edition lacks, in its place by id."""
    number = int(row.provision_id.split(".")[0])
    section = next((s for s in data["sections"] if s["number"] == number), None)
    if section is None:
        title = form.section_titles.get(number, f"Section {number}")
        section = {"number": number, "title": title, "provisions": [], "parts": None}
        data["sections"] = sorted([*data["sections"], section], key=lambda s: s["number"])
    holder = _holder(section, row)
    modality = row.group or _modality(row.requirement)
    how = "from the form's table" if row.group else "read from the text"
    holder["provisions"].append(
        {
            "id": row.provision_id,
            "modality": modality,
            "summary": f"Added from the form: write a short summary of {row.provision_id}",
            "text": row.requirement,
            "source": source,
            "note": f"Added by `selfassess code import`; modality {how}; check it.",
        }
    )
    holder["provisions"].sort(key=lambda p: id_key(p["id"]))


def _holder(section: dict[str, Any], row: FormRow) -> dict[str, Any]:
    """Return the section, or the part of it, an added provision belongs in."""
    parts: list[dict[str, Any]] = section["parts"]
    if not parts:
        return section
    named = next((p for p in parts if p["title"] == row.part), None)
    if named is not None:
        return named
    key = id_key(row.provision_id)
    before = [p for p in parts if any(id_key(x["id"]) < key for x in p["provisions"])]
    return before[-1] if before else parts[0]


def _modality(text: str) -> str:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return "should" if "should" in words and "must" not in words else "must"


def _words(text: str) -> list[str]:
    return text.split()


def similarity(a: str, b: str) -> float:
    """Return how alike two texts are, word by word (0 to 1)."""
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def check_same_edition(form: Form, edition: CodeEdition, shown: str) -> None:
    """Refuse a form whose text matches too few of the edition's bundled texts."""
    compared = [
        similarity(p.text, row.requirement)
        for row in form.rows
        if (p := edition.provision(row.provision_id)) is not None and p.text and row.requirement
    ]
    close = sum(score >= 0.6 for score in compared)
    if len(compared) >= 3 and close * 2 < len(compared):
        message = (
            f"the form's requirement text matches only {close} of the {len(compared)} "
            f"provisions of {edition.id} whose text is bundled; it looks like a form for "
            "another edition of the Code: choose the edition with --edition"
        )
        raise InputError([error(shown, 1, 1, "E124", message)])


def word_diff(old: str, new: str, context: int = 4) -> str:
    """Return a word diff, [-removed-] {+added+}, long unchanged stretches shortened to …."""
    a, b = _words(old), _words(new)
    pieces: list[str] = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            pieces += _shortened(a[i1:i2], context, index == 0, index == len(opcodes) - 1)
            continue
        if i2 > i1:
            pieces.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            pieces.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(pieces)


def _shortened(words: list[str], context: int, first: bool, last: bool) -> list[str]:
    keep_before = 0 if first else context
    keep_after = 0 if last else context
    if len(words) <= keep_before + keep_after + 1:
        return words
    return [*words[:keep_before], "…", *words[len(words) - keep_after :]]
