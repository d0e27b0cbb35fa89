"""Randomly damaged logs through practice and check: no traceback, and the input untouched."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from selfassess.cli import main

EXAMPLE_LOG = (ROOT / "complaints" / "example-borough-council-2024-25.csv").read_bytes()
LINES = EXAMPLE_LOG.split(b"\r\n")[:40]
ASSESSMENT = (
    "schema_version: 1\ncode: hos-chc-2024\nlandlord: {name: L, homes: 500}\nperiod: 2024-25\n"
    "practice: {log: LOG}\nresponses: {}\n"
)


def damage(data: st.DataObject) -> bytes:
    """Return the start of the example log with one kind of damage done to it."""
    lines = list(LINES)
    kind = data.draw(
        st.sampled_from(["drop column", "swap dates", "garbage", "truncate", "binary"])
    )
    if kind == "drop column":
        column = data.draw(st.integers(0, 18))
        lines = [
            b",".join(p for i, p in enumerate(line.split(b",")) if i != column) for line in lines
        ]
    elif kind == "swap dates":
        lines = [line.replace(b"/2024", b"/13").replace(b"/03/", b"/31/") for line in lines]
    elif kind == "garbage":
        row = data.draw(st.integers(1, len(lines) - 1))
        lines[row] = data.draw(st.binary(max_size=60)).replace(b"\n", b"")
    text = b"\r\n".join(lines)
    if kind == "truncate":
        text = text[: data.draw(st.integers(0, len(text)))]
    if kind == "binary":
        text = data.draw(st.binary(min_size=1, max_size=400))
    return text


def run_both(folder: Path, name: str) -> None:
    runner = CliRunner()
    (folder / "a.yaml").write_text(ASSESSMENT.replace("LOG", name), encoding="utf-8")
    before = (folder / name).read_bytes()
    for args in (["practice", name, "--period", "2024-25"], ["check", "a.yaml"]):
        result = runner.invoke(main, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code in (0, 1), (args, result.output)
        assert "Traceback" not in result.output
    assert (folder / name).read_bytes() == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_logs_never_crash(data: st.DataObject) -> None:
    folder = Path(tempfile.mkdtemp(prefix="selfassess-log-"))
    try:
        name = data.draw(st.sampled_from(["log.csv", "log.xlsx"]))
        (folder / name).write_bytes(damage(data))
        old = os.getcwd()
        os.chdir(folder)
        try:
            run_both(folder, name)
        finally:
            os.chdir(old)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
