"""The casework plan's HTML page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfassess.render.jinja import render_template

if TYPE_CHECKING:
    import jinja2

    from selfassess.casework.view import PlanView


def render_plan_page(env: jinja2.Environment, plan: PlanView) -> str:
    """Return the committee progress report page (public or internal)."""
    from selfassess.casework.summaryview import AREA_COLUMNS, SUBJECT_COLUMNS
    from selfassess.casework.view import INTERNAL_NOTE, ITEM_COLUMNS

    return render_template(
        env,
        "plan.html",
        plan=plan,
        note=INTERNAL_NOTE,
        method=plan.words.method,
        ITEM_COLUMNS=ITEM_COLUMNS,
        SUBJECT_COLUMNS=SUBJECT_COLUMNS,
        AREA_COLUMNS=AREA_COLUMNS,
        styled=True,
    )
