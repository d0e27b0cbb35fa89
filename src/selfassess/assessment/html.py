"""The self-assessment's HTML: the standalone page, the CMS fragments and the gap list page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from selfassess.assessment import fragments
from selfassess.assessment.chart import build_chart
from selfassess.assessment.gaps import GapList
from selfassess.assessment.view import DocumentView
from selfassess.render.jinja import render_template

if TYPE_CHECKING:
    import jinja2


def render_page(env: jinja2.Environment, doc: DocumentView) -> str:
    """Return the standalone self-assessment page."""
    chart = build_chart(tuple(s.counts for s in doc.sections))
    return _render_doc(
        env, "self-assessment.html", doc, chart=chart, styled=True, section_plan=False
    )


def render_fragments(
    env: jinja2.Environment, doc: DocumentView, links: str = fragments.ANCHOR
) -> dict[str, str]:
    """Return the CMS fragments by file name: one per section, the governance, and an index."""
    pages = {
        f"section-{s.number}.html": _render_doc(
            env, "section.html", doc, section=s, styled=False, section_plan=True
        )
        for s in doc.sections
    }
    pages[f"{fragments.GOVERNANCE}.html"] = _render_doc(
        env, "governance.html", doc, anchor=fragments.GOVERNANCE, styled=False
    )
    hrefs = {
        s.anchor: fragments.fragment_href(links, f"section-{s.number}", s.anchor)
        for s in doc.sections
    }
    governance = fragments.fragment_href(links, fragments.GOVERNANCE, fragments.GOVERNANCE)
    pages["index.html"] = _render_doc(
        env, "sections-index.html", doc, hrefs=hrefs, governance=governance, styled=False
    )
    return pages


def _render_doc(env: jinja2.Environment, name: str, doc: DocumentView, **context: Any) -> str:
    """Render a template of the public document, with its draft notice."""
    columns = doc.edition.columns  # the Code's own form headings
    return render_template(env, name, doc=doc, notice=doc.notice, COLUMNS=columns, **context)


def render_gaps_page(env: jinja2.Environment, gaps: GapList) -> str:
    """Return the internal gap list page."""
    from selfassess.assessment.gapstext import INTERNAL_NOTE, headline

    return render_template(
        env,
        "gaps.html",
        gaps=gaps,
        notice=gaps.notice,
        note=INTERNAL_NOTE,
        headline=headline(gaps),
        styled=True,
    )
