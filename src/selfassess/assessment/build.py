"""Build the self-assessment: check it as `check` does, then its documents, public and internal."""

from __future__ import annotations

from pathlib import Path

from selfassess.assessment.view import DocumentView
from selfassess.check import CheckedAssessment, load_assessment
from selfassess.problems import Problem
from selfassess.render.outputs import CSV_ENCODING, FileResult, Options, build_file
from selfassess.render.spreadsheet import sheet_csv, sheet_xlsx

#: Every output format, in the order outputs are written.
FORMATS = ("html", "sections", "md", "docx", "gaps", "submission", "summary")


def render_file(path: Path, out: Path | None, options: Options) -> FileResult:
    """Check an assessment as `check` does, then render it unless it has errors (or is a draft)."""
    return build_file(path, out, options, _check, build_outputs)


def _check(path: Path, options: Options) -> tuple[CheckedAssessment, list[Problem]]:
    checked = load_assessment(path, options.as_of)
    return checked, checked.problems


def build_outputs(checked: CheckedAssessment, options: Options) -> dict[str, bytes]:
    """Return each output's path (relative to the assessment's folder) and bytes."""
    from selfassess.render.usermarkdown import parse_once

    wanted = set(options.formats or FORMATS)
    views = {"html"} if wanted & {"html", "sections", "gaps"} else set()
    views |= {"paras"} if "docx" in wanted else set()
    views |= {"markdown"} if wanted & {"md", "gaps"} else set()
    with parse_once(frozenset(views)):
        return _build_outputs(checked, options, wanted)


def _build_outputs(
    checked: CheckedAssessment, options: Options, wanted: set[str]
) -> dict[str, bytes]:
    from selfassess.assessment import markdown, summaryjson, word
    from selfassess.assessment.makeview import build_view
    from selfassess.assessment.practiceview import with_practice
    from selfassess.render.wordxml import xml_safe

    # Control characters typed as YAML escapes ("\x1b", "\0") reach no output.
    view = with_practice(build_view(checked, draft=options.draft), checked, options.as_of)
    doc = xml_safe(view)
    outputs = _html_outputs(doc, wanted, options)
    if "md" in wanted:
        outputs["self-assessment.md"] = markdown.render_markdown(doc).encode()
    if "docx" in wanted:
        fixed = checked.assessment.assessed_on
        outputs["self-assessment.docx"] = word.render_docx(doc, fixed, options.reference_docx)
    if "gaps" in wanted:
        outputs.update(_gap_outputs(checked, doc, options))
    if "submission" in wanted and doc.edition.submission:  # none for a Code with no form
        from selfassess.assessment.csvfiles import submission_sheet

        sheet = submission_sheet(doc)
        outputs["submission.csv"] = sheet_csv(sheet).encode(CSV_ENCODING)
        outputs["submission.xlsx"] = sheet_xlsx(sheet, checked.assessment.assessed_on)
    if "summary" in wanted:
        listed = [*outputs, "summary.json"]
        outputs["summary.json"] = summaryjson.summary_json(doc, listed).encode()
    return outputs


def _html_outputs(doc: DocumentView, wanted: set[str], options: Options) -> dict[str, bytes]:
    from selfassess.assessment import html
    from selfassess.render.jinja import environment

    templates = options.templates
    outputs: dict[str, bytes] = {}
    if "html" in wanted:
        outputs["self-assessment.html"] = html.render_page(environment(templates), doc).encode()
    if "sections" in wanted:
        fragments = html.render_fragments(environment(templates), doc, options.fragment_links)
        outputs["sections/index.html"] = fragments.pop("index.html").encode()
        outputs.update({f"sections/{name}": text.encode() for name, text in fragments.items()})
    return outputs


def _gap_outputs(
    checked: CheckedAssessment, doc: DocumentView, options: Options
) -> dict[str, bytes]:
    from selfassess.assessment import html
    from selfassess.assessment.csvfiles import gaps_sheet
    from selfassess.assessment.gaps import build_gaps
    from selfassess.assessment.gapstext import gaps_markdown
    from selfassess.render.jinja import environment
    from selfassess.render.wordxml import xml_safe

    gaps = xml_safe(build_gaps(checked, doc, options.as_of))
    sheet = gaps_sheet(gaps)
    page = html.render_gaps_page(environment(options.templates), gaps)
    return {
        "gaps.md": gaps_markdown(gaps).encode(),
        "gaps.html": page.encode(),
        "gaps.csv": sheet_csv(sheet).encode(CSV_ENCODING),
        "gaps.xlsx": sheet_xlsx(sheet, checked.assessment.assessed_on),
    }
