"""The plan as a committee tracks a special investigation: areas, senior responsible officers,
progress notes and due dates that moved, each figure recounted here from the YAML by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from conftest import FIXTURES, ROOT
from renderkit import cell_text, docx_text, html_text, markdown_text
from selfassess.casework import figures, load_register
from selfassess.casework.build import build_plan_outputs
from selfassess.render.outputs import Options

REGISTER = ROOT / "casework" / "ombudsman-2024-25.yaml"
LATER = dt.date(2025, 9, 1)


def raw() -> dict[str, Any]:
    return dict(yaml.safe_load(REGISTER.read_text(encoding="utf-8")))


def recommendations() -> list[dict[str, Any]]:
    return [r for c in raw()["cases"] for r in c.get("recommendations", [])]


def due_now(action: dict[str, Any]) -> dt.date:
    revised = action.get("revised") or []
    return revised[-1]["to"] if revised else action["due"]


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    return build_plan_outputs(load_register(REGISTER, LATER), Options(as_of=LATER))


def test_the_example_groups_its_investigation_by_area_with_officers_notes_and_moves() -> None:
    recs = recommendations()
    assert len({r["area"] for r in recs}) >= 2
    assert all(r.get("sro") for r in recs)
    assert any(r.get("progress") for r in recs)
    assert any(a.get("revised") for r in recs for a in r["actions"])


def test_figures_by_area_match_a_count_by_hand() -> None:
    expected: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rec in recommendations():
        row = expected[rec["area"]]
        row["made"] += 1
        row["completed"] += all(a["status"] == "done" for a in rec["actions"])
        for action in rec["actions"]:
            late = action["status"] != "done" and due_now(action) < LATER
            row["total"] += 1
            row["overdue"] += late
            row["done"] += action["status"] == "done" and not late
            row["slipped"] += bool(action.get("revised"))
    result = figures(load_register(REGISTER, LATER).register, LATER)["recommendations"]
    found = {
        row["area"]: {
            "made": row["made"],
            "completed": row["completed"],
            **{k: row["actions"][k] for k in ("total", "overdue", "done", "slipped")},
        }
        for row in result["by_area"]
    }
    assert found == {area: dict(row) for area, row in expected.items()}
    assert result["actions"]["slipped"] == sum(r["slipped"] for r in expected.values()) == 3


def test_overdue_is_judged_on_the_date_due_now(tmp_path: Path) -> None:
    data = yaml.safe_load((FIXTURES / "casework" / "register.yaml").read_text(encoding="utf-8"))
    action = data["cases"][1]["recommendations"][0]["actions"][0]  # due 2025-09-30
    action["revised"] = [
        {"to": "2025-10-31", "reason": "Supplier late", "agreed_by": "Director", "on": "2025-09-01"}
    ]
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    on_first = dt.date(2025, 10, 15)  # after the first date, before the one agreed
    checked = load_register(path, on_first)
    assert [p.code for p in checked.problems] == ["W750"]  # the roof's order, due 1 August
    assert figures(checked.register, on_first)["recommendations"]["actions"]["overdue"] == 0
    late = load_register(path, dt.date(2025, 11, 3))
    w751 = [p for p in late.problems if p.code == "W751"]
    assert len(w751) == 1
    assert "was due 2025-10-31 (as revised)" in w751[0].message


def test_revisions_out_of_order_and_an_unknown_officer_are_errors(tmp_path: Path) -> None:
    data = yaml.safe_load((FIXTURES / "casework" / "register.yaml").read_text(encoding="utf-8"))
    rec = data["cases"][1]["recommendations"][0]
    rec["sro"] = "ceo"
    rec["actions"][0]["revised"] = [
        {"to": "2025-10-31", "reason": "a", "agreed_by": "b", "on": "2025-09-01"},
        {"to": "2025-11-30", "reason": "c", "agreed_by": "d", "on": "2025-08-01"},
    ]
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    problems = load_register(path, dt.date(2025, 7, 1)).problems
    assert sorted(p.code for p in problems) == ["E704", "E718"]
    e718 = next(p for p in problems if p.code == "E718")
    assert "agreed on 2025-08-01, before the one above it (2025-09-01)" in e718.message


def test_a_revision_needs_its_reason_and_who_agreed_it(tmp_path: Path) -> None:
    data = yaml.safe_load((FIXTURES / "casework" / "register.yaml").read_text(encoding="utf-8"))
    action = data["cases"][1]["recommendations"][0]["actions"][0]
    action["revised"] = [{"to": "2025-10-31", "on": "2025-09-01"}]
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    from selfassess.problems import InputError

    with pytest.raises(InputError) as caught:
        load_register(path, dt.date(2025, 7, 1))
    assert sorted(p.code for p in caught.value.problems) == ["E113", "E113"]


def moved_actions() -> list[dict[str, Any]]:
    return [a for r in recommendations() for a in r["actions"] if a.get("revised")]


def days_moved(action: dict[str, Any]) -> int:
    return (action["revised"][-1]["to"] - action["due"]).days


def test_page_shows_each_move_with_its_reason_and_the_current_date(
    outputs: dict[str, bytes],
) -> None:
    page = lxml.html.fromstring(outputs["plan.html"])
    rows = {
        cell_text(r.find("th")): [cell_text(td) for td in r.findall("td")]
        for r in page.xpath("//tbody/tr")
    }
    text = html_text(outputs["plan.html"].decode())
    for action in moved_actions():
        now = action["revised"][-1]["to"]
        times = {1: "once", 2: "twice"}[len(action["revised"])]
        due = rows[action["do"]][1]
        assert due.startswith(
            f"{now.day} {now:%B %Y} (moved {times}, {days_moved(action)} days later"
        )
        assert f"first due {action['due'].day} {action['due']:%B %Y}" in due
        for revision in action["revised"]:
            assert f"agreed by {revision['agreed_by']}: {revision['reason']}" in text
    # the history screen: overdue on its first date (31 July 2025), not on the one agreed
    assert rows["Add a damp and mould history to the housing system"][2] == "In progress"


def test_progress_notes_are_markdown_in_the_page_and_word(
    outputs: dict[str, bytes], tmp_path: Path
) -> None:
    page = lxml.html.fromstring(outputs["plan.html"])
    assert page.xpath("//li/p/strong[text()='21 May 2025:']/following-sibling::strong")[0].text == (
        "10 working days"
    )
    path = tmp_path / "plan.docx"
    path.write_bytes(outputs["plan.docx"])
    words = docx_text(path)
    md = markdown_text(outputs["plan.md"].decode())
    for rec in recommendations():
        for note in rec.get("progress", []):
            plain = note["note"].replace("**", "")
            assert plain in words and plain in md
        for action in rec["actions"]:
            for note in action.get("progress", []):
                assert note["note"] in words and note["note"] in md


def test_every_output_says_who_is_responsible_and_how_many_slipped(
    outputs: dict[str, bytes], tmp_path: Path
) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(outputs["plan.docx"])
    texts = {
        "html": html_text(outputs["plan.html"].decode()),
        "md": markdown_text(outputs["plan.md"].decode()),
        "docx": docx_text(path),
    }
    slipped = len(moved_actions())
    for name, text in texts.items():
        assert f"; {slipped} slipped (due date moved)" in text, name
        assert "Senior responsible officer" in text, name
        assert "Director of Housing" in text and "Martin Okafor" not in text, name


def test_csv_and_json_carry_the_history(outputs: dict[str, bytes]) -> None:
    rows = list(csv.DictReader(io.StringIO(outputs["plan.csv"].decode("utf-8-sig"))))
    by_action = {row["Order or action"]: row for row in rows}
    for action in moved_actions():
        row = by_action[action["do"]]
        assert row["Due"] == due_now(action).isoformat()
        assert row["First due"] == action["due"].isoformat()
        assert row["Times moved"] == str(len(action["revised"]))
        assert row["Days moved"] == str(days_moved(action))
        assert row["Due date history"].count("agreed by") == len(action["revised"])
    for rec in recommendations():
        for action in rec["actions"]:
            assert by_action[action["do"]]["Area"].lower() == rec["area"]
    data = json.loads(outputs["casework.json"])
    assert data["recommendations"]["actions"]["slipped"] == len(moved_actions())
    assert [row["area"] for row in data["recommendations"]["by_area"]] == list(
        dict.fromkeys(r["area"] for r in recommendations())
    )
