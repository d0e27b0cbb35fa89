"""Give an imported assessment what its Word document shows outside the form tables.

A document `selfassess render` wrote says who the landlord is, the period, the
status, the dates, the governing body and its approval and response, and the
actions of its action plan; reading them back means render then import loses
nothing the document shows. Owners appear by role only, so each becomes an
owner keyed by its role.
"""

from __future__ import annotations

import re
from typing import Any

from selfassess.cycle.start import slug
from selfassess.dates import year_after
from selfassess.models import (
    PLACEHOLDER_LANDLORD,
    Action,
    Approval,
    Assessment,
    Governance,
    Landlord,
    Owner,
)
from selfassess.wordform.facts import DocumentFacts
from selfassess.wordform.readrow import markdown_lines, read_date

_DETAILS = re.compile(r"^(?P<name>.+?)(?: \((?P<details>[^()]*)\))?$")
_HOMES = re.compile(r"^([\d,]+) homes?$", re.ASCII)
_NOTED = re.compile(r"^(?P<date>\d{1,2} \w+ \d{4})(?: \((?P<note>.*)\))?$")
_REFERENCE = re.compile(r"^acknowledgement reference (.+)$")
_ACTION = re.compile(
    r"^(?P<do>.+?)(?: \(responsible: (?P<owner>.+)\))?(?:, due (?P<due>\d{1,2} \w+ \d{4}))?"
    r"\. Status: (?P<status>not started|in progress|done)\.$"
)
_STATUSES = {"approved": "approved", "published": "published"}


def apply_facts(assessment: Assessment, found: DocumentFacts, problems: list[str]) -> Assessment:
    """Return the assessment with the document's facts, action plan and response filled in."""
    facts = found.facts
    update: dict[str, Any] = {
        "status": _STATUSES.get(facts.get("Status", "").lower(), "draft"),
        "assessed_on": _date(facts.get("Assessed"), "Assessed", problems),
        "published_on": _date(facts.get("Published"), "Published", problems),
        "governance": _governance(found, problems),
    }
    update.update(_submission(facts.get("Submitted to the Housing Ombudsman"), problems))
    next_review = _date(facts.get("Next review"), "Next review", problems)
    assessed = update["assessed_on"]
    if next_review and (assessed is None or next_review != year_after(assessed)):
        update["next_review"] = next_review
    named = facts.get("Landlord", facts.get("Council"))  # each Code's word for the body
    if named is not None:
        update["landlord"] = _landlord(named, assessment.landlord)
    if "Period assessed" in facts:
        update["period"] = facts["Period assessed"]
    imported = assessment.model_copy(update=update, deep=True)
    _add_actions(imported, found.plans, problems)
    return imported


def _date(text: str | None, label: str, problems: list[str]) -> Any:
    if not text:
        return None
    day = read_date(text)
    if day is None:
        problems.append(f"could not read the date {text!r} after '{label}:'")
    return day


def _landlord(text: str, given: Landlord) -> Landlord:
    """Read "Name (kind, 12,400 homes)"; a name given on the command line wins."""
    match = _DETAILS.match(text)
    name, details = (match.group("name"), match.group("details")) if match else (text, None)
    kind, homes = None, None
    for detail in (details or "").split(", "):
        counted = _HOMES.match(detail)
        if counted:
            homes = int(counted.group(1).replace(",", ""))
        elif detail:
            kind = detail
    if details and kind is None and homes is None:
        name = text
    return Landlord(
        name=given.name if given.name != PLACEHOLDER_LANDLORD else name, kind=kind, homes=homes
    )


def _governance(found: DocumentFacts, problems: list[str]) -> Governance:
    facts, approval = found.facts, None
    noted = _NOTED.match(facts.get("Approved", ""))
    if noted:
        day = _date(noted.group("date"), "Approved", problems)
        approval = Approval(date=day, minute=noted.group("note")) if day else None
    elif "Approved" in facts:
        problems.append(f"could not read the approval {facts['Approved']!r}")
    return Governance(
        governing_body=facts.get("Governing body"),
        member_responsible_for_complaints=facts.get(
            "Member responsible for complaints", facts.get("Member Responsible for Complaints")
        ),
        approval=approval,
        response=markdown_lines(found.response, list(found.response_links)),
    )


def _submission(text: str | None, problems: list[str]) -> dict[str, Any]:
    noted = _NOTED.match(text or "")
    if not noted:
        return {}
    reference = _REFERENCE.match(noted.group("note") or "")
    return {
        "submitted_on": _date(noted.group("date"), "Submitted", problems),
        "submission_reference": reference.group(1) if reference else None,
    }


def _add_actions(assessment: Assessment, plans: dict[str, list[str]], problems: list[str]) -> None:
    """Give each answer its action plan, and each role an owner keyed by it."""
    for pid, lines in plans.items():
        response = assessment.responses.get(pid)
        if response is None:
            problems.append(f"{pid}: the action plan names a provision the form has no row for")
            continue
        for line in lines:
            action = _action(line, assessment)
            if action is None:
                problems.append(f"{pid}: could not read the action {line!r}")
            else:
                response.actions.append(action)


def _action(line: str, assessment: Assessment) -> Action | None:
    match = _ACTION.match(line)
    if not match:
        return None
    role = match.group("owner")
    key = None
    if role:
        key = slug(role)
        assessment.owners.setdefault(key, Owner(role=role))
    due = read_date(match.group("due")) if match.group("due") else None
    return Action(do=match.group("do"), owner=key, due=due, status=match.group("status"))
