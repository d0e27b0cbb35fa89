"""Every published output opened as a reader would: HTML in Chromium with axe-core, Word in LibreOffice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from browser import (
    assert_accessible,
    docx_to_pdf,
    host_page,
    pdf_pages,
    pdf_text,
    print_to_pdf,
)
from renderkit import render_example, squash


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_example(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_example(tmp_path_factory.mktemp("browser-draft"), draft=True)


@pytest.mark.parametrize("name", ["self-assessment.html", "gaps.html"])
def test_page_passes_axe_and_reflows(folder: Path, name: str) -> None:
    assert_accessible(folder / name)


def test_draft_page_passes_axe_and_reflows(draft: Path) -> None:
    assert_accessible(draft / "self-assessment.html")


def test_every_fragment_inside_a_plain_host_page(folder: Path) -> None:
    fragments = sorted((folder / "sections").glob("*.html"))
    assert {"index.html", "governance.html", "section-6.html"} <= {f.name for f in fragments}
    for fragment in fragments:
        hosted = fragment.with_name(f"hosted-{fragment.name}")
        hosted.write_text(host_page(fragment.read_text(encoding="utf-8")), encoding="utf-8")
        assert_accessible(hosted)


def test_word_file_converts_to_pdf(folder: Path, tmp_path: Path) -> None:
    pdf = docx_to_pdf(folder / "self-assessment.docx", tmp_path)
    assert pdf_pages(pdf) > 1


def test_page_prints_as_a_numbered_document_with_link_addresses(
    folder: Path, tmp_path: Path
) -> None:
    pdf = print_to_pdf(folder / "self-assessment.html", tmp_path / "printed.pdf")
    pages = [squash(text) for text in pdf_text(pdf)]
    count = len(pages)
    assert 1 < count <= 40  # 72 provisions with their commentary, A4 landscape
    assert all(f"Page {n} of {count}" in text for n, text in enumerate(pages, 1))
    # The summary starts on page 1 with its sentence and the figures, not a stranded heading.
    assert "Summary We assessed our complaint handling against 72 provisions" in pages[0]
    assert "CH01: stage 1 complaints received per 1,000 homes" in pages[0]
    # Link addresses follow the links (table cells interleave in the PDF's text, so in parts).
    printed = " ".join(pages)
    assert printed.count("housing-complaints-policy)") >= 3
    assert "(https://www.example.gov.uk/complaints)" in printed.replace(" ", "")


def test_casework_plan_passes_axe_reflows_and_converts(tmp_path: Path) -> None:
    from conftest import ROOT
    from selfassess.casework import load_register
    from selfassess.casework.build import build_plan_outputs
    from selfassess.render.outputs import Options

    later = dt.date(2025, 9, 1)  # two orders and two actions overdue
    register = load_register(ROOT / "casework" / "ombudsman-2024-25.yaml", later)
    outputs = build_plan_outputs(register, Options(as_of=later))
    for name in ("plan.html", "plan.docx"):
        (tmp_path / name).write_bytes(outputs[name])
    assert_accessible(tmp_path / "plan.html")
    assert pdf_pages(docx_to_pdf(tmp_path / "plan.docx", tmp_path)) >= 1


def test_no_empty_band_stands_in_a_provision_s_block_on_a_phone(tmp_path: Path) -> None:
    from browser import opened
    from conftest import example_beside_its_log

    source = example_beside_its_log(tmp_path)
    text = source.read_text("utf-8")
    bare = text.replace(  # 1.2 answered yes with no evidence and no commentary
        text[text.index('  "1.2":\n') : text.index('  "1.3":\n')], '  "1.2":\n    comply: yes\n'
    )
    source.write_text(bare, "utf-8")
    folder = render_example(tmp_path / "out", source)
    with opened(folder / "self-assessment.html", 320) as page:
        empty = page.evaluate(
            "[...document.querySelectorAll('.stack td')].filter(td => "
            "td.getClientRects().length && !td.innerText.trim()).length"
        )
        shown = page.evaluate("document.querySelectorAll('.stack td').length")
    assert shown > 100 and empty == 0
