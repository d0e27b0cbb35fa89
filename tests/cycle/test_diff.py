"""`selfassess diff`: exactly the changes made between the example and a changed copy."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from conftest import EXAMPLE, FIXTURES, Run
from selfassess.code.catalogue import Catalogue
from selfassess.dates import long_date
from selfassess.models import Action, Assessment, EvidenceItem, Owner
from selfassess.validate import validate
from selfassess.yamlio import load_file
from selfassess.yamlout import dump_assessment

OLD = f"assessments/{EXAMPLE.name}"
NEW = "assessments/changed.yaml"
POLICY_URL = "https://www.example.gov.uk/unacceptable-behaviour-policy"


def load(path: str | Path) -> Assessment:
    return validate(load_file(Path(path)), Assessment)


def changed_copy(old: Assessment) -> Assessment:
    """Close one gap, open another, add evidence, finish actions and rewrite commentary."""
    new = old.model_copy(deep=True)
    new.period = "2025-26"
    answers = new.responses
    closed = answers["5.14"]
    closed.comply, closed.explanation, closed.compliance_date = "yes", None, None
    closed.evidence = [
        closed.evidence[1],
        EvidenceItem(title="Housing unacceptable behaviour policy (November 2025)", url=POLICY_URL),
    ]
    closed.commentary = (
        "Cabinet adopted a housing unacceptable behaviour policy in November 2025.\n"
    )
    for action in closed.actions:
        action.status = "done"
    opened = answers["3.3"]
    opened.comply, opened.compliance_date = "no", dt.date(2026, 6, 30)
    opened.explanation = "A new performance target counts complaints as a failure.\n"
    opened.actions = [
        Action(
            do="Replace the complaints target with a learning measure",
            owner="hoc",
            due=dt.date(2026, 6, 30),
        )
    ]
    answers["1.2"].evidence.append("Complaints e-learning module, unit 1")
    answers["6.6"].actions[1].status = "done"
    answers["9.3"].commentary = "Learning is shared with tenants every quarter.\n"
    # Reflowing text is not a change.
    answers["9.4"].commentary = " ".join((answers["9.4"].commentary or "").split())
    return new


def write_changed(project: Path) -> None:
    edition = Catalogue.near(project / OLD).edition("hos-chc-2024")
    Path(NEW).write_text(dump_assessment(changed_copy(load(OLD)), edition), encoding="utf-8")


def test_text(run: Run, project: Path) -> None:
    write_changed(project)
    result = run("diff", OLD, NEW)
    assert result.exit_code == 0
    assert result.output == (
        f"Changes from {OLD} (2024-25, hos-chc-2024) to {NEW} (2025-26, hos-chc-2024)\n"
        "Gaps closed: 1 (5.14)\n"
        "Gaps opened: 1 (3.3)\n"
        "Newly answered: 0\n"
        "Answers removed: 0\n"
        "Actions completed: 4\n"
        "Actions added: 1\n"
        "Actions removed: 0\n"
        "Actions changed: 0\n"
        "\n"
        "1.2 Use the Code's definition of a complaint\n"
        "  evidence added: Complaints e-learning module, unit 1\n"
        "\n"
        "3.3 Treat high complaint volumes as a sign of accessibility: yes -> no (gap opened)\n"
        "  explanation changed\n"
        "  compliance date: none -> 2026-06-30\n"
        "  action added: Replace the complaints target with a learning measure\n"
        "\n"
        "5.14 Have a policy for managing unacceptable behaviour: no -> yes (gap closed)\n"
        "  evidence added: Housing unacceptable behaviour policy (November 2025) "
        f"({POLICY_URL})\n"
        "  evidence removed: Corporate unreasonable behaviour policy (2016)\n"
        "  commentary changed\n"
        "  explanation changed\n"
        "  compliance date: 2025-11-30 -> none\n"
        "  action completed: Draft a housing unacceptable behaviour policy covering tenants and "
        "representatives, with a review route\n"
        "  action completed: Complete an equality impact assessment of the draft policy\n"
        "  action completed: Take the policy to Cabinet for approval and publish it on the "
        "complaints pages\n"
        "\n"
        "6.6 Stage 1: respond when the answer is known; track outstanding actions\n"
        "  action completed: Send a weekly outstanding-actions report to housing service managers\n"
        "\n"
        "9.3 Report learning from complaints to residents, staff and committees\n"
        "  commentary changed\n"
    )


def test_markdown_for_the_annual_report(run: Run, project: Path) -> None:
    write_changed(project)
    result = run("diff", "--format", "md", OLD, NEW)
    assert result.output == (
        "## Changes to our self-assessment since 2024-25\n"
        "\n"
        "Our 2025-26 self-assessment against the Housing Ombudsman's Complaint Handling Code "
        "compared with 2024-25:\n"
        "\n"
        "- 1 gap closed\n"
        "- 4 improvement actions completed\n"
        "- 1 gap opened\n"
        "\n"
        "### Requirements we now meet\n"
        "\n"
        "- **5.14** Have a policy for managing unacceptable behaviour. Evidence: "
        f"[Housing unacceptable behaviour policy (November 2025)]({POLICY_URL})\n"
        "\n"
        "### Improvement actions completed\n"
        "\n"
        "- Draft a housing unacceptable behaviour policy covering tenants and representatives, "
        "with a review route (provision 5.14)\n"
        "- Complete an equality impact assessment of the draft policy (provision 5.14)\n"
        "- Take the policy to Cabinet for approval and publish it on the complaints pages "
        "(provision 5.14)\n"
        "- Send a weekly outstanding-actions report to housing service managers (provision 6.6)\n"
        "\n"
        "### Improvement actions added\n"
        "\n"
        "- Replace the complaints target with a learning measure (provision 3.3)\n"
        "\n"
        "### Requirements we no longer meet\n"
        "\n"
        "- **3.3** Treat high complaint volumes as a sign of accessibility; we intend to comply "
        "by 30 June 2026\n"
        "\n"
        "### Evidence and commentary updated\n"
        "\n"
        "- **1.2** Use the Code's definition of a complaint: evidence updated\n"
        "- **9.3** Report learning from complaints to residents, staff and committees: "
        "commentary updated\n"
    )


def test_json_is_versioned_and_complete(run: Run, project: Path) -> None:
    write_changed(project)
    data = json.loads(run("diff", "--format", "json", OLD, NEW).output)
    assert data["schema_version"] == 1
    assert data["old"] == {"file": OLD, "period": "2024-25", "code": "hos-chc-2024"}
    assert [c["id"] for c in data["changes"]] == ["1.2", "3.3", "5.14", "6.6", "9.3"]
    closed = data["changes"][2]
    assert closed == {
        "id": "5.14",
        "old_ids": ["5.14"],
        "summary": "Have a policy for managing unacceptable behaviour",
        "old_answer": "no",
        "new_answer": "yes",
        "answer_change": "gap closed",
        "evidence_added": [
            {"title": "Housing unacceptable behaviour policy (November 2025)", "url": POLICY_URL}
        ],
        "evidence_removed": ["Corporate unreasonable behaviour policy (2016)"],
        "evidence_updated": [],
        "commentary_changed": True,
        "explanation_changed": True,
        "compliance_date": {"old": "2025-11-30", "new": None},
        "actions_completed": [
            "Draft a housing unacceptable behaviour policy covering tenants and representatives, "
            "with a review route",
            "Complete an equality impact assessment of the draft policy",
            "Take the policy to Cabinet for approval and publish it on the complaints pages",
        ],
        "actions_added": [],
        "actions_removed": [],
        "actions_changed": [],
    }
    assert (data["new_provisions"], data["dropped_provisions"]) == ([], [])


def test_no_changes(run: Run, project: Path) -> None:
    assert run("diff", OLD, OLD).output.endswith(
        "Actions completed: 0\nActions added: 0\nActions removed: 0\nActions changed: 0\n"
    )
    assert run("diff", "--format", "md", OLD, OLD).output.endswith(
        "- 0 gaps opened\n\nNo answer, evidence, commentary or action changed.\n"
    )


def test_actions_done_last_year_are_not_completed_again(run: Run, project: Path) -> None:
    run("init", "--from", OLD)
    output = run("diff", OLD, "assessments/example-borough-council-2025-26.yaml").output
    assert "Actions completed: 0\n" in output
    assert "action completed" not in output


def test_across_editions_through_the_map(run: Run, project: Path) -> None:
    legacy = shutil.copy(FIXTURES / "cycle" / "northvale-2022-23.yaml", "assessments/")
    run("init", "--from", str(legacy), "--code", "hos-chc-2024", "-o", "new.yaml")
    new = load("new.yaml")
    new.responses["3.4"].comply = "yes"
    new.responses["3.4"].explanation = None
    new.responses["3.4"].compliance_date = None
    new.responses["6.3"].actions[0].status = "done"
    Path("new.yaml").write_text(dump_assessment(new), encoding="utf-8")
    result = run("diff", str(legacy), "new.yaml")
    lines = result.output.splitlines()
    assert lines[:10] == [
        f"Changes from {legacy} (2022-23, hos-chc-2022) to new.yaml (2023-24, hos-chc-2024)",
        "Matched through the edition map hos-chc-2022 -> hos-chc-2024",
        "Gaps closed: 1 (3.4)",
        "Gaps opened: 0",
        "Newly answered: 0",
        "Answers removed: 0",
        "Actions completed: 1",
        "Actions added: 0",
        "Actions removed: 0",
        "Actions changed: 0",
    ]
    assert lines[10:18] == [
        "",
        "3.4 (was 2.3, 2.4) Publish a clear, accessible complaints policy: no -> yes (gap closed)",
        "  explanation changed",
        "  compliance date: 2023-09-30 -> none",
        "",
        "6.3 (was 5.1) Send a full stage 1 response within 10 working days",
        "  action completed: Recruit two complaint handlers",
        "",
    ]
    assert lines[18].startswith("New provisions (no earlier answer): 1.6, 2.3, 2.5, 3.3,")
    assert lines[-1] == "No longer answered: 4.3, 5.11"


def test_editions_without_a_map_are_a_located_problem(run: Run, project: Path) -> None:
    text = Path(OLD).read_text(encoding="utf-8").replace("code: hos-chc-2024", "code: hos-chc-2022")
    Path("old2022.yaml").write_text(text, encoding="utf-8")
    result = run("diff", OLD, "old2022.yaml")
    assert (result.exit_code, result.output) == (
        1,
        "old2022.yaml:3:7: E230 no edition map from hos-chc-2024 to hos-chc-2022 "
        "(looked for maps/hos-chc-2024--hos-chc-2022.yaml in code_requirements)\n",
    )


def rescheduled_copy(old: Assessment) -> Assessment:
    """Delete two open actions, move one's due date, hand one to another owner, start one."""
    new = old.model_copy(deep=True)
    new.owners["dhs"] = Owner(role="Director of Housing Services", name="C. Person")
    actions = new.responses["5.14"].actions
    del actions[1:3]
    gap = new.responses["6.6"].actions
    gap[0].due, gap[0].owner = dt.date(2025, 12, 31), "dhs"
    gap[1].status = "in progress"
    return new


def write_rescheduled(project: Path) -> Assessment:
    old = load(OLD)
    edition = Catalogue.near(project / OLD).edition("hos-chc-2024")
    Path(NEW).write_text(dump_assessment(rescheduled_copy(old), edition), encoding="utf-8")
    return old


def test_removed_and_changed_actions_in_text(run: Run, project: Path) -> None:
    old = write_rescheduled(project)
    removed = [a.do for a in old.responses["5.14"].actions[1:3]]
    moved, started = old.responses["6.6"].actions[0], old.responses["6.6"].actions[1]
    assert moved.due is not None and started.status != "in progress"
    lines = run("diff", OLD, NEW).output.splitlines()
    assert lines[5:9] == [
        "Actions completed: 0",
        "Actions added: 0",
        "Actions removed: 2",
        "Actions changed: 2",
    ]
    assert lines[9:] == [
        "",
        "5.14 Have a policy for managing unacceptable behaviour",
        *(f"  action removed: {do}" for do in removed),
        "",
        "6.6 Stage 1: respond when the answer is known; track outstanding actions",
        f"  action changed: {moved.do} (due {moved.due.isoformat()} -> 2025-12-31, owner "
        f"{moved.owner} -> dhs)",
        f"  action changed: {started.do} (status {started.status} -> in progress)",
    ]


def test_removed_and_changed_actions_in_markdown_name_roles_not_people(
    run: Run, project: Path
) -> None:
    old = write_rescheduled(project)
    moved, started = old.responses["6.6"].actions[0], old.responses["6.6"].actions[1]
    assert moved.owner is not None and moved.due is not None
    output = run("diff", "--format", "md", OLD, NEW).output
    role = old.owners[moved.owner].role
    assert (
        "### Improvement actions withdrawn\n\n"
        + "".join(f"- {a.do} (provision 5.14)\n" for a in old.responses["5.14"].actions[1:3])
    ) in output
    assert (
        "### Improvement actions rescheduled or reassigned\n\n"
        f"- {moved.do} (provision 6.6): due date moved from {long_date(moved.due)} to "
        f"31 December 2025; now with the Director of Housing Services (was the {role})\n"
        f"- {started.do} (provision 6.6): now in progress (was {started.status})\n"
    ) in output
    assert "C. Person" not in output


def test_removed_and_changed_actions_in_json(run: Run, project: Path) -> None:
    old = write_rescheduled(project)
    moved = old.responses["6.6"].actions[0]
    assert moved.due is not None
    data = json.loads(run("diff", "--format", "json", OLD, NEW).output)
    changes = {c["id"]: c for c in data["changes"]}
    assert changes["5.14"]["actions_removed"] == [a.do for a in old.responses["5.14"].actions[1:3]]
    assert changes["6.6"]["actions_changed"][0] == {
        "do": moved.do,
        "due": {"old": moved.due.isoformat(), "new": "2025-12-31"},
        "owner": {"old": moved.owner, "new": "dhs"},
    }


def test_a_year_changed_in_an_evidence_title_is_one_update(run: Run, project: Path) -> None:
    old = load(OLD)
    new = old.model_copy(deep=True)
    item = new.responses["1.2"].evidence[0]
    assert isinstance(item, EvidenceItem) and "2024" in item.title
    item.title = item.title.replace("2024", "2025")
    new.responses["1.3"].evidence[0] = str(new.responses["1.3"].evidence[0]).replace("2", "3")
    edition = Catalogue.near(project / OLD).edition("hos-chc-2024")
    Path(NEW).write_text(dump_assessment(new, edition), encoding="utf-8")
    lines = run("diff", OLD, NEW).output.splitlines()
    assert not [line for line in lines if "evidence added" in line or "evidence removed" in line]
    updated = [line for line in lines if line.startswith("  evidence updated: ")]
    assert len(updated) == 2
    assert updated[0] == (
        f"  evidence updated: {item.title} ({item.url}) "
        f"(was {item.title.replace('2025', '2024')} ({item.url}))"
    )


def test_an_action_added_and_done_in_the_year_is_listed_once(run: Run, project: Path) -> None:
    old = load(OLD)
    new = old.model_copy(deep=True)
    new.responses["6.6"].actions.append(
        Action(do="Brief the team on the new status", owner="hoc", due=dt.date(2025, 9, 1),
               status="done")
    )  # fmt: skip
    edition = Catalogue.near(project / OLD).edition("hos-chc-2024")
    Path(NEW).write_text(dump_assessment(new, edition), encoding="utf-8")
    output = run("diff", OLD, NEW).output
    assert "  action completed: Brief the team on the new status\n" in output
    assert "action added: Brief the team" not in output
    assert "Actions completed: 1\nActions added: 0\n" in output
