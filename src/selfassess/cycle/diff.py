"""Year on year: what changed between two assessments, matched through the edition map."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.check import load_assessment
from selfassess.code.catalogue import Catalogue
from selfassess.cycle.migrate import evidence_key, migrate
from selfassess.models import Action, Assessment, CodeEdition, EditionMap, Evidence, Response

DIFF_SCHEMA_VERSION = 1

#: Actions done, by (provision id, the action's words with spaces normalised): its text.
Done = dict[tuple[str, str], str]

ANSWER_CHANGES = {
    ("no", "yes"): "gap closed",
    ("yes", "no"): "gap opened",
    (None, "yes"): "answered",
    (None, "no"): "answered",
    ("yes", None): "answer removed",
    ("no", None): "answer removed",
}


@dataclass
class ActionChange:
    """An action in both years whose due date, owner or status changed: field -> (old, new)."""

    do: str
    fields: dict[str, tuple[str | None, str | None]]


@dataclass
class ProvisionChange:
    """What changed in the answer to one provision."""

    id: str
    old_ids: list[str]
    summary: str | None
    old_answer: str | None
    new_answer: str | None
    evidence_added: list[Evidence] = field(default_factory=list)
    evidence_removed: list[Evidence] = field(default_factory=list)
    #: The same evidence under a new title (a year or a date changed, or the same link): (old, new).
    evidence_updated: list[tuple[Evidence, Evidence]] = field(default_factory=list)
    commentary_changed: bool = False
    explanation_changed: bool = False
    old_compliance_date: str | None = None
    new_compliance_date: str | None = None
    actions_completed: list[str] = field(default_factory=list)
    actions_added: list[str] = field(default_factory=list)
    actions_removed: list[str] = field(default_factory=list)
    actions_changed: list[ActionChange] = field(default_factory=list)

    @property
    def answer_change(self) -> str | None:
        """Return 'gap closed', 'gap opened', 'answered' or 'answer removed', if any."""
        return ANSWER_CHANGES.get((self.old_answer, self.new_answer))

    def changed(self) -> bool:
        """Return True when anything changed."""
        return bool(
            self.answer_change
            or self.evidence_added
            or self.evidence_removed
            or self.evidence_updated
            or self.commentary_changed
            or self.explanation_changed
            or self.old_compliance_date != self.new_compliance_date
            or self.actions_completed
            or self.actions_added
            or self.actions_removed
            or self.actions_changed
        )


@dataclass
class Diff:
    """Every change between an older and a newer assessment."""

    old_file: str
    new_file: str
    old: Assessment
    new: Assessment
    changes: list[ProvisionChange] = field(default_factory=list)
    new_provisions: list[str] = field(default_factory=list)
    dropped_provisions: list[str] = field(default_factory=list)
    ombudsman: str = "the Housing Ombudsman"  # whose Code the newer assessment is against

    def with_answer_change(self, kind: str) -> list[ProvisionChange]:
        """Return the changes of one kind of answer change, e.g. 'gap closed'."""
        return [c for c in self.changes if c.answer_change == kind]


def diff_files(old_path: Path, new_path: Path, as_of: dt.date) -> Diff:
    """Load two assessments and compare them, through the edition map if their editions differ."""
    old = load_assessment(old_path, as_of)
    new = load_assessment(new_path, as_of)
    edition_map = None
    if old.assessment.code != new.assessment.code:
        catalogue = Catalogue.near(new_path)
        edition_map = catalogue.require_map(old.assessment.code, new.assessment.code, new.document)
    files = (old.document.path_display, new.document.path_display)
    return diff_assessments(old.assessment, new.assessment, new.edition, edition_map, files)


def diff_assessments(
    old: Assessment,
    new: Assessment,
    edition: CodeEdition,
    edition_map: EditionMap | None = None,
    files: tuple[str, str] = ("OLD", "NEW"),
) -> Diff:
    """Compare two assessments; an older edition's answers are first carried through the map."""
    result = Diff(files[0], files[1], old, new, ombudsman=edition.words.ombudsman)
    before, sources = old.responses, {pid: [pid] for pid in old.responses}
    if edition_map is not None:
        migration = migrate(old, edition, edition_map)
        before, sources = migration.assessment.responses, migration.sources
        carried = {pid for ids in sources.values() for pid in ids}
        result.dropped_provisions = [pid for pid in old.responses if pid not in carried]
    done_before = _done(old, lambda pid: _targets(pid, sources))
    done_after = _done(new, lambda pid: [pid])
    for pid, answer in _in_order(new.responses, edition):
        earlier = before.get(pid)
        if earlier is None or pid not in sources:
            result.new_provisions.append(pid)
            earlier = Response()
        provision = edition.provision(pid)
        change = _compare(pid, earlier, answer, sources.get(pid, []), done_before, done_after)
        change.summary = provision.summary if provision else None
        if change.changed():
            result.changes.append(change)
    if edition_map is None:
        result.dropped_provisions = [pid for pid in old.responses if pid not in new.responses]
    return result


def _targets(old_id: str, sources: dict[str, list[str]]) -> list[str]:
    return [target for target, ids in sources.items() if old_id in ids]


def _in_order(responses: dict[str, Response], edition: CodeEdition) -> list[tuple[str, Response]]:
    order = [p.id for _, p in edition.provisions()]
    ranked = sorted(responses, key=lambda pid: order.index(pid) if pid in order else len(order))
    return [(pid, responses[pid]) for pid in ranked]


def _done(assessment: Assessment, targets: Callable[[str], list[str]]) -> Done:
    """Return the actions done in an assessment, its history included, by provision."""
    found: Done = {}
    for pid, response in assessment.responses.items():
        for action in response.actions:
            if action.status == "done":
                found.update({(t, _words(action.do)): action.do for t in targets(pid)})
    for item in assessment.history:
        found.update({(t, _words(item.do)): item.do for t in targets(item.provision)})
    return found


def _compare(
    pid: str,
    old: Response,
    new: Response,
    old_ids: list[str],
    done_before: Done,
    done_after: Done,
) -> ProvisionChange:
    old_keys = {evidence_key(e) for e in old.evidence}
    new_keys = {evidence_key(e) for e in new.evidence}
    old_actions = {_words(a.do) for a in old.actions}
    new_actions = {_words(a.do): a for a in new.actions}
    completed = {key for key in done_after if key[0] == pid and key not in done_before}
    added = [e for e in new.evidence if evidence_key(e) not in old_keys]
    removed = [e for e in old.evidence if evidence_key(e) not in new_keys]
    updated = _same_evidence(removed, added)
    return ProvisionChange(
        id=pid,
        old_ids=old_ids,
        summary=None,
        old_answer=old.comply,
        new_answer=new.comply,
        evidence_added=[e for e in added if all(e is not n for _, n in updated)],
        evidence_removed=[e for e in removed if all(e is not o for o, _ in updated)],
        evidence_updated=updated,
        commentary_changed=_words(old.commentary) != _words(new.commentary),
        explanation_changed=_words(old.explanation) != _words(new.explanation),
        old_compliance_date=_date(old),
        new_compliance_date=_date(new),
        actions_completed=[text for key, text in done_after.items() if key in completed],
        # An action added and done within the year is listed once, as completed.
        actions_added=[
            a.do
            for a in new.actions
            if _words(a.do) not in old_actions and (pid, _words(a.do)) not in completed
        ],
        # An action gone from the answers but recorded as done (history) was completed, not removed.
        actions_removed=[
            a.do
            for a in old.actions
            if _words(a.do) not in new_actions and (pid, _words(a.do)) not in done_after
        ],
        actions_changed=[
            change
            for a in old.actions
            if (change := _action_change(a, new_actions.get(_words(a.do)))) is not None
        ],
    )


#: A year, a date or another number in an evidence title: "policy (April 2024)" is the
#: same evidence as "policy (April 2025)".
_NUMBERS = re.compile(r"\d+")


def _same_evidence(
    removed: list[Evidence], added: list[Evidence]
) -> list[tuple[Evidence, Evidence]]:
    """Pair each removed item with an added one that is the same evidence, updated."""
    pairs: list[tuple[Evidence, Evidence]] = []
    unmatched = list(added)
    for old in removed:
        match = next((new for new in unmatched if _updated(old, new)), None)
        if match is not None:
            pairs.append((old, match))
            unmatched.remove(match)
    return pairs


def _updated(old: Evidence, new: Evidence) -> bool:
    if isinstance(old, str) or isinstance(new, str):
        return isinstance(old, str) and isinstance(new, str) and _shape(old) == _shape(new)
    same_place = (old.url or old.path) is not None and (old.url, old.path) == (new.url, new.path)
    return same_place or (
        _shape(old.title) == _shape(new.title) and (old.url is None) == (new.url is None)
    )


def _shape(text: str) -> str:
    return _NUMBERS.sub("#", _words(text).lower())


def _action_change(old: Action, new: Action | None) -> ActionChange | None:
    """Say how an action's due date, owner or status changed (completion is counted apart)."""
    if new is None:
        return None
    pairs = {
        "due": (_iso(old.due), _iso(new.due)),
        "owner": (old.owner, new.owner),
        "status": (old.status, new.status),
    }
    if new.status == "done":
        del pairs["status"]
    changed = {name: pair for name, pair in pairs.items() if pair[0] != pair[1]}
    return ActionChange(new.do, changed) if changed else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(response: Response) -> str | None:
    return response.compliance_date.isoformat() if response.compliance_date else None


def _words(text: str | None) -> str:
    return " ".join((text or "").split())
