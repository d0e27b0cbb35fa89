"""The complaints log's figures in the rendered documents: beside evidence, and in the summary."""

from __future__ import annotations

from pathlib import Path

import docx
import lxml.html
import pytest

from renderkit import render_example

SENTENCE_6_3 = (
    "Measured from the complaints log: 92% of 557 stage 1 responses within the Code's timescale, "
    "1 April 2024 to 31 March 2025."
)
CH = [
    ("CH01: stage 1 complaints received per 1,000 homes", "46.8"),
    ("CH01: stage 2 complaints received per 1,000 homes", "6.2"),
    ("CH02: stage 1 complaints responded to within the Code's timescales", "92.5% (515 of 557)"),
    ("CH02: stage 2 complaints responded to within the Code's timescales", "100% (73 of 73)"),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_example(
        tmp_path_factory.mktemp("practice"), formats=("html", "sections", "md", "docx")
    )


def test_html_shows_the_figure_in_the_evidence_cell_and_ch01_ch02_in_the_summary(
    folder: Path,
) -> None:
    page = lxml.html.fromstring((folder / "self-assessment.html").read_text(encoding="utf-8"))
    evidence = page.xpath("//tr[@id='provision-6-3']/td")[2]
    assert evidence.xpath("p")[-1].text_content() == SENTENCE_6_3
    table = page.xpath(
        "//table[caption='Tenant satisfaction measures CH01 and CH02, measured from the complaints log']"
    )[0]
    assert [
        (r.xpath("th")[0].text_content(), r.xpath("td")[0].text_content())
        for r in table.xpath("tbody/tr")
    ] == CH
    assert page.xpath("//h3[@id='in-practice']")[0].getprevious().tag == "p"
    assert not page.xpath("//tr[@id='provision-6-13']//p[starts-with(., 'Measured')]")


def test_fragment_and_markdown_carry_the_same_sentence(folder: Path) -> None:
    fragment = (folder / "sections" / "section-6.html").read_text(encoding="utf-8")
    assert SENTENCE_6_3.replace("'", "&#39;") in fragment
    markdown = (folder / "self-assessment.md").read_text(encoding="utf-8")
    assert f"\n{SENTENCE_6_3}\n" in markdown
    assert (
        "| CH02: stage 1 complaints responded to within the Code's timescales | 92.5% (515 of 557) |"
        in markdown
    )


def test_word_shows_the_figure_and_the_measures(folder: Path) -> None:
    document = docx.Document(str(folder / "self-assessment.docx"))
    row = next(r for t in document.tables for r in t.rows[1:] if r.cells[0].text == "6.3")
    assert row.cells[3].paragraphs[-1].text == SENTENCE_6_3
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Complaint handling in practice" in headings
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert [f"{label}: {value}" for label, value in CH] == [
        b for b in bullets if b.startswith("CH0")
    ]
