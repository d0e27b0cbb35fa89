"""Items 4, 5 and 6 of the report as the public sees them: improvements and publications."""

from __future__ import annotations

import datetime as dt

from selfassess.assessment import view as v
from selfassess.assessment.rows import safe_url
from selfassess.dates import format_date, month_year
from selfassess.models import EvidenceItem
from selfassess.report.model import AnnualReport
from selfassess.report.view import ImprovementView, PublicationView


def month_words(when: str | None) -> str | None:
    """Write "2024-11" as "November 2024" and a full date as a long date."""
    if not when:
        return None
    if len(when) > 7:
        return format_date(dt.date.fromisoformat(when))
    year, month = when.split("-")
    return month_year(int(year), int(month))


def _evidence(item: str | EvidenceItem) -> v.Evidence:
    if isinstance(item, str):
        return v.Evidence(title=item, markdown=True)
    return v.Evidence(title=item.title, url=safe_url(item.url), path=item.path)


def improvements(report: AnnualReport) -> tuple[ImprovementView, ...]:
    """Return item 4's improvements in the order the file gives them."""
    return tuple(
        ImprovementView(
            theme=item.theme,
            learning=item.learning,
            change=item.change,
            when=month_words(item.when),
            evidence=tuple(_evidence(e) for e in item.evidence),
        )
        for item in report.improvements
    )


def publications(report: AnnualReport) -> tuple[PublicationView, ...]:
    """Return the publications the report file lists, oldest first."""
    chosen = sorted(report.publications, key=lambda p: p.date or dt.date.min)
    return tuple(
        PublicationView(
            kind=p.kind,
            title=p.title,
            url=safe_url(p.url),
            date=format_date(p.date),
            summary=p.summary,
        )
        for p in chosen
    )
