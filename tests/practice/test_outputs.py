"""practice's outputs: the files -o writes, CH01 without homes, JSON equal to practice.json."""

from __future__ import annotations

import json
from pathlib import Path

from logkit import GOOD, write_log
from logkit import row as make

from conftest import Run


def test_outputs_are_written_and_json_matches_practice_json(run: Run, tmp_path: Path) -> None:
    log = write_log(tmp_path, GOOD, make(reference="=HYPERLINK(1)"))
    result = run(
        "practice",
        str(log),
        "--period",
        "2024-25",
        "--homes",
        "500",
        "--format",
        "json",
        "-o",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "practice.json",
        "practice.md",
        "verdicts.csv",
    ]
    written = json.loads((tmp_path / "out" / "practice.json").read_text(encoding="utf-8"))
    assert written == json.loads(result.stdout)
    assert written["schema_version"] == 1
    assert written["tenant_satisfaction_measures"]["stage_1"]["CH01_per_1000_homes"] == 4.0
    verdicts = (tmp_path / "out" / "verdicts.csv").read_text(encoding="utf-8").splitlines()
    assert verdicts[2].startswith("'=HYPERLINK(1),3,1,")
    markdown = (tmp_path / "out" / "practice.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Complaint handling in practice, 2024-25\n")
    assert "| Responded within the Code's timescale | 2 of 2 (100%) | 0 of 0 |" in markdown


def test_without_homes_ch01_is_left_out_and_the_output_says_why(run: Run, tmp_path: Path) -> None:
    log = write_log(tmp_path, GOOD)
    result = run("practice", str(log), "--period", "2024-25")
    lines = result.stdout.splitlines()
    assert (
        "CH02 stage 1: 100% responded to within the Code's timescale (1 of 1, all tenures)" in lines
    )
    assert "CH01 is left out: the number of homes was not given (give --homes N)" in lines
    assert not any(line.startswith("CH01 stage") for line in lines)


def test_tenures_limit_ch01_and_ch02(run: Run, tmp_path: Path) -> None:
    log = write_log(
        tmp_path, GOOD, make(reference="C2", tenure="leaseholder", responded="28/06/2024")
    )
    result = run(
        "practice", str(log), "--period", "2024-25", "--homes", "1000", "--tenure", "tenant"
    )
    assert (
        "CH02 stage 1: 100% responded to within the Code's timescale (1 of 1, tenant)"
        in result.stdout.splitlines()
    )
    assert (
        "CH01 stage 1: 1 complaints per 1,000 homes (1 received, 1,000 homes, tenant)"
        in result.stdout.splitlines()
    )


def test_no_period_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("practice", str(write_log(tmp_path, GOOD)))
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[-1] == "Error: give --period (e.g. 2024-25) or --assessment FILE"
    )


def test_control_characters_in_cells_never_reach_the_terminal(run: Run, tmp_path: Path) -> None:
    log = write_log(tmp_path, make(category='"\x1b[2J\x07Repairs"'))
    result = run("practice", str(log), "--period", "2024-25")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    # Removed where the cell is read, so no output of any kind holds them.
    assert any(line.startswith("[2JRepairs ") for line in result.stdout.splitlines())
