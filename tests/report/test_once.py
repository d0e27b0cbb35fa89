"""The annual report measures its complaints log once, and draws each chart once per process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportkit import copy_example, render_report
from selfassess.practice import engine
from selfassess.report import build, charts


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[object]:
    calls: list[object] = []
    original = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_the_log_is_read_and_measured_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from selfassess import practice

    computed = _counting(monkeypatch, practice, "compute")
    read = _counting(monkeypatch, engine, "read_table")
    folder = render_report(copy_example(tmp_path))
    assert len(computed) == 1 and "example-borough-council-2024-25.csv" in str(computed[0])
    assert [Path(str(path)).name for path in read] == ["example-borough-council-2024-25.csv"]
    assert '"practice": {' in (folder / "report.json").read_text("utf-8")


def test_charts_are_drawn_once_for_the_same_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "_DRAWN", {})
    drawn = _counting(monkeypatch, charts, "draw")
    first = render_report(copy_example(tmp_path / "a"))
    count = len(drawn)
    assert count >= 5
    again = render_report(copy_example(tmp_path / "b"))
    assert len(drawn) == count
    for name in ("annual-report.html", "annual-report.docx"):
        assert (again / name).read_bytes() == (first / name).read_bytes()
