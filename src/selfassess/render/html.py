"""The HTML outputs: the standalone page, the CMS fragments and the gap list page.

One jinja2 Environment, autoescape on, loading from the user's --templates
folder first and the bundled templates second.
"""

from __future__ import annotations

import traceback
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfassess.problems import InputError, Problem, error
from selfassess.render import fragments, usermarkdown, views
from selfassess.render.chart import build_chart, counts_text
from selfassess.render.gaps import GapList
from selfassess.render.views import DocumentView
from selfassess.resources import resource_dir

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

    from selfassess.casework.view import PlanView


def environment(templates: Path | None = None) -> jinja2.Environment:
    """Return the Environment every HTML output is rendered with (one per templates folder).

    Kept per folder as it is on disk, so a relative path means the folder it names now;
    messages name the folder as it was given.
    """
    return _environment(templates, templates.resolve() if templates else None)


@cache
def _environment(templates: Path | None, where: Path | None) -> jinja2.Environment:
    import jinja2

    from selfassess.render.templateloader import GuardedLoader

    folders = [str(templates)] if templates else []
    folders.append(str(resource_dir("templates")))
    env = jinja2.Environment(
        loader=GuardedLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
        # Templates are read once a run; asking the disk whether each changed, at every
        # include of every row, cost 660 stat calls an assessment.
        auto_reload=False,
    )
    env.filters.update(
        markdown=_markdown,
        inline_markdown=_inline_markdown,
        labelled=_labelled,
        counts_text=counts_text,
    )
    env.globals.update(
        YES=views.YES,
        NO=views.NO,
        EXPLANATION_LABEL=views.EXPLANATION_LABEL,
        DATE_LABEL=views.DATE_LABEL,
        DRAFT_BANNER=views.DRAFT_BANNER,
        PRACTICE_HEADING=views.PRACTICE_HEADING,
        PRACTICE_CAPTION=views.PRACTICE_CAPTION,
    )
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Keep templates compiled between runs; a changed template's checksum makes it compile again."""
    import jinja2

    from selfassess.files import cache_dir

    folder = cache_dir("templates")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


def _markdown(text: str | None) -> Markup:
    from markupsafe import Markup

    return Markup(usermarkdown.to_html(text))


def _inline_markdown(text: str | None) -> Markup:
    from markupsafe import Markup

    return Markup(usermarkdown.to_inline_html(text))


def _labelled(text: str | None, label: str) -> Markup:
    """Render markdown with a bold label opening its first paragraph."""
    from markupsafe import Markup, escape

    body = usermarkdown.to_html(text)
    strong = Markup("<strong>{}</strong> ").format(escape(label))
    if body.startswith("<p>"):
        return Markup("<p>") + strong + Markup(body[3:])
    return Markup("<p>") + strong.rstrip() + Markup("</p>\n") + Markup(body)


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


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render one template; a broken one (from --templates) is an E401 problem at its line."""

    try:
        text = env.get_template(name).render(**context)
    except InputError:
        raise
    except Exception as exc:  # a template is code: one from --templates can fail as Python can
        raise InputError([template_problem(exc, name)]) from None
    return text.rstrip("\n") + "\n"


def template_problem(exc: Exception, name: str) -> Problem:
    """Describe a broken template (one from --templates) at its file and line."""
    filename = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    for frame, frame_line in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename.endswith((".html", ".css")):
            filename, line = frame.f_code.co_filename, frame_line
    message = getattr(exc, "message", None) or str(exc)
    return error(filename or name, line or 1, 1, "E401", f"template error: {message}")


def render_gaps_page(env: jinja2.Environment, gaps: GapList) -> str:
    """Return the internal gap list page."""
    from selfassess.render.gapstext import INTERNAL_NOTE, headline

    return render_template(
        env,
        "gaps.html",
        gaps=gaps,
        notice=gaps.notice,
        note=INTERNAL_NOTE,
        headline=headline(gaps),
        styled=True,
    )


def render_plan_page(env: jinja2.Environment, plan: PlanView) -> str:
    """Return the committee progress report page (public or internal)."""
    from selfassess.casework.view import INTERNAL_NOTE, ITEM_COLUMNS, METHOD_NOTE

    return render_template(
        env,
        "plan.html",
        plan=plan,
        note=INTERNAL_NOTE,
        method=METHOD_NOTE,
        ITEM_COLUMNS=ITEM_COLUMNS,
        styled=True,
    )
