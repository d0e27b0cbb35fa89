"""breakdowns:, stage 2's changes to stage 1 decisions and the reasons for escalation, from
practice's outputs, each figure recounted by hand from the example log (tests/groupsbyhand.py)."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

import pytest
from logkit import write_log

from conftest import EXAMPLE, Run, example_beside_its_log
from groupsbyhand import DIRECTORATE, ROOT_CAUSE, by_group, escalation_reasons, in_order, overturns

SMALL_NOTE = (
    'A group marked "small group" received fewer than 10 complaints at that stage: one '
    "complaint moves its percentages a long way, so compare it with care."
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from click.testing import CliRunner

    from selfassess.cli import main

    folder = tmp_path_factory.mktemp("practice")
    args = ["practice", "--assessment", str(EXAMPLE), "--as-of", "2025-07-01", "-o", str(folder)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder, result.output


def _json(outputs: tuple[Path, str]) -> dict[str, Any]:
    return dict(json.loads((outputs[0] / "practice.json").read_text("utf-8")))


def _stage(counted: Any) -> dict[str, Any]:
    return {
        "received": counted.received,
        "small_group": counted.small,
        "responded": counted.responded,
        "on_time": counted.on_time,
        "on_time_percent": round(100 * counted.on_time / counted.responded, 1)
        if counted.responded
        else None,
        "median_working_days_to_respond": float(statistics.median(counted.days))
        if counted.days
        else None,
        "responses_decided": counted.decided,
        "upheld_or_partly": counted.upheld,
        "upheld_or_partly_percent": round(100 * counted.upheld / counted.decided, 1)
        if counted.decided
        else None,
    }


@pytest.mark.parametrize(
    ("column", "header"), [("directorate", DIRECTORATE), ("root_cause", ROOT_CAUSE)]
)
def test_practice_json_gives_each_group_as_counted_by_hand(
    outputs: tuple[Path, str], column: str, header: str
) -> None:
    found = {b["column"]: b for b in _json(outputs)["breakdowns"]}
    assert list(found) == ["directorate", "root_cause"]
    groups = by_group(header)
    assert found[column]["small_group_below"] == 10
    assert [g["group"] for g in found[column]["groups"]] == in_order(groups)
    for group in found[column]["groups"]:
        one, two = groups[group["group"]]
        assert (group["stage_1"], group["stage_2"]) == (_stage(one), _stage(two))


def test_the_example_has_small_groups_and_a_group_not_recorded() -> None:
    directorates, causes = by_group(DIRECTORATE), by_group(ROOT_CAUSE)
    assert directorates["Sheltered and Supported Housing"][0].small  # 7 at stage 1
    assert not directorates["Property Services"][0].small
    assert causes["not recorded"][0].received > 0  # refused, withdrawn and open: no cause yet
    assert causes["not recorded"][0].responded == 0


def test_overturns_and_escalation_reasons_as_counted_by_hand(outputs: tuple[Path, str]) -> None:
    data = _json(outputs)
    compared, changes = overturns()
    assert data["stage_2_changed_stage_1"] == {
        "compared": compared,
        "changed": sum(changes.values()),
        "changed_percent": round(100 * sum(changes.values()) / compared, 1),
        "by_change": dict(sorted(changes.items())),
    }
    reasons = escalation_reasons()
    total = sum(reasons.values())
    assert data["escalation_reasons"] == {
        reason: {"complaints": n, "share_percent": round(100 * n / total, 1)}
        for reason, n in sorted(reasons.items())
    }


def test_the_terminal_and_practice_md_show_the_groups_and_say_once_what_small_means(
    outputs: tuple[Path, str],
) -> None:
    folder, printed = outputs
    compared, changes = overturns()
    changed = sum(changes.values())
    share = f"{round(100 * changed / compared, 1):g}%"
    line = f"Stage 1 decisions changed at stage 2: {changed} of {compared} ({share}); "
    assert line in printed
    one = by_group(DIRECTORATE)["Sheltered and Supported Housing"][0]
    cells = [
        f"{one.received} (small group)",
        f"{one.on_time} of {one.responded} ({round(100 * one.on_time / one.responded, 1):g}%)",
    ]
    row = next(x for x in printed.splitlines() if x.startswith("Sheltered and Supported"))
    assert row.split("  ")[0] == "Sheltered and Supported Housing"
    assert [c.strip() for c in row.split("  ") if c.strip()][1:3] == cells
    assert printed.count(SMALL_NOTE) == 1
    markdown = (folder / "practice.md").read_text("utf-8")
    assert "## By directorate" in markdown and "## By root cause" in markdown
    assert f"| Sheltered and Supported Housing | {cells[0]} | {cells[1]} |" in markdown
    assert markdown.count(SMALL_NOTE) == 1


def test_check_names_a_breakdown_the_log_lacks_at_its_line(run: Run, tmp_path: Path) -> None:
    path = example_beside_its_log(tmp_path)
    text = path.read_text("utf-8").replace("root_cause]", "root_cause, Team]")
    path.write_text(text, "utf-8")
    line = next(n for n, x in enumerate(text.splitlines(), 1) if "breakdowns:" in x)
    result = run("check", str(path), "--as-of", "2025-07-01")
    assert result.exit_code == 1
    assert (
        f"{path}:{line}:41: E523 breakdowns: 'Team' names no column of the log; the header "
        "read from row 1 of the file holds 'reference', 'received', 'acknowledged', 'extended_to', "
        "'extension_reason', 'responded', 'outcome', 'refusal_reason', 'category', 'handler', "
        "'escalated', 's2_acknowledged', 's2_extended_to', 's2_extension_reason', "
        "'s2_responded', 's2_outcome', 's2_handler', 'compensation', 'tenure', "
        "'Service Directorate', 'Root Cause', 'Reason for Escalation'; it is left out of the "
        "figures"
    ) in result.output.splitlines()


def test_a_breakdown_by_the_logs_header_with_its_words_mapped_and_stage_rows_joined(
    run: Run, tmp_path: Path
) -> None:
    header = "reference,stage,received,responded,outcome,Team,Why escalated"
    log = write_log(
        tmp_path,
        "A1,Stage 1,03/06/2024,14/06/2024,upheld,North,",
        "A1,Stage 2,20/06/2024,01/07/2024,not upheld,,Disagrees",
        "A2,Stage 1,04/06/2024,14/06/2024,not upheld,,",
        "A2,Stage 2,20/06/2024,01/07/2024,not upheld,Sth,Too slow",
        "A3,Stage 1,05/06/2024,28/06/2024,partly upheld,Sth,",
        header=header,
    )
    settings = (
        "practice:\n"
        f"  log: {log.name}\n"
        "  columns: {escalation_reason: Why escalated}\n"
        "  values: {stage: {Stage 1: 1, Stage 2: 2}, team: {Sth: South}}\n"
        "  breakdowns: [team]\n"
    )
    assessment = tmp_path / "a.yaml"
    source = EXAMPLE.read_text("utf-8")
    start = source.index("practice:\n")
    end = source.index("responses:\n")
    assessment.write_text(source[:start] + settings + source[end:], "utf-8")
    out = tmp_path / "out"
    result = run(
        "practice", "--assessment", str(assessment), "--as-of", "2025-07-01", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    data = json.loads((out / "practice.json").read_text("utf-8"))
    (team,) = data["breakdowns"]
    found = {g["group"]: (g["stage_1"], g["stage_2"]) for g in team["groups"]}
    assert list(found) == ["South", "North"]  # A2's group is on its stage 2 row only
    assert [found["South"][0]["received"], found["South"][1]["received"]] == [2, 1]
    assert (
        found["South"][0]["upheld_or_partly"] == 1 and found["South"][0]["responses_decided"] == 2
    )
    assert data["escalation_reasons"] == {
        "Disagrees": {"complaints": 1, "share_percent": 50.0},
        "Too slow": {"complaints": 1, "share_percent": 50.0},
    }
    assert data["stage_2_changed_stage_1"]["by_change"] == {"upheld to not upheld": 1}
