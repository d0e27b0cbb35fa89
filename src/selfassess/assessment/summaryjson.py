"""summary.json: the counts, the gaps and the outputs written, for tools (versioned)."""

from __future__ import annotations

from typing import Any

from selfassess.assessment import view as v
from selfassess.practice.figuresjson import summary_data
from selfassess.render.jsondoc import json_document

#: Version 2 added the submission and the figures measured from the complaints log.
SUMMARY_SCHEMA_VERSION = 2


def _counts(counts: v.Counts) -> dict[str, int]:
    return {
        "assessed": counts.total,
        "yes": counts.yes,
        "no": counts.no,
        "unanswered": counts.unanswered,
    }


def summary_json(doc: v.DocumentView, outputs: list[str]) -> str:
    """Return the summary as JSON with a stable key order and no timestamps."""
    data: dict[str, Any] = {
        "schema_version": SUMMARY_SCHEMA_VERSION,
        "landlord": doc.landlord,
        "period": doc.period,
        "code": doc.edition.id,
        "draft": doc.draft,
        "submission": {"submitted_on": doc.submitted_on, "reference": doc.submission_reference},
        "counts": _counts(doc.totals),
        "sections": [
            {"number": s.number, "title": s.title, **_counts(s.counts)} for s in doc.sections
        ],
        "non_compliant": [
            {
                "provision": row.id,
                "summary": row.summary,
                "modality": row.modality or None,
                "compliance_date": row.compliance_iso,
            }
            for row in doc.non_compliant
        ],
        "practice": summary_data(doc.practice_figures) if doc.practice_figures else None,
        "problems": list(doc.problems),
        "outputs": outputs,
    }
    return json_document(data)
