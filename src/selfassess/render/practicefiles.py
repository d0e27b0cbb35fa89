"""Write the practice outputs: practice.json, verdicts.csv and practice.md, atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from selfassess.practice import PracticeResult, figures_json
from selfassess.render.csvs import to_csv
from selfassess.render.folderwrite import write_folder
from selfassess.render.practicetext import format_markdown

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


def practice_json(figures: dict[str, Any]) -> str:
    """Return practice.json's text: stable, indented and versioned."""
    return json.dumps(figures, indent=2, ensure_ascii=False) + "\n"


def write_outputs(
    result: PracticeResult, folder: Path, figures: dict[str, Any] | None = None
) -> list[Path]:
    """Write the three outputs into a folder (from figures already made, if given)."""
    figures = figures if figures is not None else figures_json(result)
    texts = (practice_json(figures), verdicts_csv(result), format_markdown(figures))
    return write_folder(
        folder, {name: text.encode() for name, text in zip(OUTPUTS, texts, strict=True)}
    )


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
