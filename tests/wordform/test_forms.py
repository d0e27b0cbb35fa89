"""Reading self-assessment forms from Word: both layouts, and the quirks of real documents.

The provision texts in these forms are placeholders, not the Code.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from formbuilder import (
    HEADERS_2022,
    FormDocument,
    Row,
    add_list,
    build_form,
    fill_cell,
    numbered_paragraph,
)
from selfassess.problems import InputError
from selfassess.wordform.forms import Form, FormRow, match_header, provision_id, read_form

URL = "https://www.example.org/complaints-policy"


def test_a_2024_layout_form_is_read_row_by_row(tmp_path: Path) -> None:
    rows = [
        Row(
            "1.2",
            "Placeholder opening:\n- first ‘quoted’ point\n- second “double” point",
            "Yes",
            ["Complaints policy", ("Policy online", URL)],
            ["Placeholder commentary."],
        ),
        Row("6.1", "Placeholder stage one text.", "No", part="Stage 1"),
        Row("6.10", "Placeholder stage two text.", " Yes ", part="Stage 2"),
    ]
    path = build_form(tmp_path / "form.docx", rows, "2024", {1: "Definition of a complaint"})
    assert read_form(path) == Form(
        "2024",
        [
            FormRow(
                "1.2",
                "Placeholder opening:\n- first ‘quoted’ point\n- second “double” point",
                "Yes",
                ["Complaints policy", "Policy online"],
                ["Placeholder commentary."],
                [("Policy online", URL)],
                section=1,
            ),
            FormRow("6.1", "Placeholder stage one text.", "No", section=6, part="Stage 1"),
            FormRow("6.10", "Placeholder stage two text.", "Yes", section=6, part="Stage 2"),
        ],
        {1: "Definition of a complaint", 6: "Title of section 6"},
    )


def test_a_2022_layout_form_has_must_and_should_tables(tmp_path: Path) -> None:
    rows = [
        Row("1.2", "Placeholder must text.", "Yes", ["Policy"], [("Web page", URL)]),
        Row("1.4", "Placeholder should text.", "No", commentary=["Not yet."], group="should"),
        Row("5.1", "Placeholder stage text.", "Yes", part="Stage 1"),
        Row("5.9", "Placeholder stage two text.", "Yes", part="Stage 2", group="should"),
    ]
    path = build_form(tmp_path / "form.docx", rows, "2022")
    assert read_form(path).rows == [
        FormRow(
            "1.2",
            "Placeholder must text.",
            "Yes",
            [],
            ["Policy", "Web page"],
            [("Web page", URL)],
            section=1,
            group="must",
        ),
        FormRow(
            "1.4", "Placeholder should text.", "No", [], ["Not yet."], section=1, group="should"
        ),
        FormRow("5.1", "Placeholder stage text.", "Yes", section=5, part="Stage 1", group="must"),
        FormRow(
            "5.9", "Placeholder stage two text.", "Yes", section=5, part="Stage 2", group="should"
        ),
    ]
    assert read_form(path).layout == "2022"


def quirky_form(path: Path) -> Path:
    """A completed form as landlords really send them."""
    form = FormDocument("2024")
    form.heading("Section 2: Exclusions")
    headers = ["Ref", "Requirement", "Do we comply?", "Evidence", "Comments"]
    table = form.document.add_table(rows=1, cols=5)
    title = table.rows[0].cells[0].merge(table.rows[0].cells[4])
    title.text = "Section 2 - Exclusions"
    form.add_cells(table, headers)
    form.add_cells(table, ["2.1 …", "Placeholder ‘first’ text.", "Yes", ["A"], ["B"]])
    form.add_cells(table, ["", "", "", "", ""])  # an empty row
    form.add_cells(table, ["", "- a continued point", "", ["C"], []])  # split across two rows
    form.add_cells(table, headers)  # the header repeated after a page break
    merged = form.add_cells(table, ["2.2", "Placeholder merged text.", "No", ["D"], []])
    merged.cells[3].merge(merged.cells[4])  # evidence and commentary in one cell
    upper = form.add_cells(table, ["2.3", "Placeholder upper half.", "Yes", [], []])
    lower = form.add_cells(table, ["", "Placeholder lower half.", "", ["E"], []])
    upper.cells[0].merge(lower.cells[0])  # the id cell spans both rows
    nested = form.add_cells(table, ["2.4", "Placeholder with a table:", "Yes", [], []])
    inner = nested.cells[1].add_table(rows=2, cols=2)
    for cell, text in zip(
        [c for r in inner.rows for c in r.cells], ["Left", "Right", "Below", ""], strict=True
    ):
        cell.text = text
    inner.rows[1].cells[0].merge(inner.rows[1].cells[1])
    form.add_cells(table, ["Stage 2", "Stage 2", "Stage 2", "Stage 2", "Stage 2"])
    form.add_cells(table, ["Notes", "Not a provision row.", "", "", ""])
    lists = form.add_cells(table, ["2.5", "Placeholder list:", "", [], []])
    letters = add_list(form.document, "lowerLetter", "%1)")
    for text in ("one", "two"):
        numbered_paragraph(lists.cells[1], text, letters)
    lists.cells[1].add_paragraph("• typed bullet")
    lists.cells[1].paragraphs[0].runs[0].add_break()
    lists.cells[1].paragraphs[0].add_run("after a line break")
    lists.cells[2].paragraphs[0]._p.append(
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:r><w:t>No</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )
    lists.cells[2].paragraphs[0]._p.append(
        parse_xml(f"<w:del {nsdecls('w')}><w:r><w:delText>Yes</w:delText></w:r></w:del>")
    )
    return form.save(path)


def test_merged_split_nested_and_empty_rows_are_read_once(tmp_path: Path) -> None:
    form = read_form(quirky_form(tmp_path / "quirky.docx"))
    assert form.layout == "2024"
    assert form.section_titles == {2: "Exclusions"}
    assert form.rows == [
        FormRow(
            "2.1",
            "Placeholder ‘first’ text.\n- a continued point",
            "Yes",
            ["A", "C"],
            ["B"],
            section=2,
        ),
        FormRow("2.2", "Placeholder merged text.", "No", ["D"], [], section=2),
        FormRow("2.3", "Placeholder upper half.\nPlaceholder lower half.", "Yes", ["E"], section=2),
        FormRow("2.4", "Placeholder with a table:\nLeft\nRight\nBelow", "Yes", section=2),
        FormRow(
            "2.5",
            "Placeholder list:\nafter a line break\na) one\nb) two\n- typed bullet",
            "No",
            section=2,
            part="Stage 2",
        ),
    ]


def test_a_2022_form_whose_group_headings_are_table_rows(tmp_path: Path) -> None:
    form = FormDocument("2022")
    form.heading("Section 3 – Complaint handling personnel")
    table = form.table()
    heading = form.add_cells(table, ["Mandatory ‘must’ requirements", "", "", ""])
    heading.cells[0].merge(heading.cells[3])
    form.add_row(table, Row("3.1", "Placeholder must."))
    form.add_cells(table, ["Best practice ‘should’ requirements"] * 4)  # repeated, not merged
    form.add_row(table, Row("3.3", "Placeholder should.", "Yes", ["Training log"], ["Annual."]))
    read = read_form(form.save(tmp_path / "form.docx"))
    assert read.rows == [
        FormRow("3.1", "Placeholder must.", "", section=3, group="must"),
        FormRow(
            "3.3",
            "Placeholder should.",
            "Yes",
            [],
            ["Training log", "Annual."],
            section=3,
            group="should",
        ),
    ]
    assert (read.layout, read.section_titles) == ("2022", {3: "Complaint handling personnel"})


def test_a_table_without_a_comply_column_gives_none(tmp_path: Path) -> None:
    form = FormDocument("2024")
    table = form.table(headers=["Code provision", "Code requirement"])
    form.add_cells(table, ["1.2", "Placeholder."])
    assert read_form(form.save(tmp_path / "f.docx")).rows == [
        FormRow("1.2", "Placeholder.", None, section=1)
    ]


def test_a_stage_heading_does_not_leak_into_the_next_section(tmp_path: Path) -> None:
    form = FormDocument("2024")
    form.heading("Stage 2")
    form.table([Row("6.10", "Placeholder a."), Row("7.1", "Placeholder b.")])
    rows = read_form(form.save(tmp_path / "f.docx")).rows
    assert [(r.provision_id, r.part) for r in rows] == [("6.10", "Stage 2"), ("7.1", None)]


def test_other_tables_and_text_are_ignored(tmp_path: Path) -> None:
    form = FormDocument("2024")
    form.paragraph("Section 6 has two stages, as the Code sets out.")
    form.table(headers=["Version", "Date"])
    assert read_form(form.save(tmp_path / "f.docx")) == Form("unknown", [], {})


@pytest.mark.parametrize(
    ("headers", "layout"),
    [
        (
            [
                "Code provision",
                "Code requirement",
                "Comply: Yes / No",
                "Evidence",
                "Commentary / explanation",
            ],
            "2024",
        ),
        (HEADERS_2022, "2022"),
        (["Code section", "Requirement", "Comply", "Evidence", "Explanation"], "2024"),
        (["", "Code Requirement", "Compliant?", "Evidence", "Comments"], "2024"),
        (["Para", "Requirement", "Yes / No"], "unknown"),
    ],
)
def test_header_wording_is_matched_loosely(headers: list[str], layout: str) -> None:
    columns = match_header(headers)
    assert columns is not None
    assert (columns.id, columns.requirement, columns.comply) == (0, 1, 2)
    assert columns.layout == layout


@pytest.mark.parametrize(
    "headers",
    [
        ["Section 1: Definition of a complaint"],
        ["Version", "Date", "Author"],
        ["Provision", "Evidence"],
    ],
)
def test_rows_that_are_not_headers(headers: list[str]) -> None:
    assert match_header(headers) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1.2", "1.2"),
        ("6.10", "6.10"),
        ("1.6 …", "1.6"),
        ("Provision 5.8", "5.8"),
        (" 2.1.", "2.1"),
        ("Stage 1", None),
        ("12", None),
        ("1.234", None),
    ],
)
def test_provision_ids_are_read_as_written(cell: str, expected: str | None) -> None:
    assert provision_id(cell) == expected


def test_a_file_that_is_not_a_docx_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "form.docx"
    path.write_text("%PDF-1.7 not a Word file", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_form(path)
    assert [p.format() for p in caught.value.problems] == [
        f"{path}:1:1: E121 is not a Word .docx file; a .doc, PDF or web page cannot be read: "
        "open it in Word and save it as a Word Document (.docx)"
    ]


def test_a_damaged_docx_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "form.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<not xml")
    with pytest.raises(InputError) as caught:
        read_form(path)
    message = caught.value.problems[0].format()
    assert message.startswith(f"{path}:1:1: E121 cannot read the Word file (")
    assert message.endswith("); open it in Word and save it again")


def test_a_docx_that_unpacks_too_large_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("selfassess.wordform.docxread.MAX_UNPACKED", 1000)
    path = build_form(tmp_path / "form.docx", [Row("1.2", "Placeholder.")])
    with pytest.raises(InputError) as caught:
        read_form(path)
    assert caught.value.problems[0].code == "E122"


def test_fill_cell_writes_bullets_and_links(tmp_path: Path) -> None:
    form = FormDocument("2024")
    table = form.table(headers=["Code provision", "Code requirement", "Evidence"])
    row = table.add_row()
    fill_cell(row.cells[0], "9.1")
    fill_cell(row.cells[1], ["Placeholder:", "- point"])
    fill_cell(row.cells[2], [("Link", URL)])
    read = read_form(form.save(tmp_path / "f.docx")).rows[0]
    assert (read.requirement, read.evidence, read.links) == (
        "Placeholder:\n- point",
        ["Link"],
        [("Link", URL)],
    )


def test_bold_and_italic_answers_become_markdown_but_code_text_stays_plain(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=5)
    headers = (
        "Code provision",
        "Code requirement",
        "Comply: Yes / No",
        "Evidence",
        "Commentary / explanation",
    )
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    cells = table.rows[1].cells
    cells[0].text = "1.2"
    requirement = cells[1].paragraphs[0]
    requirement.add_run("A complaint ")
    requirement.add_run("must").bold = True
    requirement.add_run(" be defined.")
    cells[2].text = "Yes"
    cells[3].paragraphs[0].add_run("Policy, ").italic = True
    cells[3].paragraphs[0].add_run("section 2")
    commentary = cells[4].paragraphs[0]
    commentary.add_run("We ")
    commentary.add_run("always ").bold = True
    commentary.add_run("log it, ")
    both = commentary.add_run("every time")
    both.bold = both.italic = True
    commentary.add_run(".")
    path = tmp_path / "form.docx"
    document.save(str(path))
    row = read_form(path).rows[0]
    assert row.requirement == "A complaint must be defined."
    assert row.evidence == ["*Policy,* section 2"]
    assert row.commentary == ["We **always** log it, ***every time***."]
