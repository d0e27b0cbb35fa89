"""The LGSCO's figures from a register with `ombudsman: lgsco`: its own definitions, never the
Housing Ombudsman's.

Each decision counts once, by its most serious outcome. The upheld rate is the decisions upheld
(with injustice, with no injustice, or remedied satisfactorily by the council before the LGSCO
acted) as a share of those investigated in detail (upheld or not upheld); closed after initial
enquiries, premature and not for us are decided but not investigated. A recommendation is
complied with on time when every action answering it was done by the date the LGSCO set.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from selfassess.casework.models import (
    LGSCO_FINDINGS,
    LGSCO_INVESTIGATED,
    LGSCO_UPHELD,
    Case,
    Recommendation,
    Register,
)
from selfassess.casework.share import rate

REMEDIED = "remedied satisfactorily by the council"


def outcome(case: Case) -> str | None:
    """Return a decision's outcome: its most serious finding, or None if it records none."""
    found = [f.finding for f in case.findings if f.finding in LGSCO_FINDINGS]
    return min(found, key=LGSCO_FINDINGS.index) if found else None


def lgsco_figures(register: Register, as_of: dt.date) -> dict[str, Any]:
    """Return the LGSCO's figures: decisions by outcome, the upheld rate, remedies, compliance."""
    outcomes = [o for o in (outcome(c) for c in register.cases) if o is not None]
    upheld = sum(o in LGSCO_UPHELD for o in outcomes)
    investigated = sum(o in LGSCO_INVESTIGATED for o in outcomes)
    remedied = outcomes.count(REMEDIED)
    recommendations = [r for c in register.cases for r in c.recommendations]
    return {
        "decided": len(outcomes),
        "by_outcome": {name: outcomes.count(name) for name in LGSCO_FINDINGS},
        "investigated": investigated,
        "upheld": upheld,
        "upheld_rate": rate(upheld, investigated),
        "satisfactory_remedy_rate": rate(remedied, upheld),
        "recommendations": compliance(recommendations, as_of),
        "compensation_recommended": float(
            sum((r.compensation for r in recommendations if r.compensation), Decimal(0))
        ),
        "review_letter": (
            register.review_letter.model_dump(mode="json") if register.review_letter else None
        ),
    }


def compliance(recommendations: list[Recommendation], as_of: dt.date) -> dict[str, Any]:
    """Count recommendations complied with on time and late, still open, and overdue."""
    done = [r for r in recommendations if r.actions and all(a.status == "done" for a in r.actions)]
    on_time = [
        r for r in done if r.due and all(a.done_on and a.done_on <= r.due for a in r.actions)
    ]
    still_open = [r for r in recommendations if r not in done]
    return {
        "made": len(recommendations),
        "complied": len(done),
        "complied_on_time": len(on_time),
        "complied_late": len(done) - len(on_time),
        "open": len(still_open),
        "overdue": sum(1 for r in still_open if r.due and r.due < as_of),
        "compliance_rate": rate(len(on_time), len(recommendations)),
    }
