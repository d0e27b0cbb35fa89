"""The gap list as Markdown (gaps.md) and as plain text for the terminal."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from selfassess.assessment import view as v
from selfassess.assessment.gaps import Gap, GapAction, GapList
from selfassess.assessment.owed import OwedList
from selfassess.render.mdescape import cell, escape, target
from selfassess.render.usermarkdown import inert_markdown
from selfassess.wording import plural

INTERNAL_NOTE = (
    "Internal: this list names the people responsible for each action. Do not publish it."
)


def headline(gaps: GapList) -> str:
    """Say how many gaps and actions there are, and how many actions are overdue."""
    count = len(gaps.gaps)
    actions = len(gaps.actions)
    if gaps.owner:
        return (
            f"As of {gaps.as_of}: {plural(actions, 'action')} for {gaps.owner} "
            f"on {plural(count, 'provision')} answered no, {gaps.overdue} overdue."
        )
    return (
        f"As of {gaps.as_of}: {plural(count, 'provision')} answered no, "
        f"{plural(actions, 'action')}, {gaps.overdue} overdue."
    )


def gaps_markdown(gaps: GapList) -> str:
    """Return the gap list as Markdown, by provision and then by owner."""
    lines = [f"# Gap list: {escape(gaps.landlord)}, {escape(gaps.period)}", ""]
    if gaps.draft:
        lines += [f"> **{v.DRAFT_BANNER}**", ""]
        lines += [f"- {escape(problem)}" for problem in gaps.problems] + (
            [""] if gaps.problems else []
        )
    lines += [INTERNAL_NOTE, "", headline(gaps), ""]
    for gap in gaps.gaps:
        lines += list(_gap_markdown(gap))
    lines += ["## Actions by owner", ""]
    for owner, actions in gaps.by_owner():
        lines += [f"### {escape(owner)}", "", "| Due | Code provision | Action | Status |"]
        lines.append("| --- | --- | --- | --- |")
        for a in actions:
            lines.append(f"| {a.due_text} | {cell(a.provision)} | {cell(a.do)} | {_status(a)} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _gap_markdown(gap: Gap) -> Iterator[str]:
    row = gap.row
    yield f"## {escape(row.id)}: {escape(row.summary)} ({row.modality or 'not in the bundled Code'})"
    yield ""
    if row.text is not None:
        yield "**Code requirement:**"
        yield ""
        yield from (f"> {'- ' if b.bullet else ''}{escape(b.text)}" for b in row.text)
        yield ""
    elif row.code_link.url:
        yield f"[{escape(row.code_link.text)}]({target(row.code_link.url)})"
        yield ""
    if row.explanation:
        yield f"**{v.EXPLANATION_LABEL}** {inert_markdown(row.explanation)}"
        yield ""
    yield f"**{v.DATE_LABEL}** {row.compliance_date or 'not set'}"
    yield ""
    if not gap.actions:
        yield "No actions recorded."
        yield ""
        return
    yield "| Action | Owner | Role | Email | Due | Status |"
    yield "| --- | --- | --- | --- | --- | --- |"
    for a in gap.actions:
        yield (
            f"| {cell(a.do)} | {cell(a.owner_name or a.owner_key or '')} | {cell(a.owner_role or '')} "
            f"| {cell(a.owner_email or '')} | {a.due_text} | {_status(a)} |"
        )
    yield ""


def _status(action: GapAction) -> str:
    return f"{action.status}, overdue" if action.overdue else action.status


def gaps_text(gaps: GapList, by_owner: bool = False) -> str:
    """Return the gap list for the terminal."""
    lines = [f"Gap list: {gaps.landlord}, {gaps.period}", headline(gaps), ""]
    if by_owner:
        for owner, actions in gaps.by_owner():
            lines.append(owner)
            for a in actions:
                lines.append(f"  {a.due_text}: {a.provision} {a.do} ({_status(a)})")
            lines.append("")
    else:
        for gap in gaps.gaps:
            lines += list(_gap_text(gap))
    return _terminal_safe(lines)


def _terminal_safe(lines: list[str]) -> str:
    text = "\n".join(lines).rstrip("\n") + "\n"
    # Control characters in users' text must not drive the terminal.
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")


def owed_text(owed: OwedList, by_owner: bool = False) -> str:
    """Return what is owed across files for the terminal: by owner, or all by due date."""
    lines = [
        "What is owed: the Code's gaps and the Ombudsman's orders and actions",
        f"As of {owed.as_of}: {plural(len(owed.items) - owed.done, 'item')} owed, "
        f"{owed.overdue} overdue" + (f"; {owed.done} done, listed too." if owed.done else "."),
        INTERNAL_NOTE,
        "",
    ]
    if by_owner:
        for owner, items in owed.by_owner():
            lines.append(owner)
            lines += [f"  {i.due_text}: {i.source} ({i.file}): {i.do} ({i.state})" for i in items]
            lines.append("")
    else:
        for i in owed.by_due():
            lines.append(f"{i.due_text}: {i.source} ({i.file}): {i.do}")
            lines.append(f"  {i.owner}; {i.state}")
    return _terminal_safe(lines)


def _gap_text(gap: Gap) -> Iterator[str]:
    row = gap.row
    yield f"{row.id} ({row.modality or 'not in the bundled Code'}) {row.summary}"
    yield f"  {v.DATE_LABEL} {row.compliance_date or 'not set'}"
    for a in gap.actions:
        yield f"  - {a.do}"
        yield f"    {a.owner_label}; due {a.due_text}; {_status(a)}"
    yield ""
