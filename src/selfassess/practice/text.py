"""The practice figures as terminal text, Markdown (practice.md) and verdicts.csv."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from selfassess.render.mdescape import cell, escape


def _share(part: int, whole: int, percent: float | None) -> str:
    return f"{part:,} of {whole:,} ({percent:g}%)" if percent is not None else f"{part:,} of 0"


def stage_rows(figures: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """Yield each per-stage figure as (label, stage 1, stage 2)."""
    one, two = figures["stage_1"], figures["stage_2"]

    def both(label: str, render: Any) -> tuple[str, str, str]:
        return label, render(one), render(two)

    yield both("Received", lambda s: f"{s['received']:,}")
    yield both("Refused (not accepted)", lambda s: f"{s['refused']:,}")
    yield both("Withdrawn", lambda s: f"{s['withdrawn']:,}")
    yield both(
        "Acknowledged on time",
        lambda s: _share(
            s["acknowledged_on_time"], s["acknowledged_judged"], s["acknowledged_on_time_percent"]
        ),
    )
    yield both("Responded", lambda s: f"{s['responded']:,}")
    yield both(
        "Responded within the Code's timescale",
        lambda s: _share(s["responded_on_time"], s["responded"], s["responded_on_time_percent"]),
    )
    yield both(
        "... of which within a notified extension", lambda s: f"{s['responded_within_extension']:,}"
    )
    yield both("Responded late", lambda s: f"{s['responded_late']:,}")
    yield both(
        "Extended", lambda s: f"{s['extended']:,} ({s['extensions_within_code']:,} within the Code)"
    )
    yield both(
        "Median working days to respond", lambda s: _number(s["median_working_days_to_respond"])
    )
    yield both("Open at the period end", lambda s: f"{s['open_at_period_end']:,}")
    yield both("... of which overdue", lambda s: f"{s['open_overdue_at_period_end']:,}")


def printable(text: str) -> str:
    """Replace control characters (a log's cells reach the terminal) with spaces."""
    return "".join(c if c.isprintable() else " " for c in text)


def _number(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def headline(figures: dict[str, Any]) -> list[str]:
    """Return the lines that say what was measured, led by the rows left out, if any."""
    from selfassess.practice.figuresjson import left_out_words

    period, rows = figures["period"], figures["rows"]
    lead = left_out_words(rows)
    other = ""
    if rows["not_complaints"]:
        other += f", {rows['not_complaints']:,} at the end holding no complaint"
    if rows["not_kept_by_where"]:
        other += f", {rows['not_kept_by_where']:,} complaints not kept by where:"
    return [
        *([f"LEFT OUT: {lead}"] if lead else []),
        f"Complaints log: {figures['log']}",
        f"Period: {period['start']} to {period['end']} ({period['label']}); "
        f"dates after {figures['cut_off']} are not counted",
        f"Rows: {rows['read']:,} read, {rows['left_out']:,} left out for errors "
        f"(not in any figure){other}",
    ]


def other_lines(figures: dict[str, Any]) -> list[str]:
    """Return the escalation rate, outcomes, refusals, compensation and the TSMs in words."""
    rate = figures["escalation_rate_percent"]
    lines = [
        "Escalation rate: "
        + (
            f"{rate:g}% of accepted stage 1 complaints went to stage 2"
            if rate is not None
            else "no accepted stage 1 complaints"
        )
    ]
    for number in (1, 2):
        outcomes = figures[f"stage_{number}"]["outcomes"]
        said = ", ".join(f"{printable(n)} {count:,}" for n, count in outcomes.items()) or "none"
        lines.append(f"Stage {number} outcomes: {said}")
    reasons = figures["stage_1"]["refused_by_reason"]
    said = ", ".join(f"{printable(n)} {count:,}" for n, count in reasons.items()) or "none"
    lines.append(f"Refused, by reason: {said}")
    paid = figures["compensation"]
    pounds = f"£{float(paid['total_pounds']):,.2f}"
    lines.append(f"Compensation offered: {pounds} in {paid['cases']:,} complaints")
    return lines + tsm_lines(figures["tenant_satisfaction_measures"])


def tsm_lines(tsm: dict[str, Any]) -> list[str]:
    """Return CH01 and CH02 for each stage, or why CH01 is left out."""
    tenures = ", ".join(tsm["tenures"]) if tsm["tenures"] else "all tenures"
    if tsm.get("not_counted_because"):
        return [f"CH01 and CH02: {tsm['not_counted_because']}"]
    lines = []
    for number in (1, 2):
        stage = tsm[f"stage_{number}"]
        if tsm["homes"]:
            lines.append(
                f"CH01 stage {number}: {_number(stage['CH01_per_1000_homes'])} complaints per "
                f"1,000 homes ({stage['received']:,} received, {tsm['homes']:,} homes, {tenures})"
            )
        share = stage["CH02_percent"]
        said = (
            f"{share:g}% responded to within the Code's timescale"
            if share is not None
            else "no complaints responded"
        )
        lines.append(
            f"CH02 stage {number}: {said} ({stage['responded_on_time']:,} of "
            f"{stage['responded']:,}, {tenures})"
        )
    if not tsm["homes"]:
        lines.append(f"CH01 is left out: {tsm['CH01_left_out_because']} (give --homes N)")
    return lines


def method_lines(figures: dict[str, Any]) -> list[str]:
    """Return the method notes: the calendar, the limits and how extensions count."""
    lines = [figures["calendar"]]
    for rule in figures["timescales"]:
        confirmed = "" if rule["confirmed"] else " (limit not confirmed by a verbatim source)"
        lines.append(
            f"Provision {rule['provision']}: stage {rule['stage']} {rule['measure']} within "
            f"{rule['working_days']} working days{confirmed}."
        )
    lines.append(
        "A response inside a notified extension (within the limit, or beyond it with a reason "
        "recorded) is counted as within the Code's timescale. A late acknowledgement does not "
        "move the response date later. Refused complaints are not counted in CH01 or CH02."
    )
    return lines


_BREAKDOWN = (
    ("stage_1_received", "Stage 1 received"),
    ("stage_1_responded", "Stage 1 responded"),
    ("stage_1_on_time", "Stage 1 on time"),
    ("stage_2_received", "Stage 2 received"),
    ("stage_2_responded", "Stage 2 responded"),
    ("stage_2_on_time", "Stage 2 on time"),
)


def breakdown(figures: dict[str, Any], key: str) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the by-month or by-category table."""
    header = [key.replace("by_", "").capitalize(), *(label for _, label in _BREAKDOWN)]
    first = "month" if key == "by_month" else "category"
    rows = [
        [printable(row[first]), *(f"{row[name]:,}" for name, _ in _BREAKDOWN)]
        for row in figures[key]
    ]
    return header, rows


def _aligned(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(
            text.ljust(w) if i == 0 else text.rjust(w)
            for i, (text, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in [header, *rows]
    ]


def format_text(figures: dict[str, Any]) -> str:
    """Return the figures for the terminal."""
    lines = [*headline(figures), ""]
    lines += _aligned(["", "Stage 1", "Stage 2"], [list(row) for row in stage_rows(figures)])
    lines += ["", *other_lines(figures)]
    for key in ("by_month", "by_category"):
        lines += ["", *_aligned(*breakdown(figures, key))]
    lines += ["", "Method:", *(f"- {line}" for line in method_lines(figures))]
    return "\n".join(lines) + "\n"


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("| " + " | ".join("---" for _ in header) + " |")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def format_markdown(figures: dict[str, Any]) -> str:
    """Return practice.md: the figures as Markdown tables with the method notes."""
    period = figures["period"]
    lines = [f"# Complaint handling in practice, {escape(period['label'])}", ""]
    lines += [f"- {escape(line)}" for line in headline(figures)]
    lines += ["", "## By stage", ""]
    lines += _md_table(["Figure", "Stage 1", "Stage 2"], [list(r) for r in stage_rows(figures)])
    lines += ["", "## Other figures", "", *(f"- {escape(line)}" for line in other_lines(figures))]
    lines += ["", "## By month", "", *_md_table(*breakdown(figures, "by_month"))]
    lines += ["", "## By category", "", *_md_table(*breakdown(figures, "by_category"))]
    lines += ["", "## Method", "", *(f"- {escape(line)}" for line in method_lines(figures))]
    return "\n".join(lines) + "\n"
