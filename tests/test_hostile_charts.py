"""Charts from free text, and documents of many tables: bounded whatever the log or register holds."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

import hostilefiles as h
from conftest import ROOT
from reportkit import REPORT, copy_example
from selfassess.cli import main

LOG = "complaints/example-borough-council-2024-25.csv"
EMU_PER_INCH = 914_400
WORD_LIMIT_INCHES = 22  # the tallest picture Word shows


def report_with_categories(root: Path, count: int, label: str = "Category {n}") -> Path:
    """Render the example report over a log of count complaints, each in its own category."""
    copy_example(root)
    h.categories_log(root / LOG, count, label)
    out = root / "out"
    result = CliRunner().invoke(
        main, ["report", "--as-of", "2025-07-01", "-o", str(out), str(root / REPORT)]
    )
    assert result.exit_code == 0, result.output
    return out / "annual-report-2024-25"


def pictures(folder: Path) -> list[tuple[int, str]]:
    """Return each picture's height in EMU and its alt text, from the Word file."""
    body = Document(str(folder / "annual-report.docx")).element.body
    found = []
    for extent, frame in zip(
        (e for e in body.iter() if e.tag.endswith("}extent")),
        (e for e in body.iter() if e.tag.endswith("}docPr")),
        strict=True,
    ):
        found.append((int(extent.get("cy")), frame.get("descr", "")))
    return found


@pytest.mark.parametrize(
    ("count", "label"),
    [(800, "Category {n}"), (30, "{n} " + "a long free-text category " * 1200)],
)
def test_a_chart_of_free_text_is_bounded_in_bars_labels_and_size(
    tmp_path: Path, count: int, label: str
) -> None:
    folder = report_with_categories(tmp_path, count, label)
    page = (folder / "annual-report.html").read_text("utf-8")
    table = page[page.index('id="chart-by-category') - 2000 :]
    svg = table[table.index("<svg") : table.index("</svg>")]
    # The chart draws a dozen bars: the eleven largest and the rest as one.
    assert f"Other ({count - 11:,} more)" in svg
    assert len(re.findall(r"<text\b", svg)) < 60
    assert max(len(text) for text in re.findall(r">([^<>]+)</text>", svg)) <= 48
    # So does each breakdown's (by directorate: one group a complaint here).
    grouped = page[page.index('id="chart-breakdown-1-stage-1') :]
    assert f"Other ({count - 11:,} more)" in grouped[: grouped.index("</svg>")]
    for height, alt in pictures(folder):
        assert height <= WORD_LIMIT_INCHES * EMU_PER_INCH, height
        assert len(alt) < 4_000, len(alt)
    # Word's tables keep every row, written a part at a time; each picture has its own id.
    document = Document(str(folder / "annual-report.docx"))
    caption = "Complaints received by service area"
    by_area = next(t for t in document.tables if f'w:val="{caption}"' in t._tbl.tblPr.xml)
    with (folder / "figures.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle)
        labels = [r["Row"] for r in rows if r["Table"] == caption and r["Column"] == "Stage 1"]
    assert len(labels) == count
    assert [row.cells[0].text for row in by_area.rows[1:]] == labels
    ids = [e.get("id") for e in document.element.body.iter() if e.tag.endswith("}docPr")]
    assert len(ids) == len(set(ids)) == len(pictures(folder)) > 3, ids


def test_the_chart_table_keeps_every_row(tmp_path: Path) -> None:
    folder = report_with_categories(tmp_path, 40)
    markdown = (folder / "annual-report.md").read_text("utf-8")
    assert all(f"| Category {n} |" in markdown for n in range(1, 41))
    csv = (folder / "figures.csv").read_text("utf-8-sig")
    assert all(f"Category {n}," in csv for n in range(1, 41))


def test_plan_adds_each_table_without_searching_the_whole_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # python-docx's add_table looks for the last section through every paragraph; done once
    # per table, a register of thousands of determinations took time in its square.
    from docx.oxml.document import CT_Document

    searches = []
    original = CT_Document.sectPr_lst.fget  # type: ignore[attr-defined]
    monkeypatch.setattr(
        CT_Document,
        "sectPr_lst",
        property(lambda self: searches.append(1) or original(self)),
    )
    counts = []
    for cases in (5, 60):
        register = tmp_path / f"r{cases}.yaml"
        register.write_text(yaml.safe_dump(_register(cases)), "utf-8")
        searches.clear()
        result = CliRunner().invoke(
            main, ["plan", "--as-of", "2025-07-01", "-o", str(tmp_path / "out"), str(register)]
        )
        assert result.exit_code == 0, result.output
        counts.append(len(searches))
    assert counts[0] == counts[1], counts


def _register(cases: int) -> dict[str, object]:
    text = (ROOT / "casework" / "ombudsman-2024-25.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    data.pop("owners_from", None)
    data["owners"] = {"hoc": {"role": "Head of customer service"}}
    case = {
        "reference": "0",
        "kind": "determination",
        "date": "2024-10-01",
        "findings": [{"issue": "Repairs", "finding": "maladministration"}],
        "orders": [{"do": "Apologise", "owner": "hoc", "due": "2025-08-01"}],
    }
    data["cases"] = [{**case, "reference": f"2024{n:05d}"} for n in range(cases)]
    data["publications"] = []
    return data


def test_the_self_assessment_chart_is_bounded_whatever_a_code_file_holds() -> None:
    from selfassess.assessment.chart import build_chart
    from selfassess.render.pieces import Counts

    sections = tuple(
        Counts(f"Section {n}: " + "a title pasted many times " * 200, n % 7 + 1, n % 7, 1, 0)
        for n in range(400)
    )
    chart = build_chart(sections)
    assert len(chart.bars) == 12
    assert chart.bars[-1].label == "Other sections (389)"
    assert max(len(bar.label) for bar in chart.bars) <= 120
    assert len(chart.description) < 3_000
