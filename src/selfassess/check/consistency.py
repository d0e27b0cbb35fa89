"""Rules that keep what the documents say consistent: a period the deadlines can read, a
draft that records no approval, and a yes that carries nothing only a no can publish."""

from __future__ import annotations

from collections.abc import Iterator

from selfassess.check.rules import Rule, RuleContext
from selfassess.dates import format_date, period_problem
from selfassess.problems import Problem


def period_written(ctx: RuleContext) -> Iterator[Problem]:
    """E112: the period is written YYYY-YY, as the deadlines, the titles and `init` read it."""
    problem = period_problem(ctx.assessment.period)
    if problem and "period" not in ctx.left_out.fields:
        yield ctx.at("E112", ("period",), f"period: {problem}", key=False)


def draft_with_approval(ctx: RuleContext) -> Iterator[Problem]:
    """W321: a draft that records an approval says "not approved" and "Approved" at once."""
    approval = ctx.assessment.governance.approval
    if ctx.assessment.status == "draft" and approval is not None:
        yield ctx.warn(
            "W321",
            ("status",),
            f"status is draft but governance.approval records an approval on "
            f"{format_date(approval.date)}; set status: approved if the governing body has "
            "approved this assessment, or remove the approval until it does (a draft's documents "
            "leave the approval out)",
        )


def yes_with_no_fields(ctx: RuleContext) -> Iterator[Problem]:
    """W322: a yes carrying an explanation or a compliance date, which only a no publishes."""
    for pid, response in ctx.answered():
        fields = [f for f in ("explanation", "compliance_date") if getattr(response, f)]
        if response.comply == "yes" and fields:
            named = " and ".join(fields)
            yield ctx.warn(
                "W322",
                ("responses", pid, fields[0]),
                f"provision {pid} is answered yes but has {named}, which the documents publish "
                f"only for a no; remove {'them' if len(fields) > 1 else 'it'}, or answer no if "
                "the provision is not met yet",
            )


RULES: tuple[Rule, ...] = (period_written, draft_with_approval, yes_with_no_fields)
