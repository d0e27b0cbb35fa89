"""Helpers the render tests share: render the example once, and read outputs back as text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE
from selfassess.assessment.build import build_outputs
from selfassess.check import load_assessment
from selfassess.models import Assessment, EvidenceItem
from selfassess.render.mdparse import parser
from selfassess.render.outputs import Options, write_folder
from selfassess.render.usermarkdown import to_paras

AS_OF = dt.date(2025, 7, 1)
PUBLIC_TEXT_FILES = ("self-assessment.html", "self-assessment.md", "sections/section-6.html")


def render_example(
    root: Path, source: Path = EXAMPLE, as_of: dt.date = AS_OF, **options: Any
) -> Path:
    """Render an assessment into root/<stem>/ and return that folder."""
    checked = load_assessment(source, as_of)
    folder = root / source.stem
    write_folder(folder, build_outputs(checked, Options(as_of=as_of, **options)))
    return folder


def example() -> Assessment:
    """Return the example assessment as loaded by selfassess."""
    return load_assessment(EXAMPLE, AS_OF).assessment


def unbundled() -> tuple[str, str]:
    """Return the id and summary of the first assessed provision whose Code text is not bundled."""
    edition = load_assessment(EXAMPLE, AS_OF).edition
    for _, provision in edition.provisions():
        if provision.text is None and provision.assessed:
            return provision.id, provision.summary
    pytest.skip("every provision's text is bundled")


def squash(text: str) -> str:
    """Collapse runs of whitespace, so text compares across line wrapping."""
    return re.sub(r"\s+", " ", text).strip()


def plain_paragraphs(markdown: str | None) -> list[str]:
    """Return each paragraph or list item of a user's markdown as plain text."""
    return [squash(p.text) for p in to_paras(markdown) if p.text.strip()]


def evidence_titles(assessment: Assessment) -> list[str]:
    """Return every evidence item's title (plain text) in the assessment."""
    titles = []
    for response in assessment.responses.values():
        for item in response.evidence:
            if isinstance(item, EvidenceItem):
                titles.append(squash(item.title))
            else:
                titles.extend(plain_paragraphs(item))
    return titles


def commentary_paragraphs(assessment: Assessment) -> list[str]:
    """Return every paragraph of every commentary and explanation, as plain text."""
    found = []
    for response in assessment.responses.values():
        found.extend(plain_paragraphs(response.commentary))
        if response.comply == "no":
            found.extend(plain_paragraphs(response.explanation))
    return found


def html_text(html: str) -> str:
    """Return an HTML document's visible text, whitespace collapsed."""
    import lxml.html

    return squash(lxml.html.fromstring(html).text_content())


def markdown_text(markdown: str) -> str:
    """Return the text a Markdown viewer shows for a document."""
    return html_text("<div>" + parser().render(markdown) + "</div>")


def docx_text(path: Path) -> str:
    """Return every paragraph of a Word file, tables included, whitespace collapsed."""
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return squash(" ".join(texts))


def cell_text(cell: Any) -> str:
    """Return a table cell's text as a screen reader hears it: without its hidden narrow-screen label."""
    import copy

    cell = copy.deepcopy(cell)
    for label in cell.xpath('.//span[contains(@class, "cell-label")]'):
        label.drop_tree()
    return str(cell.text_content())
