"""The practice figures as terminal text, Markdown (practice.md) and verdicts.csv."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from selfassess.practice import labels
from selfassess.practice.figures import (
    PracticeFigures,
    StageFigures,
)
from selfassess.practice.texttables import aligned, number, printable, share, tables_of
from selfassess.render.mdescape import escape, md_table

#: Each per-stage figure's label and how it is written.
_STAGE_ROWS: tuple[tuple[labels.Label, Callable[[StageFigures], str]], ...] = (
    (labels.RECEIVED, lambda s: f"{s.received:,}"),
    (labels.REFUSED, lambda s: f"{s.refused:,}"),
    (labels.WITHDRAWN, lambda s: f"{s.withdrawn:,}"),
    (
        labels.ACKNOWLEDGED_ON_TIME,
        lambda s: share(
            s.acknowledged_on_time, s.acknowledged_judged, s.acknowledged_on_time_percent
        ),
    ),
    (labels.RESPONDED, lambda s: f"{s.responded:,}"),
    (
        labels.ON_TIME,
        lambda s: share(s.responded_on_time, s.responded, s.responded_on_time_percent),
    ),
    (labels.WITHIN_EXTENSION, lambda s: f"{s.responded_within_extension:,}"),
    (labels.LATE, lambda s: f"{s.responded_late:,}"),
    (
        labels.EXTENDED,
        lambda s: f"{s.extended:,} ({s.extensions_within_code:,} within the Code)",
    ),
    (labels.MEDIAN_DAYS, lambda s: number(s.median_working_days_to_respond)),
    (labels.OPEN, lambda s: f"{s.open_at_period_end:,}"),
    (labels.OPEN_OVERDUE, lambda s: f"{s.open_overdue_at_period_end:,}"),
)


def stage_rows(figures: PracticeFigures) -> Iterator[tuple[str, str, str]]:
    """Yield each per-stage figure as (label, stage 1, stage 2)."""
    for label, render in _STAGE_ROWS:
        yield label.terse, render(figures.stage_1), render(figures.stage_2)


def headline(figures: PracticeFigures) -> list[str]:
    """Return the lines that say what was measured, led by the rows left out, if any."""
    period, rows = figures.period, figures.rows
    lead = labels.left_out_words(rows)
    other = ""
    if rows.not_complaints:
        other += f", {rows.not_complaints:,} at the end holding no complaint"
    if rows.not_kept_by_where:
        other += f", {rows.not_kept_by_where:,} complaints not kept by where:"
    return [
        *([f"LEFT OUT: {lead}"] if lead else []),
        f"Complaints log: {figures.log}",
        f"Period: {period.start.isoformat()} to {period.end.isoformat()} ({period.label}); "
        f"dates after {figures.cut_off.isoformat()} are not counted",
        f"Rows: {rows.read:,} read, {rows.left_out:,} left out for errors "
        f"(not in any figure){other}",
    ]


def _counted(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{printable(n)} {count:,}" for n, count in counts.items()) or "none"


def other_lines(figures: PracticeFigures) -> list[str]:
    """Return the escalation rate, outcomes, refusals, compensation and the TSMs in words."""
    rate = figures.escalation_rate_percent
    lines = [
        f"{labels.ESCALATION_RATE}: "
        + (
            f"{rate:g}% of accepted stage 1 complaints went to stage 2"
            if rate is not None
            else "no accepted stage 1 complaints"
        )
    ]
    for stage in figures.stages():
        lines.append(f"Stage {stage.stage} outcomes: {_counted(stage.outcomes)}")
    lines.append(f"{labels.REFUSED_BY_REASON}: {_counted(figures.stage_1.refused_by_reason)}")
    turned = figures.overturns
    lines.append(labels.overturn_line(turned.changed, turned.compared, turned.changed_percent))
    if turned.by_change:
        lines[-1] += f"; {_counted(turned.by_change)}"
    if figures.escalation_reasons is not None:
        lines.append(f"{labels.ESCALATION_REASONS}: {_counted(figures.escalation_reasons)}")
    paid = figures.compensation
    pounds = f"£{float(paid.total):,.2f}"
    lines.append(f"{labels.COMPENSATION}: {pounds} in {paid.cases:,} complaints")
    return lines + tsm_lines(figures)


def tsm_lines(figures: PracticeFigures) -> list[str]:
    """Return CH01 and CH02 for each stage, or why CH01 is left out."""
    tenants = figures.tenants
    tenures = ", ".join(tenants.tenures) if tenants.tenures else "all tenures"
    if tenants.not_counted_because:
        return [labels.not_counted_line(tenants.not_counted_because)]
    lines = []
    for stage in tenants.stages():
        if tenants.homes:
            counted = f"{stage.received:,} received, {tenants.homes:,} homes, {tenures}"
            lines.append(labels.ch01_line(stage.stage, number(stage.ch01_per_1000_homes), counted))
        counted = f"{stage.responded_on_time:,} of {stage.responded:,}, {tenures}"
        lines.append(labels.ch02_line(stage.stage, stage.ch02_percent, counted))
    if not tenants.homes:
        lines.append(f"{labels.CH01} is left out: {tenants.ch01_left_out_because} (give --homes N)")
    return lines


def method_lines(figures: PracticeFigures) -> list[str]:
    """Return the method notes: the calendar, the limits and how extensions count."""
    lines = [figures.calendar]
    for rule in figures.timescales:
        confirmed = "" if rule.confirmed else " (limit not confirmed by a verbatim source)"
        lines.append(
            f"Provision {rule.provision}: stage {rule.stage} {rule.measure} within "
            f"{rule.working_days} working days{confirmed}."
        )
    lines.append(
        "A response inside a notified extension (within the limit, or beyond it with a reason "
        "recorded) is counted as within the Code's timescale. A late acknowledgement does not "
        "move the response date later. Refused complaints are not counted in CH01 or CH02."
    )
    return lines + labels.method_notes(figures)


def format_text(figures: PracticeFigures) -> str:
    """Return the figures for the terminal."""
    lines = [*headline(figures), ""]
    lines += aligned(["", "Stage 1", "Stage 2"], [list(row) for row in stage_rows(figures)])
    lines += ["", *other_lines(figures)]
    for _, table in tables_of(figures):
        lines += ["", *aligned(*table)]
    lines += ["", "Method:", *(f"- {line}" for line in method_lines(figures))]
    return "\n".join(lines) + "\n"


def format_markdown(figures: PracticeFigures) -> str:
    """Return practice.md: the figures as Markdown tables with the method notes."""
    lines = [f"# Complaint handling in practice, {escape(figures.period.label)}", ""]
    lines += [f"- {escape(line)}" for line in headline(figures)]
    lines += ["", "## By stage", ""]
    lines += md_table(["Figure", "Stage 1", "Stage 2"], [list(r) for r in stage_rows(figures)])
    lines += ["", "## Other figures", "", *(f"- {escape(line)}" for line in other_lines(figures))]
    for heading, table in tables_of(figures):
        lines += ["", f"## {escape(heading)}", "", *md_table(*table)]
    lines += ["", "## Method", "", *(f"- {escape(line)}" for line in method_lines(figures))]
    return "\n".join(lines) + "\n"
