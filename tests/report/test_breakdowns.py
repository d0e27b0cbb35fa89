"""The report's breakdowns, stage 2's changes and the reasons for escalation in every output,
each figure recounted by hand from the example log (tests/groupsbyhand.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from groupsbyhand import (
    DIRECTORATE,
    ROOT_CAUSE,
    Counted,
    by_group,
    escalation_reasons,
    in_order,
    overturns,
)
from renderkit import cell_text, docx_text, squash
from reportkit import copy_example, render_report

SMALL_NOTE = (
    'A group marked "small group" received fewer than 10 complaints at that stage: one '
    "complaint moves its percentages a long way, so compare it with care."
)
HEADINGS = [
    "Received",
    "Responded",
    "Within the Code's timescales",
    "Within the Code's timescales (per cent)",
    "Median working days to respond",
    "Upheld or partly upheld (per cent)",
]
TABLES = [
    (f"Stage {stage} complaints by {name}", title, header, stage)
    for name, title, header in (
        ("directorate", "Directorate", DIRECTORATE),
        ("root cause", "Root cause", ROOT_CAUSE),
    )
    for stage in (1, 2)
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_report(copy_example(tmp_path_factory.mktemp("breakdowns")))


def expected_rows(header: str, stage: int) -> list[list[str]]:
    """Return the table's rows by hand: name (marked if small), then the six figures."""
    groups = by_group(header)
    found = []
    for name in in_order(groups):
        counted: Counted = groups[name][stage - 1]
        if counted.received or counted.responded:
            label = f"{name} (small group)" if counted.small else name
            found.append([label, *counted.cells()])
    return found


def page_table(page: Any, caption: str) -> tuple[list[str], list[list[str]]]:
    table = next(t for t in page.iter("table") if t.find("caption").text_content() == caption)
    headings = [th.text_content() for th in table.find("thead").iter("th")]
    rows = [
        [cell_text(tr.find("th")), *(cell_text(td) for td in tr.findall("td"))]
        for tr in table.find("tbody").iter("tr")
    ]
    return headings, rows


@pytest.mark.parametrize(("caption", "title", "header", "stage"), TABLES)
def test_the_page_gives_each_group_as_counted_by_hand(
    folder: Path, caption: str, title: str, header: str, stage: int
) -> None:
    page = lxml.html.fromstring((folder / "annual-report.html").read_bytes())
    headings, rows = page_table(page, caption)
    assert headings == [title, *HEADINGS]
    assert rows == expected_rows(header, stage)
    figure = next(t for t in page.iter("table") if t.find("caption").text_content() == caption)
    (chart,) = [e for e in figure.getparent().iter() if str(e.tag).endswith("svg")]
    (title,) = [e for e in chart.iter() if str(e.tag).endswith("title")]
    assert title.text == caption  # the chart beside the table, named as it is


def test_word_and_markdown_give_the_same_rows(folder: Path) -> None:
    import docx

    document = docx.Document(str(folder / "annual-report.docx"))
    tables = [
        t for t in document.tables if t.rows[0].cells[0].text in ("Directorate", "Root cause")
    ]
    markdown = (folder / "annual-report.md").read_text("utf-8")
    assert len(tables) == len(TABLES)
    for table, (caption, title, header, stage) in zip(tables, TABLES, strict=True):
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        assert rows == [[title, *HEADINGS], *expected_rows(header, stage)]
        block = markdown.split(f"Table: {caption}\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
        assert block[0] == "| " + " | ".join([title, *HEADINGS]) + " |"
        assert [line.strip("| ").split(" | ") for line in block[2:]] == expected_rows(header, stage)


def test_figures_csv_gives_each_figure_with_its_unit(folder: Path) -> None:
    text = (folder / "figures.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    units = ["", "", "", "%", "", "%"]
    for caption, _, header, stage in TABLES:
        found = [
            (r["Row"], r["Column"], r["Unit"], r["This year"])
            for r in rows
            if r["Table"] == caption
        ]
        wanted = []
        for label, *cells in expected_rows(header, stage):
            for heading, unit, cell in zip(HEADINGS, units, cells, strict=True):
                value = "" if cell == "–" else cell.rstrip("%").replace(",", "")
                wanted.append((label, heading, unit, value))
        assert [
            (a, b, c, d if "." not in d else f"{float(d):.1f}") for a, b, c, d in found
        ] == wanted


def test_small_groups_are_named_so_and_said_once(folder: Path) -> None:
    page = (folder / "annual-report.html").read_text("utf-8")
    assert "Sheltered and Supported Housing (small group)" in page
    assert page.count(SMALL_NOTE.replace('"', "&#34;")) + page.count(SMALL_NOTE) == 1
    assert squash(docx_text(folder / "annual-report.docx")).count(SMALL_NOTE) == 1
    assert (folder / "annual-report.md").read_text("utf-8").count(SMALL_NOTE) == 1


def test_overturns_and_escalation_reasons_as_counted_by_hand(folder: Path) -> None:
    page = lxml.html.fromstring((folder / "annual-report.html").read_bytes())
    _, rows = page_table(page, "Escalation and compensation")
    found = {row[0]: row[1] for row in rows}
    compared, changes = overturns()
    changed = sum(changes.values())
    assert found["Stage 2 responses compared with the stage 1 decision"] == str(compared)
    assert found["Stage 1 decisions changed at stage 2"] == str(changed)
    assert found["Stage 1 decisions changed at stage 2 (per cent)"] == (
        f"{round(100 * changed / compared, 1):.1f}%"
    )
    headings, rows = page_table(page, "Complaints escalated to stage 2, by the reason given")
    reasons = escalation_reasons()
    total = sum(reasons.values())
    assert headings == ["Reason", "Stage 2"]
    assert rows == [
        [reason[:1].upper() + reason[1:], f"{n} ({(200 * n + total) // (2 * total)}%)"]
        for reason, n in sorted(reasons.items())
    ]
    text = squash(docx_text(folder / "annual-report.docx"))
    assert "A stage 1 decision counts as changed at stage 2 when" in text
