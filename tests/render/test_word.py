"""self-assessment.docx read back with python-docx: the form's layout, styles, links, language."""

from __future__ import annotations

import datetime as dt
import itertools
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from conftest import ROOT, Run
from renderkit import (
    commentary_paragraphs,
    docx_text,
    evidence_titles,
    example,
    render_example,
    unbundled,
)

COLUMNS = [
    "Code provision",
    "Code requirement",
    "Comply: Yes / No",
    "Evidence",
    "Commentary / explanation",
]


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = render_example(tmp_path_factory.mktemp("docx"), formats=("docx",))
    return folder / "self-assessment.docx"


@pytest.fixture(scope="module")
def document(path: Path) -> Any:
    return docx.Document(str(path))


def _row(document: Any, provision: str) -> Any:
    for table in document.tables:
        for row in table.rows[1:]:
            if row.cells[0].text == provision:
                return row
    raise AssertionError(f"no row for {provision}")


def test_title_and_headings_in_order(document: Any) -> None:
    first = document.paragraphs[0]
    assert first.style.name == "Title"
    assert first.text == "Example Borough Council: Complaint Handling Code self-assessment 2024-25"
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    sections = [text for style, text in headings if text.startswith("Section ")]
    assert sections[0] == "Section 1: Definition of a complaint"
    assert len(sections) == 9
    stage = headings.index(("Heading 1", "Section 6: Complaints stages"))
    assert headings[stage + 1 : stage + 3] == [("Heading 2", "Stage 1"), ("Heading 2", "Stage 2")]
    levels = [int(style.split()[-1]) for style, _ in headings]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_one_table_per_section_or_stage_with_the_form_columns(document: Any) -> None:
    assert len(document.tables) == 10
    for table in document.tables:
        assert [c.text for c in table.rows[0].cells] == COLUMNS
    ids = [row.cells[0].text for table in document.tables for row in table.rows[1:]]
    assessment = example()
    assert ids == list(assessment.responses)  # the example answers every provision, in Code order
    for table in document.tables:
        for row in table.rows[1:]:
            comply = assessment.responses[row.cells[0].text].comply
            assert row.cells[2].text == comply.capitalize()


def _kept_whole(row: Any) -> bool:
    properties = row._tr.trPr
    return properties is not None and properties.find(qn("w:cantSplit")) is not None


def test_header_rows_repeat_and_only_long_rows_split(document: Any) -> None:
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert rows[0].trPr.find(qn("w:cantSplit")) is not None
        assert all(r.trPr is None or r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None
    # 2.2 carries the Code's list of exclusions and a long commentary; 1.2 is a few lines.
    assert not _kept_whole(_row(document, "2.2"))
    assert _kept_whole(_row(document, "1.2"))


def test_body_font_is_a_named_sans_serif_not_the_theme(path: Path) -> None:
    styles = zipfile.ZipFile(path).read("word/styles.xml").decode()
    assert "Theme=" not in styles and "w:cstheme" not in styles
    rendered = docx.Document(str(path))
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = rendered.styles[name].element.rPr.rFonts if name != "Normal" else None
        if fonts is not None:
            assert fonts.get(qn("w:ascii")) == "Arial", name
    defaults = rendered.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:hAnsi")) == "Arial"


def test_every_language_is_en_gb_including_the_theme_font_language(path: Path) -> None:
    package = zipfile.ZipFile(path)
    styles = package.read("word/styles.xml").decode()
    settings = package.read("word/settings.xml").decode()
    assert "en-US" not in styles and "en-US" not in settings
    assert '<w:themeFontLang w:val="en-GB"' in settings


def test_app_properties_name_selfassess_and_claim_no_counts(path: Path) -> None:
    app = zipfile.ZipFile(path).read("docProps/app.xml").decode()
    assert "<Application>selfassess</Application>" in app
    for stale in ("Microsoft", "<Pages>", "<Words>", "<Characters>", "Normal.dotm"):
        assert stale not in app


def test_language_is_en_gb_in_styles(path: Path) -> None:
    styles = zipfile.ZipFile(path).read("word/styles.xml").decode()
    defaults = styles.split("<w:docDefaults>", 1)[1].split("</w:docDefaults>", 1)[0]
    assert 'w:lang w:val="en-GB"' in defaults


def test_core_properties(document: Any) -> None:
    core = document.core_properties
    assert core.title == "Example Borough Council: Complaint Handling Code self-assessment 2024-25"
    assert core.subject.startswith("Self-assessment against the Complaint Handling Code (2024)")
    assert core.author == "Example Borough Council"
    assert core.created == dt.datetime(2025, 5, 20, tzinfo=dt.UTC)
    assert core.modified == core.created


def test_evidence_links_are_real_hyperlinks(document: Any) -> None:
    paragraph = _row(document, "1.2").cells[3].paragraphs[0]
    (link,) = paragraph.hyperlinks
    assert link.text == "Housing complaints policy (April 2024), paragraph 2.1"
    assert link.address == "https://www.example.gov.uk/housing-complaints-policy"
    assert _row(document, "1.2").cells[3].paragraphs[1].text == (
        "Complaints procedure for staff, section 2 (staff intranet)"
    )


def test_commentary_markdown_becomes_word_formatting(document: Any) -> None:
    cell = _row(document, "1.3").cells[4]
    bullets = [p.text for p in cell.paragraphs if p.style.name == "List Bullet"]
    assert bullets == [
        "family members and carers, with the tenant's consent;",
        "advocates and support workers;",
        "councillors and MPs.",
    ]
    runs = [r for p in _row(document, "6.3").cells[4].paragraphs for r in p.runs]
    assert [r.text for r in runs if r.bold] == [
        "92%",
        "Explanation: ",
        "Intended compliance date: ",
    ]


def test_no_answer_has_explanation_and_date_paragraphs(document: Any) -> None:
    paragraphs = _row(document, "5.14").cells[4].paragraphs
    texts = [p.text for p in paragraphs]
    explanation = next(p for p in paragraphs if p.text.startswith("Explanation: "))
    assert explanation.runs[0].text == "Explanation: " and explanation.runs[0].bold
    assert explanation.text.startswith("Explanation: The corporate policy was written before")
    assert texts[texts.index(explanation.text) + 1].startswith("In the meantime no restriction")
    date = paragraphs[-1]
    assert date.runs[0].text == "Intended compliance date: " and date.runs[0].bold
    assert date.text == "Intended compliance date: 30 November 2025"


def test_requirement_is_the_code_text_or_a_link_to_it(document: Any) -> None:
    cell = _row(document, "2.2").cells[1]
    bullets = [p.text for p in cell.paragraphs if p.style.name == "List Bullet"]
    assert bullets[0] == "The issue giving rise to the complaint occurred over twelve months ago."
    assert cell.paragraphs[0].text.startswith("A complaints policy must set out the circumstances")
    provision, summary = unbundled()
    missing = _row(document, provision).cells[1].paragraphs
    assert missing[0].text == summary
    (link,) = missing[1].hyperlinks
    assert link.text == f"See provision {provision} of the Code"
    assert link.address.startswith("https://www.housing-ombudsman.org.uk/")


def test_every_evidence_title_and_commentary_paragraph_is_shown(path: Path) -> None:
    text = docx_text(path)
    assessment = example()
    for expected in evidence_titles(assessment) + commentary_paragraphs(assessment):
        assert expected in text


def test_owner_names_and_emails_stay_out(path: Path) -> None:
    archive = zipfile.ZipFile(path)
    text = " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    for owner in example().owners.values():
        assert owner.name and owner.name not in text
        assert owner.email and owner.email not in text
    assert "responsible: Head of Complaints and Customer Insight" in text


def test_rendering_twice_gives_the_same_bytes(tmp_path: Path, path: Path) -> None:
    again = render_example(tmp_path, formats=("docx",)) / "self-assessment.docx"
    assert again.read_bytes() == path.read_bytes()


def _reference(tmp_path: Path) -> Path:
    reference = docx.Document()
    reference.sections[0].header.paragraphs[0].text = "Example Borough Council letterhead"
    reference.styles["Heading 1"].font.size = docx.shared.Pt(20)
    reference.add_paragraph("Template body text that must not survive")
    path = tmp_path / "reference.docx"
    reference.save(str(path))
    return path


def test_reference_docx_supplies_header_and_styles(run: Run, project: Path) -> None:
    reference = _reference(project)
    result = run(
        "render", "--as-of", "2025-07-01", "--format", "docx", "--reference-docx", str(reference),
        "assessments/example-borough-council-2024-25.yaml",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rendered = docx.Document(
        str(project / "build/example-borough-council-2024-25/self-assessment.docx")
    )
    assert rendered.sections[0].header.paragraphs[0].text == "Example Borough Council letterhead"
    assert rendered.styles["Heading 1"].font.size == docx.shared.Pt(20)
    assert "Template body text" not in docx_text(
        project / "build/example-borough-council-2024-25/self-assessment.docx"
    )
    assert rendered.paragraphs[0].style.name == "Title"


def test_reference_that_is_not_word_is_refused_before_rendering(run: Run, project: Path) -> None:
    (project / "not-word.docx").write_text("plain text", encoding="utf-8")
    result = run(
        "render", "--format", "docx", "--reference-docx", "not-word.docx",
        "assessments/example-borough-council-2024-25.yaml",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output == (
        "not-word.docx:1:1: E121 is not a Word .docx file; a .doc, PDF or web page cannot be "
        "read: open it in Word and save it as a Word Document (.docx)\n"
    )
    assert not (project / "build").exists()


def test_markdown_links_become_working_hyperlinks(document: Any) -> None:
    links = [(link.text, link.address) for p in document.paragraphs for link in p.hyperlinks]
    assert ("complaints pages", "https://www.example.gov.uk/complaints") in links
    response = next(p for p in document.paragraphs if "full update to Cabinet" in p.text)
    assert [r.text for r in response.runs if r.bold] == ["full update to Cabinet in December 2025"]


def _contrast_on_white(hex_colour: str) -> float:
    """WCAG 2's contrast ratio against white, written here apart from selfassess's own."""
    values = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def _text_colour(style: Any) -> str | None:
    """Return the colour a style's text takes, its own or the nearest base style's."""
    while style is not None:
        colour = style.element.find(f"{qn('w:rPr')}/{qn('w:color')}")
        if colour is not None:  # with a theme colour, val is the shade Word computes from it
            return str(colour.get(qn("w:val")))
        style = style.base_style
    return None


@pytest.mark.parametrize(
    "command",
    [
        ("render", "assessments/example-borough-council-2024-25.yaml", "--format", "docx"),
        ("plan", "casework/ombudsman-2024-25.yaml"),
        ("report", "reports/annual-report-2024-25.yaml"),
    ],
)
def test_every_style_used_has_text_dark_enough_to_read(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    # python-docx's template sets Heading 2 to 4 in a light blue (4F81BD, 4.0:1 on white).
    monkeypatch.chdir(ROOT)
    result = run(*command, "--as-of", "2025-07-01", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    made = sorted(tmp_path.rglob("*.docx"))
    path = next((p for p in made if p.name != "self-assessment.docx"), made[0])
    document = docx.Document(str(path))
    used = {p.style.name for p in document.paragraphs} | {
        p.style.name for t in document.tables for c in t._cells for p in c.paragraphs
    }
    assert {"Title", "Heading 1"} <= used
    for name in sorted(used):
        colour = _text_colour(document.styles[name])
        if colour not in (None, "auto"):
            assert _contrast_on_white(colour) >= 4.5, (path.name, name, colour)
