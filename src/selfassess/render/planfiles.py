"""Render a casework register into the committee progress report's files."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.casework import CheckedRegister, load_register, publications
from selfassess.problems import InputError, sort_problems
from selfassess.render import (
    CSV_ENCODING,
    FileResult,
    output_folder,
    parse_formats,
    write_outputs,
)

if TYPE_CHECKING:
    from selfassess.casework.view import PlanView

#: Every plan output format, in the order outputs are written.
PLAN_FORMATS = ("html", "md", "docx", "csv", "internal", "json")
FIGURES_FILE = "casework.json"


@dataclass(frozen=True)
class PlanOptions:
    """What to render and how."""

    as_of: dt.date
    formats: tuple[str, ...] = PLAN_FORMATS
    templates: Path | None = None
    reference_docx: Path | None = None


def parse_plan_formats(values: tuple[str, ...]) -> tuple[str, ...]:
    """Read --format values ("html,md" or repeated) into plan formats, in output order."""
    return parse_formats(values, PLAN_FORMATS)


def render_plan_file(path: Path, out: Path | None, options: PlanOptions) -> FileResult:
    """Check a register as `check` does, then write its plan unless it has errors."""
    try:
        checked = load_register(path, options.as_of)
    except InputError as exc:
        return FileResult(path, sort_problems(exc.problems))
    result = FileResult(path, sort_problems(list(dict.fromkeys(checked.problems))))
    if result.errors:
        return result
    folder = output_folder(path, out)
    try:
        outputs = build_plan_outputs(checked, options)
    except InputError as exc:  # a broken template from --templates
        return FileResult(path, sort_problems([*result.problems, *exc.problems]))
    write_outputs(folder, outputs)
    return FileResult(path, result.problems, folder, tuple(outputs))


def build_plan_outputs(checked: CheckedRegister, options: PlanOptions) -> dict[str, bytes]:
    """Return each output's file name and bytes."""
    from selfassess.casework.plan import build_plan
    from selfassess.render.plantext import plan_csv, plan_markdown
    from selfassess.render.wordxml import xml_safe

    # Control characters typed as YAML escapes ("\x1b", "\0") reach no output.
    public = xml_safe(build_plan(checked, options.as_of))
    wanted = set(options.formats)
    outputs: dict[str, bytes] = {}
    if "html" in wanted:
        outputs["plan.html"] = _page(public, options)
    if "md" in wanted:
        outputs["plan.md"] = plan_markdown(public).encode()
    if "docx" in wanted:
        from selfassess.render.planword import render_plan_docx

        outputs["plan.docx"] = render_plan_docx(public, options.as_of, options.reference_docx)
    if "csv" in wanted:
        outputs["plan.csv"] = plan_csv(public).encode(CSV_ENCODING)
    if "internal" in wanted:
        internal = xml_safe(build_plan(checked, options.as_of, internal=True))
        outputs["plan-internal.html"] = _page(internal, options)
        outputs["plan-internal.md"] = plan_markdown(internal).encode()
        outputs["plan-internal.csv"] = plan_csv(internal).encode(CSV_ENCODING)
    if "json" in wanted:
        data = {**public.figures, "publications": publications(checked.register)}
        text = json.dumps(data, indent=2, ensure_ascii=False)
        outputs[FIGURES_FILE] = (text + "\n").encode()
    return outputs


def _page(plan: PlanView, options: PlanOptions) -> bytes:
    from selfassess.render import html

    return html.render_plan_page(html.environment(options.templates), plan).encode()
