"""Smaller holes found by attacking every command: each is a located problem or inert output."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLE, Run, write
from selfassess.render.csvsafe import neutralise
from selfassess.safety import is_safe_url

CLEAN = (Path(__file__).parent / "fixtures" / "mini" / "clean.yaml").read_text(encoding="utf-8")
PROCEDURE = "      - title: Complaints procedure\n        url: https://example.org/procedure\n"


def _evidence_path(mini: Path, path: str) -> str:
    return CLEAN.replace(PROCEDURE, f'      - title: Procedure\n        path: "{path}"\n')


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("docs/a\\0b.pdf", "contains a NUL character, which no file name can hold; retype it"),
        (
            "docs/" + "x" * 300 + ".pdf",
            "has a part 304 bytes long, over the 255 a file or folder name can be; check it "
            "was pasted correctly",
        ),
        ("docs/" + "/".join(["folder"] * 700), "is over the 4,096 bytes a path can be"),
    ],
)
@pytest.mark.parametrize("command", ["check", "status", "gaps", "render"])
def test_evidence_paths_no_file_system_holds_are_e127(
    run: Run, mini: Path, path: str, reason: str, command: str
) -> None:
    write(mini, "a.yaml", _evidence_path(mini, path))
    result = run(command, "--as-of", "2025-07-01", "a.yaml")  # a traceback would fail here
    if command == "status":  # status says where the assessment stands, not what is wrong
        assert result.exit_code == 0
        return
    assert result.exit_code == 1
    assert f"a.yaml:23:15: E127 evidence path {reason}" in result.output.splitlines()


@pytest.mark.parametrize(
    "url",
    ["\\\\host\\share\\x.docx", "//host/share/x.docx", "\\/host/x", "/\\host/x", " \\\\host\\x"],
)
def test_network_paths_are_not_safe_links(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", ["/policy.pdf", "docs/policy.pdf", "https://example.org/x"])
def test_ordinary_links_stay_safe(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "cell",
    [
        " =1+1",
        "\u00a0=1+1",
        "\n=1+1",
        "\uff1dHYPERLINK(1)",
        "  \uff0b1",
        "\u3000@SUM(1)",
        "\uff0d1",
        "-2+3",
        "-1.5e3",
        "-3 ",
    ],
)
def test_formulas_behind_spaces_or_in_full_width_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Board", "1 = 1", "a-b", " plain", "", "-3", "-10.7"])
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def test_escaped_control_characters_reach_no_output(run: Run, mini: Path) -> None:
    text = CLEAN.replace(
        "The stage 2 letter is being rewritten.", '"Being \\x1b[31mrewritten\\0 \\x85now."'
    )
    write(mini, "a.yaml", text)
    result = run("render", "--as-of", "2025-07-01", "--format", "html,md,gaps", "a.yaml")
    assert result.exit_code == 0, result.output
    for written in (mini / "build" / "a").rglob("*.*"):
        if written.suffix == ".xlsx":  # a zip; its cells are checked in the spreadsheet tests
            continue
        content = written.read_text(encoding="utf-8-sig")
        assert not [ch for ch in content if ord(ch) < 32 and ch not in "\t\n\r"], written
        assert "\x85" not in content
    markdown = (mini / "build" / "a" / "self-assessment.md").read_text(encoding="utf-8")
    assert "Being [31mrewritten now." in markdown


@pytest.mark.parametrize("value", ["99-99", "13-01", "²²-²²", "3-31"])
def test_a_financial_year_end_that_is_not_a_date_is_e112(run: Run, mini: Path, value: str) -> None:
    text = CLEAN.replace("landlord:\n", f'landlord:\n  financial_year_end: "{value}"\n', 1)
    write(mini, "a.yaml", text)
    result = run("status", "--as-of", "2025-07-01", "a.yaml")
    assert result.exit_code == 1
    assert (
        "E112 landlord.financial_year_end: expected a month and day written MM-DD, such as 03-31"
        in result.output
    )


def test_a_deadline_too_far_away_is_refused_by_check_not_raised_by_status(
    run: Run, project: Path
) -> None:
    rules = project / "code_requirements" / "deadlines.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("within_months: 6", "within_months: 99999"),
        encoding="utf-8",
    )
    checked = run("check", str(rules))
    assert checked.exit_code == 1
    assert "less than or equal to 120" in checked.output
    status = run("status", "--as-of", "2025-07-01", f"assessments/{EXAMPLE.name}")
    assert status.exit_code == 1
    assert "Traceback" not in status.output
