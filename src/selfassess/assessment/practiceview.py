"""The complaints log's figures for the public documents: beside evidence, and in the summary."""

from __future__ import annotations

import dataclasses
import datetime as dt

from selfassess.assessment import view as v
from selfassess.check import CheckedAssessment
from selfassess.problems import InputError, UsageError


def with_practice(
    doc: v.DocumentView, checked: CheckedAssessment, as_of: dt.date
) -> v.DocumentView:
    """Add the measured figures to a view, when the assessment names a log that can be read."""
    if checked.assessment.practice is None:
        return doc
    from selfassess.practice import measures, settings_of
    from selfassess.practice.against import measured

    try:
        given = settings_of(
            checked.assessment, checked.document.path, checked.document.path_display
        )
        result = measured(given, as_of)
    except (InputError, UsageError, OSError):
        return doc  # check has reported why; the documents simply go without the figures
    found = measures(result)
    sentences = {pid: m.sentence() for pid, m in found.items() if m.total}
    sections = tuple(_with_sentences(section, sentences) for section in doc.sections)
    from selfassess.practice import figures_json

    tsm = figures_json(result)["tenant_satisfaction_measures"]
    note = f"Measured from our complaints log, {result.period.words()}."
    data = {
        "period": {"start": result.period.start.isoformat(), "end": result.period.end.isoformat()},
        "rows_left_out": result.log.left_out,
        "tenant_satisfaction_measures": tsm,
        "provisions": {
            pid: {
                "stage": m.stage,
                "measure": m.measure,
                "working_days": m.working_days,
                "met": m.met,
                "total": m.total,
                "percent": m.percent if m.total else None,
            }
            for pid, m in found.items()
        },
    }
    return dataclasses.replace(
        doc, sections=sections, practice=_facts(tsm), practice_note=note, practice_figures=data
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


def _facts(tsm: dict[str, object]) -> tuple[v.Fact, ...]:
    facts = []
    for number in (1, 2):
        stage = tsm[f"stage_{number}"]
        assert isinstance(stage, dict)
        per_1000 = stage["CH01_per_1000_homes"]
        facts.append(
            v.Fact(
                f"CH01: stage {number} complaints received per 1,000 homes",
                f"{per_1000:g}"
                if per_1000 is not None
                else str(tsm.get("not_counted_because") or "")
                or "Not measured: the number of homes is not recorded",
            )
        )
    for number in (1, 2):
        stage = tsm[f"stage_{number}"]
        assert isinstance(stage, dict)
        share = stage["CH02_percent"]
        value = (
            f"{share:g}% ({stage['responded_on_time']:,} of {stage['responded']:,})"
            if share is not None
            else str(tsm.get("not_counted_because") or "") or "No responses in the period"
        )
        facts.append(
            v.Fact(
                f"CH02: stage {number} complaints responded to within the Code's timescales", value
            )
        )
    return tuple(facts)
