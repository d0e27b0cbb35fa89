"""Write a year-on-year diff as text, Markdown for the annual report, or versioned JSON."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from selfassess.cycle.diff import DIFF_SCHEMA_VERSION, Diff, ProvisionChange
from selfassess.dates import long_date
from selfassess.models import Assessment, Evidence
from selfassess.render.jsondoc import json_document
from selfassess.render.mdescape import cell, target
from selfassess.render.usermarkdown import inert_markdown
from selfassess.safety import published_url
from selfassess.wording import plural

_PLAIN_TARGET = re.compile(r"^[^\s()<>]+$")  # a link target that cannot end the link early
_HEADLINES = (
    ("gap closed", "Gaps closed"),
    ("gap opened", "Gaps opened"),
    ("answered", "Newly answered"),
    ("answer removed", "Answers removed"),
)


def format_text(diff: Diff) -> str:
    """Return the diff for the terminal: counts, then each changed provision."""
    lines = [f"Changes from {_named(diff.old_file, diff.old)} to {_named(diff.new_file, diff.new)}"]
    if diff.old.code != diff.new.code:
        lines.append(f"Matched through the edition map {diff.old.code} -> {diff.new.code}")
    for kind, heading in _HEADLINES:
        lines.append(f"{heading}: {_ids([c.id for c in diff.with_answer_change(kind)])}")
    for word in ("completed", "added", "removed", "changed"):
        count = sum(len(getattr(c, f"actions_{word}")) for c in diff.changes)
        lines.append(f"Actions {word}: {count}")
    for change in diff.changes:
        lines += ["", *_change_lines(change)]
    if diff.new_provisions:
        lines += ["", f"New provisions (no earlier answer): {', '.join(diff.new_provisions)}"]
    if diff.dropped_provisions:
        lines += ["", f"No longer answered: {', '.join(diff.dropped_provisions)}"]
    return "\n".join(lines) + "\n"


def _named(file: str, assessment: Assessment) -> str:
    return f"{file} ({assessment.period}, {assessment.code})"


def _ids(ids: list[str]) -> str:
    return f"{len(ids)} ({', '.join(ids)})" if ids else "0"


def _change_lines(change: ProvisionChange) -> list[str]:
    was = f" (was {', '.join(change.old_ids)})" if change.old_ids not in ([], [change.id]) else ""
    head = f"{change.id}{was} {change.summary or ''}".rstrip()
    if change.old_answer != change.new_answer:
        head += f": {change.old_answer or 'unanswered'} -> {change.new_answer or 'unanswered'}"
        head += f" ({change.answer_change})" if change.answer_change else ""
    lines = [head]
    lines += [f"  evidence added: {_evidence_text(e)}" for e in change.evidence_added]
    lines += [f"  evidence removed: {_evidence_text(e)}" for e in change.evidence_removed]
    lines += [
        f"  evidence updated: {_evidence_text(new)} (was {_evidence_text(old)})"
        for old, new in change.evidence_updated
    ]
    lines += ["  commentary changed"] if change.commentary_changed else []
    lines += ["  explanation changed"] if change.explanation_changed else []
    if change.old_compliance_date != change.new_compliance_date:
        old, new = change.old_compliance_date or "none", change.new_compliance_date or "none"
        lines.append(f"  compliance date: {old} -> {new}")
    lines += [f"  action completed: {do}" for do in change.actions_completed]
    lines += [f"  action added: {do}" for do in change.actions_added]
    lines += [f"  action removed: {do}" for do in change.actions_removed]
    for action in change.actions_changed:
        moves = ", ".join(
            f"{name} {old or 'none'} -> {new or 'none'}"
            for name, (old, new) in action.fields.items()
        )
        lines.append(f"  action changed: {action.do} ({moves})")
    return lines


def _evidence_text(item: Evidence) -> str:
    if isinstance(item, str):
        return item
    where = item.url or item.path
    return f"{item.title} ({where})" if where else item.title


def format_markdown(diff: Diff) -> str:
    """Return Markdown for the 'service improvements' part of the annual complaints report."""
    old, new = cell(diff.old.period), cell(diff.new.period)
    lines = [
        f"## Changes to our self-assessment since {old}",
        "",
        f"Our {new} self-assessment against {cell(diff.ombudsman)}'s Complaint "
        f"Handling Code compared with {old}:",
        "",
        *_summary_bullets(diff),
    ]
    lines += _md_section("Requirements we now meet", _md_closed(diff))
    lines += _md_section("Improvement actions completed", _md_completed(diff))
    lines += _md_section("Improvement actions added", _md_actions(diff, "added"))
    lines += _md_section("Improvement actions withdrawn", _md_actions(diff, "removed"))
    lines += _md_section("Improvement actions rescheduled or reassigned", _md_changed(diff))
    lines += _md_section("Requirements we no longer meet", _md_opened(diff))
    lines += _md_section("Evidence and commentary updated", _md_updated(diff))
    if not diff.changes:
        lines += ["", "No answer, evidence, commentary or action changed."]
    return "\n".join(lines) + "\n"


def _summary_bullets(diff: Diff) -> list[str]:
    closed, opened = diff.with_answer_change("gap closed"), diff.with_answer_change("gap opened")
    completed = sum(len(c.actions_completed) for c in diff.changes)
    return [
        f"- {plural(len(closed), 'gap')} closed",
        f"- {plural(completed, 'improvement action')} completed",
        f"- {plural(len(opened), 'gap')} opened",
    ]


def _md_section(title: str, bullets: list[str]) -> list[str]:
    return ["", f"### {title}", "", *bullets] if bullets else []


def _label(change: ProvisionChange) -> str:
    summary = f" {cell(change.summary)}" if change.summary else ""
    return f"**{cell(change.id)}**{summary}"


def _md_closed(diff: Diff) -> list[str]:
    bullets = []
    for change in diff.with_answer_change("gap closed"):
        evidence = "; ".join(_evidence_md(e) for e in change.evidence_added)
        bullets.append(f"- {_label(change)}" + (f". Evidence: {evidence}" if evidence else ""))
    return bullets


def _md_completed(diff: Diff) -> list[str]:
    return [
        f"- {cell(do)} (provision {cell(c.id)})" for c in diff.changes for do in c.actions_completed
    ]


def _md_actions(diff: Diff, word: str) -> list[str]:
    return [
        f"- {cell(do)} (provision {cell(c.id)})"
        for c in diff.changes
        for do in getattr(c, f"actions_{word}")
    ]


def _md_changed(diff: Diff) -> list[str]:
    """Say how actions moved, naming owners by role (the annual report is public)."""
    bullets = []
    for change in diff.changes:
        for action in change.actions_changed:
            moves = "; ".join(_md_move(diff, name, pair) for name, pair in action.fields.items())
            bullets.append(f"- {cell(action.do)} (provision {cell(change.id)}): {moves}")
    return bullets


def _md_move(diff: Diff, name: str, pair: tuple[str | None, str | None]) -> str:
    old, new = pair
    if name == "due":
        return f"due date moved from {_long(old)} to {_long(new)}"
    if name == "owner":
        return f"now with the {cell(_role(diff.new, new))} (was the {cell(_role(diff.old, old))})"
    return f"now {cell(new or 'not started')} (was {cell(old or 'not started')})"


def _long(iso: str | None) -> str:
    return long_date(dt.date.fromisoformat(iso)) if iso else "no date"


def _role(assessment: Assessment, key: str | None) -> str:
    owner = assessment.owners.get(key or "")
    return owner.role if owner else "owner not named"


def _md_opened(diff: Diff) -> list[str]:
    bullets = []
    for change in diff.with_answer_change("gap opened"):
        date = change.new_compliance_date
        when = f"; we intend to comply by {long_date(dt.date.fromisoformat(date))}" if date else ""
        bullets.append(f"- {_label(change)}{when}")
    return bullets


def _md_updated(diff: Diff) -> list[str]:
    bullets = []
    for change in diff.changes:
        if change.answer_change in ("gap closed", "gap opened"):
            continue
        parts = []
        if change.evidence_added or change.evidence_removed or change.evidence_updated:
            parts.append("evidence updated")
        if change.commentary_changed or change.explanation_changed:
            parts.append("commentary updated")
        if parts:
            bullets.append(f"- {_label(change)}: {' and '.join(parts)}")
    return bullets


def _evidence_md(item: Evidence) -> str:
    """Write evidence inline: users' markdown made inert, titles escaped, only safe links."""
    if isinstance(item, str):
        return " ".join(inert_markdown(item).split())
    published = published_url(item.url)
    if published:
        url = published if _PLAIN_TARGET.match(published) else target(published)
        return f"[{cell(item.title)}]({url})"
    return cell(item.title)


def format_json(diff: Diff) -> str:
    """Return the diff as versioned JSON."""
    data: dict[str, Any] = {
        "schema_version": DIFF_SCHEMA_VERSION,
        "old": _side(diff.old_file, diff.old),
        "new": _side(diff.new_file, diff.new),
        "changes": [_change_data(c) for c in diff.changes],
        "new_provisions": diff.new_provisions,
        "dropped_provisions": diff.dropped_provisions,
    }
    return json_document(data)


def _side(file: str, assessment: Assessment) -> dict[str, str]:
    return {"file": file, "period": assessment.period, "code": assessment.code}


def _change_data(change: ProvisionChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "old_ids": change.old_ids,
        "summary": change.summary,
        "old_answer": change.old_answer,
        "new_answer": change.new_answer,
        "answer_change": change.answer_change,
        "evidence_added": [_evidence_data(e) for e in change.evidence_added],
        "evidence_removed": [_evidence_data(e) for e in change.evidence_removed],
        "evidence_updated": [
            {"old": _evidence_data(old), "new": _evidence_data(new)}
            for old, new in change.evidence_updated
        ],
        "commentary_changed": change.commentary_changed,
        "explanation_changed": change.explanation_changed,
        "compliance_date": {"old": change.old_compliance_date, "new": change.new_compliance_date},
        "actions_completed": change.actions_completed,
        "actions_added": change.actions_added,
        "actions_removed": change.actions_removed,
        "actions_changed": [
            {
                "do": action.do,
                **{name: {"old": old, "new": new} for name, (old, new) in action.fields.items()},
            }
            for action in change.actions_changed
        ],
    }


def _evidence_data(item: Evidence) -> Any:
    return item if isinstance(item, str) else item.model_dump(exclude_none=True)


FORMATS = {"text": format_text, "md": format_markdown, "json": format_json}
