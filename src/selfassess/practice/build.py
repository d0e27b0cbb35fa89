"""Build the practice outputs for `practice -o`: practice.json, verdicts.csv and practice.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from selfassess.files import Output, Streamed
from selfassess.practice import PracticeFigures, PracticeResult, figures_of, practice_data
from selfassess.practice.text import format_markdown
from selfassess.practice.verdicts import reason
from selfassess.render.csvsafe import csv_pieces
from selfassess.render.jsondoc import json_document

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


def practice_json(figures: PracticeFigures) -> str:
    """Return practice.json's text: stable, indented and versioned."""
    return json_document(practice_data(figures))


def build_practice_outputs(
    result: PracticeResult, figures: PracticeFigures | None = None
) -> dict[str, Output]:
    """Return the three outputs' names and bytes (from figures already made, if given).

    verdicts.csv, a row per stage of every complaint, is made as it is written.
    """
    figures = figures if figures is not None else figures_of(result)
    return {
        "practice.json": practice_json(figures).encode("utf-8"),
        "verdicts.csv": verdicts_csv(result),
        "practice.md": format_markdown(figures).encode("utf-8"),
    }


def verdicts_csv(result: PracticeResult) -> Streamed:
    """Return verdicts.csv: one row per complaint and stage, every cell formula-safe."""
    return Streamed(lambda: csv_pieces(VERDICT_COLUMNS, _verdict_rows(result)))


class _Days(dict[dt.date | None, str]):
    """Each day as ISO text, written once: a log's stages share a few hundred days."""

    def __missing__(self, day: dt.date | None) -> str:
        text = self[day] = day.isoformat() if day is not None else ""
        return text


def _verdict_rows(result: PracticeResult) -> Iterator[list[str]]:
    day, cut_off = _Days(), result.cut_off
    for v in result.verdicts:
        record = v.record
        yield [
            v.complaint.reference,
            str(v.complaint.row),
            str(v.stage),
            day[record.start],
            day[record.acknowledged],
            day[v.ack_due],
            v.acknowledgement,
            day[v.due],
            v.extension,
            day[v.final_due],
            day[v.responded],
            v.verdict,
            str(v.late_by) if v.late_by else "",
            reason(v, cut_off),
        ]
