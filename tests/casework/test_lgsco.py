"""A register of the LGSCO's decisions: its own outcomes, recommendations and review letter, its
figures under its own definitions, and one owed list with the Housing Ombudsman's."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import yaml

from conftest import ROOT, Run
from selfassess.casework import figures, load_register

LGSCO = ROOT / "casework" / "lgsco-2024-25.yaml"
HOUSING = ROOT / "casework" / "ombudsman-2024-25.yaml"
AS_OF = dt.date(2025, 7, 1)


def test_the_example_register_checks_clean(run: Run) -> None:
    result = run("check", "--strict", "--as-of", AS_OF.isoformat(), str(LGSCO))
    assert (result.exit_code, result.output) == (0, "No problems in 1 file.\n")


def test_figures_are_the_lgscos_recounted_from_the_yaml() -> None:
    data = yaml.safe_load(LGSCO.read_text(encoding="utf-8"))
    severity = [
        "upheld with injustice",
        "upheld with no injustice",
        "remedied satisfactorily by the council",
        "not upheld",
        "closed after initial enquiries",
        "premature",
        "not for us",
    ]
    outcomes = [
        min((f["finding"] for f in case["findings"]), key=severity.index) for case in data["cases"]
    ]
    upheld = sum(o in severity[:3] for o in outcomes)
    investigated = sum(o in severity[:4] for o in outcomes)
    recs = [r for case in data["cases"] for r in case.get("recommendations", [])]
    on_time = sum(
        all(a["status"] == "done" and a["done_on"] <= r["due"] for a in r["actions"]) for r in recs
    )
    counted = figures(load_register(LGSCO, AS_OF).register, AS_OF)["lgsco"]
    assert (counted["decided"], counted["investigated"], counted["upheld"]) == (
        len(outcomes),
        investigated,
        upheld,
    )
    assert counted["upheld_rate"]["percent"] == round(100 * upheld / investigated, 1)
    assert counted["recommendations"]["complied_on_time"] == on_time
    assert counted["recommendations"]["made"] == len(recs)
    assert counted["review_letter"]["upheld_rate"] == data["review_letter"]["upheld_rate"]
    assert (upheld, investigated, on_time, len(recs)) == (4, 5, 3, 6)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    return path


REGISTER = """\
schema_version: 1
ombudsman: {ombudsman}
landlord: {{name: Test Council}}
owners: {{a: {{role: Officer}}}}
cases:
  - reference: "1"
    kind: {kind}
    findings: [{{issue: Delay, finding: {finding}}}]
    orders: {orders}
    recommendations:
      - id: R1
        text: Apologise
        actions: [{{do: Apologise, owner: a, due: 2025-01-01, status: done, done_on: 2025-01-01}}]
"""


def test_each_ombudsman_has_its_own_kinds_findings_and_orders(run: Run, tmp_path: Path) -> None:
    order = "[{do: Pay, owner: a, due: 2025-01-01, status: done, done_on: 2025-01-01}]"
    path = write(
        tmp_path,
        REGISTER.format(ombudsman="lgsco", kind="determination", finding="upheld", orders=order),
    )
    output = run("check", "--as-of", "2025-07-01", str(path)).output
    codes = sorted(re.findall(r": (E7\d\d) ", output))
    assert codes == ["E701", "E709", "E709", "E710"], output
    assert "is not one of the LGSCO's decisions; did you mean 'not upheld'?" in output
    assert "the LGSCO makes recommendations, not orders" in output
    housing = REGISTER.format(
        ombudsman="housing", kind="decision", finding="upheld with injustice", orders="[]"
    )
    path = write(tmp_path, housing + "review_letter: {year: 2024-25, complaints_decided: 1, "
                 "investigated: 1, source: https://example.org}\n")  # fmt: skip
    output = run("check", "--as-of", "2025-07-01", str(path)).output
    assert sorted(re.findall(r": (E7\d\d) ", output)) == ["E701", "E709", "E709"], output


def test_one_owed_list_over_both_registers_by_due_date_naming_each_ombudsman(run: Run) -> None:
    result = run("gaps", "--as-of", AS_OF.isoformat(), str(HOUSING), str(LGSCO))
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if re.match(r"^\d{1,2} \w+ \d{4}: ", line)]
    dates = [dt.datetime.strptime(row.split(": ")[0], "%d %B %Y").date() for row in rows]
    assert dates == sorted(dates)
    whose = [row.split(": ")[1].split(" case ")[0].split(" order,")[0] for row in rows]
    assert set(whose) == {"LGSCO", "Housing Ombudsman"}
    lgsco = [row for row in rows if row.split(": ")[1].startswith("LGSCO case")]
    assert len(lgsco) == 7  # every action under the LGSCO's six recommendations
    assert all(f"({LGSCO})" in row for row in lgsco)


def test_the_plan_speaks_of_the_lgsco(run: Run, tmp_path: Path) -> None:
    result = run("plan", "--as-of", AS_OF.isoformat(), "-o", str(tmp_path), str(LGSCO))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "lgsco-2024-25" / "plan.md").read_text(encoding="utf-8")
    assert text.startswith("# Example Borough Council: LGSCO casework: progress report 2024-25")
    assert "- Upheld rate (the LGSCO's): 80% (4 of 5 decisions investigated were upheld)." in text
    assert "6 recommendations: 3 complied with on time, 2 complied with late, 1 open" in text
    assert "Maladministration" not in text and "Compensation ordered" not in text
    data = json.loads((tmp_path / "lgsco-2024-25" / "casework.json").read_text(encoding="utf-8"))
    assert data["ombudsman"] == "lgsco" and data["lgsco"]["upheld_rate"]["count"] == 4


def test_an_lgsco_plan_counts_recommendations_by_area(run: Run, tmp_path: Path) -> None:
    # The first recommendation of each decision is the revenues team's; the rest name no area.
    text = re.sub(
        r"(?m)^(      - id: R1)$", r"\1\n        area: revenues", LGSCO.read_text("utf-8")
    )
    (tmp_path / ".git").mkdir()  # a project, so the register may name the assessment beside it
    (tmp_path / "casework").mkdir()
    register = tmp_path / "casework" / "lgsco.yaml"
    register.write_text(text, encoding="utf-8")
    (tmp_path / "assessments").mkdir()
    for assessment in (ROOT / "assessments").glob("*lgsco*.yaml"):
        (tmp_path / "assessments" / assessment.name).write_bytes(assessment.read_bytes())
    out = tmp_path / "out"
    result = run("plan", "--as-of", AS_OF.isoformat(), "-o", str(out), str(register))
    assert result.exit_code == 0, result.output

    recs = [r for case in yaml.safe_load(text)["cases"] for r in case.get("recommendations", [])]
    rows = []
    for name in ("revenues", None):
        mine = [r for r in recs if r.get("area") == name]
        done = sum(all(a["status"] == "done" for a in r["actions"]) for r in mine)
        actions = [a for r in mine for a in r["actions"]]
        finished = sum(a["status"] == "done" for a in actions)
        rows.append((len(mine), done, len(actions), finished))
    assert rows[0][0] == 3 and rows[1][0] == 3  # both groups are real, so the table is tested

    def share(part: int, whole: int) -> str:
        return f"{part} ({round(100 * part / whole)}%)"

    md = (out / "lgsco" / "plan.md").read_text(encoding="utf-8")
    assert "Table: Recommendations and their actions, by area" in md
    for name, (made, done, actions, finished) in zip(("Revenues", "Not given"), rows, strict=True):
        row = f"| {name} | {made} | {share(done, made)} | {actions} | {share(finished, actions)} |"
        assert row in md
    page = (out / "lgsco" / "plan.html").read_text(encoding="utf-8")
    assert "Recommendations and their actions, by area</caption>" in page
    data = json.loads((out / "lgsco" / "casework.json").read_text(encoding="utf-8"))
    by_area = data["lgsco"]["recommendations"]["by_area"]
    assert [(a["area"], a["made"], a["completed"]) for a in by_area] == [
        ("revenues", rows[0][0], rows[0][1]),
        ("not given", rows[1][0], rows[1][1]),
    ]

    from docx import Document

    tables = Document(str(out / "lgsco" / "plan.docx")).tables
    cells = [[c.text for c in row.cells] for t in tables for row in t.rows]
    made, done, actions, finished = rows[0]
    revenues = [row for row in cells if row[0] == "Revenues"]
    assert [row[:5] for row in revenues] == [
        ["Revenues", str(made), share(done, made), str(actions), share(finished, actions)]
    ]
