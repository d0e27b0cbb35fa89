"""The annual report in Markdown: golden file, and users' words kept inert."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from markdown_it import MarkdownIt

from renderkit import markdown_text
from reportkit import (
    NO_REGISTER_LAST_YEAR,
    assert_golden,
    copy_example,
    drop_last_years_register,
    edit,
    render_report,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_report(copy_example(tmp_path_factory.mktemp("report")))


def test_matches_golden(folder: Path, update_golden: bool) -> None:
    assert_golden(folder, "annual-report.md", update_golden)


def test_item_headings_in_the_published_order(folder: Path) -> None:
    lines = (folder / "annual-report.md").read_text("utf-8").splitlines()
    assert [line for line in lines if line.startswith("## ")] == [
        "## Summary of key figures",
        "## Item 2: Our complaint handling performance",
        "## Item 3: The Ombudsman's findings of non-compliance with the Code",
        "## Item 4: Service improvements from learning from complaints",
        "## Item 5: The Ombudsman's annual report about our performance",
        "## Item 6: Other reports and publications by the Ombudsman about us",
        "## Governance and scrutiny",
        "## Item 1: Our self-assessment against the Complaint Handling Code",
    ]


def test_hostile_words_stay_words(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    edit(root, "theme: Repairs", "theme: '<script>alert(1)</script> # [x](javascript:alert(1))'")
    edit(
        root,
        "analysis: |\n",
        "analysis: |\n  <img src=x onerror=alert(1)> [click](javascript:alert(1))\n\n",
    )
    text = (render_report(root) / "annual-report.md").read_text("utf-8")
    assert "<script>alert(1)</script> # [x](javascript:alert(1))" in markdown_text(text)
    # As a viewer that passes raw HTML through (CommonMark's default) would show it:
    page = lxml.html.fromstring(MarkdownIt("commonmark").render(text))
    assert not list(page.iter("script", "img"))
    assert not [a for a in page.iter("a") if a.get("href", "").lower().startswith("javascript")]


def test_each_table_has_one_title_its_caption(folder: Path) -> None:
    lines = (folder / "annual-report.md").read_text("utf-8").splitlines()
    captions = [index for index, line in enumerate(lines) if line.startswith("Table: ")]
    assert len(captions) == 21  # every table of the page but the list of gaps
    for index in captions:
        caption = lines[index].removeprefix("Table: ")
        above = next(line for line in reversed(lines[:index]) if line.startswith("#"))
        assert above.lstrip("# ") != caption
        assert lines[index + 1 : index + 3] == ["", lines[index + 2]]
        assert lines[index + 2].startswith("| ")  # the table follows its caption
    assert "### Complaints at each stage" not in lines
    assert "Table: Complaints at each stage" in lines


def test_last_year_without_a_register_is_said_once(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    drop_last_years_register(root)
    lines = (render_report(root) / "annual-report.md").read_text("utf-8").splitlines()
    assert lines.count(NO_REGISTER_LAST_YEAR) == 1
    at = lines.index(NO_REGISTER_LAST_YEAR)
    assert lines[at + 2 : at + 5] == [
        "Table: The Ombudsman's decisions about us",
        "",
        "| Measure | Figure |",
    ]
