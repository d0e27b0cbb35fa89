"""The committee progress report as Markdown (plan.md) and CSV (plan.csv), public or internal."""

from __future__ import annotations

from collections.abc import Iterator

from selfassess.casework.view import (
    INTERNAL_NOTE,
    ITEM_COLUMNS,
    CaseView,
    PlanItem,
    PlanView,
)
from selfassess.render.csvsafe import to_csv
from selfassess.render.mdescape import cell, escape, target

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
    yield f"- {plan.orders_headline}."
    yield f"- {plan.words.compensation}: {plan.compensation}."
    yield f"- {plan.words.rate}: {plan.rate}."
    yield ""
    yield "| {} | {} |".format(*plan.words.findings_columns)
    yield "| --- | ---: |"
    for finding, count in plan.findings:
        yield f"| {finding.capitalize()} | {count} |"
    yield ""


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
    if case.recommendations:
        yield f"{case.headline}."
        yield ""
    for rec in case.recommendations:
        yield f"### Recommendation {escape(rec.id)}: {escape(rec.text)}"
        yield ""
        yield f"{rec.headline}."
        yield ""
        if rec.actions:
            yield from _items(rec.actions)


def _items(items: tuple[PlanItem, ...]) -> Iterator[str]:
    yield "| " + " | ".join(ITEM_COLUMNS) + " |"
    yield "| --- | --- | --- | --- |"
    for item in items:
        money = f" (compensation {item.compensation})" if item.compensation else ""
        state = f"**{item.state}**" if item.overdue else item.state
        yield f"| {cell(item.do)}{money} | {cell(item.owner)} | {item.due} | {state} |"
    yield ""


def plan_csv(plan: PlanView) -> str:
    """Return one row per order and action: where it comes from, who, when and where it stands."""
    rows = []
    for case, source, item in plan.items:
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
            )
        )
    return to_csv(PLAN_COLUMNS, rows)
