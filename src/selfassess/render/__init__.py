"""Render a checked assessment into its documents: the public ones and the internal gap list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from selfassess.check import CheckedAssessment, load_assessment
from selfassess.files import safe_join
from selfassess.problems import (
    InputError,
    OutputError,
    Problem,
    Severity,
    UsageError,
    sort_problems,
)
from selfassess.render.views import DocumentView

#: Every output format, in the order outputs are written.
FORMATS = ("html", "sections", "md", "docx", "gaps", "submission", "summary")
CSV_ENCODING = "utf-8-sig"  # the byte-order mark makes Excel read UTF-8 (£, ‘quotes’) correctly


@dataclass(frozen=True)
class RenderOptions:
    """What to render and how."""

    as_of: dt.date
    formats: tuple[str, ...] = FORMATS
    templates: Path | None = None
    draft: bool = False
    reference_docx: Path | None = None
    fragment_links: str = "anchor"  # anchor | relative | a URL pattern with {fragment}


@dataclass(frozen=True)
class FileResult:
    """What rendering one assessment did: its problems, and the files written (if any)."""

    path: Path
    problems: list[Problem]
    folder: Path | None = None
    written: tuple[str, ...] = ()

    @property
    def errors(self) -> list[Problem]:
        """Return the errors among the problems."""
        return [p for p in self.problems if p.severity == Severity.ERROR]


def render_file(path: Path, out: Path | None, options: RenderOptions) -> FileResult:
    """Check an assessment as `check` does, then render it unless it has errors (or is a draft)."""
    try:
        checked = load_assessment(path, options.as_of)
    except InputError as exc:
        return FileResult(path, sort_problems(exc.problems))
    problems = sort_problems(list(dict.fromkeys(checked.problems)))
    result = FileResult(path, problems)
    if result.errors and not options.draft:
        return result
    folder = output_folder(path, out)
    try:
        written = render_assessment(checked, folder, options)
    except InputError as exc:  # a broken template from --templates
        return FileResult(path, sort_problems([*problems, *exc.problems]))
    return FileResult(path, problems, folder, tuple(written))


def parse_formats(values: tuple[str, ...], known: tuple[str, ...] = FORMATS) -> tuple[str, ...]:
    """Read --format values ("html,md" or repeated) into known formats, in output order."""
    asked = {part.strip() for value in values for part in value.split(",") if part.strip()}
    if not asked or "all" in asked:
        return known
    unknown = sorted(asked - set(known))
    if unknown:
        raise UsageError(
            f"unknown format {', '.join(unknown)}; choose from {', '.join(known)} or all"
        )
    return tuple(f for f in known if f in asked)


def output_folder(source: Path, out: Path | None) -> Path:
    """Return the folder an assessment's outputs go in: OUT/<file stem>/ (default build/)."""
    root = out if out is not None else Path("build")
    if source.stem in (".", ".."):
        raise OutputError(f"cannot name an output folder after {source}; rename the file")
    return safe_join(root, source.stem)


def refuse_shared_folders(files: Iterable[Path], out: Path | None) -> None:
    """Refuse to render two files whose outputs would go to the same folder (a/x.yaml, b/x.yaml)."""
    seen: dict[Path, Path] = {}
    for path in files:
        root = out if out is not None else Path("build")
        folder = (root / path.stem).absolute()
        if folder in seen and seen[folder] != path:
            raise UsageError(
                f"{seen[folder]} and {path} would both be written to {root / path.stem}; "
                "render them one at a time with different -o folders, or rename one"
            )
        seen[folder] = path


def render_assessment(
    checked: CheckedAssessment, folder: Path, options: RenderOptions
) -> list[str]:
    """Render every asked-for output in memory, then write each atomically; return their paths."""
    outputs = build_outputs(checked, options)
    write_outputs(folder, outputs, sections="sections" in options.formats)
    return list(outputs)


def write_outputs(folder: Path, outputs: dict[str, bytes], sections: bool = False) -> list[Path]:
    """Make all outputs current in folder at once (see render.folderwrite); return their paths.

    With sections, fragments a previous render left that this one did not write are removed.
    """
    from selfassess.render.folderwrite import write_folder

    return write_folder(folder, outputs, ["sections/section-*.html"] if sections else [])


def build_outputs(checked: CheckedAssessment, options: RenderOptions) -> dict[str, bytes]:
    """Return each output's path (relative to the assessment's folder) and bytes."""
    from selfassess.render.usermarkdown import parse_once

    wanted = set(options.formats)
    views = {"html"} if wanted & {"html", "sections", "gaps"} else set()
    views |= {"paras"} if "docx" in wanted else set()
    views |= {"markdown"} if wanted & {"md", "gaps"} else set()
    with parse_once(frozenset(views)):
        return _build_outputs(checked, options, wanted)


def _build_outputs(
    checked: CheckedAssessment, options: RenderOptions, wanted: set[str]
) -> dict[str, bytes]:
    from selfassess.render import markdown, summary, word
    from selfassess.render.context import build_view
    from selfassess.render.practiceview import with_practice
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
    if "submission" in wanted:
        from selfassess.render.csvs import submission_csv

        outputs["submission.csv"] = submission_csv(doc).encode(CSV_ENCODING)
    if "summary" in wanted:
        listed = [*outputs, "summary.json"]
        outputs["summary.json"] = summary.summary_json(doc, listed).encode()
    return outputs


def _html_outputs(doc: DocumentView, wanted: set[str], options: RenderOptions) -> dict[str, bytes]:
    from selfassess.render import html

    templates = options.templates
    outputs: dict[str, bytes] = {}
    if "html" in wanted:
        outputs["self-assessment.html"] = html.render_page(
            html.environment(templates), doc
        ).encode()
    if "sections" in wanted:
        fragments = html.render_fragments(html.environment(templates), doc, options.fragment_links)
        outputs["sections/index.html"] = fragments.pop("index.html").encode()
        outputs.update({f"sections/{name}": text.encode() for name, text in fragments.items()})
    return outputs


def _gap_outputs(
    checked: CheckedAssessment, doc: DocumentView, options: RenderOptions
) -> dict[str, bytes]:
    from selfassess.render import html
    from selfassess.render.csvs import gaps_csv
    from selfassess.render.gaps import build_gaps
    from selfassess.render.gapstext import gaps_markdown
    from selfassess.render.wordxml import xml_safe

    gaps = xml_safe(build_gaps(checked, doc, options.as_of))
    page = html.render_gaps_page(html.environment(options.templates), gaps)
    return {
        "gaps.md": gaps_markdown(gaps).encode(),
        "gaps.html": page.encode(),
        "gaps.csv": gaps_csv(gaps).encode(CSV_ENCODING),
    }
