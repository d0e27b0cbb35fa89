"""Files that name files: every hostile path, in every key that names a file, through every command.

The keys are a report's `assessment:`, `casework:` and `previous:`, a register's
`owners_from:` and an assessment's `practice: log:`. Each is given a name no file system
holds, a file outside the project, a link leading out of it, a named pipe, /dev/zero and a
folder; every command that follows the key must say so at the key, exit 1, and read nothing.
A file's contents outside the project never reach a message or a published draft.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportkit import REPORT, copy_example
from selfassess.cli import main

ASSESSMENT = "assessments/example-borough-council-2024-25.yaml"
REGISTER = "casework/ombudsman-2024-25.yaml"
#: Each key: the file holding it, the text it replaces, and the commands that follow it.
KEYS = {
    "assessment:": (REPORT, "assessment: ../assessments/example-borough-council-2024-25.yaml", "E801"),
    "casework:": (REPORT, "casework: ../casework/ombudsman-2024-25.yaml", "E805"),
    "previous:": (REPORT, "previous: annual-report-2023-24.yaml", "E803"),
    "owners_from:": (REGISTER, "owners_from: ../assessments/example-borough-council-2024-25.yaml", "E707"),
    "practice: log:": (ASSESSMENT, "log: ../complaints/example-borough-council-2024-25.csv", "E501"),
}  # fmt: skip
COMMANDS = {
    REPORT: [["check", "{file}"], ["report", "-o", "{out}", "{file}"]],
    REGISTER: [["check", "{file}"], ["plan", "-o", "{out}", "{file}"]],
    ASSESSMENT: [["check", "{file}"], ["render", "-o", "{out}", "{file}"]],
}
SECRET = "-----BEGIN OPENSSH PRIVATE KEY-----"
KEY_LINES = [f"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB{n:04d}" for n in range(12)]
PROBLEM = re.compile(r"^\S.*:\d+:\d+: [EWI]\d{3} .+$")


def hostile_values(root: Path, outside: Path) -> dict[str, str]:
    """Return each hostile path, as written in a file one folder below root."""
    os.mkfifo(root / "pipe.yaml")
    (root / "zero.yaml").symlink_to("/dev/zero")
    (root / "leads-out.yaml").symlink_to(outside / "secret.yaml")
    return {
        "a name over 255 bytes": "../" + "x" * 300 + ".yaml",
        "a path over 4,096 bytes": "../" + "/".join(["d" * 200] * 25) + ".yaml",
        "a NUL": "../a\0b.yaml",
        "a file outside the project": str(outside / "secret.yaml"),
        "a climb out of the project": "../" * 12 + str(outside / "secret.yaml").lstrip("/"),
        "a link leading out": "../leads-out.yaml",
        "a named pipe": "../pipe.yaml",
        "/dev/zero": "/dev/zero",
        "a link to /dev/zero": "../zero.yaml",
        "a folder": "../complaints",
    }


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path]:
    """Return a copy of the example project and a folder outside it holding a secret."""
    root = copy_example(tmp_path / "project")
    (root / ".git").mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.yaml").write_text("\n".join([SECRET, *KEY_LINES]) + "\n", "utf-8")
    return root, outside


def invoke(args: list[str]) -> Result:
    result = CliRunner().invoke(main, args)
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, (args, repr(result.exception))
    return result


@pytest.mark.parametrize("key", list(KEYS))
def test_every_hostile_path_in_every_naming_key_is_a_problem_at_the_key(
    places: tuple[Path, Path], key: str
) -> None:
    root, outside = places
    holder, old, code = KEYS[key]
    original = (root / holder).read_text("utf-8")
    assert old in original
    for name, value in hostile_values(root, outside).items():
        written = old.split(": ", 1)[0] + ": " + _yaml_string(value)
        (root / holder).write_text(original.replace(old, written, 1), "utf-8")
        for command in COMMANDS[holder]:
            args = [part.format(file=root / holder, out=root / "out") for part in command]
            result = invoke(args)
            assert result.exit_code == 1, (name, args, result.output)
            lines = result.output.splitlines()
            at_key = [line for line in lines if f"{holder}:" in line and f" {code} " in line]
            assert at_key, (name, args, result.output)
            assert all(PROBLEM.match(line) for line in lines[:-1]), result.output
            assert SECRET not in result.output and KEY_LINES[0] not in result.output


def _yaml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\0", "\\0")
    return f'"{escaped}"'


@pytest.mark.parametrize("draft_command", ["render", "report"])
def test_a_key_file_named_as_the_log_never_reaches_a_message_or_a_draft(
    places: tuple[Path, Path], draft_command: str
) -> None:
    root, outside = places
    key = outside / "id_ed25519"
    key.write_text("\n".join([SECRET, *KEY_LINES]) + "\n", "utf-8")
    inside = root / "keys" / "id_ed25519"
    inside.parent.mkdir()
    shutil.copy(key, inside)
    path = root / ASSESSMENT
    text = path.read_text("utf-8")
    # Into the example's own columns: mapping (a second columns: key would be a duplicate).
    mapping = f'    reference: "{SECRET}"\n    received: "{SECRET}"\n'
    columns = re.search(r"^  columns:.*\n", text, re.MULTILINE)
    assert columns is not None
    text = text[: columns.end()] + mapping + text[columns.end() :]
    for log in (str(key), "../keys/id_ed25519"):
        path.write_text(
            text.replace(
                "  log: ../complaints/example-borough-council-2024-25.csv\n", f"  log: {log}\n"
            ),
            "utf-8",
        )
        target = REPORT if draft_command == "report" else ASSESSMENT
        out = root / "out" / draft_command
        result = invoke([draft_command, "--draft", "-o", str(out), str(root / target)])
        if log == str(key):  # outside the project: not read at all
            assert KEY_LINES[0][:20] not in result.output, result.output
        else:  # the project's own file: a message quotes at most the mapped cell's first 40
            assert not any(line[:41] in result.output for line in KEY_LINES), result.output
        written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
        # render --draft publishes the assessment with its log's problems listed (a report
        # is not rendered, even as a draft, when its self-assessment cannot be read).
        assert written or draft_command == "report", result.output
        for output in written:
            data = output.read_bytes()
            for line in KEY_LINES:
                assert line[:20].encode() not in data, (log, output)
        shutil.rmtree(out, ignore_errors=True)


def test_a_folder_named_in_read_also_may_hold_named_files(
    places: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, outside = places
    shutil.move(root / "complaints", outside / "complaints")
    path = root / ASSESSMENT
    log = outside / "complaints" / "example-borough-council-2024-25.csv"
    path.write_text(
        path.read_text("utf-8").replace(
            "log: ../complaints/example-borough-council-2024-25.csv", f"log: {log}"
        ),
        "utf-8",
    )
    refused = invoke(["check", "--as-of", "2025-07-01", str(path)])
    assert " E501 the complaints log " in refused.output
    assert "is outside this file's folder and its project" in refused.output
    monkeypatch.setenv("SELFASSESS_READ_ALSO", f"/nowhere{os.pathsep}{outside}")
    allowed = invoke(["check", "--as-of", "2025-07-01", str(path)])
    assert " E501 " not in allowed.output
    assert allowed.exit_code == 0, allowed.output
