"""The report's tables of the figures by group (`breakdowns:`), stage 2's review of stage 1's
decisions, and the reasons for escalation, as ``selfassess.practice`` counts them.

A breakdown is a table per stage: one row a group, largest first, with its received,
responded, on time (count and per cent), median working days and upheld rate. A group
with fewer complaints received at that stage than ``SMALL_GROUP`` keeps its row, its name
followed by "(small group)", said once under the tables (``notes``).
"""

from __future__ import annotations

from selfassess.practice import PracticeFigures, labels
from selfassess.practice.figures import Breakdown, StageCounts
from selfassess.report.tables import FigureRow, FigureTable, Number
from selfassess.wording import sentence_start

#: The key every breakdown table's key starts with: they have no column for last year.
BREAKDOWN = "breakdown-"
ESCALATION_REASONS = "escalation-reasons"
_COLUMNS = (
    labels.GROUP_RECEIVED,
    labels.GROUP_RESPONDED,
    labels.GROUP_ON_TIME,
    labels.GROUP_ON_TIME + labels.PER_CENT,
    labels.GROUP_MEDIAN_DAYS,
    labels.GROUP_UPHELD + labels.PER_CENT,
)
_UNITS = ("", "", "", "%", "", "%")


def _values(stage: StageCounts) -> tuple[Number | None, ...]:
    return (
        stage.received,
        stage.responded,
        stage.on_time,
        stage.on_time_percent,
        stage.median_working_days,
        stage.upheld_percent,
    )


def _table(found: Breakdown, number: int, index: int) -> FigureTable:
    rows = []
    for group in found.groups:
        stage = group.stages()[number - 1]
        if not (stage.received or stage.responded):
            continue  # nothing of this group at this stage
        label = f"{group.name} ({labels.SMALL})" if stage.small else group.name
        rows.append(FigureRow(label, _values(stage)))
    return FigureTable(
        f"{BREAKDOWN}{index + 1}-stage-{number}",
        labels.by_group(found.title, number),
        found.title,
        _COLUMNS,
        tuple(rows),
        chart="bar",
        units=_UNITS,
    )


def group_tables(figures: PracticeFigures) -> tuple[FigureTable, ...]:
    """Return each breakdown's table for stage 1, then stage 2's (if any came in)."""
    tables = []
    for index, found in enumerate(figures.breakdowns):
        for number in (1, 2):
            table = _table(found, number, index)
            tables += [table] if table.rows else []
    return tuple(tables)


def overturn_rows(figures: PracticeFigures) -> tuple[FigureRow, ...]:
    """Return how many stage 1 decisions stage 2 compared, and changed (count and share)."""
    turned = figures.overturns
    return (
        FigureRow(labels.COMPARED, (turned.compared,)),
        FigureRow(labels.OVERTURNED, (turned.changed,)),
        FigureRow(labels.OVERTURNED + labels.PER_CENT, (turned.changed_percent,), unit="%"),
    )


def escalation_table(figures: PracticeFigures) -> FigureTable | None:
    """Return the stage 2 complaints by why they were escalated, if the log records it."""
    reasons = figures.escalation_reasons
    if reasons is None:
        return None
    rows = tuple(FigureRow(sentence_start(reason), (n,)) for reason, n in reasons.items())
    caption = "Complaints escalated to stage 2, by the reason given"
    return FigureTable(ESCALATION_REASONS, caption, "Reason", ("Stage 2",), rows, chart="bar")
