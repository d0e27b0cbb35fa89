"""Build the practice outputs for `practice -o`: practice.json, verdicts.csv and practice.md."""

from __future__ import annotations

import json
from typing import Any

from selfassess.practice import PracticeFigures, PracticeResult, figures_of, practice_data
from selfassess.practice.text import format_markdown
from selfassess.render.csvsafe import to_csv

VERDICT_COLUMNS = (
    "reference",
    "row",
    "stage",
    "received",
    "acknowledged",
    "acknowledgement due",
    "acknowledgement",
    "response due",
    "extension",
    "final due",
    "responded",
    "verdict",
    "late by (working days)",
    "reason",
)
OUTPUTS = ("practice.json", "verdicts.csv", "practice.md")


def practice_json(figures: PracticeFigures) -> str:
    """Return practice.json's text: stable, indented and versioned."""
    return json.dumps(practice_data(figures), indent=2, ensure_ascii=False) + "\n"


def build_practice_outputs(
    result: PracticeResult, figures: PracticeFigures | None = None
) -> dict[str, bytes]:
    """Return the three outputs' names and bytes (from figures already made, if given)."""
    figures = figures if figures is not None else figures_of(result)
    texts = (practice_json(figures), verdicts_csv(result), format_markdown(figures))
    return {name: text.encode("utf-8") for name, text in zip(OUTPUTS, texts, strict=True)}


def verdicts_csv(result: PracticeResult) -> str:
    """Return verdicts.csv: one row per complaint and stage, every cell formula-safe."""
    return to_csv(VERDICT_COLUMNS, (_verdict_row(v) for v in result.verdicts))


def _verdict_row(v: Any) -> list[str]:
    def day(value: Any) -> str:
        return value.isoformat() if value is not None else ""

    return [
        v.complaint.reference,
        str(v.complaint.row),
        str(v.stage),
        day(v.record.start),
        day(v.record.acknowledged),
        day(v.ack_due),
        v.acknowledgement,
        day(v.due),
        v.extension,
        day(v.final_due),
        day(v.responded),
        v.verdict,
        str(v.late_by) if v.late_by else "",
        v.reason,
    ]
