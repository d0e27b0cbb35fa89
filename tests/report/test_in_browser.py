"""The annual report as readers open it: the page in headless Chromium with axe-core, Word as PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import assert_accessible, docx_to_pdf, opened, pdf_pages, pdf_text, print_to_pdf
from reportkit import copy_example, give_last_year_a_log, render_report

#: Text only the charts draw: the answers chart names sections by number (its table gives
#: "Section 1: Definition of a complaint"), and the on-time chart's axis is in whole per cents,
#: from 0% to 100%.
SECTIONS = {f"Section {number}" for number in range(1, 10)}
PER_CENT_AXIS = {"0%", "50%", "100%"}
# Each chart's box and whether it may be split, as the page lays it out.
CHART_BOXES = """[...document.querySelectorAll('svg.chart')].map(chart => {
  const box = chart.getBoundingClientRect();
  return {name: chart.getAttribute('aria-labelledby'), width: box.width, height: box.height,
          display: getComputedStyle(chart).display,
          split: getComputedStyle(chart.parentElement).breakInside};
})"""
MM = 96 / 25.4  # CSS pixels in a millimetre


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("browser"))
    give_last_year_a_log(root)  # the widest tables: every figure with last year's and the change
    return render_report(root)


def test_report_page_passes_axe_and_reflows_at_320px(folder: Path) -> None:
    # The charts show at 320 px, so this also holds their text to 12 px or more.
    assert_accessible(folder / "annual-report.html")


def test_charts_show_on_a_phone_scaled_to_its_width(folder: Path) -> None:
    with opened(folder / "annual-report.html", 320) as page:
        charts = page.evaluate(CHART_BOXES)
        room = page.evaluate("document.querySelector('main').clientWidth")
    assert len(charts) == 12  # a chart each for the breakdowns and the reasons for escalation
    for chart in charts:
        assert chart["display"] == "block", chart
        assert 0.9 * (room - 32) < chart["width"] <= room - 32 and chart["height"] > 0, chart
    # The self-assessment's own chart still gives way to its table on a phone.
    with opened(folder / "self-assessment.html", 320) as page:
        assert page.evaluate(CHART_BOXES)[0]["display"] == "none"


# Every piece of a chart's text that the browser draws past its picture's edge, by how far.
TEXT_OUTSIDE = """[...document.querySelectorAll('svg.chart')].flatMap(chart => {
  const edge = chart.getBoundingClientRect();
  return [...chart.querySelectorAll('text')].map(text => {
    const box = text.getBoundingClientRect();
    const over = Math.max(edge.left - box.left, box.right - edge.right,
                          edge.top - box.top, box.bottom - edge.bottom);
    return {chart: chart.getAttribute('aria-labelledby'), text: text.textContent, over};
  }).filter(found => found.over > 0.5);
})"""


@pytest.mark.parametrize("width", [320, 1280])
def test_no_chart_text_is_cut_off_at_the_picture_s_edge(folder: Path, width: int) -> None:
    # The last value on a bar chart's axis ("300") lost its last digit: matplotlib measures
    # text in its own way and the browser, drawing the SVG's text as text, a little wider.
    with opened(folder / "annual-report.html", width) as page:
        assert page.evaluate(TEXT_OUTSIDE) == []


def test_charts_print_whole_and_fit_the_page(folder: Path, tmp_path: Path) -> None:
    pages = [
        set(page.splitlines())
        for page in pdf_text(print_to_pdf(folder / "annual-report.html", tmp_path / "report.pdf"))
    ]
    with_sections = [lines for lines in pages if lines & SECTIONS]
    assert len(with_sections) == 1 and with_sections[0] >= SECTIONS  # the chart on one page
    assert any(lines >= PER_CENT_AXIS for lines in pages)
    # Laid out as on A4 landscape less the margins (267 by 178 mm), as print styles have it.
    with opened(folder / "annual-report.html", round(267 * MM)) as page:
        page.send("Emulation.setEmulatedMedia", {"media": "print"})
        charts = page.evaluate(CHART_BOXES)
    assert len(charts) == 12  # a chart each for the breakdowns and the reasons for escalation
    for chart in charts:
        assert chart["display"] == "block" and chart["split"] == "avoid", chart
        assert chart["width"] <= 80 * MM + 1 and 0 < chart["height"] <= 140 * MM + 1, chart


def test_word_report_converts_to_pdf_every_heading_word_whole(folder: Path, tmp_path: Path) -> None:
    import docx

    pdf = docx_to_pdf(folder / "annual-report.docx", tmp_path)
    assert pdf_pages(pdf) > 5
    printed = "\n".join(pdf_text(pdf))
    document = docx.Document(str(folder / "annual-report.docx"))
    texts = [p.text for p in document.paragraphs]
    headings: set[str] = set()
    for table in document.tables:
        for number, row in enumerate(table.rows):
            texts += [cell.text for cell in row.cells]
            headings |= (
                {w for cell in row.cells for w in cell.text.split()} if number == 0 else set()
            )
    written = "\n".join(texts)
    # A word LibreOffice broke at its column's edge ("Receive", "d") is printed fewer times
    # than it is written (counted within other words too: the PDF's text may run a cell's
    # words into its neighbour's). One with a hyphen may end a line, so it is left out.
    broken = {w for w in headings if "-" not in w and printed.count(w) < written.count(w)}
    assert broken == set()
