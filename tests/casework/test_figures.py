"""Figures from a register, recomputed here from the YAML itself."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from conftest import FIXTURES, ROOT
from selfassess.casework import FINDINGS, figures, load_register, publications

AS_OF = dt.date(2025, 7, 1)
EXAMPLE_REGISTER = ROOT / "casework" / "ombudsman-2024-25.yaml"

# One year's published Ombudsman table in a council's annual complaints report: 116
# findings, of which severe maladministration, maladministration and service failure make
# 77 and 19 were outside jurisdiction. The report gives those totals; how the 77 and the
# other 20 split between categories is ours, and does not change the rate.
PUBLISHED_TABLE = {
    "severe maladministration": 5,
    "maladministration": 48,
    "service failure": 24,
    "mediation": 2,
    "reasonable redress": 7,
    "no maladministration": 11,
    "outside jurisdiction": 19,
}


def register_from_table(table: dict[str, int]) -> dict[str, Any]:
    """Return a register with one determination per four findings, the table's findings dealt out."""
    findings = [name for name, count in table.items() for _ in range(count)]
    cases = []
    for start in range(0, len(findings), 4):
        chunk = findings[start : start + 4]
        cases.append(
            {
                "reference": f"2024{start:05d}",
                "kind": "determination",
                "date": "2024-10-01",
                "findings": [
                    {"issue": f"Issue {n + 1}", "finding": name} for n, name in enumerate(chunk)
                ],
            }
        )
    return {"schema_version": 1, "landlord": {"name": "A council"}, "cases": cases}


def write_register(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "register.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_the_published_table_gives_a_maladministration_rate_of_79_per_cent(
    tmp_path: Path,
) -> None:
    path = write_register(tmp_path, register_from_table(PUBLISHED_TABLE))
    checked = load_register(path, AS_OF)
    assert checked.problems == []
    found = figures(checked.register, AS_OF)["findings"]
    assert found["total"] == 116
    assert found["decided"] == 116 - 19
    assert found["maladministration_rate"] == {
        "count": 77,
        "of": 97,
        "percent": 79.4,
        "rounded": 79,
    }


def test_withdrawn_findings_leave_the_rate_like_outside_jurisdiction(tmp_path: Path) -> None:
    table = {"maladministration": 3, "no maladministration": 1, "withdrawn": 4}
    path = write_register(tmp_path, register_from_table(table))
    rate = figures(load_register(path, AS_OF).register, AS_OF)["findings"]["maladministration_rate"]
    assert rate == {"count": 3, "of": 4, "percent": 75.0, "rounded": 75}


def test_no_decided_findings_gives_no_rate(tmp_path: Path) -> None:
    path = write_register(tmp_path, register_from_table({"outside jurisdiction": 2}))
    found = figures(load_register(path, AS_OF).register, AS_OF)["findings"]
    assert found["decided"] == 0
    assert found["maladministration_rate"] is None


def test_example_figures_match_the_yaml_counted_by_hand() -> None:
    raw = yaml.safe_load(EXAMPLE_REGISTER.read_text(encoding="utf-8"))
    result = figures(load_register(EXAMPLE_REGISTER, AS_OF).register, AS_OF)
    findings = Counter(f["finding"] for c in raw["cases"] for f in c.get("findings", []))
    assert result["findings"]["by_category"] == {name: findings[name] for name in FINDINGS}
    adverse = sum(
        findings[n] for n in ("severe maladministration", "maladministration", "service failure")
    )
    decided = sum(findings.values()) - findings["outside jurisdiction"] - findings["withdrawn"]
    assert result["findings"]["maladministration_rate"]["count"] == adverse
    assert result["findings"]["maladministration_rate"]["of"] == decided
    orders = [o for c in raw["cases"] for o in c.get("orders", [])]
    assert result["orders"]["made"] == len(orders)
    on_time = [o for o in orders if o.get("done_on") and o["done_on"] <= o["due"]]
    assert result["orders"]["complied_on_time"] == len(on_time)
    assert result["compensation_ordered"] == sum(o.get("compensation", 0) for o in orders)
    kinds = Counter(c["kind"] for c in raw["cases"])
    assert result["determinations"] == kinds["determination"]
    assert result["complaint_handling_failure_orders"] == kinds["complaint handling failure order"]
    actions = [a for c in raw["cases"] for r in c.get("recommendations", []) for a in r["actions"]]
    assert result["recommendations"]["actions"]["total"] == len(actions)
    json.dumps(result)  # JSON-ready: no dates, decimals or models left in it


def test_orders_on_time_late_open_and_overdue() -> None:
    path = FIXTURES / "casework" / "register.yaml"
    register = load_register(path, AS_OF).register
    register.cases[0].orders[0].done_on = dt.date(2024, 10, 11)  # a day late
    orders = figures(register, dt.date(2025, 8, 2))["orders"]
    assert orders == {
        "made": 2,
        "complied": 1,
        "complied_on_time": 0,
        "complied_late": 1,
        "open": 1,
        "overdue": 1,
        "moved": 0,
        "on_time_rate": {"count": 0, "of": 2, "percent": 0.0, "rounded": 0},
    }


def test_actions_overdue_are_counted_apart_from_their_status() -> None:
    register = load_register(FIXTURES / "casework" / "register.yaml", AS_OF).register
    on_time = figures(register, AS_OF)["recommendations"]["actions"]
    late = figures(register, dt.date(2025, 10, 1))["recommendations"]["actions"]
    assert on_time == {
        "total": 2,
        "done": 1,
        "in progress": 1,
        "not started": 0,
        "overdue": 0,
        "slipped": 0,
    }
    assert late == {
        "total": 2,
        "done": 1,
        "in progress": 0,
        "not started": 0,
        "overdue": 1,
        "slipped": 0,
    }


def test_figures_by_subject_category() -> None:
    register = load_register(EXAMPLE_REGISTER, AS_OF).register
    by_subject = {row["subject_category"]: row for row in figures(register, AS_OF)["by_subject"]}
    raw = yaml.safe_load(EXAMPLE_REGISTER.read_text(encoding="utf-8"))
    expected: Counter[str] = Counter()
    for case in raw["cases"]:
        for finding in case.get("findings", []):
            expected[finding.get("category", case.get("category"))] += 1
    assert {name: row["findings"]["total"] for name, row in by_subject.items()} == dict(expected)
    complaint_handling = by_subject["complaint handling"]["findings"]["by_category"]
    assert complaint_handling["service failure"] == 2


def test_publications_newest_first_without_unsafe_links() -> None:
    register = load_register(EXAMPLE_REGISTER, AS_OF).register
    register.publications[0].url = "javascript:alert(1)"
    listed = publications(register)
    assert [p["date"] for p in listed] == ["2025-02-26", "2024-10-22"]
    assert listed[1]["url"] is None
    assert listed[0]["url"].startswith("https://")
