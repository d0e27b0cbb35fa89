"""The annual report's web page: golden file, the six items, accessible structure, safe charts."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import lxml.html
import pytest

from reportkit import assert_golden, copy_example, edit, render_report

SVG = ""  # the HTML parser gives inline SVG elements plain names


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_report(copy_example(tmp_path_factory.mktemp("report")))


@pytest.fixture(scope="module")
def page(folder: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((folder / "annual-report.html").read_bytes())


def test_matches_golden(folder: Path, update_golden: bool) -> None:
    assert_golden(folder, "annual-report.html", update_golden)


def test_each_of_the_six_items_has_its_own_heading_in_order(page: lxml.html.HtmlElement) -> None:
    headings = [h.text_content() for h in page.iter("h2")]
    assert headings == [
        "Contents",
        "Summary of key figures",
        "Item 2: Our complaint handling performance",
        "Item 3: The Ombudsman's findings of non-compliance with the Code",
        "Item 4: Service improvements from learning from complaints",
        "Item 5: The Ombudsman's annual report about our performance",
        "Item 6: Other reports and publications by the Ombudsman about us",
        "Governance and scrutiny",
        "Item 1: Our self-assessment against the Complaint Handling Code",
    ]


def test_language_title_and_headings_in_order(page: lxml.html.HtmlElement) -> None:
    assert page.get("lang") == "en-GB"
    title = "Example Borough Council: Annual complaints performance and service improvement report 2024-25"
    assert page.findtext(".//title") == title
    assert [h.text_content() for h in page.iter("h1")] == [title]
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1


def test_every_table_has_a_caption_and_scoped_headers(page: lxml.html.HtmlElement) -> None:
    tables = list(page.iter("table"))
    assert len(tables) == 14
    for table in tables:
        assert table.find("caption").text_content().strip()
        for th in table.iter("th"):
            assert th.get("scope") in ("col", "row")


def test_each_table_has_one_visible_title_its_caption(page: lxml.html.HtmlElement) -> None:
    headings = [h.text_content() for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    for table in page.iter("table"):
        caption = table.find("caption").text_content()
        assert caption not in headings
        above = table.xpath("preceding::*[self::h1 or self::h2 or self::h3 or self::h4][1]")
        assert above[0].text_content() != caption
        # No landmark around the table repeats its name either.
        assert not table.xpath("ancestor::*[@role='region']")
        for named in table.xpath("ancestor::*[@aria-labelledby]"):
            assert page.get_element_by_id(named.get("aria-labelledby")).text_content() != caption
    by_month = page.get_element_by_id("by-month")
    assert "figure" in by_month.get("class").split()  # the old heading's anchor marks the figure
    assert by_month.findtext("table/caption") == "Complaints received by month"
    section = page.get_element_by_id("item-2").getparent()
    figures = [t.findtext("caption") for t in section.iter("table")]
    assert figures[:3] == [
        "Complaints at each stage",
        "The Regulator's tenant satisfaction measures CH01 and CH02",
        "Complaints received by month",
    ]


def test_item_3_gives_the_registers_figures_before_the_cases(page: lxml.html.HtmlElement) -> None:
    item = page.get_element_by_id("item-3").getparent()
    order = [e.findtext("caption") or e.text_content() for e in item.iter("table", "h3")]
    assert order == [
        "The Ombudsman's decisions about us",
        "The Ombudsman's findings, by category",
        "Cases in which the Ombudsman looked at our complaint handling",
    ]


def test_every_chart_has_a_title_a_description_and_its_table_beside_it(
    page: lxml.html.HtmlElement,
) -> None:
    charts = list(page.iter(f"{SVG}svg"))
    assert len(charts) == 7
    for chart in charts:
        assert chart.get("role") == "img"
        title_id, desc_id = chart.get("aria-labelledby").split()
        title = chart.find(f"{SVG}title")
        assert title.get("id") == title_id and title.text
        assert chart.find(f"{SVG}desc").get("id") == desc_id
        figure = chart.getparent().getparent()
        caption = figure.find(".//table/caption").text_content()
        assert caption == title.text


def test_chart_description_gives_the_same_figures_as_the_table(page: lxml.html.HtmlElement) -> None:
    chart = next(c for c in page.iter(f"{SVG}svg") if "self-assessment" in c.get("aria-labelledby"))
    table = chart.getparent().getparent().find(".//table")
    description = chart.find(f"{SVG}desc").text
    for row in table.iter("tr"):
        # A figure cell holds its column's label (shown on narrow screens) and then the figure.
        cells = [
            c.find("span").tail if c.find("span") is not None else c.text_content() for c in row
        ]
        if row.find("td") is not None:
            assert [c.find("span").text for c in row.iter("td")] == ["Yes", "No"]
            assert f"{cells[0]}: {cells[1]} Yes, {cells[2]} No" in description


def test_ids_are_unique_and_every_reference_resolves(folder: Path) -> None:
    html = (folder / "annual-report.html").read_text("utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    for target in re.findall(r'(?:href="#|url\(#)([^")]+)', html):
        assert target in ids, target


def test_no_external_requests(page: lxml.html.HtmlElement) -> None:
    for element in page.iter("img", "script", "link", "iframe", "object", "embed", f"{SVG}image"):
        pytest.fail(f"unexpected <{element.tag}>")


def test_self_assessment_is_written_beside_and_linked(
    folder: Path, page: lxml.html.HtmlElement
) -> None:
    links = [
        a.get("href") for a in page.iter("a") if a.get("href", "").startswith("self-assessment")
    ]
    assert links == ["self-assessment.html", "self-assessment.docx", "self-assessment.md"]
    for name in links:
        assert (folder / name).is_file()


def test_hostile_words_and_chart_labels_are_escaped(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    edit(root, "theme: Repairs", "theme: '<script>alert(1)</script>'")
    edit(
        root,
        "analysis: |\n",
        "analysis: |\n  <img src=x onerror=alert(1)> [click](javascript:alert(1))\n\n",
    )
    hostile = "<script>alert(2)</script> $\\\\frac{1}{0}$ & more"
    edit(
        root,
        "title: Definition of a complaint",
        f'title: "{hostile}"',
        "code_requirements/hos-chc-2024.yaml",
    )
    edit(
        root,
        ",Lettings,CO-02,15/05/2024,",
        ",<script>alert(3)</script> $\\frac{1}{0}$ & more,CO-02,15/05/2024,",
        "complaints/example-borough-council-2024-25.csv",
    )
    html = (render_report(root) / "annual-report.html").read_text("utf-8")
    page = lxml.html.fromstring(html)
    assert not list(page.iter("script", "img"))
    assert not [a for a in page.iter("a") if a.get("href", "").lower().startswith("javascript")]
    charts = {c.get("aria-labelledby").split()[0]: c for c in page.iter("svg")}
    by_area = charts["chart-by-category-title"]
    drawn = "".join("".join(t.text_content().split()) for t in by_area.iter("text"))
    assert "<script>alert(3)</script>$\\frac{1}{0}$&more" in drawn  # wrapped, kept as text
    assert "<script>alert(3)</script> $\\frac{1}{0}$ & more: 1 Stage 1" in by_area.find("desc").text
    # The answers chart names sections by number; its description and table give the titles.
    by_section = charts["chart-self-assessment-title"]
    assert "Section1" in "".join(t.text_content().replace(" ", "") for t in by_section.iter("text"))
    assert (
        "Section 1: <script>alert(2)</script> $\\frac{1}{0}$ & more" in by_section.find("desc").text
    )
