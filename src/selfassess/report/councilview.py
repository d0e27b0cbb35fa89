"""The whole council's report view: a summary side by side, then each part's own report view.

The summary's figures are each part's, as its own report counts them (its log measured against
its own Code's timescales); the whole council's column adds the counts, and works its share on
time out of the added counts. Each Ombudsman's rate stays under its own definition and is
never added to the other's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from selfassess.assessment import view as v
from selfassess.assessment.makeview import describe_problem
from selfassess.practice import labels
from selfassess.practice.figures import PracticeFigures, StageFigures, percent
from selfassess.problems import InputError, UsageError, sort_problems
from selfassess.report import view as rv
from selfassess.report.council import CheckedPart, CouncilReport
from selfassess.report.lgscotables import UPHELD_RATE
from selfassess.report.makeview import build_report_view
from selfassess.report.tables import FigureRow, FigureTable, Number, find_row

WHOLE = "Whole council"
SUMMARY = rv.Heading("council-summary", "The whole council's complaints")
RATES_NOTE = (
    "The two Ombudsmen count differently: the Housing Ombudsman's maladministration rate is a "
    "share of its findings decided, the LGSCO's upheld rate a share of the decisions it "
    "investigated. Each is given under its own definition, and they are never added together."
)


@dataclass(frozen=True)
class PartView:
    """One part: its heading, its anchor and folder, its Code and its own report view."""

    title: str
    slug: str
    code: str
    view: rv.ReportView


@dataclass(frozen=True)
class SharedLog:
    """A complaints log that several parts read through `where:`, and what fell in none."""

    log: str
    parts: tuple[str, ...]
    complaints: int  # every complaint the log holds that could be read
    neither: int  # kept by no part's where:, so counted in no part
    both: int  # kept by more than one part, so counted in each

    @property
    def sentence(self) -> str:
        """Say how the log was shared out, naming the complaints that no part counts."""
        parts = " and ".join(self.parts)
        text = (
            f"Our complaints log {self.log} holds {self.complaints:,} complaints, shared between "
            f"{parts} by their services (where:). {self.neither:,} of them fall in neither "
            "part and are not counted above"
        )
        if self.both:
            text += f"; {self.both:,} fall in more than one part and are counted in each"
        return text + "."


@dataclass(frozen=True)
class CouncilView:
    """Everything the whole council's report shows, in the order it shows it."""

    title: str
    landlord: str
    period: str
    draft: bool
    problems: tuple[str, ...]
    facts: tuple[v.Fact, ...]
    summary: FigureTable
    rates: FigureTable
    parts: tuple[PartView, ...]
    governance: rv.GovernanceView
    shared: tuple[SharedLog, ...] = ()
    previous_period: str | None = None

    @property
    def shares_note(self) -> str | None:
        """Say once how the shares beside the parts' counts are worked out, if any part has one."""
        return next((p.view.shares_note for p in self.parts if p.view.shares_note), None)

    @property
    def notice(self) -> v.DraftNotice | None:
        """Return what the draft banner shows, or None for an approved report."""
        return v.DraftNotice() if self.draft else None  # the banner only, as a single report


def build_council_view(council: CouncilReport, as_of: dt.date, draft: bool) -> CouncilView:
    """Return the whole council's report: the summary, then each part's items."""
    parts = tuple(_part(part, as_of, draft) for part in council.parts)
    first = parts[0].view
    return CouncilView(
        title=first.title,
        landlord=first.landlord,
        period=council.period,
        draft=first.draft,
        problems=tuple(
            describe_problem(p, council.document.path_display)
            for p in sort_problems(council.problems)
        ),
        facts=tuple(
            f if f.label != "Landlord" else v.Fact("Council", f.value) for f in first.facts
        ),
        summary=summary_table(parts, council.period),
        rates=rates_table(parts),
        parts=parts,
        governance=first.governance,
        shared=shared_logs(council, as_of),
    )


def shared_logs(council: CouncilReport, as_of: dt.date) -> tuple[SharedLog, ...]:
    """Return each log more than one part reads, with the complaints no part (or two) keeps."""
    from selfassess.practice import settings_of
    from selfassess.practice.against import measured

    by_log: dict[str, list[tuple[str, Any]]] = {}
    for part in council.parts:
        checked = part.checked.assessment
        if checked.assessment.practice is None:
            continue
        given = settings_of(
            checked.assessment, checked.document.path, checked.document.path_display
        )
        files = tuple(
            str(log.path.resolve()) for log in given.logs
        )  # one log, in one or more files
        by_log.setdefault(" ".join(files), []).append((part.title, given))
    found = []
    for sharing in by_log.values():
        if len(sharing) < 2:
            continue
        try:
            kept = [{c.reference for c in measured(g, as_of).log.complaints} for _, g in sharing]
            first = measured(sharing[0][1], as_of).log
        except (InputError, UsageError, OSError):
            continue  # check has said why (a draft is rendered all the same)
        total = len(kept[0]) + first.not_kept
        union = set().union(*kept)
        both = sum(1 for ref in union if sum(ref in k for k in kept) > 1)
        titles = tuple(title for title, _ in sharing)
        found.append(SharedLog(sharing[0][1].display, titles, total, total - len(union), both))
    return tuple(found)


def _part(part: CheckedPart, as_of: dt.date, draft: bool) -> PartView:
    view = build_report_view(part.checked, as_of, draft)
    links = tuple(
        dataclasses.replace(link, url=f"{part.slug}/{link.url}")
        for link in view.self_assessment.documents
    )
    assessment = dataclasses.replace(view.self_assessment, documents=links)
    edition = part.checked.assessment.edition
    code = f"{edition.words.ombudsman}'s {edition.title} ({edition.edition})"
    return PartView(
        part.title, part.slug, code, dataclasses.replace(view, self_assessment=assessment)
    )


def _count(
    figures: PracticeFigures | None, number: int, count: Callable[[StageFigures], int]
) -> int | None:
    return None if figures is None else count(figures.stages()[number - 1])


def _added(values: list[int | None]) -> int | None:
    return None if None in values else sum(v for v in values if v is not None)


def summary_table(parts: tuple[PartView, ...], period: str) -> FigureTable:
    """Return each part's complaints side by side, with the whole council's added up."""
    logs = [part.view.log_figures for part in parts]
    rows = []
    for number in (1, 2):
        received = [_count(f, number, lambda s: s.received) for f in logs]
        on_time = [_count(f, number, lambda s: s.responded_on_time) for f in logs]
        sent = [_count(f, number, lambda s: s.responded) for f in logs]
        label = labels.received_key(1) if number == 1 else labels.ESCALATED_TO_STAGE_2
        rows += [
            FigureRow(label, (*received, _added(received))),
            FigureRow(labels.sent_key(number), (*sent, _added(sent))),
            FigureRow(labels.on_time_key(number), (*on_time, _added(on_time))),
            FigureRow(
                labels.on_time_key(number) + labels.PER_CENT,
                _shares([*on_time, _added(on_time)], [*sent, _added(sent)]),
                unit="%",
            ),
        ]
    columns = (*(part.title for part in parts), WHOLE)
    caption = f"The whole council's complaints, {period}, each part against its own Code"
    return FigureTable("council-summary", caption, "Measure", columns, tuple(rows))


def _shares(parts: list[int | None], wholes: list[int | None]) -> tuple[Number | None, ...]:
    return tuple(
        None if p is None or w is None else percent(p, w)
        for p, w in zip(parts, wholes, strict=True)
    )


def rates_table(parts: tuple[PartView, ...]) -> FigureTable:
    """Return each part's Ombudsman decisions and rate, under that Ombudsman's own definition."""
    rows: list[FigureRow] = []
    for index, part in enumerate(parts):
        for key, label, name in _PICKED:
            row = find_row(part.view.findings_tables, key, label)
            if row is not None:
                values: list[Number | None] = [None] * len(parts)
                values[index] = row.values[0]
                rows.append(FigureRow(name, tuple(values), unit=row.unit))
    columns = tuple(part.title for part in parts)
    caption = "Ombudsman decisions and each Ombudsman's rate, under its own definition"
    return FigureTable("council-rates", caption, "Measure", columns, tuple(rows))


#: The rows taken from each part's item 3 (table key, row label), as the summary names them.
_PICKED = (
    ("ombudsman-decisions", "Determinations", "Housing Ombudsman: determinations"),
    (
        "ombudsman-decisions",
        "Maladministration rate",
        "Housing Ombudsman: maladministration rate (of findings decided)",
    ),
    ("lgsco-decisions", "Decisions", "LGSCO: decisions"),
    ("lgsco-decisions", "Investigated in detail", "LGSCO: decisions investigated in detail"),
    ("lgsco-decisions", UPHELD_RATE, "LGSCO: upheld rate (of decisions investigated)"),
)
