"""A whole council's benchmarks: each part compares its own measures with published figures, in
the part's own section of every output, checked at the part's own keys; each figure is worked
out here from the YAML and the register, never taken from the code."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from browser import opened
from conftest import Run
from renderkit import cell_text, squash
from reportkit import copy_example, edit, maladministration_rate, render_report

COUNCIL = "reports/annual-report-council-2024-25.yaml"
CAPTION = "How we compare with others: our figures for 2024-25 beside others' published figures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("council-benchmarks"))


@pytest.fixture(scope="module")
def folder(root: Path) -> Path:
    return render_report(root, COUNCIL)


def load(root: Path, path: str) -> dict[str, Any]:
    return dict(yaml.safe_load((root / path).read_text("utf-8")))


def housing(root: Path) -> dict[str, Any]:
    """Return the housing part as the report file gives it."""
    return dict(load(root, COUNCIL)["parts"][0])


def ours(root: Path) -> dict[str, float]:
    """Return the housing part's own figure for each measure it compares, recounted."""
    part = housing(root)
    cases = load(root, "reports/" + part["casework"])["cases"]
    return {
        "tp09": part["satisfaction"]["complaints_handling"],
        "maladministration rate": maladministration_rate(cases),
    }


def expected(root: Path) -> list[list[str]]:
    """Return each benchmark's cells after its measure, as a reader should read them."""
    mine, rows = ours(root), []
    for benchmark in housing(root)["benchmarks"]:
        figure = mine[benchmark["measure"].lower()]
        difference = round(figure - benchmark["value"], 1)
        side = "above" if difference > 0 else "below"
        rows.append(
            [
                f"{figure}%",
                f"{benchmark['value']}%",
                f"{abs(difference)} points {side}",
                squash(benchmark["what"]),
                benchmark["source"],
            ]
        )
    return rows


def test_the_example_housing_part_has_the_single_reports_benchmarks(root: Path) -> None:
    single = load(root, "reports/annual-report-2024-25.yaml")
    assert housing(root)["benchmarks"] == single["benchmarks"]
    assert "benchmarks" not in load(root, COUNCIL)["parts"][1]


def test_the_page_shows_them_in_the_housing_part_only(root: Path, folder: Path) -> None:
    page = lxml.html.fromstring((folder / "annual-report.html").read_bytes())
    tables = page.xpath("//table[starts-with(caption, 'How we compare with others')]")
    assert [t.get("id") for t in tables] == ["housing-services-benchmarks"]
    (table,) = tables
    section = table.xpath("ancestor::section[@aria-labelledby='housing-services']")
    assert len(section) == 1 and squash(table.find("caption").text_content()) == CAPTION
    rows = [[cell_text(c) for c in tr] for tr in table.find("tbody").iter("tr")]
    assert [row[1:] for row in rows] == expected(root)
    single = lxml.html.fromstring(
        (render_report(root, out="single") / "annual-report.html").read_bytes()
    )
    (alone,) = single.xpath("//table[@id='benchmarks']")
    assert rows == [[cell_text(c) for c in tr] for tr in alone.find("tbody").iter("tr")]
    for link, benchmark in zip(table.xpath(".//a"), housing(root)["benchmarks"], strict=True):
        assert (link.get("href"), link.text_content()) == (benchmark["source"],) * 2


def _between(items: list[Any], first: Any, last: Any) -> list[Any]:
    return items[items.index(first) + 1 : items.index(last)]


def test_word_shows_them_in_the_housing_part_only(root: Path, folder: Path) -> None:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(folder / "annual-report.docx"))
    body: list[tuple[str, Any]] = []
    for element in document.element.body:
        if element.tag == f"{W}p":
            paragraph = Paragraph(element, document)
            body.append((paragraph.style.name, paragraph.text))
        elif element.tag == f"{W}tbl":
            body.append(("table", Table(element, document)))
    headings = [item for item in body if item[0] == "Heading 1"]
    assert ("Heading 1", "Housing services") in headings
    part = _between(
        body, ("Heading 1", "Housing services"), ("Heading 1", "Other council services")
    )
    titles = [index for index, item in enumerate(part) if item == ("Caption", f"Table: {CAPTION}")]
    assert len(titles) == 1
    table = part[titles[0] + 1][1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == [
        "Measure",
        "Ours",
        "Benchmark",
        "Difference",
        "What the benchmark is",
        "Source",
    ]
    assert [[squash(text) for text in row[1:]] for row in rows[1:]] == expected(root)
    everywhere = [item for item in body if item == ("Caption", f"Table: {CAPTION}")]
    assert len(everywhere) == 1  # not in the other part, nor the council's summary


def test_markdown_shows_them_in_the_housing_part_only(root: Path, folder: Path) -> None:
    lines = (folder / "annual-report.md").read_text("utf-8").splitlines()
    part = _between(lines, "## Housing services", "## Other council services")
    assert lines.count(f"Table: {CAPTION}") == part.count(f"Table: {CAPTION}") == 1
    start = part.index(f"Table: {CAPTION}")
    assert part[start + 2] == (
        "| Measure | Ours | Benchmark | Difference | What the benchmark is | Source |"
    )
    rows = []
    for line in part[start + 4 : start + 4 + len(expected(root))]:
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        source = cells[5]
        assert source.startswith("[") and source.endswith(")")
        rows.append([*cells[1:5], source[1 : source.index("]")]])
    assert rows == expected(root)


def test_figures_csv_and_report_json_give_them_under_the_part(root: Path, folder: Path) -> None:
    text = (folder / "figures.csv").read_bytes().decode("utf-8-sig")
    found = [r for r in csv.DictReader(io.StringIO(text)) if "compare" in r["Table"]]
    benchmarks = housing(root)["benchmarks"]
    assert {r["Table"] for r in found} == {"Housing services: How we compare with others"}
    assert len(found) == 3 * len(benchmarks)
    for row, benchmark in zip(found[::3], benchmarks, strict=True):
        assert row["Source"] == benchmark["source"] and row["Column"] == "Ours"
        assert float(row["This year"]) == ours(root)[benchmark["measure"].lower()]
    data = json.loads((folder / "report.json").read_text("utf-8"))
    first, second = data["parts"]
    assert second["benchmarks"] == []
    assert [
        (b["ours"], b["benchmark"], b["difference"], b["source"]) for b in first["benchmarks"]
    ] == [
        (
            ours(root)[b["measure"].lower()],
            b["value"],
            round(ours(root)[b["measure"].lower()] - b["value"], 1),
            b["source"],
        )
        for b in benchmarks
    ]


def test_the_part_s_table_stacks_within_a_phone_s_width(folder: Path) -> None:
    script = """(() => {
      const table = document.getElementById('housing-services-benchmarks');
      const main = document.querySelector('main').getBoundingClientRect();
      const cells = [...table.querySelectorAll('tbody td')];
      return {right: table.getBoundingClientRect().right, room: main.right,
              blocks: cells.every(c => getComputedStyle(c).display === 'block')};
    })()"""
    with opened(folder / "annual-report.html", 320) as page:
        found = page.evaluate(script)
    assert found["blocks"] and found["right"] <= found["room"], found


# Checks of a changed copy of the example, through the command line.


@pytest.fixture
def changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_example(tmp_path)


def check(run: Run) -> list[str]:
    return run("check", "--as-of", "2025-07-01", COUNCIL).output.splitlines()


def place(root: Path, text: str, after: str = "") -> str:
    """Return "file:line:col" of the first line holding text (after the line holding after)."""
    lines = (root / COUNCIL).read_text("utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if after in line) if after else 0
    number = next(n for n, line in enumerate(lines[start:], start + 1) if text in line)
    return f"{COUNCIL}:{number}:{lines[number - 1].index(text) + 1}"


def test_an_unknown_measure_is_an_error_at_the_part_s_benchmark(run: Run, changed: Path) -> None:
    edit(changed, "measure: maladministration rate", "measure: maladministraton rate", COUNCIL)
    assert check(run) == [
        f"{place(changed, 'maladministraton rate')}: E807 benchmark measure 'maladministraton "
        "rate' is not one the report computes; did you mean 'maladministration rate'?",
        "1 error, 0 warnings in 1 file.",
    ]


def test_a_measure_the_part_does_not_compute_is_a_warning_there(run: Run, changed: Path) -> None:
    edit(changed, "    satisfaction:\n      complaints_handling: 31.4\n", "", COUNCIL)
    assert check(run) == [
        f"{place(changed, 'TP09', 'benchmarks:')}: W856 benchmark for TP09 is left out: the report does not "
        "compute TP09, because the report gives no satisfaction: complaints_handling: (TP09)",
        "0 errors, 1 warning in 1 file.",
    ]
    page = lxml.html.fromstring(
        (render_report(changed, COUNCIL) / "annual-report.html").read_bytes()
    )
    table = page.get_element_by_id("housing-services-benchmarks")
    assert [cell_text(tr.find("th")) for tr in table.find("tbody")] == ["Maladministration rate"]


def test_benchmarks_for_the_whole_report_beside_parts_are_refused(run: Run, changed: Path) -> None:
    edit(changed, "governance:\n", "benchmarks: []\ngovernance:\n", COUNCIL)
    assert check(run) == [  # a rule over the whole file, placed where its mapping starts
        f"{COUNCIL}:6:1: E112 the file: with parts:, give benchmarks in each part, not for the "
        "whole report",
        "1 error, 0 warnings in 1 file.",
    ]


def test_a_draft_recording_an_approval_is_warned_once_at_its_status(
    run: Run, changed: Path
) -> None:
    edit(changed, "status: approved", "status: draft", COUNCIL)
    assert check(run) == [
        f"{place(changed, 'draft', 'status:')}: W855 status is draft but governance.approval "
        "records an approval on 18 June 2025; set status: approved if the governing body has "
        "approved the report, or remove the approval until it does (a draft leaves it out)",
        "0 errors, 1 warning in 1 file.",
    ]


def test_approved_without_a_response_is_warned_at_the_approval(run: Run, changed: Path) -> None:
    text = (changed / COUNCIL).read_text("utf-8")
    start, end = text.index("  response: |\n"), text.index("  mrc_statement: |\n")
    (changed / COUNCIL).write_text(text[:start] + text[end:], "utf-8")
    assert check(run) == [  # was placed at the first part, whose document has no governance
        f"{place(changed, '{date: 2025-06-18', 'approval:')}: W851 the report is approved but "
        "governance.response is empty; the governing body's response is published alongside "
        "the report",
        "0 errors, 1 warning in 1 file.",
    ]


def test_a_measure_the_part_s_code_or_ombudsman_lacks_is_a_warning_not_a_silent_gap(
    run: Run, changed: Path
) -> None:
    # The LGSCO's Code has no CH01 or CH02, and its register no maladministration rate: each
    # benchmark was left out of every output without a word.
    mine = (
        "    benchmarks:\n"
        "      - {measure: maladministration rate, value: 50, what: A, source: https://a.example}\n"
        "      - {measure: CH01 stage 1, value: 5, what: B, source: https://b.example}\n"
        "      - {measure: escalation rate, value: 9, what: C, source: https://c.example}\n"
    )
    edit(changed, "    publications_note: |\n", mine + "    publications_note: |\n", COUNCIL)
    assert check(run) == [
        f"{place(changed, 'maladministration rate, value: 50')}: W856 benchmark for "
        "maladministration rate is left out: the report does not compute maladministration "
        "rate, because the casework register is the LGSCO's, whose decisions have an upheld "
        "rate, not a maladministration rate",
        f"{place(changed, 'CH01 stage 1')}: W856 benchmark for CH01 stage 1 is left out: the "
        "report does not compute CH01 stage 1, because the self-assessment's Code has no "
        "tenant satisfaction measures (CH01 and CH02 are for a landlord's complaints)",
        "0 errors, 2 warnings in 1 file.",
    ]
    data = json.loads((render_report(changed, COUNCIL) / "report.json").read_text("utf-8"))
    assert [b["source"] for b in data["parts"][1]["benchmarks"]] == ["https://c.example"]
