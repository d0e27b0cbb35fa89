"""Hold an assessment's answers to what its complaints log shows (run by check)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from selfassess.files import cannot_read, note_dependency
from selfassess.models import Assessment, PracticeSettings
from selfassess.practice import PracticeInput, compute_for, log_unusable, settings_of
from selfassess.practice.engine import PracticeResult
from selfassess.practice.measures import Measure, measures
from selfassess.practice.stagefigures import received
from selfassess.problems import InputError, Problem, UsageError, error, note, warning
from selfassess.safety import Unusable, named_file
from selfassess.wording import fold, plural
from selfassess.yamlio import Document, KeyPath

_MISSED = {
    "acknowledgement": "were not acknowledged within {days} working days",
    "response": "were late",
    "extension": "went beyond {days} further working days with no reason recorded",
}
_MET = {
    "acknowledgement": "were acknowledged within {days} working days",
    "response": "were within the Code's timescale",
    "extension": "were within {days} further working days or had a reason",
}
#: What a computed result is kept under, so check and render measure a log once.
_MEMO: dict[tuple[object, ...], PracticeResult] = {}


def measured(given: PracticeInput, as_of: dt.date) -> PracticeResult:
    """Measure an assessment's log, once per log file version and settings."""
    given.refuse_unusable_logs()
    files = []
    for log in given.logs:
        try:
            stat = log.path.stat()
        except OSError as exc:
            raise InputError([cannot_read(log.display, exc)]) from None
        files.append((str(log.path.resolve()), stat.st_mtime_ns, stat.st_size, log))
    key = (
        tuple(files),
        given.settings.model_dump_json(),
        given.period,
        given.homes,
        as_of,
        given.code,
    )
    if key not in _MEMO:
        _MEMO.clear()
        _MEMO[key] = compute_for(given, as_of)
    return _MEMO[key]


def practice_problems(
    document: Document, assessment: Assessment, as_of: dt.date
) -> Iterator[Problem]:
    """Yield the log's own problems, then every answer its figures contradict."""
    if assessment.practice is None:
        return
    shown = document.path_display
    try:
        given = settings_of(assessment, document.path, shown, document)
    except UsageError as exc:
        mark = document.key_mark(("period",))
        yield error(shown, mark.line, mark.col, "E112", str(exc))
        return
    for log in given.logs:
        note_dependency(log.path)  # a log saved later is then seen by serve
    unusable = list(_unusable_logs(document, assessment))
    yield from unusable
    if unusable:
        return
    try:
        result = measured(given, as_of)
    except InputError as exc:
        yield from exc.problems
        return
    except UsageError as exc:
        mark = document.key_mark(("practice",))
        yield warning(
            shown, mark.line, mark.col, "W551", f"the log is not compared with the answers: {exc}"
        )
        return
    yield from result.log.problems
    yield from _answers(document, assessment, result)


def _unusable_logs(document: Document, assessment: Assessment) -> Iterator[Problem]:
    """Yield E501 at each log the assessment names that may not be read, and why."""
    assert assessment.practice is not None
    listed = isinstance(assessment.practice.log, list)
    for number, item in enumerate(assessment.practice.files()):
        try:
            named_file(document.path, item.path)
        except Unusable as exc:
            key = ("practice", "log", number) if listed else ("practice", "log")
            mark = document.value_mark(key)
            message = log_unusable(item.path, exc)
            yield error(document.path_display, mark.line, mark.col, "E501", message)


def _answers(
    document: Document, assessment: Assessment, result: PracticeResult
) -> Iterator[Problem]:
    settings: PracticeSettings = result.settings
    if not received(result.stage(1), result.period):
        mark = document.value_mark(("practice", "log"))
        yield warning(
            document.path_display,
            mark.line,
            mark.col,
            "W550",
            f"the log has no complaints received in {result.period.label}; is it the right log, or the right period?",
        )
    for pid, measure in measures(result).items():
        response = assessment.responses.get(pid)
        if response is None or not measure.total:
            continue
        at = _answer_mark(document, pid)
        if response.comply == "yes" and 100 * measure.met < settings.threshold * measure.total:
            yield warning(
                document.path_display,
                *at,
                "W601",
                _contradicted(pid, measure, result, settings.threshold),
            )
        elif response.comply == "no" and measure.met == measure.total:
            yield note(document.path_display, *at, "I620", _met(pid, measure, result))
    yield from _same_handler(document, assessment, result)


def _answer_mark(document: Document, pid: str) -> tuple[int, int]:
    path: KeyPath = ("responses", pid, "comply")
    mark = document.key_mark(path)
    return mark.line, mark.col


def _in_log(result: PracticeResult) -> str:
    name = ", ".join(Path(part).name for part in result.log.display.split(", "))
    left = (
        f", {plural(result.log.left_out, 'row')} left out for errors" if result.log.left_out else ""
    )
    return f"in {name} ({result.period.label}{left})"


def _contradicted(pid: str, measure: Measure, result: PracticeResult, threshold: float) -> str:
    missed = _MISSED[measure.measure].format(days=measure.working_days)
    share = 100 - measure.percent
    return (
        f"{pid} answered yes, but {measure.missed:,} of {measure.cases()} {_in_log(result)} "
        f"{missed} ({share}%; the threshold is {threshold:g}% on time); answer no and explain, "
        "or correct the log"
    )


def _met(pid: str, measure: Measure, result: PracticeResult) -> str:
    met = _MET[measure.measure].format(days=measure.working_days)
    return f"{pid} answered no, but all {measure.cases()} {_in_log(result)} {met}; is the answer still right?"


def _same_handler(
    document: Document, assessment: Assessment, result: PracticeResult
) -> Iterator[Problem]:
    rule = result.timescales.stage_2_handler  # the Code's own provision, if it has one
    response = assessment.responses.get(rule.provision) if rule else None
    if rule is None or not result.log.has_handlers or response is None or response.comply != "yes":
        return
    same = [
        v.complaint.reference
        for v in received(result.stage(2), result.period)
        if v.record.handler and fold(v.record.handler) == fold(v.complaint.stage1.handler)
    ]
    if same:
        shown = ", ".join(same[:10]) + (f" and {len(same) - 10:,} more" if len(same) > 10 else "")
        message = (
            f"{rule.provision} answered yes, but stage 2 of {plural(len(same), 'complaint')} "
            f"{_in_log(result)} was handled by the stage 1 handler: {shown}"
        )
        yield warning(
            document.path_display, *_answer_mark(document, rule.provision), "W602", message
        )
