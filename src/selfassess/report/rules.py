"""Rules over a loaded annual report: a change for every improvement, and the six items."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator

from selfassess.dates import format_date
from selfassess.problems import Problem, error, warning
from selfassess.report.load import CheckedReport, year_before
from selfassess.report.measures import BY_KEY, NAMES, NEEDS
from selfassess.wording import fold, shorten
from selfassess.yamlio import KeyPath

#: The kind of publication that is item 5 (the Ombudsman's annual report about the landlord).
LANDLORD_REPORT = "annual landlord performance report"
#: The LGSCO's item 5: its annual review letter (a register's review_letter:).
REVIEW_LETTER = "annual review letter"
ANNUAL = (LANDLORD_REPORT, REVIEW_LETTER)


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _warn(checked: CheckedReport, path: KeyPath, code: str, message: str) -> Problem:
    mark = checked.document.value_mark(path)
    return warning(checked.document.path_display, mark.line, mark.col, code, message)


def improvements_have_changes(checked: CheckedReport) -> Iterator[Problem]:
    """An improvement must say what changed."""
    for index, item in enumerate(checked.report.improvements):
        if _blank(item.change):
            mark = checked.document.value_mark(("improvements", index))
            yield error(
                checked.document.path_display,
                mark.line,
                mark.col,
                "E806",
                f"improvement '{item.theme}' has no change; say what was changed as a result "
                "of the learning (item 4 of the report is the improvements made)",
            )


def previous_is_last_year(checked: CheckedReport) -> Iterator[Problem]:
    """Last year's report must cover the year before this one."""
    previous = checked.previous
    expected = year_before(checked.period)
    if previous is None or expected is None or previous.period == expected:
        return
    mark = checked.document.value_mark(("previous",))
    yield error(
        checked.document.path_display,
        mark.line,
        mark.col,
        "E804",
        f"previous report covers {previous.period}, expected {expected} (the year before "
        f"{checked.period})",
    )


def six_items_present(checked: CheckedReport) -> Iterator[Problem]:
    """Warn for each of the Code's six required items that is missing or empty."""
    report = checked.report
    if not checked.assessment.assessment.responses:
        yield _item(checked, ("assessment",), 1, "the self-assessment has no answers")
    if _blank(report.analysis):
        yield _item(checked, ("analysis",), 2, "analysis: is missing or empty")
    if report.casework is None and _blank(report.findings):
        yield _item(
            checked,
            ("findings",),
            3,
            "findings: is missing and no casework: register is named; say what the Ombudsman "
            "found, or that it made no finding of non-compliance",
        )
    if not report.improvements:
        yield _item(checked, ("improvements",), 4, "improvements: is missing or empty")
    kinds = [p.kind.strip().lower() for p in report.publications]
    if checked.casework is not None:
        kinds += [p.kind.strip().lower() for p in checked.casework.register.publications]
        kinds += [REVIEW_LETTER] if checked.casework.register.review_letter else []
    # A register that is named but could not be loaded is already an error (E805).
    if _blank(report.publications_note) and (report.casework is None) == (checked.casework is None):
        if not set(ANNUAL) & set(kinds):
            yield _item(checked, ("publications",), 5, _no_publication(LANDLORD_REPORT))
        if not [k for k in kinds if k not in ANNUAL]:
            yield _item(
                checked, ("publications",), 6, _no_publication("other report or publication")
            )


def _no_publication(what: str) -> str:
    return (
        f"no {what} by the Ombudsman is listed under publications: or in a casework: register; "
        "list it, or say in publications_note that there was none"
    )


def _item(checked: CheckedReport, path: KeyPath, number: int, message: str) -> Problem:
    return _warn(checked, path, "W850", f"item {number} of the annual report is empty: {message}")


def approval_has_response(checked: CheckedReport) -> Iterator[Problem]:
    """An approved report publishes the governing body's response beside it."""
    report = checked.report
    approved = report.status != "draft" or report.governance.approval is not None
    if approved and _blank(report.governance.response):
        path: KeyPath = ("governance", "approval") if report.governance.approval else ("status",)
        yield _warn(
            checked,
            path,
            "W851",
            "the report is approved but governance.response is empty; the governing body's "
            "response is published alongside the report",
        )


def draft_with_approval(checked: CheckedReport) -> Iterator[Problem]:
    """A draft that records an approval would say "not approved" and "Approved" at once."""
    approval = checked.report.governance.approval
    if checked.report.status == "draft" and approval is not None:
        yield _warn(
            checked,
            ("status",),
            "W855",
            f"status is draft but governance.approval records an approval on "
            f"{format_date(approval.date)}; set status: approved if the governing body has "
            "approved the report, or remove the approval until it does (a draft leaves it out)",
        )


def same_year(checked: CheckedReport) -> Iterator[Problem]:
    """The self-assessment included should be approved, and it and the register cover the year."""
    assessment = checked.assessment.assessment
    if assessment.status == "draft":
        yield _warn(
            checked,
            ("assessment",),
            "W852",
            "the self-assessment included as item 1 is still a draft; record its approval first",
        )
    register = checked.casework.register if checked.casework else None
    if register is not None and register.period and register.period != checked.period:
        yield _warn(
            checked,
            ("casework",),
            "W854",
            f"the casework register covers {register.period} but the report covers "
            f"{checked.period}",
        )
    if checked.report.period and checked.report.period != assessment.period:
        yield _warn(
            checked,
            ("period",),
            "W853",
            f"the report covers {checked.report.period} but its self-assessment covers "
            f"{assessment.period}",
        )


def benchmarks_computed(checked: CheckedReport) -> Iterator[Problem]:
    """E807/W856: a benchmark names a measure we know, and one this report computes."""
    missing = missing_inputs(checked)
    for index, benchmark in enumerate(checked.report.benchmarks):
        path: KeyPath = ("benchmarks", index, "measure")
        measure = BY_KEY.get(fold(benchmark.measure))
        if measure is None:
            guess = difflib.get_close_matches(benchmark.measure, NAMES, n=1, cutoff=0.5)
            hint = f"did you mean '{guess[0]}'?" if guess else "use one of: " + ", ".join(NAMES)
            mark = checked.document.value_mark(path)
            yield error(
                checked.document.path_display,
                mark.line,
                mark.col,
                "E807",
                f"benchmark measure '{shorten(benchmark.measure)}' is not one the report "
                f"computes; {hint}",
            )
        elif lacking := next((need for need in measure.needs if need in missing), None):
            yield _warn(
                checked,
                path,
                "W856",
                f"benchmark for {measure.name} is left out: the report does not compute "
                f"{measure.name}, because {NEEDS[lacking]}",
            )


def missing_inputs(checked: CheckedReport) -> set[str]:
    """Return what the report lacks for some measures (measures.NEEDS): a log, a register, ..."""
    missing = set()
    if checked.assessment.assessment.practice is None:
        missing.add("log")
    if not checked.assessment.edition.tenant_measures:
        missing.add("tenant measures")
    if checked.report.casework is None:  # named but unusable is E805 already
        missing.add("casework")
    elif checked.casework is not None and checked.casework.register.ombudsman == "lgsco":
        missing.add("housing register")
    satisfaction = checked.report.satisfaction
    if satisfaction is None or satisfaction.complaints_handling is None:
        missing.add("satisfaction")
    return missing


RULES: tuple[Callable[[CheckedReport], Iterator[Problem]], ...] = (
    improvements_have_changes,
    previous_is_last_year,
    six_items_present,
    approval_has_response,
    draft_with_approval,
    same_year,
    benchmarks_computed,
)
#: The rules each part of a whole council's report passes, at the part's own keys.
PART_RULES = (improvements_have_changes, six_items_present, same_year, benchmarks_computed)
#: The rules a whole council's report passes once, at its own keys (status, governance).
COUNCIL_RULES = (approval_has_response, draft_with_approval)


def check_rules(checked: CheckedReport) -> list[Problem]:
    """Run every rule over a loaded report."""
    return [p for rule in RULES for p in rule(checked)]
