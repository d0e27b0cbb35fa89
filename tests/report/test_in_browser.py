"""The annual report as readers open it: the page in headless Chromium with axe-core, Word as PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import assert_accessible, docx_to_pdf, pdf_pages
from reportkit import add_last_year, copy_example, render_report


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("browser"))
    add_last_year(root)  # the widest tables: every figure with last year's and the change
    return render_report(root)


def test_report_page_passes_axe_and_reflows_at_320px(folder: Path) -> None:
    assert_accessible(folder / "annual-report.html")


def test_word_report_converts_to_pdf(folder: Path, tmp_path: Path) -> None:
    pdf = docx_to_pdf(folder / "annual-report.docx", tmp_path)
    assert pdf_pages(pdf) > 5
