"""The Word report read back with python-docx: headings, tables, pictures with alt text, en-GB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportkit import (
    NO_REGISTER_LAST_YEAR,
    copy_example,
    drop_last_years_register,
    give_last_year_a_log,
    render_report,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("word"))
    give_last_year_a_log(root)
    return render_report(root)


@pytest.fixture(scope="module")
def document(folder: Path) -> Any:
    import docx

    return docx.Document(str(folder / "annual-report.docx"))


def _headings(document: Any, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_parts_are_built_in_heading_1_in_the_published_order(document: Any) -> None:
    assert _headings(document, 1) == [
        "Summary of key figures",
        "Item 2: Our complaint handling performance",
        "Item 3: The Ombudsman's findings of non-compliance with the Code",
        "Item 4: Service improvements from learning from complaints",
        "Item 5: The Ombudsman's annual report about our performance",
        "Item 6: Other reports and publications by the Ombudsman about us",
        "Governance and scrutiny",
        "Item 1: Our self-assessment against the Complaint Handling Code",
    ]
    assert "What changed in our self-assessment since 2023-24" in _headings(document, 2)
    assert document.paragraphs[0].style.name == "Title"


def test_every_table_has_a_caption_and_a_repeating_header_row(document: Any) -> None:
    assert len(document.tables) == 21
    for table in document.tables:
        properties = table._tbl.tblPr
        assert properties.find(f"{W}tblCaption").get(f"{W}val")
        assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None


def test_each_table_has_one_title_its_caption_kept_with_it(document: Any) -> None:
    body = list(document.element.body)
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    styles = {style.style_id: style for style in document.styles}
    titles = []
    for index, element in enumerate(body):
        if element.tag != f"{W}tbl":
            continue
        name = element.tblPr.find(f"{W}tblCaption").get(f"{W}val")
        title = body[index - 1]
        assert title.tag == f"{W}p"
        text = "".join(t.text for t in title.iter(f"{W}t"))
        style = styles[title.pPr.pStyle.val]
        assert (text, style.name) == (f"Table: {name}", "Caption")
        assert name not in headings
        titles.append(text)
    caption = styles["Caption"]
    assert caption.paragraph_format.keep_with_next
    assert caption.font.size.pt == 11 and str(caption.font.color.rgb) == "1B1B1B"
    assert titles[1] == (
        "Table: How we compare with others: our figures for 2024-25 beside others' published "
        "figures"
    )
    assert titles[2:5] == [
        "Table: Complaints at each stage",
        "Table: The Regulator's tenant satisfaction measures CH01 and CH02",
        "Table: Complaints received by month",
    ]
    assert "Complaints at each stage" not in headings


def test_no_figure_table_starts_a_page_with_its_header_and_one_row(document: Any) -> None:
    # The header row and the first three rows (or all but the last of a shorter table) keep
    # with the next row: at a page's foot they move on together rather than leave one row.
    def kept(row: Any) -> list[bool]:
        return [bool(cell.paragraphs[0].paragraph_format.keep_with_next) for cell in row.cells]

    checked = 0
    for table in document.tables:
        if table.rows[0].cells[0].text in ("Measure", "Code provision"):
            continue  # the benchmarks' and the self-assessment's tables are written elsewhere
        rows = table.rows
        expected = min(len(rows) - 2, 3) + 1  # data rows kept, and the header row
        for number, row in enumerate(rows):
            assert kept(row) == [number < expected] * len(row.cells), (
                number,
                rows[0].cells[0].text,
            )
        checked += 1
    assert checked > 10


def test_year_on_year_columns_and_figures(document: Any) -> None:
    key = document.tables[0]
    assert [c.text for c in key.rows[0].cells] == ["Measure", "2024-25", "2023-24", "Change"]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in key.rows[1:]}
    assert rows["Satisfied with our approach to complaint handling (TP09)"] == [
        "31.4%",
        "27.5%",
        "up 3.9 points",
    ]
    assert rows["Service improvements made"] == ["3", "2", "up 1"]


def _table_and_after(document: Any, caption: str) -> tuple[Any, list[str]]:
    """Return the table with this caption and the text of the paragraphs after it, to the next."""
    import docx.table
    import docx.text.paragraph

    body = list(document.element.body)
    for index, element in enumerate(body):
        if (
            element.tag == f"{W}tbl"
            and element.tblPr.find(f"{W}tblCaption").get(f"{W}val") == caption
        ):
            after = []
            for later in body[index + 1 :]:
                if later.tag != f"{W}p":
                    break
                after.append(docx.text.paragraph.Paragraph(later, document).text)
            return docx.table.Table(element, document), after
    raise AssertionError(f"no table {caption!r}")


def test_casework_tables_give_last_years_figures_and_which_way_each_moved(document: Any) -> None:
    table, after = _table_and_after(document, "The Ombudsman's decisions about us")
    assert [c.text for c in table.rows[0].cells] == ["Measure", "2024-25", "2023-24", "Change"]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    assert rows["Orders complied with on time"] == ["9", "11", "down 2"]
    assert rows["Maladministration rate"] == ["75.0%", "85.7%", "down 10.7 points"]
    assert "Orders complied with on time fell from 11 to 9." in after
    # Figures line up on the right under their headings, and the names have room to read.
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for row in table.rows:
        assert [c.paragraphs[0].alignment for c in row.cells[1:]] == [WD_ALIGN_PARAGRAPH.RIGHT] * 3
    widths = [cell.width.cm for cell in table.rows[1].cells]
    assert widths[0] > 6 and all(2.9 < width < 3.5 for width in widths[1:]), widths
    assert round(sum(widths), 1) == 17.0  # A4 less the margins
    assert "Compensation ordered fell from £2,300 to £1,900." in after


def test_last_year_without_a_register_is_said_once(tmp_path: Path) -> None:
    import docx

    root = copy_example(tmp_path)
    drop_last_years_register(root)
    document = docx.Document(str(render_report(root) / "annual-report.docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts.count(NO_REGISTER_LAST_YEAR) == 1
    assert (
        texts[texts.index(NO_REGISTER_LAST_YEAR) + 1] == "Table: The Ombudsman's decisions about us"
    )
    table, _ = _table_and_after(document, "The Ombudsman's decisions about us")
    assert [c.text for c in table.rows[0].cells] == ["Measure", "Figure"]


def test_every_picture_has_alt_text(document: Any) -> None:
    pictures = list(document.element.body.iter(f"{WP}docPr"))
    assert len(pictures) == 12
    for picture in pictures:
        assert picture.get("title") and len(picture.get("descr", "")) > 40
    described = [p.get("descr") for p in pictures]
    assert described[0].startswith(
        "Complaints received by month. April 2024: 44 Stage 1, 3 Stage 2; May 2024: 65 Stage 1,"
    )
    assert described[10].startswith(
        "The Ombudsman's findings, by category. Severe maladministration: 1;"
    )
    assert described[5] == (
        "Stage 2 complaints by directorate. Each bar is the received column. Property "
        "Services: 31; Neighbourhood Services: 17; Housing Management (small group): 8; Income "
        "and Rents: 13; Customer Services (small group): 7; Sheltered and Supported Housing "
        "(small group): 1."
    )


def test_language_and_core_properties(document: Any) -> None:
    styles = document.styles.element
    assert styles.find(f".//{W}rPrDefault//{W}lang").get(f"{W}val") == "en-GB"
    core = document.core_properties
    assert core.language == "en-GB"
    assert core.title.endswith(
        "Annual complaints performance and service improvement report 2024-25"
    )
    assert core.created.date().isoformat() == "2025-06-18"


def test_same_input_same_bytes(folder: Path) -> None:
    again = render_report(folder.parent.parent, out="again")
    for name in (
        "annual-report.docx",
        "annual-report.html",
        "annual-report.md",
        "figures.csv",
        "report.json",
    ):
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name


TWELVE_SERVICES = [
    "Responsive repairs and maintenance",
    "Planned maintenance and major works",
    "Damp, mould and condensation",
    "Anti-social behaviour and neighbour disputes",
    "Rent accounts and service charges",
    "Tenancy management and succession",
    "Allocations, lettings and transfers",
    "Estate services, cleaning and grounds",
    "Customer contact centre and communications",
    "Leasehold services and major works billing",
    "Adaptations and disabled facilities",
    "Heating, hot water and gas servicing",
]


def _twelve_services(root: Path) -> None:
    """Spread the example log's complaints over twelve services with long names."""
    import csv
    import io

    path = root / "complaints" / "example-borough-council-2024-25.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    for index, row in enumerate(rows):
        row["category"] = TWELVE_SERVICES[index % len(TWELVE_SERVICES)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def test_every_chart_fits_the_printable_area_of_its_page(tmp_path: Path) -> None:
    import docx

    root = copy_example(tmp_path)
    _twelve_services(root)
    document = docx.Document(str(render_report(root) / "annual-report.docx"))
    section = document.sections[0]
    wide = section.page_width - section.left_margin - section.right_margin
    high = section.page_height - section.top_margin - section.bottom_margin
    extents = [
        (int(extent.get("cx")), int(extent.get("cy")))
        for extent in document.element.body.iter(f"{WP}extent")
    ]
    assert len(extents) >= 7
    tallest = max(cy for _, cy in extents)
    assert tallest > 0.8 * high  # the twelve services' chart is as tall as the page allows
    assert all(cx <= wide and cy <= high for cx, cy in extents), (extents, wide, high)
