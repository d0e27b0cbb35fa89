"""The committee progress report's context, and the plan command's exact output."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import yaml

from conftest import EXAMPLE, FIXTURES, ROOT, Run
from selfassess.casework import load_register
from selfassess.casework.makeview import build_plan, pounds
from selfassess.casework.view import action_counts

REGISTER = ROOT / "casework" / "ombudsman-2024-25.yaml"
AS_OF = dt.date(2025, 7, 1)


def example_project(folder: Path) -> Path:
    """Copy the example assessment and register, as they sit in the repository, into folder."""
    (folder / "assessments").mkdir()
    (folder / "casework").mkdir()
    shutil.copy(EXAMPLE, folder / "assessments" / EXAMPLE.name)
    shutil.copytree(ROOT / "code_requirements", folder / "code_requirements")
    return Path(shutil.copy(REGISTER, folder / "casework" / REGISTER.name))


def due_now(action: dict[str, Any]) -> dt.date:
    """Return the date an action in the raw YAML is due now, read by hand."""
    revised = action.get("revised") or []
    return revised[-1]["to"] if revised else action["due"]


def test_headlines_count_the_example_by_hand() -> None:
    raw = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))
    later = dt.date(2025, 9, 1)
    actions = [a for c in raw["cases"] for r in c.get("recommendations", []) for a in r["actions"]]
    # Overdue is judged on the date due now: the last revised date, or the first if none.
    overdue = [a for a in actions if a["status"] != "done" and due_now(a) < later]
    done = [a for a in actions if a["status"] == "done"]
    slipped = [a for a in actions if a.get("revised")]
    plan = build_plan(load_register(REGISTER, AS_OF), later)
    in_progress = [a for a in actions if a["status"] == "in progress" and a not in overdue]
    not_started = [a for a in actions if a["status"] == "not started" and a not in overdue]
    assert plan.actions_headline == (
        f"{len(actions)} actions: {len(done)} done, {len(in_progress)} in progress, "
        f"{len(not_started)} not started, {len(overdue)} overdue; {len(slipped)} slipped "
        "(due date moved)"
    )
    assert plan.actions_headline == (
        "7 actions: 2 done, 2 in progress, 1 not started, 2 overdue; 3 slipped (due date moved)"
    )
    # Judged on the first dates set, one more would be overdue: the history screen, moved from
    # 31 July to 30 September 2025.
    assert sum(1 for a in actions if a["status"] != "done" and a["due"] < later) == 3
    assert plan.orders_headline == (
        "11 orders: 9 complied with on time, 0 complied with late, 2 open (2 overdue)"
    )
    assert plan.compensation == "£1,900"
    assert plan.rate.startswith("75% (6 of 8 findings decided")


def test_action_counts_leave_out_statuses_with_none() -> None:
    plan = build_plan(load_register(FIXTURES / "casework" / "register.yaml", AS_OF), AS_OF)
    actions = plan.cases[1].recommendations[0].actions
    assert action_counts(actions) == "2 actions: 1 done, 1 in progress, 0 overdue"
    assert action_counts(()) == "0 actions: 0 overdue"


def test_public_plan_shows_roles_and_internal_names() -> None:
    checked = load_register(FIXTURES / "casework" / "register.yaml", AS_OF)
    public = build_plan(checked, AS_OF)
    internal = build_plan(checked, AS_OF, internal=True)
    assert [i.owner for i in public.cases[0].orders] == ["Head of Complaints", "Repairs Manager"]
    assert [i.owner for i in internal.cases[0].orders] == [
        "Ada Byrne, Head of Complaints <ada.byrne@example.org>",
        "Ben Cole, Repairs Manager",
    ]


def test_register_can_publish_owner_names() -> None:
    checked = load_register(FIXTURES / "casework" / "register.yaml", AS_OF)
    checked.register.publish_owner_names = True
    owners = [i.owner for i in build_plan(checked, AS_OF).cases[0].orders]
    assert owners == [
        "Ada Byrne, Head of Complaints (ada.byrne@example.org)",
        "Ben Cole, Repairs Manager",
    ]


def test_order_states_in_words() -> None:
    plan = build_plan(
        load_register(FIXTURES / "casework" / "register.yaml", AS_OF), dt.date(2025, 8, 2)
    )
    assert [i.state for i in plan.cases[0].orders] == [
        "Done on 2 October 2024, on time",
        "In progress, overdue",
    ]
    assert plan.cases[0].orders[0].compensation == "£300"


def test_pounds() -> None:
    from decimal import Decimal

    assert [pounds(Decimal(x)) for x in ("0", "1200", "1200.5", "1234567.25")] == [
        "£0",
        "£1,200",
        "£1,200.50",
        "£1,234,567.25",
    ]


def test_plan_command_writes_every_format(run: Run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    source = example_project(tmp_path)
    result = run("plan", "--as-of", "2025-07-01", "-o", "out", str(source.relative_to(tmp_path)))
    folder = "out/ombudsman-2024-25"
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"wrote {folder}/{name}"
        for name in (
            "plan.html",
            "plan.md",
            "plan.docx",
            "plan.csv",
            "plan-internal.html",
            "plan-internal.md",
            "plan-internal.csv",
            "casework.json",
        )
    ]


def test_plan_command_prints_warnings_and_renders(run: Run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    source = example_project(tmp_path).relative_to(tmp_path)
    result = run("plan", "--as-of", "2025-07-10", "--format", "md", "-o", "out", str(source))
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{source}:68:98: W750 an order in case 202406120 was due 2025-07-09 and is in progress; "
        "the Ombudsman expects orders complied with by the date set",
        f"{source}:69:68: W750 an order in case 202406120 was due 2025-07-09 and is not started; "
        "the Ombudsman expects orders complied with by the date set",
        "wrote out/ombudsman-2024-25/plan.md",
    ]


def test_plan_command_refuses_a_register_with_errors(run: Run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    text = (FIXTURES / "casework" / "register.yaml").read_text(encoding="utf-8")
    Path("r.yaml").write_text(text.replace("finding: service failure", "finding: servce failure"))
    result = run("plan", "--as-of", "2025-07-01", "r.yaml")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "r.yaml:14:46: E701 finding 'servce failure' in case 202400001 is not one of the "
        "Ombudsman's findings; did you mean 'service failure'?",
        "r.yaml: not rendered (1 error); fix it",
    ]
    assert not Path("build").exists()


def test_plan_command_refuses_an_unknown_format(run: Run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "casework" / "register.yaml", "r.yaml")
    result = run("plan", "--format", "pdf", "r.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: unknown format pdf; choose from html, md, docx, csv, internal, json or all"
    )


def test_a_special_investigation_counts_its_recommendations() -> None:
    plan = build_plan(load_register(REGISTER, AS_OF), dt.date(2025, 9, 1))
    investigation = plan.cases[-1]
    assert investigation.headline == (
        "4 recommendations, 0 completed; 7 actions: 2 done, 2 in progress, 1 not started, "
        "2 overdue; 3 slipped (due date moved)"
    )
    checked = load_register(REGISTER, AS_OF)
    for action in checked.register.cases[-1].recommendations[0].actions:
        action.status = "done"
    later = build_plan(checked, dt.date(2025, 9, 1)).cases[-1]
    assert later.headline.startswith("4 recommendations, 1 completed; ")
