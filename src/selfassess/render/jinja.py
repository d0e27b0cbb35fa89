"""The jinja2 environment every HTML output is rendered with.

One jinja2 Environment, autoescape on, loading from the user's --templates
folder first and the bundled templates second.
"""

from __future__ import annotations

import traceback
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfassess.problems import InputError, Problem, error
from selfassess.render import pieces, usermarkdown
from selfassess.render.pieces import counts_text
from selfassess.resources import resource_dir

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup


def environment(templates: Path | None = None) -> jinja2.Environment:
    """Return the Environment every HTML output is rendered with (one per templates folder).

    Kept per folder as it is on disk, so a relative path means the folder it names now;
    messages name the folder as it was given.
    """
    return _environment(templates, templates.resolve() if templates else None)


def forget_templates() -> None:
    """Drop every environment, so templates saved since are read again (a long-lived serve)."""
    _environment.cache_clear()


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
        YES=pieces.YES,
        NO=pieces.NO,
        EXPLANATION_LABEL=pieces.EXPLANATION_LABEL,
        DATE_LABEL=pieces.DATE_LABEL,
        DRAFT_BANNER=pieces.DRAFT_BANNER,
        PRACTICE_HEADING=pieces.PRACTICE_HEADING,
        PRACTICE_CAPTION=pieces.PRACTICE_CAPTION,
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
