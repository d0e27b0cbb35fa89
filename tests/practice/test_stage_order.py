"""Property: the order of a per-stage log's rows, and how it is split into files, never matter."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from exports import STAGE_HEADERS, TIDY, stage_rows, tidy_rows, without_encoding_note, write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfassess.cli import main

ROWS = tidy_rows(90)
STAGES = stage_rows(ROWS)
HEADER = [h for _, h in STAGE_HEADERS]
PRACTICE = (
    '  columns: {reference: "Case Ref", category: "Service Area"}\n'
    '  values: {outcome: {"Partially Upheld": partly upheld, Rejected: refused}, '
    'tenure: {"Secure Tenant": tenant}, stage: {"Stage 1": 1, "Stage 2": 2}}\n'
    "  tenures: [tenant]\n"
)


def figures(folder: Path, log: str, practice: str = PRACTICE) -> dict[str, Any]:
    path = folder / "a.yaml"
    path.write_text(
        "schema_version: 1\ncode: hos-chc-2024\nlandlord: {name: L, homes: 1000}\n"
        f"period: 2024-25\npractice:\n  log: {log}\n{practice}",
        encoding="utf-8",
    )
    args = ["practice", "--assessment", str(path), "--as-of", "2025-07-01", "--format", "json"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert (result.exit_code, without_encoding_note(result.stderr)) == (0, ""), result.output
    data = json.loads(result.stdout)
    return {key: value for key, value in data.items() if key not in ("log", "rows")}


def _tidy() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        header = TIDY.read_text(encoding="utf-8").splitlines()[0].split(",")
        write_csv(folder / "tidy.csv", header, [list(row.values()) for row in ROWS])
        return figures(folder, "tidy.csv", "  tenures: [tenant]\n")


EXPECTED = _tidy()


def test_the_sample_has_both_stages_and_rows_to_move() -> None:
    assert EXPECTED["stage_2"]["received"] >= 5 and EXPECTED["stage_1"]["responded_late"] >= 1
    assert len(STAGES) > len(ROWS)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=st.permutations(range(len(STAGES))))
def test_any_order_of_the_rows_gives_the_same_figures(order: list[int]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_csv(folder / "log.csv", HEADER, [STAGES[i] for i in order])
        assert figures(folder, "log.csv") == EXPECTED


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files=st.lists(st.integers(0, 2), min_size=len(STAGES), max_size=len(STAGES)),
    order=st.permutations(range(len(STAGES))),
)
def test_any_split_into_stage_files_gives_the_same_figures(
    files: list[int], order: list[int]
) -> None:
    """Each row goes to one of up to three files of its own stage, in any order."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        buckets: dict[tuple[int, int], list[list[str]]] = {}
        for index in order:
            row = STAGES[index]
            stage = 1 if row[1] == "Stage 1" else 2
            buckets.setdefault((stage, files[index]), []).append(row[:1] + row[2:])
        items = []
        for (stage, bucket), rows in sorted(buckets.items()):
            name = f"stage-{stage}-{bucket}.csv"
            write_csv(folder / name, [h for n, h in STAGE_HEADERS if n != "stage"], rows)
            items.append(f"{{path: {name}, stage: {stage}}}")
        assert figures(folder, "[" + ", ".join(items) + "]") == EXPECTED
