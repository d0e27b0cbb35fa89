"""The committee progress report as Markdown (plan.md) and CSV (plan.csv), public or internal."""

from __future__ import annotations

from collections.abc import Iterator

from selfassess.casework.summaryview import AREA_COLUMNS, SUBJECT_COLUMNS
from selfassess.casework.view import (
    INTERNAL_NOTE,
    ITEM_COLUMNS,
    CaseView,
    Note,
    PlanItem,
    PlanView,
    RecommendationView,
)
from selfassess.render.csvsafe import to_csv
from selfassess.render.mdescape import cell, escape, target
from selfassess.render.usermarkdown import inert_markdown

PLAN_COLUMNS = (
    "Case",
    "Kind",
    "From",
    "Order or action",
    "Compensation",
    "Responsible",
    "Due",
    "Status",
    "Done on",
    "Overdue",
    "Area",
    "Senior responsible officer",
    "First due",
    "Times moved",
    "Days moved",
    "Due date history",
    "Latest progress",
)


def plan_markdown(plan: PlanView) -> str:
    """Return the whole report as Markdown."""
    lines = [f"# {escape(plan.landlord)}: {escape(plan.title)}", ""]
    if plan.internal:
        lines += [f"**{INTERNAL_NOTE}**", ""]
    lines += [f"- **{escape(f.label)}:** {escape(f.value)}" for f in plan.facts] + [""]
    lines += list(_summary(plan))
    for case in plan.cases:
        lines += list(_case(case))
    if plan.publications:
        lines += ["## The Ombudsman's reports about us", ""]
        for item in plan.publications:
            title = escape(item.title)
            title = f"[{title}]({target(item.url)})" if item.url else title
            when = f", {item.date}" if item.date else ""
            lines.append(f"- {title} ({escape(item.kind)}{when})")
        lines.append("")
    lines += ["## How the figures are counted", "", plan.words.method, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary(plan: PlanView) -> Iterator[str]:
    yield "## Summary"
    yield ""
    yield f"- {plan.actions_headline}."
    yield f"- Recommendations made: {plan.recommendations_summary}."
    yield f"- {plan.orders_headline}."
    yield f"- {plan.words.compensation}: {plan.compensation}."
    yield f"- {plan.words.rate}: {plan.rate}."
    yield ""
    yield f"Table: {plan.words.findings_caption}"
    yield ""
    yield "| {} | {} |".format(*plan.words.findings_columns)
    yield "| --- | ---: |"
    for finding, share in plan.findings:
        yield f"| {finding.capitalize()} | {share.text} |"
    yield ""
    if plan.by_subject:
        yield "Table: The Ombudsman's findings, orders and compensation, by subject"
        yield ""
        yield from _head(SUBJECT_COLUMNS)
        for row in plan.by_subject:
            cells = (row.findings, row.adverse.text, row.orders, row.compensation)
            yield f"| {cell(row.name)} | " + " | ".join(str(c) for c in cells) + " |"
        yield ""
    if plan.by_area:
        yield "Table: Recommendations and their actions, by area"
        yield ""
        yield from _head(AREA_COLUMNS)
        for area in plan.by_area:
            yield f"| {cell(area.name)} | " + " | ".join(area.cells) + " |"
        yield ""


def _head(columns: tuple[str, ...]) -> Iterator[str]:
    yield "| " + " | ".join(columns) + " |"
    yield "| --- " + "| ---: " * (len(columns) - 1) + "|"


def _case(case: CaseView) -> Iterator[str]:
    yield f"## {escape(case.heading)}"
    yield ""
    yield f"- **Kind:** {case.kind}"
    yield f"- **Reference:** {escape(case.reference)}"
    if case.date:
        yield f"- **Date:** {case.date}"
    if case.url:
        yield f"- **Published:** [the Ombudsman's decision or report]({target(case.url)})"
    yield ""
    if case.findings:
        yield from ("### Findings", "", "| Complaint issue | Finding |", "| --- | --- |")
        yield from (
            f"| {cell(issue)} | {finding.capitalize()} |" for issue, finding in case.findings
        )
        yield ""
    if case.orders:
        yield from ("### Orders", "")
        yield from _items(case.orders)
        yield from _history(case.orders_moved, case.orders_noted)
    if case.recommendations:
        yield f"{case.headline}."
        yield ""
    if not case.areas:
        for rec in case.recommendations:
            yield from _recommendation(rec, "###")
    for area in case.areas:
        yield from (f"### {escape(area.name)}", "", f"{area.headline}.", "")
        for rec in area.recommendations:
            yield from _recommendation(rec, "####")


def _recommendation(rec: RecommendationView, level: str) -> Iterator[str]:
    yield f"{level} Recommendation {escape(rec.id)}: {escape(rec.text)}"
    yield ""
    if rec.sro:
        yield from (f"- **Senior responsible officer:** {escape(rec.sro)}", "")
    yield f"{rec.headline}."
    yield ""
    if rec.progress:
        yield f"**Progress on recommendation {escape(rec.id)}:**"
        yield ""
        yield from _notes(rec.progress, "")
    if rec.actions:
        yield from _items(rec.actions)
        yield from _history(rec.moved, rec.noted)


def _notes(notes: tuple[Note, ...], indent: str) -> Iterator[str]:
    for note in notes:
        text = inert_markdown(note.text).splitlines() or [""]
        yield f"{indent}- **{escape(note.on)}:** {text[0]}"
        yield from (f"{indent}  {line}" if line else "" for line in text[1:])
    yield ""


def _history(moved: tuple[PlanItem, ...], noted: tuple[PlanItem, ...]) -> Iterator[str]:
    if moved:
        yield from ("**Due dates moved:**", "")
        for item in moved:
            yield f"- {escape(item.do)}: first due {item.first_due}, {item.due_moved}."
            yield from (f"  - {escape(r.text)}" for r in item.revisions)
        yield ""
    if noted:
        yield from ("**Progress on the actions:**", "")
        for item in noted:
            yield f"- {escape(item.do)}"
            yield from _notes(item.progress, "  ")


def _items(items: tuple[PlanItem, ...]) -> Iterator[str]:
    yield "| " + " | ".join(ITEM_COLUMNS) + " |"
    yield "| --- | --- | --- | --- |"
    for item in items:
        money = f" (compensation {item.compensation})" if item.compensation else ""
        state = f"**{item.state}**" if item.overdue else item.state
        yield f"| {cell(item.do)}{money} | {cell(item.owner)} | {cell(item.due_text)} | {state} |"
    yield ""


def plan_csv(plan: PlanView) -> str:
    """Return one row per order and action: where it comes from, who, when and where it stands."""
    rows = []
    for case, source, item, rec in plan.items_with_recommendations:
        latest = item.progress[-1] if item.progress else None
        rows.append(
            (
                case.reference,
                case.kind,
                source,
                item.do,
                item.compensation or "",
                item.owner,
                item.due_iso,
                item.status,
                item.done_iso,
                "Yes" if item.overdue else "No",
                (rec.area or "") if rec else "",
                (rec.sro or "") if rec else "",
                item.first_due_iso,
                str(item.moves),
                str(item.days_moved),
                "; ".join(r.text for r in item.revisions),
                f"{latest.on_iso}: {latest.text}" if latest else "",
            )
        )
    return to_csv(PLAN_COLUMNS, rows)
