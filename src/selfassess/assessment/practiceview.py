"""The complaints log's figures for the public documents: beside evidence, and in the summary."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from selfassess.assessment import view as v
from selfassess.check import CheckedAssessment
from selfassess.practice import labels
from selfassess.problems import InputError, UsageError

if TYPE_CHECKING:
    from selfassess.practice.figures import TenantMeasures

NO_HOMES = "Not measured: the number of homes is not recorded"
NO_RESPONSES = "No responses in the period"
ON_TIME_CAPTION = (
    "Complaints responded to within the Code's timescales, measured from the complaints log"
)


def with_practice(
    doc: v.DocumentView, checked: CheckedAssessment, as_of: dt.date
) -> v.DocumentView:
    """Add the measured figures to a view, when the assessment names a log that can be read."""
    if checked.assessment.practice is None:
        return doc
    from selfassess.practice import figures_of, settings_of
    from selfassess.practice.against import measured

    try:
        given = settings_of(
            checked.assessment, checked.document.path, checked.document.path_display
        )
        result = measured(given, as_of)
    except (InputError, UsageError, OSError):
        return doc  # check has reported why; the documents simply go without the figures
    figures = figures_of(result)
    sentences = {pid: m.sentence() for pid, m in figures.provisions.items() if m.total}
    sections = tuple(_with_sentences(section, sentences) for section in doc.sections)
    note = f"Measured from our complaints log, {figures.period.words()}."
    if not doc.edition.tenant_measures:  # a council's other services: no CH01 or CH02
        return dataclasses.replace(
            doc,
            sections=sections,
            practice=_on_time(figures.tenants, ch02=False),
            practice_caption=ON_TIME_CAPTION,
            practice_note=note,
            practice_figures=figures,
        )
    return dataclasses.replace(
        doc,
        sections=sections,
        practice=_facts(figures.tenants),
        practice_note=note,
        practice_figures=figures,
    )


def _with_sentences(section: v.SectionView, sentences: dict[str, str]) -> v.SectionView:
    tables = tuple(
        dataclasses.replace(
            table,
            rows=tuple(
                dataclasses.replace(row, measured=sentences.get(row.id)) for row in table.rows
            ),
        )
        for table in section.tables
    )
    return dataclasses.replace(section, tables=tables)


def _facts(tenants: TenantMeasures) -> tuple[v.Fact, ...]:
    facts = []
    for stage in tenants.stages():
        per_1000 = stage.ch01_per_1000_homes
        facts.append(
            v.Fact(
                labels.ch01(stage.stage),
                f"{per_1000:g}"
                if per_1000 is not None
                else tenants.not_counted_because or NO_HOMES,
            )
        )
    return (*facts, *_on_time(tenants, ch02=True))


def _on_time(tenants: TenantMeasures, ch02: bool) -> tuple[v.Fact, ...]:
    """Return each stage's share responded to within the Code's timescales (CH02's count)."""
    facts = []
    for stage in tenants.stages():
        share = stage.ch02_percent
        value = (
            f"{share:g}% ({stage.responded_on_time:,} of {stage.responded:,})"
            if share is not None
            else tenants.not_counted_because or NO_RESPONSES
        )
        label = labels.ch02(stage.stage) if ch02 else labels.on_time(stage.stage)
        facts.append(v.Fact(label, value))
    return tuple(facts)
