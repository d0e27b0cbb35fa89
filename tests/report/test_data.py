"""figures.csv and report.json: figures equal the owners' own, recomputed; spreadsheets run nothing."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from reportkit import AS_OF, copy_example, render_report


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def folder(root: Path) -> Path:
    return render_report(root)


def _table(data: dict[str, Any], key: str) -> dict[str, list[Any]]:
    table = next(t for t in data["tables"] if t["key"] == key)
    return {row["label"]: row["values"] for row in table["rows"]}


def test_report_json_is_versioned_and_lists_outputs(folder: Path) -> None:
    data = json.loads((folder / "report.json").read_text("utf-8"))
    assert data["schema_version"] == 1
    assert data["outputs"] == [
        "annual-report.html",
        "annual-report.md",
        "annual-report.docx",
        "figures.csv",
        "self-assessment.html",
        "self-assessment.md",
        "self-assessment.docx",
        "report.json",
    ]


def test_casework_figures_match_the_register_recounted_from_its_yaml(
    root: Path, folder: Path
) -> None:
    register = yaml.safe_load((root / "casework" / "ombudsman-2024-25.yaml").read_text("utf-8"))
    cases = register["cases"]
    findings = [f["finding"] for c in cases for f in c.get("findings", [])]
    orders = [o for c in cases for o in c.get("orders", [])]
    decided = [f for f in findings if f not in ("outside jurisdiction", "withdrawn")]
    adverse = [
        f
        for f in decided
        if f in ("severe maladministration", "maladministration", "service failure")
    ]
    data = json.loads((folder / "report.json").read_text("utf-8"))
    decisions = _table(data, "ombudsman-decisions")
    assert decisions["Determinations"] == [sum(c["kind"] == "determination" for c in cases)]
    assert decisions["Complaint handling failure orders"] == [
        sum(c["kind"] == "complaint handling failure order" for c in cases)
    ]
    assert decisions["Maladministration rate"] == [round(100 * len(adverse) / len(decided), 1)]
    assert decisions["Orders made"] == [len(orders)]
    assert decisions["Compensation ordered"] == [
        float(sum(Decimal(str(o.get("compensation", 0))) for o in orders))
    ]
    by_category = _table(data, "ombudsman-findings")
    assert by_category["Maladministration"] == [findings.count("maladministration")]
    assert sum(v[0] for v in by_category.values()) == len(findings)


def test_casework_figures_are_the_registers_own(root: Path, folder: Path) -> None:
    from selfassess.casework import figures, load_register

    own = figures(
        load_register(root / "casework" / "ombudsman-2024-25.yaml", AS_OF).register, AS_OF
    )
    data = json.loads((folder / "report.json").read_text("utf-8"))
    decisions = _table(data, "ombudsman-decisions")
    assert decisions["Orders complied with on time"] == [own["orders"]["complied_on_time"]]
    assert decisions["Orders still open"] == [own["orders"]["open"]]
    assert _table(data, "ombudsman-findings") == {
        name.capitalize(): [count] for name, count in own["findings"]["by_category"].items()
    }


def test_last_years_casework_figures_are_its_registers_own(root: Path, folder: Path) -> None:
    from selfassess.casework import figures, load_register

    path = root / "casework" / "ombudsman-2023-24.yaml"
    own = figures(load_register(path, AS_OF).register, AS_OF)
    data = json.loads((folder / "report.json").read_text("utf-8"))
    assert data["previous_period"] == "2023-24"
    tables = {t["key"]: t for t in data["tables"]}
    previous = {row["label"]: row["previous"] for row in tables["ombudsman-decisions"]["rows"]}
    assert previous == {
        "Determinations": [own["determinations"]],
        "Complaint handling failure orders": [own["complaint_handling_failure_orders"]],
        "Special investigations": [own["cases"]["special investigation"]],
        "Maladministration rate": [own["findings"]["maladministration_rate"]["percent"]],
        "Orders made": [own["orders"]["made"]],
        "Orders complied with on time": [own["orders"]["complied_on_time"]],
        "Orders still open": [own["orders"]["open"]],
        "Recommendations made": [own["recommendations"]["made"]],
        "Recommendations completed": [own["recommendations"]["completed"]],
        "Compensation ordered": [own["compensation_ordered"]],
    }
    assert {row["label"]: row["previous"] for row in tables["ombudsman-findings"]["rows"]} == {
        name.capitalize(): [count] for name, count in own["findings"]["by_category"].items()
    }
    # ... and recounted from the YAML: two failure orders, and £600 + £250 + £1,450 ordered.
    assert previous["Complaint handling failure orders"] == [2]
    assert previous["Compensation ordered"] == [2300]


def test_self_assessment_counts_match_the_assessment_recounted(root: Path, folder: Path) -> None:
    source = yaml.safe_load(
        (root / "assessments" / "example-borough-council-2024-25.yaml").read_text("utf-8")
    )
    answers = [str(r.get("comply")).lower() for r in source["responses"].values()]
    yes = sum(a in ("yes", "true") for a in answers)
    no = sum(a in ("no", "false") for a in answers)
    key = _table(json.loads((folder / "report.json").read_text("utf-8")), "key-figures")
    assert key["Code provisions we comply with"] == [yes]
    assert key["Code provisions we do not comply with yet"] == [no]


SHARES = ("shares", "previous_shares")


def test_figures_csv_has_every_figure_of_report_json(folder: Path) -> None:
    data = json.loads((folder / "report.json").read_text("utf-8"))
    text = (folder / "figures.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Table",
        "Row",
        "Column",
        "Unit",
        "This year",
        "Last year",
        "Change",
        "This year's share (per cent)",
        "Last year's share (per cent)",
        "Source",
    ]
    expected = []
    for t in data["tables"]:
        for row in t["rows"]:
            before = row["previous"] or [None] * len(row["values"])
            for column, now, then in zip(t["columns"], row["values"], before, strict=True):
                moved = None if now is None or then is None else round(now - then, 1)
                moved = int(moved) if isinstance(now, int) and moved is not None else moved
                index = t["columns"].index(column)
                shares = [(row[k] or [None] * len(row["values"]))[index] for k in SHARES]
                cells = ("" if x is None else str(x) for x in (now, then, moved, *shares))
                unit = t["units"][index] if "units" in t else row["unit"]  # a breakdown's
                expected.append([t["caption"], row["label"], column, unit, *cells, ""])
    for b in data["benchmarks"]:  # each benchmark's three figures, every one with its source
        for column, value in (
            ("Ours", b["ours"]),
            (f"Benchmark: {b['what']}", b["benchmark"]),
            ("Difference", b["difference"]),
        ):
            expected.append(
                ["How we compare with others", b["measure"], column, b["unit"], str(value)]
                + [""] * 4
                + [b["source"]]
            )
    assert rows[1:] == expected
    assert [
        "Key figures, 2024-25",
        "Service improvements made",
        "Figure",
        "",
        "3",
        "2",
        "1",
        "",
        "",
        "",
    ] in rows


def test_figures_csv_neutralises_formulas(root: Path) -> None:
    from selfassess.report import load_report
    from selfassess.report.data import figures_csv
    from selfassess.report.makeview import build_report_view

    view = build_report_view(
        load_report(root / "reports" / "annual-report-2024-25.yaml", AS_OF), AS_OF
    )
    row = dataclasses.replace(view.key_figures.rows[0], label='=HYPERLINK("http://x","y")')
    key = dataclasses.replace(view.key_figures, rows=(row,), caption="@SUM(1)")
    rows = list(csv.reader(io.StringIO(figures_csv(dataclasses.replace(view, key_figures=key)))))
    assert rows[1][:2] == ["'@SUM(1)", '\'=HYPERLINK("http://x","y")']


def test_log_figures_equal_practice_json_for_the_same_log(root: Path, folder: Path) -> None:
    from selfassess.practice import compute_for, figures_of, load_settings, practice_data

    assessment = root / "assessments" / "example-borough-council-2024-25.yaml"
    practice = practice_data(figures_of(compute_for(load_settings(assessment), AS_OF)))
    data = json.loads((folder / "report.json").read_text("utf-8"))
    assert data["practice"] == json.loads(json.dumps(practice))
    stages = _table(data, "stages")
    for stage, index in (("stage_1", 0), ("stage_2", 1)):
        assert stages["Complaints received"][index] == practice[stage]["received"]
        assert (
            stages["Responses within the Code's timescales"][index]
            == practice[stage]["responded_on_time"]
        )
        assert (
            stages["Still open and overdue at the end of the year"][index]
            == (practice[stage]["open_overdue_at_period_end"])
        )
    tsm = _table(data, "tsm")
    assert tsm["CH01: complaints received per 1,000 homes"] == [
        practice["tenant_satisfaction_measures"][s]["CH01_per_1000_homes"]
        for s in ("stage_1", "stage_2")
    ]
    months = _table(data, "by-month")
    assert sum(v[0] for v in months.values()) == practice["stage_1"]["received"]
    assert _table(data, "refusals") == {
        reason.capitalize(): [count, 0]
        for reason, count in practice["stage_1"]["refused_by_reason"].items()
    }


def _day(text: str) -> dt.date:
    """Read a log date written ISO, 03/05/2024 or 3 May 2024."""
    for shape in ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text.strip(), shape).date()
        except ValueError:
            continue
    raise AssertionError(f"unreadable date {text!r}")


def test_stage_1_received_recounted_from_the_log(root: Path, folder: Path) -> None:
    text = (root / "complaints" / "example-borough-council-2024-25.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    start, end = dt.date(2024, 4, 1), dt.date(2025, 3, 31)
    in_year = [r for r in rows if start <= _day(r["received"]) <= end]
    data = json.loads((folder / "report.json").read_text("utf-8"))
    assert _table(data, "stages")["Complaints received"][0] == len(in_year)
