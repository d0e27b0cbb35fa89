"""The annual report's web page: golden file, the six items, accessible structure, safe charts."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import lxml.html
import pytest

from reportkit import (
    NO_REGISTER_LAST_YEAR,
    assert_golden,
    copy_example,
    drop_last_years_register,
    edit,
    render_report,
)

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
    assert len(tables) == 22  # with two breakdowns (two stages each) and the reasons for escalation
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
        "The Ombudsman's findings, orders and compensation, by subject",
        "Compensation: offered on our complaints and ordered by the Ombudsman",
        "Cases in which the Ombudsman looked at our complaint handling",
    ]


def _figures(page: lxml.html.HtmlElement, key: str) -> tuple[list[str], dict[str, list[str]]]:
    """Return a figure table's column headings and each row's cells, as a reader sees them."""
    table = page.get_element_by_id(key).find("table")
    head = [th.text_content() for th in table.find("thead").iter("th")]
    rows = {
        tr.find("th").text_content(): [td.find("span").tail for td in tr.iter("td")]
        for tr in table.find("tbody").iter("tr")
    }
    return head, rows


def test_casework_tables_give_last_years_figures_and_which_way_each_moved(
    page: lxml.html.HtmlElement,
) -> None:
    head, rows = _figures(page, "ombudsman-decisions")
    assert head == ["Measure", "2024-25", "2023-24", "Change"]
    assert rows["Complaint handling failure orders"] == ["1", "2", "down 1"]
    assert rows["Maladministration rate"] == ["75.0%", "85.7%", "down 10.7 points"]
    assert rows["Compensation ordered"] == ["£1,900", "£2,300", "down £400"]
    moved = [li.text_content() for li in page.get_element_by_id("ombudsman-decisions").iter("li")]
    assert moved == [
        "Complaint handling failure orders fell from 2 to 1.",
        "Special investigations rose from 0 to 1.",
        "Maladministration rate fell from 85.7% to 75.0%.",
        "Orders complied with on time fell from 11 to 9.",
        "Orders still open rose from 0 to 2.",
        "Recommendations made rose from 1 to 4.",
        "Recommendations completed fell from 1 to 0.",
        "Compensation ordered fell from £2,300 to £1,900.",
        "The other 2 are unchanged.",
    ]
    head, rows = _figures(page, "ombudsman-findings")
    assert head == ["Finding", "2024-25", "2023-24", "Change"]
    # each count with its share of the year's findings: 1 of 9, and last year 2 of 8
    assert rows["Severe maladministration"] == ["1 (11%)", "2 (25%)", "down 1"]
    # The summary's key figures from the register carry last year's too.
    key = page.get_element_by_id("summary").getparent().find(".//table")
    cells = {tr.find("th").text_content(): tr for tr in key.find("tbody").iter("tr")}
    assert [
        td.find("span").tail for td in cells["Complaint handling failure orders"].iter("td")
    ] == [
        "1",
        "2",
        "down 1",
    ]
    # Last year's self-assessment named no log: said once, no column of dashes in item 2.
    item_2 = page.get_element_by_id("item-2").getparent()
    assert item_2.text_content().count("last year's self-assessment named no complaints log") == 1
    assert _figures(page, "stages")[0] == ["Measure", "Stage 1", "Stage 2"]
    assert NO_REGISTER_LAST_YEAR not in page.text_content()


def test_last_year_without_a_register_is_said_once_not_shown_as_dashes(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    drop_last_years_register(root)
    page = lxml.html.fromstring((render_report(root) / "annual-report.html").read_bytes())
    item_3 = page.get_element_by_id("item-3").getparent()
    said = [p for p in item_3.iter("p") if p.text_content() == NO_REGISTER_LAST_YEAR]
    assert len(said) == 1 and page.text_content().count("named no casework register") == 1
    assert said[0].getnext().get("id") == "ombudsman-decisions"  # just before the tables
    for key in ("ombudsman-decisions", "ombudsman-findings"):
        head, rows = _figures(page, key)
        assert len(head) == 2 and all(len(cells) == 1 for cells in rows.values())
        assert page.get_element_by_id(key).find("ul") is None  # no movements without last year


def test_every_chart_has_a_title_a_description_and_its_table_beside_it(
    page: lxml.html.HtmlElement,
) -> None:
    charts = list(page.iter(f"{SVG}svg"))
    assert len(charts) == 12  # a chart each for the breakdowns and the reasons for escalation
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
    for row in table.find("tbody").iter("tr"):
        # A figure cell holds its column's label (shown on narrow screens) and then the figure.
        figures = {c.find("span").text: c.find("span").tail for c in row.iter("td")}
        assert list(figures)[:3] == ["Yes 2024-25", "Yes 2023-24", "Yes change"]
        this_year = f"{figures['Yes 2024-25']} Yes, {figures['No 2024-25']} No"
        assert f"{row.find('th').text_content()}: {this_year}" in description


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
