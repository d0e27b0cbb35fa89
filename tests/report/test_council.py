"""One annual report for the whole council (parts:): its figures add up, each Ombudsman's rate
stays its own, each part is measured against its own Code, and it opens as readers open it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from browser import assert_accessible, docx_to_pdf, pdf_pages
from conftest import ROOT, Run
from renderkit import docx_text
from reportkit import copy_example, render_report

COUNCIL = "reports/annual-report-council-2024-25.yaml"
LOGS = {
    "Housing services": ROOT / "complaints" / "example-borough-council-2024-25.csv",
    "Other council services": ROOT
    / "complaints"
    / "example-borough-council-other-services-2024-25.csv",
}
START, END = dt.date(2024, 4, 1), dt.date(2025, 3, 31)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("council"))
    return render_report(root, COUNCIL)


def report(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / "report.json").read_text(encoding="utf-8")))


def rows_of(table: dict[str, Any]) -> dict[str, list[Any]]:
    return {row["label"]: row["values"] for row in table["rows"]}


def day(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def recount(log: Path) -> tuple[int, int]:
    """Count stage 1 complaints received, and stage 2 escalations, in the year, from the CSV."""
    rows = list(csv.DictReader(io.StringIO(log.read_text(encoding="utf-8"))))
    received = sum(1 for r in rows if START <= (day(r["received"]) or dt.date.min) <= END)
    escalated = sum(1 for r in rows if START <= (day(r["escalated"]) or dt.date.min) <= END)
    return received, escalated


def test_the_example_checks_clean(run: Run) -> None:
    result = run("check", "--as-of", "2025-07-01", str(ROOT / COUNCIL))
    assert (result.exit_code, result.output) == (0, "No problems in 1 file.\n")


def test_housing_and_other_services_add_up_to_the_council(folder: Path) -> None:
    summary = report(folder)["summary"][0]
    assert summary["columns"] == ["Housing services", "Other council services", "Whole council"]
    found = rows_of(summary)
    for label, values in found.items():
        housing, other, council = values
        if "per cent" in label:
            count = found[label.removesuffix(" (per cent)")]
            stage = label.split()[0] + " " + label.split()[1]
            sent = found[f"{stage} responses sent"]
            assert council == round(100 * count[2] / sent[2], 1), label
            assert [housing, other] == [
                round(100 * c / s, 1) for c, s in zip(count, sent, strict=True)
            ][:2]
        else:
            assert council == housing + other, label
    # Each part's volumes, recounted from its own log.
    counted = [recount(LOGS[title]) for title in summary["columns"][:2]]
    assert found["Stage 1 complaints received"][:2] == [c[0] for c in counted]
    assert found["Escalated to stage 2"][:2] == [c[1] for c in counted]


def test_each_ombudsmans_rate_is_its_own_and_never_added(folder: Path) -> None:
    _, rates = report(folder)["summary"]
    assert rates["columns"] == ["Housing services", "Other council services"]  # no total
    found = rows_of(rates)
    for label, values in found.items():
        assert sum(v is not None for v in values) == 1, label  # in its own part's column only
    assert found["Housing Ombudsman: maladministration rate (of findings decided)"][0] == 75.0
    assert found["LGSCO: upheld rate (of decisions investigated)"][1] == 80.0


def test_each_part_is_measured_against_its_own_code(folder: Path) -> None:
    housing, other = report(folder)["parts"]
    assert "Housing Ombudsman's" in housing["code"] and "Local Government" in other["code"]
    days = {
        part["title"]: [(t["provision"], t["working_days"]) for t in part["practice"]["timescales"]]
        for part in (housing, other)
    }
    assert days["Housing services"][-2:] == [("6.14", 20), ("6.15", 20)]
    assert days["Other council services"] == [
        ("6.2", 5), ("6.3", 10), ("6.4", 10), (None, 5), (None, 20),
    ]  # fmt: skip
    keys = [t["key"] for t in other["tables"]]
    assert "tsm" not in keys and "lgsco-decisions" in keys and "lgsco-letter" in keys
    assert "tsm" in [t["key"] for t in housing["tables"]]
    for part in (housing, other):
        assert (folder / part["folder"] / "self-assessment.html").is_file()


def test_the_page_has_each_part_under_its_own_heading(folder: Path) -> None:
    import lxml.html

    page = lxml.html.fromstring((folder / "annual-report.html").read_bytes())
    headings = [(h.tag, h.text_content()) for h in page.xpath("//h2 | //h3")]
    parts = [text for tag, text in headings if tag == "h2"]
    assert parts == [
        "Contents",
        "The whole council's complaints",
        "Housing services",
        "Other council services",
        "Governance and scrutiny",
    ]
    items = [text for tag, text in headings if tag == "h3" and text.startswith("Item ")]
    assert len(items) == 12 and items[:6] == items[6:]
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    links = page.xpath("//a[contains(@href, 'self-assessment.html')]/@href")
    assert links == [
        "housing-services/self-assessment.html",
        "other-council-services/self-assessment.html",
    ]


def test_markdown_word_and_csv_carry_both_parts(folder: Path) -> None:
    markdown = (folder / "annual-report.md").read_text(encoding="utf-8")
    assert markdown.count("\n## Housing services\n") == 1
    assert markdown.count("\n### Item 2: Our complaint handling performance\n") == 2
    text = docx_text(folder / "annual-report.docx")
    assert "Other council services: the Local Government and Social Care Ombudsman's" in text
    figures = list(csv.DictReader(io.StringIO((folder / "figures.csv").read_text("utf-8-sig"))))
    tables = {row["Table"] for row in figures}
    assert "Other council services: The LGSCO's decisions about us" in tables
    assert "Housing services: Complaints at each stage" in tables


def test_the_governing_bodys_response_ends_every_output(folder: Path) -> None:
    import docx

    document = docx.Document(str(folder / "annual-report.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[-1] == "Governance and scrutiny"
    text = docx_text(folder / "annual-report.docx")
    response = "Cabinet approved this report and thanks the tenants who took the time to complain."
    assert text.count(response) == 1
    assert "Housing Scrutiny Committee" in text[text.index("Governance and scrutiny") :]
    markdown = (folder / "annual-report.md").read_text(encoding="utf-8")
    assert markdown.index("## Governance and scrutiny") > markdown.index(
        "## Other council services"
    )
    assert response in " ".join(markdown.split())


def test_a_report_gives_assessment_or_parts(run: Run, tmp_path: Path) -> None:
    copy_example(tmp_path)
    text = (ROOT / COUNCIL).read_text(encoding="utf-8")
    path = tmp_path / "reports" / "both.yaml"
    path.write_text(text.replace("parts:\n", "analysis: x\nparts:\n", 1), encoding="utf-8")
    output = run("check", "--as-of", "2025-07-01", str(path)).output
    assert "with parts:, give analysis in each part, not for the whole report" in output


def test_the_whole_council_report_passes_axe_and_reflows(folder: Path) -> None:
    assert_accessible(folder / "annual-report.html")


def test_the_whole_council_word_report_converts_to_pdf(folder: Path, tmp_path: Path) -> None:
    pdf = docx_to_pdf(folder / "annual-report.docx", tmp_path)
    assert pdf_pages(pdf) > 10
