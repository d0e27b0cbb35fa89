"""Mutated and truncated assessments: every command exits 0, 1 or 2, never with a traceback."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, ROOT
from selfassess.cli import main

LINES = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
ODD_TEXT = [
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200b",  # zero-width space
    "\ufeff",  # a byte-order mark in the middle
    "\U0001f3e0",  # an emoji
    "\x00",
    "\t",
    "\r",
    "&anchor ",
    "*anchor",
    "!!python/object:os.system ",
    "{",
    "]",
    ": ",
    "- ",
    "'",
    '"',
    "%YAML 1.1\n",
    "---\n",
    "<script>alert(1)</script>",
]
RETYPED = ["", "[]", "{}", "- a\n- b", "yes", "no", "null", "12", "3.5", "2025-13-45", "~", "'x'"]

COMMANDS: list[list[str]] = [
    ["check", "--as-of", "2025-07-01", "{file}"],
    ["check", "--format", "json", "{file}"],
    ["check", "--format", "github", "--strict", "{file}"],
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """Return the example with a few lines deleted, duplicated, retyped or spiked, or cut short."""
    lines = list(LINES)
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
    """Yield a fresh folder with the bundled Code, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="selfassess-hostile-"))
    try:
        shutil.copytree(ROOT / "code_requirements", folder / "code_requirements")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_all(folder: Path, text: str) -> None:
    """Run every command on a file holding text; fail on anything but exit 0, 1 or 2."""
    path = folder / "assessment.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    for command in COMMANDS:
        args = [
            part.replace("{file}", str(path)).replace("{out}", str(folder / "out"))
            for part in command
        ]
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit
        ), (
            args,
            result.exception,
        )
        assert "Traceback" not in result.output


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=mutated())
def test_mutated_example_never_crashes(text: str) -> None:
    with workspace() as folder:
        run_all(folder, text)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    with workspace() as folder:
        (folder / "assessment.yaml").write_bytes(data)
        for command in COMMANDS:
            args = [part.replace("{file}", str(folder / "assessment.yaml")) for part in command]
            result = CliRunner().invoke(main, args)
            assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
