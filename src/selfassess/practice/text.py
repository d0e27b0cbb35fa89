"""The practice figures as terminal text, Markdown (practice.md) and verdicts.csv."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from selfassess.practice import labels
from selfassess.practice.figures import (
    SMALL_GROUP,
    Breakdown,
    GroupFigures,
    MonthFigures,
    PracticeFigures,
    StageCounts,
    StageFigures,
)
from selfassess.render.mdescape import cell, escape


def _share(part: int, whole: int, percent: float | None) -> str:
    return f"{part:,} of {whole:,} ({percent:g}%)" if percent is not None else f"{part:,} of 0"


#: Each per-stage figure's label and how it is written.
_STAGE_ROWS: tuple[tuple[labels.Label, Callable[[StageFigures], str]], ...] = (
    (labels.RECEIVED, lambda s: f"{s.received:,}"),
    (labels.REFUSED, lambda s: f"{s.refused:,}"),
    (labels.WITHDRAWN, lambda s: f"{s.withdrawn:,}"),
    (
        labels.ACKNOWLEDGED_ON_TIME,
        lambda s: _share(
            s.acknowledged_on_time, s.acknowledged_judged, s.acknowledged_on_time_percent
        ),
    ),
    (labels.RESPONDED, lambda s: f"{s.responded:,}"),
    (
        labels.ON_TIME,
        lambda s: _share(s.responded_on_time, s.responded, s.responded_on_time_percent),
    ),
    (labels.WITHIN_EXTENSION, lambda s: f"{s.responded_within_extension:,}"),
    (labels.LATE, lambda s: f"{s.responded_late:,}"),
    (
        labels.EXTENDED,
        lambda s: f"{s.extended:,} ({s.extensions_within_code:,} within the Code)",
    ),
    (labels.MEDIAN_DAYS, lambda s: _number(s.median_working_days_to_respond)),
    (labels.OPEN, lambda s: f"{s.open_at_period_end:,}"),
    (labels.OPEN_OVERDUE, lambda s: f"{s.open_overdue_at_period_end:,}"),
)


def stage_rows(figures: PracticeFigures) -> Iterator[tuple[str, str, str]]:
    """Yield each per-stage figure as (label, stage 1, stage 2)."""
    for label, render in _STAGE_ROWS:
        yield label.terse, render(figures.stage_1), render(figures.stage_2)


def printable(text: str) -> str:
    """Replace control characters (a log's cells reach the terminal) with spaces."""
    return "".join(c if c.isprintable() else " " for c in text)


def _number(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


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
            lines.append(labels.ch01_line(stage.stage, _number(stage.ch01_per_1000_homes), counted))
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
    lines.append(labels.OVERTURN_MEANS)
    if figures.breakdowns:
        lines += [labels.UPHELD_RATE_MEANS, labels.small_group_means(SMALL_GROUP)]
    return lines


_BREAKDOWN = ("received", "responded", "on time")


def breakdown(
    heading: str, rows: tuple[MonthFigures, ...] | tuple[GroupFigures, ...]
) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the by-month or by-category table."""
    header = [heading, *(f"Stage {n} {word}" for n in (1, 2) for word in _BREAKDOWN)]
    lines = []
    for row in rows:
        name = row.iso if isinstance(row, MonthFigures) else row.name
        counts = (
            c for s in (row.stage_1, row.stage_2) for c in (s.received, s.responded, s.on_time)
        )
        lines.append([printable(name), *(f"{count:,}" for count in counts)])
    return header, lines


#: A breakdown's columns for each stage, and how each is written.
_GROUP: tuple[tuple[str, Callable[[StageCounts], str]], ...] = (
    ("received", lambda s: f"{s.received:,}" + (f" ({labels.SMALL})" if s.small else "")),
    ("on time", lambda s: _share(s.on_time, s.responded, s.on_time_percent)),
    ("median days", lambda s: _number(s.median_working_days)),
    ("upheld", lambda s: _share(s.upheld, s.decided, s.upheld_percent)),
)


def group_table(found: Breakdown) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of one of `breakdowns:`, both stages side by side."""
    header = [found.title, *(f"Stage {n} {name}" for n in (1, 2) for name, _ in _GROUP)]
    rows = [
        [printable(group.name), *(say(stage) for stage in group.stages() for _, say in _GROUP)]
        for group in found.groups
    ]
    return header, rows


def _breakdowns(figures: PracticeFigures) -> list[tuple[str, tuple[list[str], list[list[str]]]]]:
    """Return each table by month, category and breakdown, under its heading."""
    return [
        ("By month", breakdown("Month", figures.by_month)),
        ("By category", breakdown("Category", figures.by_category)),
        *((labels.by_group(b.title), group_table(b)) for b in figures.breakdowns),
    ]


def _aligned(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(
            text.ljust(w) if i == 0 else text.rjust(w)
            for i, (text, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in [header, *rows]
    ]


def format_text(figures: PracticeFigures) -> str:
    """Return the figures for the terminal."""
    lines = [*headline(figures), ""]
    lines += _aligned(["", "Stage 1", "Stage 2"], [list(row) for row in stage_rows(figures)])
    lines += ["", *other_lines(figures)]
    for _, table in _breakdowns(figures):
        lines += ["", *_aligned(*table)]
    lines += ["", "Method:", *(f"- {line}" for line in method_lines(figures))]
    return "\n".join(lines) + "\n"


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("| " + " | ".join("---" for _ in header) + " |")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def format_markdown(figures: PracticeFigures) -> str:
    """Return practice.md: the figures as Markdown tables with the method notes."""
    lines = [f"# Complaint handling in practice, {escape(figures.period.label)}", ""]
    lines += [f"- {escape(line)}" for line in headline(figures)]
    lines += ["", "## By stage", ""]
    lines += _md_table(["Figure", "Stage 1", "Stage 2"], [list(r) for r in stage_rows(figures)])
    lines += ["", "## Other figures", "", *(f"- {escape(line)}" for line in other_lines(figures))]
    for heading, table in _breakdowns(figures):
        lines += ["", f"## {escape(heading)}", "", *_md_table(*table)]
    lines += ["", "## Method", "", *(f"- {escape(line)}" for line in method_lines(figures))]
    return "\n".join(lines) + "\n"
