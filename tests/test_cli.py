"""The command line as a user meets it: exact output, exit codes, formats, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, Run, write

CLEAN = (FIXTURES / "mini" / "clean.yaml").read_text(encoding="utf-8")
BROKEN = CLEAN.replace("comply: Yes", "comply: partial").replace(
    "due: 2025-09-30", "due: 2025-06-30"
)


def test_missing_file_is_a_usage_error(run: Run, mini: Path) -> None:
    result = run("check", "nowhere.yaml")
    assert result.exit_code == 2
    assert (
        "Error: Invalid value for 'FILES...': File 'nowhere.yaml' does not exist." in result.output
    )
    assert result.output.startswith("Usage: selfassess check [OPTIONS] FILES...")


def test_unknown_option_is_a_usage_error(run: Run, mini: Path) -> None:
    assert run("check", "--colour", "clean.yaml").exit_code == 2


def test_bad_as_of_date_is_a_usage_error(run: Run, mini: Path) -> None:
    result = run("check", "--as-of", "1 July", "clean.yaml")
    assert result.exit_code == 2
    assert "'1 July' is not a date written YYYY-MM-DD" in result.output


def test_errors_come_before_warnings_across_files(run: Run, mini: Path) -> None:
    write(mini, "b.yaml", BROKEN)
    result = run("check", "--as-of", "2025-07-01", "clean.yaml", "b.yaml")
    assert result.exit_code == 1
    assert result.output == (
        "b.yaml:20:13: E115 responses.\"6.1\".comply must be yes or no, found 'partial'; the "
        "Ombudsman's form has no other answer: answer no and explain what is in place\n"
        "b.yaml:31:9: W301 action for 6.10 was due 2025-06-30 and is in progress\n"
        "1 error, 1 warning in 2 files.\n"
    )


def test_warnings_listed_after_errors(run: Run, mini: Path) -> None:
    text = CLEAN.replace("due: 2025-09-30", "due: 2025-06-30").replace("owner: hoc", "owner: ceo")
    write(mini, "b.yaml", text)
    result = run("check", "--as-of", "2025-07-01", "b.yaml")
    assert result.output.splitlines() == [
        "b.yaml:30:16: E207 owner 'ceo' is not in owners (known: hoc)",
        "b.yaml:31:9: W301 action for 6.10 was due 2025-06-30 and is in progress",
        "1 error, 1 warning in 1 file.",
    ]


def test_ignore_leaves_a_code_out(run: Run, mini: Path) -> None:
    write(mini, "b.yaml", CLEAN.replace("due: 2025-09-30", "due: 2025-06-30"))
    result = run("check", "--as-of", "2025-07-01", "--ignore", "W301", "--strict", "b.yaml")
    assert (result.exit_code, result.output) == (0, "No problems in 1 file.\n")


def test_ignore_reads_codes_in_any_case(run: Run, mini: Path) -> None:
    write(mini, "b.yaml", CLEAN.replace("due: 2025-09-30", "due: 2025-06-30"))
    result = run("check", "--as-of", "2025-07-01", "--ignore", "w301", "--strict", "b.yaml")
    assert (result.exit_code, result.output) == (0, "No problems in 1 file.\n")


def test_ignore_refuses_a_code_the_registry_lacks(run: Run, mini: Path) -> None:
    result = run("check", "--ignore", "W301", "--ignore", "W399", "clean.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--ignore': no problem code 'W399'; the README's "
        "'What check looks for' lists every code"
    )


def test_json_format(run: Run, mini: Path) -> None:
    write(mini, "b.yaml", CLEAN.replace("due: 2025-09-30", "due: 2025-06-30"))
    result = run("check", "--as-of", "2025-07-01", "--format", "json", "b.yaml")
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "schema_version": 1,
        "files": ["b.yaml"],
        "errors": 0,
        "warnings": 1,
        "notes": 0,
        "problems": [
            {
                "file": "b.yaml",
                "line": 31,
                "column": 9,
                "code": "W301",
                "severity": "warning",
                "message": "action for 6.10 was due 2025-06-30 and is in progress",
            }
        ],
    }


def test_github_format(run: Run, mini: Path) -> None:
    write(
        mini,
        "b.yaml",
        BROKEN.replace("comply: partial", "comply: yes").replace("owner: hoc", "owner: ceo"),
    )
    result = run("check", "--as-of", "2025-07-01", "--format", "github", "b.yaml")
    assert result.output.splitlines() == [
        "::error file=b.yaml,line=30,col=16,title=E207::owner 'ceo' is not in owners (known: hoc)",
        "::warning file=b.yaml,line=31,col=9,title=W301::action for 6.10 was due 2025-06-30 and is "
        "in progress",
        "1 error, 1 warning in 1 file.",
    ]


def test_example_passes_with_only_missing_code_text(run: Run, project: Path) -> None:
    result = run(
        "check", "--as-of", "2025-07-01", "assessments/example-borough-council-2024-25.yaml"
    )
    lines = result.output.splitlines()
    assert result.exit_code == 0
    assert lines == [
        "assessments/example-borough-council-2024-25.yaml:3:7: W308 Code text is not bundled for "
        "33 provisions of hos-chc-2024, so documents show a summary and a link to the Code; "
        "'selfassess code list hos-chc-2024' shows which",
        "0 errors, 1 warning in 1 file.",
    ]
    assert len(lines[0]) < 220


def test_bundled_code_files_pass(run: Run) -> None:
    files = sorted(str(p) for p in (ROOT / "code_requirements").rglob("*.yaml"))
    result = run("check", *files)
    assert (result.exit_code, result.output) == (0, f"No problems in {len(files)} files.\n")


def test_check_never_modifies_its_input(run: Run, mini: Path) -> None:
    before = (mini / "clean.yaml").read_bytes()
    run("check", "clean.yaml")
    assert (mini / "clean.yaml").read_bytes() == before


def every_fixture() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.yaml"))


@pytest.mark.parametrize("path", every_fixture(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_no_fixture_produces_a_traceback(run: Run, path: Path) -> None:
    result = run("check", str(path))
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output


def test_version(run: Run) -> None:
    from selfassess import __version__

    assert run("--version").output == f"selfassess, version {__version__}\n"


def _terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the commands believe standard error is a terminal."""
    monkeypatch.setattr("selfassess.cli.common.stderr_is_terminal", lambda: True)


def test_check_shows_progress_on_a_terminal_only_on_stderr(
    run: Run, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiet = run("check", "--as-of", "2025-07-01", "clean.yaml", "clean.yaml")
    _terminal(monkeypatch)
    shown = run("check", "--as-of", "2025-07-01", "clean.yaml", "clean.yaml")
    assert quiet.stderr == ""
    assert shown.stderr.splitlines()[0] == "Checking"  # click draws only the label off a real TTY
    assert shown.stdout == quiet.stdout and shown.exit_code == quiet.exit_code == 0


def test_check_never_shows_progress_with_json(
    run: Run, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _terminal(monkeypatch)
    result = run("check", "--format", "json", "--as-of", "2025-07-01", "clean.yaml", "clean.yaml")
    assert result.stderr == ""
    assert json.loads(result.stdout)["files"] == ["clean.yaml", "clean.yaml"]


def test_render_shows_progress_on_a_terminal_only(
    run: Run, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (mini / "second.yaml").write_text((mini / "clean.yaml").read_text(encoding="utf-8"))
    args = ("render", "--as-of", "2025-07-01", "--format", "md", "clean.yaml", "second.yaml")
    quiet = run(*args)
    _terminal(monkeypatch)
    shown = run(*args)
    assert quiet.stderr == ""
    assert shown.stderr.splitlines()[0] == "Rendering"
    assert (
        shown.stdout
        == quiet.stdout
        == ("wrote build/clean/self-assessment.md\nwrote build/second/self-assessment.md\n")
    )


def test_a_batch_frees_each_files_cycles_before_the_next() -> None:
    import gc
    import weakref

    from selfassess.cli.common import each_freed

    class Part:
        """Stands for a Word package and its parts, which refer to each other."""

        other: Part

    left: list[weakref.ref[Part]] = []
    for item in each_freed(["a.yaml", "b.yaml", "c.yaml"]):
        if left:
            assert left[-1]() is None, f"the cycle made for the file before {item} is still there"
        package, part = Part(), Part()
        package.other, part.other = part, package
        left.append(weakref.ref(package))
        del package, part
    assert len(left) == 3 and gc.get_freeze_count() == 0
