"""The rules a casework register must pass. Codes E701-E749 are errors, W750-W769 warnings."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from selfassess.casework.models import (
    FINDINGS_OF,
    KINDS_OF,
    OMBUDSMAN_NAMES,
    Case,
    CaseAction,
    Order,
    Register,
)
from selfassess.models import Owner
from selfassess.problems import Problem
from selfassess.safety import (
    bare_address_message,
    bare_web_address,
    is_safe_url,
    unsafe_link_message,
)
from selfassess.wording import shorten
from selfassess.yamlio import Document, KeyPath


@dataclass
class RegisterContext:
    """What a rule needs: the document, the register, its owners and the as-of date."""

    document: Document
    register: Register
    owners: dict[str, Owner]
    as_of: dt.date
    owners_from: bool = False
    owners_unknown: bool = False

    def at(self, code: str, path: KeyPath, message: str, *, key: bool = True) -> Problem:
        """Make an error at a path in the register."""
        return self.document.problem(code, path, message, key=key)

    def warn(self, code: str, path: KeyPath, message: str, *, key: bool = True) -> Problem:
        """Make a warning at a path in the register."""
        return self.document.problem(code, path, message, key=key)

    def cases(self) -> Iterator[tuple[KeyPath, Case]]:
        """Yield each case with its key path."""
        for index, case in enumerate(self.register.cases):
            yield ("cases", index), case

    def orders(self) -> Iterator[tuple[KeyPath, Case, Order]]:
        """Yield each order with its key path and case."""
        for path, case in self.cases():
            for index, order in enumerate(case.orders):
                yield (*path, "orders", index), case, order

    def actions(self) -> Iterator[tuple[KeyPath, str, CaseAction]]:
        """Yield each recommendation's action with its key path and a name for it."""
        for path, case in self.cases():
            for r_index, recommendation in enumerate(case.recommendations):
                name = f"case {case.reference} recommendation {recommendation.id}"
                for index, action in enumerate(recommendation.actions):
                    yield (*path, "recommendations", r_index, "actions", index), name, action


Rule = Callable[[RegisterContext], Iterator[Problem]]


def finding_categories(ctx: RegisterContext) -> Iterator[Problem]:
    """E701: a finding must be one of the register's Ombudsman's."""
    findings = FINDINGS_OF[ctx.register.ombudsman]
    whose = (
        "the LGSCO's decisions" if ctx.register.ombudsman == "lgsco" else "the Ombudsman's findings"
    )
    for path, case in ctx.cases():
        for index, finding in enumerate(case.findings):
            if finding.finding in findings:
                continue
            guess = difflib.get_close_matches(finding.finding, findings, n=1, cutoff=0.6)
            hint = f"did you mean '{guess[0]}'?" if guess else "use one of: " + ", ".join(findings)
            yield ctx.at(
                "E701",
                (*path, "findings", index, "finding"),
                f"finding '{shorten(finding.finding)}' in case {case.reference} is not one of "
                f"{whose}; {hint}",
                key=False,
            )


def ombudsman_kinds(ctx: RegisterContext) -> Iterator[Problem]:
    """E709/E710: cases, orders and the review letter are the register's Ombudsman's."""
    ombudsman = ctx.register.ombudsman
    name, kinds = OMBUDSMAN_NAMES[ombudsman], KINDS_OF[ombudsman]
    for path, case in ctx.cases():
        if case.kind not in kinds:
            yield ctx.at(
                "E709",
                (*path, "kind"),
                f"case {case.reference} is a {case.kind}, which the {name} does not make "
                f"(ombudsman: {ombudsman}); use one of: {', '.join(kinds)}",
                key=False,
            )
        if ombudsman == "lgsco":
            yield from _lgsco_case(ctx, path, case)
    if ctx.register.review_letter is not None and ombudsman != "lgsco":
        yield ctx.at(
            "E709",
            ("review_letter",),
            "review_letter: is the LGSCO's annual letter; set ombudsman: lgsco, or list the "
            "Housing Ombudsman's annual report under publications:",
        )


def _lgsco_case(ctx: RegisterContext, path: KeyPath, case: Case) -> Iterator[Problem]:
    if case.orders:
        yield ctx.at(
            "E709",
            (*path, "orders"),
            f"case {case.reference} has orders, but the LGSCO makes recommendations, not "
            "orders; list them under recommendations: with the date set for each (due:)",
        )
    for index, rec in enumerate(case.recommendations):
        if rec.due is None:
            yield ctx.at(
                "E710",
                (*path, "recommendations", index),
                f"recommendation {rec.id} in case {case.reference} has no due date; add due: "
                "the date the LGSCO set for compliance (YYYY-MM-DD)",
                key=False,
            )


def orders_complete(ctx: RegisterContext) -> Iterator[Problem]:
    """E702/E706/W754: an order needs a due date, a done_on once done, and an owner."""
    for path, case, order in ctx.orders():
        if order.due is None:
            yield ctx.at(
                "E702",
                path,
                f"an order in case {case.reference} has no due date; add due: the date the "
                "Ombudsman set for compliance (YYYY-MM-DD)",
                key=False,
            )
        if order.status == "done" and order.done_on is None:
            yield ctx.at(
                "E706",
                (*path, "status"),
                f"an order in case {case.reference} is done but has no done_on; add done_on: "
                "the date it was complied with (YYYY-MM-DD)",
            )
        if not order.owner:
            yield ctx.warn(
                "W754",
                path,
                f"an order in case {case.reference} has no owner; add owner: <a key of owners> "
                "so it shows in the list of what is owed",
                key=False,
            )


def actions_complete(ctx: RegisterContext) -> Iterator[Problem]:
    """E703: every action needs an owner and a due date."""
    for path, name, action in ctx.actions():
        if not action.owner:
            yield ctx.at(
                "E703",
                path,
                f"an action for {name} has no owner; add owner: <a key of owners>",
                key=False,
            )
        if action.due is None:
            yield ctx.at(
                "E703",
                path,
                f"an action for {name} has no due date; add due: YYYY-MM-DD",
                key=False,
            )


def known_owners(ctx: RegisterContext) -> Iterator[Problem]:
    """E704: an owner must be a key of `owners` (or of the assessment `owners_from` names)."""
    if ctx.owners_unknown:
        return
    owned = [(path, order.owner) for path, _, order in ctx.orders()]
    owned += [(path, action.owner) for path, _, action in ctx.actions()]
    owned += [
        ((*path, "recommendations", index, "sro"), rec.sro)
        for path, case in ctx.cases()
        for index, rec in enumerate(case.recommendations)
    ]
    where = "owners or in the assessment owners_from names" if ctx.owners_from else "owners"
    known = ", ".join(ctx.owners) or "none defined"
    for path, owner in owned:
        if owner and owner not in ctx.owners:
            yield ctx.at(
                "E704",
                path if path[-1] == "sro" else (*path, "owner"),
                f"owner '{shorten(owner)}' is not in {where} (known: {known})",
                key=False,
            )


def unique_references(ctx: RegisterContext) -> Iterator[Problem]:
    """E705/E708: case references are unique, and so are recommendation ids within a case."""
    seen: dict[str, KeyPath] = {}
    for path, case in ctx.cases():
        first = seen.setdefault(case.reference, path)
        if first != path:
            line = ctx.document.value_mark((*first, "reference")).line
            yield ctx.at(
                "E705",
                (*path, "reference"),
                f"case reference {shorten(case.reference)} is used twice (first on line {line}); "
                "give each case its own reference, or merge the two",
                key=False,
            )
        ids = [r.id for r in case.recommendations]
        for index, rid in enumerate(ids):
            if rid in ids[:index]:
                yield ctx.at(
                    "E708",
                    (*path, "recommendations", index, "id"),
                    f"recommendation {shorten(rid)} is listed twice in case {case.reference}",
                    key=False,
                )


def overdue(ctx: RegisterContext) -> Iterator[Problem]:
    """W750/W751: orders and actions past due (as now agreed) on the as-of date and not done."""
    for path, case, order in ctx.orders():
        if order.is_overdue(ctx.as_of):
            yield ctx.warn(
                "W750",
                _due_path(path, order),
                f"an order in case {case.reference} was due {_due_text(order)} and is "
                f"{order.status}; the Ombudsman expects orders complied with by the date set",
            )
    for path, name, action in ctx.actions():
        if action.is_overdue(ctx.as_of):
            yield ctx.warn(
                "W751",
                _due_path(path, action),
                f"an action for {name} was due {_due_text(action)} and is {action.status}",
            )


def _due_path(path: KeyPath, entry: CaseAction) -> KeyPath:
    """Point at the date it is due now: the last revision's `to`, or `due`."""
    if entry.revised:
        return (*path, "revised", len(entry.revised) - 1, "to")
    return (*path, "due")


def _due_text(entry: CaseAction) -> str:
    due = entry.current_due
    text = due.isoformat() if due else "no date"
    return text + (" (as revised)" if entry.revised else "")


def late_compliance(ctx: RegisterContext) -> Iterator[Problem]:
    """W752: an order complied with after its due date (as last agreed)."""
    for path, case, order in ctx.orders():
        due = order.current_due
        if order.status == "done" and order.done_on and due and order.done_on > due:
            yield ctx.warn(
                "W752",
                (*path, "done_on"),
                f"an order in case {case.reference} was complied with on "
                f"{order.done_on.isoformat()}, after its due date {_due_text(order)}; "
                "it counts as complied with late",
            )


def revisions_in_order(ctx: RegisterContext) -> Iterator[Problem]:
    """E718: a due date's revisions are listed in the order they were agreed."""
    entries: list[tuple[KeyPath, CaseAction]] = [(path, order) for path, _, order in ctx.orders()]
    entries += [(path, action) for path, _, action in ctx.actions()]
    for path, entry in entries:
        for index in range(1, len(entry.revised)):
            before, after = entry.revised[index - 1], entry.revised[index]
            if after.on < before.on:
                yield ctx.at(
                    "E718",
                    (*path, "revised", index, "on"),
                    f"this revision was agreed on {after.on.isoformat()}, before the one above it "
                    f"({before.on.isoformat()}); list revisions in the order they were agreed, "
                    "so the last is the date it is due now",
                    key=False,
                )


def determinations_decided(ctx: RegisterContext) -> Iterator[Problem]:
    """W753: a determination records the findings the figures are counted from."""
    for path, case in ctx.cases():
        if case.kind in ("determination", "decision") and not case.findings:
            yield ctx.warn(
                "W753",
                (*path, "kind"),
                f"{case.kind} {case.reference} has no findings; add one per complaint issue "
                "the Ombudsman decided, or the figures leave it out",
            )


def unsafe_links(ctx: RegisterContext) -> Iterator[Problem]:
    """W310, W320: links must be http, https, mailto or relative, and web addresses say https://."""
    links = [((*path, "url"), case.url) for path, case in ctx.cases()]
    links += [
        (("publications", index, "url"), item.url)
        for index, item in enumerate(ctx.register.publications)
    ]
    for path, url in links:
        if url and not is_safe_url(url):
            yield ctx.warn("W310", path, unsafe_link_message(url), key=False)
        elif url and bare_web_address(url):
            yield ctx.warn("W320", path, bare_address_message(url), key=False)


RULES: tuple[Rule, ...] = (
    finding_categories,
    ombudsman_kinds,
    orders_complete,
    actions_complete,
    known_owners,
    unique_references,
    overdue,
    late_compliance,
    revisions_in_order,
    determinations_decided,
    unsafe_links,
)
