"""Mutated and truncated assessments: every command exits 0, 1 or 2, never with a traceback.

Each example is run through every command that reads an assessment: check in
each format, render (plain and --draft), gaps, status, diff against the example
in each format, migrate and init --from. The input file must come out of them
byte for byte as it went in.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, FIXTURES, ROOT, example_beside_its_log
from selfassess.cli import main
from selfassess.yamlio import load_file

BASES = {
    "example": EXAMPLE.read_text(encoding="utf-8"),
    "2022 edition": (FIXTURES / "cycle" / "northvale-2022-23.yaml").read_text(encoding="utf-8"),
}
ODD_TEXT = [
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200b",  # zero-width space
    "\ufeff",  # a byte-order mark in the middle
    "\U0001f3e0",  # an emoji
    "\x00",
    "\x0b",
    "\t",
    "\r",
    "\ud800",  # a lone surrogate, written as it is
    "&anchor ",
    "*anchor",
    "!!python/object:os.system ",
    "!!binary ",
    "{",
    "]",
    ": ",
    "- ",
    "'",
    '"',
    "%YAML 1.1\n",
    "---\n",
    "<script>alert(1)</script>",
    '=HYPERLINK("https://example.org")',
]
RETYPED = [
    "",
    "[]",
    "{}",
    "- a\n- b",
    "yes",
    "no",
    "null",
    "12",
    "-1",
    "3.5",
    "1e400",
    "2025-13-45",
    "9999-12-31",
    "0001-01-01",
    "9999-00",
    "~",
    "'x'",
    '"\\x01\\x0b"',  # control characters a Word document cannot hold, written as escapes
    '"\\ud800"',  # a lone surrogate, written as an escape
    '"\\uffff"',
    "'[x](javascript:alert(1))'",
    "'../../../etc/passwd'",
]
AS_OF = "2025-07-01"
COMMANDS: list[list[str]] = [
    ["check", "--as-of", AS_OF, "{file}"],
    ["check", "--format", "json", "{file}"],
    ["check", "--format", "github", "--strict", "{file}"],
    ["render", "--as-of", AS_OF, "-o", "{out}/plain", "{file}"],
    ["render", "--as-of", AS_OF, "--draft", "-o", "{out}/draft", "{file}"],
    ["gaps", "--as-of", AS_OF, "{file}"],
    ["gaps", "--as-of", AS_OF, "--csv", "{file}"],
    ["gaps", "--as-of", AS_OF, "--by-owner", "{file}"],
    ["status", "--as-of", AS_OF, "{file}"],
    ["status", "--as-of", AS_OF, "--format", "json", "{file}"],
    ["diff", "{example}", "{file}"],
    ["diff", "--format", "md", "{example}", "{file}"],
    ["diff", "--format", "json", "{example}", "{file}"],
    ["diff", "{file}", "{example}"],
    ["migrate", "{file}", "--to", "hos-chc-2024", "-o", "{out}/migrated.yaml"],
    ["init", "--from", "{file}", "--as-of", AS_OF, "-o", "{out}/init.yaml"],
]
#: The commands that must leave the file they read exactly as it was.
READ_ONLY = ("check", "render", "gaps", "status", "diff")
WRITTEN = ("migrated.yaml", "init.yaml")
REPORT_LINE = re.compile(r"^.+:\d+:\d+: [EW]\d{3} \S.*$")
SUMMARY_LINE = re.compile(
    r"^(No problems in \d+ files?\.|\d+ errors?, \d+ warnings? in \d+ files?\.)$"
)
YAML_LEVEL = re.compile(r": E10[0-8] ")


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """Return a base file with a few lines deleted, duplicated, retyped or spiked, or cut short."""
    lines = BASES[draw(st.sampled_from(sorted(BASES)))].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "retype", "insert", "swap"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "retype" and ":" in lines[index]:
            key = lines[index].split(":", 1)[0]
            lines[index] = f"{key}: {draw(st.sampled_from(RETYPED))}\n"
        elif action == "insert":
            at = draw(st.integers(0, len(lines[index])))
            spike = draw(st.sampled_from(ODD_TEXT))
            lines[index] = lines[index][:at] + spike + lines[index][at:]
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    text = "".join(lines)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


@contextmanager
def workspace() -> Iterator[Path]:
    """Yield a fresh folder with the bundled Code and the example, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="selfassess-hostile-"))
    try:
        shutil.copytree(ROOT / "code_requirements", folder / "code_requirements")
        example_beside_its_log(folder, "example.yaml")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def invoke(folder: Path, path: Path, command: list[str]) -> Result:
    """Run one command on path; fail on a traceback or an exit other than 0, 1 or 2."""
    places = {"{file}": path, "{out}": folder / "out", "{example}": folder / "example.yaml"}
    args = list(command)
    for key, value in places.items():
        args = [part.replace(key, str(value)) for part in args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, (args, repr(result.exception))
    assert "Traceback" not in result.output, args
    return result


def assert_report_format(result: Result) -> None:
    """Every line of a text report is FILE:LINE:COL: CODE message, then the count."""
    # Split where a terminal breaks lines, not at every character Python counts as a break.
    lines = result.output.removesuffix("\n").split("\n")
    assert SUMMARY_LINE.match(lines[-1]), lines[-1]
    odd = [line for line in lines[:-1] if not REPORT_LINE.match(line)]
    assert odd == [], result.output


def run_all(folder: Path, path: Path) -> None:
    """Run every command on path; the input must be untouched and written YAML well-formed."""
    before = path.read_bytes()
    for command in COMMANDS:
        result = invoke(folder, path, command)
        if command[:2] == ["check", "--as-of"]:
            assert_report_format(result)
        if command[0] in READ_ONLY:
            assert path.read_bytes() == before, command
    for name in WRITTEN:
        written = folder / "out" / name
        if written.exists():
            # What migrate and init write must read back as YAML, whatever it came from.
            result = invoke(folder, written, ["check", "--as-of", AS_OF, "{file}"])
            assert not YAML_LEVEL.search(result.output), result.output
    assert path.read_bytes() == before


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=mutated())
def test_mutated_example_never_crashes(text: str) -> None:
    with workspace() as folder:
        path = folder / "assessment.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        run_all(folder, path)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    with workspace() as folder:
        path = folder / "assessment.yaml"
        path.write_bytes(data)
        run_all(folder, path)


# Edits that once crashed a command, each kept as its own case.
KNOWN = {
    "assessed in the last year there is": ("assessed_on: 2025-05-20", "assessed_on: 9999-12-31"),
    "review in the last year there is": ("next_review: 2026-05-20", "next_review: 9999-12-31"),
    "period ending after 9999": ("period: 2024-25", "period: '9999-00'"),
    "control characters written as escapes": (
        "  name: Example Borough Council",
        '  name: "Example\\x01\\x0b\\0 Borough\\uffff Council"',
    ),
    "a raw control character": ("  kind: local authority", "  kind: local\x0bauthority"),
    "a name longer than Word's title property": (
        "  name: Example Borough Council",
        "  name: " + "Example Borough Council " * 12,
    ),
    "an id with a control character": ('  "1.2":', '  "1.2\\x01":'),
    "the first date there is": ("due: 2025-09-30", "due: 0001-01-01"),
}


@pytest.mark.parametrize("case", list(KNOWN))
def test_known_hostile_values_never_crash(case: str) -> None:
    old, new = KNOWN[case]
    text = BASES["example"]
    assert old in text
    with workspace() as folder:
        path = folder / "assessment.yaml"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        run_all(folder, path)


@pytest.mark.parametrize("newline", ["\\n", "\\r", "\\N", "\\L", "\\P"])
def test_names_cannot_write_yaml_into_the_comments_of_new_files(newline: str) -> None:
    # YAML reads \n, \r, NEL, and the line and paragraph separators as line breaks.
    name = f"Evil Homes{newline}publish_owner_names: true{newline}"
    text = (
        BASES["example"]
        .replace("  name: Example Borough Council", f'  name: "{name}"')
        .replace("period: 2024-25", f'period: "2024-25{newline}status: published"')
    )
    with workspace() as folder:
        path = folder / "assessment.yaml"
        path.write_text(text, encoding="utf-8")
        invoke(
            folder,
            path,
            ["init", "--from", "{file}", "--as-of", AS_OF, "-o", "{out}/new.yaml"],
        )
        written = load_file(folder / "out" / "new.yaml")
        assert written.data["landlord"]["name"] == load_file(path).data["landlord"]["name"]
    assert "publish_owner_names" not in written.data
    assert written.data["status"] == "draft"


def test_reading_commands_leave_the_example_byte_for_byte() -> None:
    with workspace() as folder:
        path = folder / "assessment.yaml"
        example_beside_its_log(folder, path.name)
        before = path.read_bytes()
        stat = path.stat()
        for command in COMMANDS:
            if command[0] in READ_ONLY:
                result = invoke(folder, path, command)
                # The example has warnings (W308 and dates), so only --strict fails.
                assert result.exit_code == (1 if "--strict" in command else 0), command
                assert path.read_bytes() == before, command
        assert path.stat().st_mtime_ns == stat.st_mtime_ns
        assert sorted(p.name for p in folder.iterdir()) == [
            "assessment.yaml",
            "code_requirements",
            "complaints",
            "example.yaml",
            "out",
        ]
