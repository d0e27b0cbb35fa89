"""The plan's summary tables from the register's figures: findings, subjects and areas."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from selfassess.casework.figures import UNCATEGORISED
from selfassess.casework.planitems import pounds
from selfassess.casework.summaryview import AreaRow, Share, SubjectRow
from selfassess.wording import sentence_start


def finding_shares(by_category: dict[str, int]) -> tuple[tuple[str, Share], ...]:
    """Return each finding category's count as a share of all findings."""
    total = sum(by_category.values())
    return tuple((name, Share(count, total)) for name, count in by_category.items())


def subject_rows(by_subject: list[dict[str, Any]]) -> tuple[SubjectRow, ...]:
    """Return the findings, orders and compensation of each subject category."""
    return tuple(_subject(row) for row in by_subject)


def _subject(row: dict[str, Any]) -> SubjectRow:
    findings = row["findings"]
    rate = findings["maladministration_rate"]
    return SubjectRow(
        name=sentence_start(row["subject_category"]),
        findings=findings["total"],
        adverse=Share(rate["count"], rate["of"]) if rate else Share(0, 0),
        orders=row["orders"],
        compensation=pounds(Decimal(str(row["compensation_ordered"]))),
    )


def area_rows(recommendations: dict[str, Any]) -> tuple[AreaRow, ...]:
    """Return the recommendations by area, or none when no recommendation names an area."""
    areas = recommendations["by_area"]
    if all(row["area"] == UNCATEGORISED for row in areas):
        return ()
    return tuple(_area(row) for row in areas)


def _area(row: dict[str, Any]) -> AreaRow:
    actions = row["actions"]
    total = actions["total"]
    return AreaRow(
        name=sentence_start(row["area"]),
        recommendations=row["made"],
        completed=Share(row["completed"], row["made"]),
        actions=total,
        done=Share(actions["done"], total),
        overdue=Share(actions["overdue"], total),
        slipped=Share(actions["slipped"], total),
    )
