"""Every label a practice figure is shown under, each wording written once.

The terminal and practice.md are terse; the annual report and the self-assessment speak to
tenants and boards, so some figures have two wordings. Each is written here, side by side,
and every writer (text, Markdown, HTML, Word, CSV and the JSON that carries labels) takes it
from here: a figure is renamed by changing one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfassess.practice.figures import PracticeFigures, RowCounts


@dataclass(frozen=True)
class Label:
    """A per-stage figure's name: on the terminal and in practice.md, and in the annual report.

    An empty ``report`` wording: the annual report does not show that figure.
    """

    terse: str
    report: str


RECEIVED = Label("Received", "Complaints received")
REFUSED = Label("Refused (not accepted)", "Not accepted as a complaint")
WITHDRAWN = Label("Withdrawn", "Withdrawn")
ACKNOWLEDGED_ON_TIME = Label("Acknowledged on time", "Acknowledged on time")
RESPONDED = Label("Responded", "Full responses sent")
ON_TIME = Label("Responded within the Code's timescale", "Responses within the Code's timescales")
WITHIN_EXTENSION = Label("... of which within a notified extension", "")
LATE = Label("Responded late", "")
EXTENDED = Label("Extended", "Response date extended")
MEDIAN_DAYS = Label("Median working days to respond", "Median working days to respond")
OPEN = Label("Open at the period end", "Still open at the end of the year")
OPEN_OVERDUE = Label("... of which overdue", "Still open and overdue at the end of the year")

#: What the annual report adds to a figure's name when it is a share.
PER_CENT = " (per cent)"


def per_cent(label: Label) -> str:
    """Name a share in the annual report, e.g. "Acknowledged on time (per cent)"."""
    return label.report + PER_CENT


def received_key(stage: int) -> str:
    """Name one stage's complaints received among the annual report's key figures."""
    return f"Stage {stage} {RECEIVED.report.lower()}"


def sent_key(stage: int) -> str:
    """Name one stage's responses sent in the whole council's summary."""
    return f"Stage {stage} responses sent"


def on_time_key(stage: int) -> str:
    """Name one stage's responses on time in the whole council's summary."""
    return f"Stage {stage} responses within the Code's timescales"


ESCALATED_TO_STAGE_2 = "Escalated to stage 2"
ESCALATION_RATE = "Escalation rate"
ESCALATED = "Stage 1 complaints escalated to stage 2"
COMPENSATION = "Compensation offered"
COMPENSATION_CASES = "Cases in which compensation was offered"
REFUSED_BY_REASON = "Refused, by reason"

# The Regulator's tenant satisfaction measures.
CH01, CH02 = "CH01", "CH02"
PER_1000_HOMES = "complaints received per 1,000 homes"
WITHIN_TIMESCALES = "responded to within the Code's timescales"


def ch01(stage: int | None = None) -> str:
    """Name CH01 for a table row ("CH01: complaints received per 1,000 homes") or one stage."""
    return f"{CH01}: {_stage(stage)}{PER_1000_HOMES}"


def ch02(stage: int | None = None) -> str:
    """Name CH02 for a table row, or one stage's ("CH02: stage 1 complaints responded ...")."""
    return f"{CH02}: {_stage(stage, 'complaints ')}{WITHIN_TIMESCALES}"


def on_time(stage: int) -> str:
    """Name one stage's share on time where CH02 does not apply (a council's other services)."""
    return f"Stage {stage} complaints {WITHIN_TIMESCALES}"


def _stage(stage: int | None, then: str = "") -> str:
    return f"stage {stage} {then}" if stage is not None else ""


def ch01_key(stage: int) -> str:
    """Name one stage's CH01 among the annual report's key figures."""
    return f"{CH01}: stage {stage} complaints per 1,000 homes"


def ch02_key(stage: int) -> str:
    """Name one stage's CH02 among the annual report's key figures."""
    return f"{CH02}: stage {stage} responses on time"


def ch01_line(stage: int, value: str, counted: str) -> str:
    """Say one stage's CH01 on the terminal and in practice.md."""
    return f"{CH01} stage {stage}: {value} complaints per 1,000 homes ({counted})"


def ch02_line(stage: int, percent: float | None, counted: str) -> str:
    """Say one stage's CH02 on the terminal and in practice.md."""
    said = (
        f"{percent:g}% responded to within the Code's timescale"
        if percent is not None
        else "no complaints responded"
    )
    return f"{CH02} stage {stage}: {said} ({counted})"


def not_counted_line(because: str) -> str:
    """Say why neither CH01 nor CH02 is a figure, on the terminal and in practice.md."""
    return f"{CH01} and {CH02}: {because}"


def left_out_words(rows: RowCounts) -> str | None:
    """Say how many rows are left out of every figure and why, or None if none are."""
    if not rows.left_out:
        return None
    because = "; ".join(f"{count:,} {why}" for why, count in rows.left_out_because.items())
    return (
        f"{rows.left_out:,} of {rows.read:,} rows of the log are left out of every figure "
        f"because of errors ({because}); the figures count only the rest"
    )


# Figures by group: the log's category, and each of the practice: block's breakdowns:.
GROUP_RECEIVED = "Received"
GROUP_RESPONDED = "Responded"
GROUP_ON_TIME = "Within the Code's timescales"
GROUP_MEDIAN_DAYS = "Median working days to respond"
GROUP_UPHELD = "Upheld or partly upheld"
SMALL = "small group"
UPHELD_RATE_MEANS = (
    "A group's upheld or partly upheld share is of its responses sent with an outcome of "
    "upheld, partly upheld or not upheld."
)
# Stage 2's review of stage 1's decisions, and why residents escalated.
OVERTURNED = "Stage 1 decisions changed at stage 2"
COMPARED = "Stage 2 responses compared with the stage 1 decision"
OVERTURN_MEANS = (
    "A stage 1 decision counts as changed at stage 2 when the stage 2 outcome (upheld, partly "
    "upheld or not upheld) differs from the stage 1 outcome; compared are the complaints whose "
    "stage 2 response was sent in the year with both outcomes recorded."
)
ESCALATION_REASONS = "Escalated to stage 2, by reason"


def small_group_means(threshold: int) -> str:
    """Say once what marks a small group, and why it is marked."""
    return (
        f'A group marked "{SMALL}" received fewer than {threshold} complaints at that stage: '
        "one complaint moves its percentages a long way, so compare it with care."
    )


def method_notes(figures: PracticeFigures) -> list[str]:
    """Say once how the overturns, the upheld rates and the small groups are worked out."""
    from selfassess.practice.figures import SMALL_GROUP

    said = [OVERTURN_MEANS]
    if figures.breakdowns:
        said += [UPHELD_RATE_MEANS, small_group_means(SMALL_GROUP)]
    return said


def by_group(title: str, stage: int | None = None) -> str:
    """Name a breakdown's table: "By directorate", or "Stage 1 complaints by directorate"."""
    lowered = " ".join(word if word.isupper() else word.lower() for word in title.split())
    return f"Stage {stage} complaints by {lowered}" if stage else f"By {lowered}"


def overturn_line(changed: int, compared: int, percent: float | None) -> str:
    """Say how many stage 1 decisions stage 2 changed, e.g. "55 of 83 (66.3%)"."""
    share = f" ({percent:g}%)" if percent is not None else ""
    return f"{OVERTURNED}: {changed:,} of {compared:,}{share}"
