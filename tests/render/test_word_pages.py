"""The Word packs' pages: "Landlord · Page X of Y" in every footer, and a reference's header
picture and page-number fields kept while nothing else in it that acts comes across."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from browser import docx_to_pdf, pdf_pages, pdf_text
from conftest import ROOT, Run
from renderkit import render_example, squash
from reportkit import copy_example, render_report

LANDLORD = "Example Borough Council"
EXAMPLE = "assessments/example-borough-council-2024-25.yaml"
OUTPUT = "build/example-borough-council-2024-25/self-assessment.docx"


def _plan_docx(folder: Path) -> Path:
    from selfassess.casework import load_register
    from selfassess.casework.build import build_plan_outputs
    from selfassess.render.outputs import Options

    later = dt.date(2025, 9, 1)
    register = load_register(ROOT / "casework" / "ombudsman-2024-25.yaml", later)
    path = folder / "plan.docx"
    path.write_bytes(build_plan_outputs(register, Options(as_of=later))["plan.docx"])
    return path


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("packs")
    report = render_report(copy_example(root / "report")) / "annual-report.docx"
    assessment = render_example(root / "assessment") / "self-assessment.docx"
    return {"self-assessment": assessment, "report": report, "plan": _plan_docx(root)}


def _footer_fields(path: Path) -> tuple[str, list[str]]:
    footer = docx.Document(str(path)).sections[0].footer
    element = footer._element
    fields = [" ".join((t.text or "").split()) for t in element.iter(qn("w:instrText"))]
    return " ".join(p.text for p in footer.paragraphs), fields


@pytest.mark.parametrize("name", ["self-assessment", "report", "plan"])
def test_every_pack_s_footer_has_the_landlord_and_page_fields(
    packs: dict[str, Path], name: str
) -> None:
    text, fields = _footer_fields(packs[name])
    assert text.startswith(f"{LANDLORD} · Page ") and " of " in text
    assert fields == ["PAGE", "NUMPAGES"]


@pytest.mark.parametrize("name", ["self-assessment", "report", "plan"])
def test_every_printed_page_says_page_x_of_y(
    packs: dict[str, Path], name: str, tmp_path: Path
) -> None:
    pdf = docx_to_pdf(packs[name], tmp_path)
    count = pdf_pages(pdf)
    pages = [squash(text) for text in pdf_text(pdf)]
    assert count >= 1 and len(pages) == count
    for number, text in enumerate(pages, 1):
        assert f"{LANDLORD} · Page {number} of {count}" in text, (number, text[-200:])


def test_the_board_pack_s_first_page_has_no_problem_codes(tmp_path: Path) -> None:
    folder = render_example(tmp_path / "draft", draft=True)
    first = squash(pdf_text(docx_to_pdf(folder / "self-assessment.docx", tmp_path))[0])
    assert "Draft — not approved" in first
    assert not re.search(r"\b[EWI][0-9]{3}\b", first) and "selfassess check" not in first
    assert "line " not in first.lower().replace("online", "")


def _png(width: int = 40, height: int = 20) -> bytes:
    """Return a small red PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xcc\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _field(paragraph: object, instruction: str, shown: str) -> None:
    p = paragraph._p  # type: ignore[attr-defined]
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = OxmlElement("w:r")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        else:
            code = OxmlElement("w:instrText")
            code.text = text
            run.append(code)
        p.append(run)
    result = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = shown
    result.append(words)
    end = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end.append(char)
    p.extend([result, end])


def _letterhead(folder: Path) -> Path:
    """A council's template: a logo in the header, page numbers and a few traps in the footer."""
    reference = docx.Document()
    header = reference.sections[0].header
    header.paragraphs[0].add_run().add_picture(io.BytesIO(_png()))
    header.add_paragraph("Northvale Homes")
    linked = header.add_paragraph()
    linked.add_run().add_picture(io.BytesIO(_png(10, 10)))
    blip = linked._p.find(".//" + qn("a:blip"))
    blip.set(qn("r:link"), header.part.relate_to("https://evil.example/p.png", RT.IMAGE, True))
    del blip.attrib[qn("r:embed")]  # a picture linked from the web, not embedded
    footer = reference.sections[0].footer
    line = footer.paragraphs[0]
    line.add_run("Northvale Homes, page ")
    _field(line, " PAGE ", "1")
    line.add_run(" of ")
    _field(line, " NUMPAGES \\* MERGEFORMAT ", "1")
    traps = footer.add_paragraph("Saved as ")
    _field(traps, ' HYPERLINK "https://evil.example/a" ', "our site")
    _field(traps, " FILENAME \\p ", "C:\\secret\\name.docx")
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), "DATE")
    traps._p.append(simple)
    path = folder / "letterhead.docx"
    reference.save(str(path))
    return path


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_reference_keeps_its_logo_and_page_numbers_and_nothing_that_acts(
    run: Run, project: Path, tmp_path: Path
) -> None:
    result = run(
        "render", "--format", "docx", "--reference-docx", str(_letterhead(project)), EXAMPLE
    )
    assert result.exit_code == 0, result.output
    parts = _parts(project / OUTPUT)
    assert [name for name, data in parts.items() if b"evil.example" in data] == []
    stories = [n for n in parts if re.fullmatch(r"word/_rels/(header|footer)\d*\.xml\.rels", n)]
    assert stories and not any(b"TargetMode" in parts[name] for name in stories)
    assert not any(name.endswith((".bin", ".dotm")) or "vba" in name.lower() for name in parts)
    rendered = docx.Document(str(project / OUTPUT))
    header, footer = rendered.sections[0].header, rendered.sections[0].footer
    pictures = [r for r in header.part.rels.values() if r.reltype == RT.IMAGE]
    assert len(pictures) == 1 and pictures[0].target_part.blob == _png()
    assert [p.text for p in header.paragraphs if p.text] == ["Northvale Homes"]
    instructions = [
        " ".join((t.text or "").split()) for t in footer._element.iter(qn("w:instrText"))
    ]
    assert instructions == ["PAGE", "NUMPAGES \\* MERGEFORMAT"]
    assert footer._element.find(".//" + qn("w:fldSimple")) is None
    assert [p.text for p in footer.paragraphs] == [
        "Northvale Homes, page 1 of 1",
        "Saved as our siteC:\\secret\\name.docx",
    ]
    pdf = docx_to_pdf(project / OUTPUT, tmp_path)
    count = pdf_pages(pdf)
    assert f"Northvale Homes, page 2 of {count}" in squash(pdf_text(pdf)[1])
