"""Build the casework plan: check a register as `check` does, then the progress report's files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.casework import CheckedRegister, load_register, publications
from selfassess.problems import Problem
from selfassess.render.jsondoc import json_document
from selfassess.render.outputs import CSV_ENCODING, FileResult, Options, build_file, parse_formats

if TYPE_CHECKING:
    from selfassess.casework.view import PlanView

#: Every plan output format, in the order outputs are written.
PLAN_FORMATS = ("html", "md", "docx", "csv", "internal", "json")
FIGURES_FILE = "casework.json"


def parse_plan_formats(values: tuple[str, ...]) -> tuple[str, ...]:
    """Read --format values ("html,md" or repeated) into plan formats, in output order."""
    return parse_formats(values, PLAN_FORMATS)


def render_plan_file(path: Path, out: Path | None, options: Options) -> FileResult:
    """Check a register as `check` does, then write its plan unless it has errors."""
    return build_file(path, out, options, _check, build_plan_outputs)


def _check(path: Path, options: Options) -> tuple[CheckedRegister, list[Problem]]:
    checked = load_register(path, options.as_of)
    return checked, checked.problems


def build_plan_outputs(checked: CheckedRegister, options: Options) -> dict[str, bytes]:
    """Return each output's file name and bytes."""
    from selfassess.casework.makeview import build_plan
    from selfassess.casework.text import plan_csv, plan_markdown
    from selfassess.render.wordxml import xml_safe

    # Control characters typed as YAML escapes ("\x1b", "\0") reach no output.
    public = xml_safe(build_plan(checked, options.as_of))
    wanted = set(options.formats or PLAN_FORMATS)
    outputs: dict[str, bytes] = {}
    if "html" in wanted:
        outputs["plan.html"] = _page(public, options)
    if "md" in wanted:
        outputs["plan.md"] = plan_markdown(public).encode()
    if "docx" in wanted:
        from selfassess.casework.word import render_plan_docx

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
        outputs[FIGURES_FILE] = json_document(data).encode()
    return outputs


def _page(plan: PlanView, options: Options) -> bytes:
    from selfassess.casework.html import render_plan_page
    from selfassess.render.jinja import environment

    return render_plan_page(environment(options.templates), plan).encode()
