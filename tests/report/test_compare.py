"""Benchmarks beside our figures, shares beside counts, findings by subject and compensation
together and apart: each figure recounted here from the YAML, never taken from the code."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from conftest import Run
from renderkit import cell_text, docx_text, markdown_text
from reportkit import (
    ADVERSE,
    REPORT,
    UNDECIDED,
    copy_example,
    edit,
    maladministration_rate,
    render_report,
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("compare"))


@pytest.fixture(scope="module")
def folder(root: Path) -> Path:
    return render_report(root)


@pytest.fixture(scope="module")
def page(folder: Path) -> Any:
    return lxml.html.fromstring((folder / "annual-report.html").read_bytes())


def load(root: Path, path: str) -> dict[str, Any]:
    return dict(yaml.safe_load((root / path).read_text("utf-8")))


def register(root: Path) -> dict[str, Any]:
    return load(root, "casework/ombudsman-2024-25.yaml")


def half_up(part: float, whole: float) -> int:
    """Round part/whole to a whole per cent the way a reader would, halves up."""
    return int(part * 100 / whole + 0.5)


def table_rows(page: Any, caption_start: str) -> dict[str, list[str]]:
    table = next(
        t for t in page.iter("table") if t.find("caption").text_content().startswith(caption_start)
    )
    return {
        cell_text(tr.find("th")): [cell_text(td) for td in tr.findall("td")]
        for tr in table.find("tbody").iter("tr")
    }


def test_each_benchmark_sits_beside_our_figure_with_the_difference_and_its_source(
    root: Path, folder: Path, page: Any
) -> None:
    report = load(root, REPORT)
    ours = {
        "tp09": report["satisfaction"]["complaints_handling"],
        "maladministration rate": maladministration_rate(register(root)["cases"]),
    }
    rows = table_rows(page, "How we compare with others")
    assert len(rows) == len(report["benchmarks"]) == 2
    by_measure = dict(
        zip([b["measure"].lower() for b in report["benchmarks"]], rows.values(), strict=True)
    )
    words = docx_text(folder / "annual-report.docx")
    markdown = markdown_text((folder / "annual-report.md").read_text("utf-8"))
    for benchmark in report["benchmarks"]:
        mine = ours[benchmark["measure"].lower()]
        difference = round(mine - benchmark["value"], 1)
        side = "above" if difference > 0 else "below"
        cells = by_measure[benchmark["measure"].lower()]
        assert cells[:3] == [
            f"{mine}%",
            f"{benchmark['value']}%",
            f"{abs(difference)} points {side}",
        ]
        assert cells[3:] == [" ".join(benchmark["what"].split()), benchmark["source"]]
        links = page.xpath(f"//a[@href='{benchmark['source']}']")
        assert [a.text_content() for a in links] == [benchmark["source"]]
        assert benchmark["source"] in words and benchmark["source"] in markdown
    assert by_measure["tp09"][2] == "4.6 points below"  # 31.4% beside the median of 36%


def test_figures_csv_and_report_json_give_every_benchmark_its_source(
    root: Path, folder: Path
) -> None:
    report = load(root, REPORT)
    text = (folder / "figures.csv").read_bytes().decode("utf-8-sig")
    rows = [
        r for r in csv.DictReader(io.StringIO(text)) if r["Table"] == "How we compare with others"
    ]
    assert len(rows) == 3 * len(report["benchmarks"])
    assert all(r["Source"].startswith("https://") for r in rows)
    data = json.loads((folder / "report.json").read_text("utf-8"))
    assert [(b["benchmark"], b["source"]) for b in data["benchmarks"]] == [
        (b["value"], b["source"]) for b in report["benchmarks"]
    ]


def check(run: Run, root: Path) -> list[str]:
    result = run("check", "--as-of", "2025-07-01", str(root / REPORT))
    return [line.split(": ", 1)[1] for line in result.output.splitlines()[:-1]]


def test_a_benchmark_for_a_measure_not_computed_is_reported_and_left_out(
    run: Run, tmp_path: Path
) -> None:
    root = copy_example(tmp_path)
    edit(root, "satisfaction:\n  complaints_handling: 31.4\n", "")
    assert check(run, root) == [
        "W856 benchmark for TP09 is left out: the report does not compute TP09, because the "
        "report gives no satisfaction: complaints_handling: (TP09)"
    ]
    page = lxml.html.fromstring((render_report(root) / "annual-report.html").read_bytes())
    assert list(table_rows(page, "How we compare with others")) == ["Maladministration rate"]


def test_an_unknown_measure_and_a_source_that_is_no_address_are_errors(
    run: Run, tmp_path: Path
) -> None:
    root = copy_example(tmp_path)
    edit(root, "measure: maladministration rate", "measure: maladministraton rate")
    assert check(run, root) == [
        "E807 benchmark measure 'maladministraton rate' is not one the report computes; did "
        "you mean 'maladministration rate'?"
    ]
    edit(root, "source: https://www.gov.uk/", "source: gov.uk/")
    assert [line.split(" ")[0] for line in check(run, root)] == ["E112"]


def test_findings_by_subject_are_the_registers_recounted(page: Any, root: Path) -> None:
    cases = register(root)["cases"]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for case in cases:
        for finding in case.get("findings", []):
            counts[finding.get("category", case["category"])][finding["finding"]] += 1
    table = page.get_element_by_id("ombudsman-by-subject").find("table")
    heads = [th.text_content() for th in table.find("thead").iter("th")]
    rows = {
        cell_text(tr.find("th")): [cell_text(td) for td in tr.findall("td")]
        for tr in table.find("tbody").iter("tr")
    }
    for subject, found in counts.items():
        column = heads.index(f"{subject[0].upper()}{subject[1:]}") - 1  # this year only
        decided = sum(n for f, n in found.items() if f not in UNDECIDED)
        adverse = sum(found[f] for f in ADVERSE)
        assert rows["Findings"][column] == str(sum(found.values()))
        assert rows["Findings decided"][column] == str(decided)
        assert rows["Severe maladministration, maladministration or service failure"][column] == (
            str(adverse)
        )
        assert rows["Maladministration rate"][column] == f"{round(100 * adverse / decided, 1)}%"


def test_recommendations_made_and_compensation_together_and_apart(page: Any, root: Path) -> None:
    cases = register(root)["cases"]
    decisions = table_rows(page, "The Ombudsman's decisions about us")
    made = sum(len(c.get("recommendations", [])) for c in cases)
    assert decisions["Recommendations made"][0] == str(made) == "4"
    ordered = sum(o.get("compensation", 0) for c in cases for o in c.get("orders", []))
    offered = table_rows(page, "Escalation and compensation")["Compensation offered"][0]
    together = table_rows(page, "Compensation: offered on our complaints")
    assert together["Ordered by the Ombudsman (casework register)"][0] == f"£{ordered:,}"
    assert together["Offered on our complaints (complaints log)"][0] == offered
    pounds = int(offered.lstrip("£").replace(",", ""))
    assert together["Together"][0] == f"£{pounds + ordered:,}"


def test_counts_that_are_parts_of_a_whole_show_their_share(
    page: Any, root: Path, folder: Path
) -> None:
    findings = Counter(f["finding"] for c in register(root)["cases"] for f in c.get("findings", []))
    rows = table_rows(page, "The Ombudsman's findings, by category")
    total = sum(findings.values())
    for name, count in findings.items():
        assert rows[name.capitalize()][0] == f"{count} ({half_up(count, total)}%)"
    # The outcomes' shares: each count over its stage's outcomes, worked out here.
    outcomes = table_rows(page, "Outcomes of the responses sent")
    for stage in (0, 1):
        counts = {name: int(cells[stage].split(" ")[0]) for name, cells in outcomes.items()}
        whole = sum(counts.values())
        for name, count in counts.items():
            assert outcomes[name][stage] == f"{count} ({half_up(count, whole)}%)"
    said = "A percentage in brackets beside a count is that count's share of the total"
    assert page.text_content().count(said) == 1
    assert docx_text(folder / "annual-report.docx").count(said) == 1
    assert (folder / "annual-report.md").read_text("utf-8").count(said) == 1


def test_a_whole_councils_report_says_once_how_its_shares_are_worked_out(root: Path) -> None:
    folder = render_report(root, "reports/annual-report-council-2024-25.yaml", "council")
    said = "A percentage in brackets beside a count is that count's share of the total"
    markdown = (folder / "annual-report.md").read_text("utf-8")
    assert markdown.count(said) == 1
    assert " (41%) |" in markdown  # a part's outcomes keep their shares
    assert docx_text(folder / "annual-report.docx").count(said) == 1
    page = lxml.html.fromstring((folder / "annual-report.html").read_bytes())
    assert page.text_content().count(said) == 1


def test_a_ch02_benchmark_is_named_in_the_words_of_labels(tmp_path: Path) -> None:
    from selfassess.practice import labels

    root = copy_example(tmp_path)
    edit(
        root,
        "benchmarks:       # published",
        "benchmarks:\n  - {measure: ch02  STAGE 1, value: 80, what: A made-up figure, source: "
        "'https://example.org/x'}\n  # published",
    )
    page = lxml.html.fromstring((render_report(root) / "annual-report.html").read_bytes())
    rows = table_rows(page, "How we compare with others")
    ours = table_rows(page, "The Regulator's tenant satisfaction measures")[labels.ch02()][0]
    mine = float(ours.rstrip("%"))
    assert rows[labels.ch02(1)][:3] == [ours, "80%", f"{round(mine - 80, 1)} points above"]
