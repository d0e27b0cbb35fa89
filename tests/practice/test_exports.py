"""Logs as case management systems export them give the tidy log's figures, or say why not.

Every export here is built from the example's tidy log (tests/practice/exports.py), so
each figure can be compared with the tidy log's own.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from exports import (
    CRM_HEADERS,
    TIDY,
    crm_workbook,
    per_stage_csv,
    split_files,
    tidy_rows,
    without_encoding_note,
)

from conftest import Run

AS_OF = ("--as-of", "2025-07-01")
CLOSURES = "[2024-12-27, 2024-12-30, 2024-12-31]"
CRM_VALUES = (
    '  values:\n    outcome: {"Partially Upheld": partly upheld, Rejected: refused}\n'
    '    s2_outcome: {"Partially Upheld": partly upheld}\n'
    '    tenure: {"Secure Tenant": tenant}\n'
)
STAGE_COLUMNS = '  columns: {reference: "Case Ref", category: "Service Area"}\n'


def assessment(folder: Path, practice: str, name: str = "a.yaml") -> Path:
    """Write an assessment of 12,400 homes whose practice: block is given."""
    path = folder / name
    path.write_text(
        "schema_version: 1\ncode: hos-chc-2024\nlandlord: {name: Example Borough Council, "
        f"homes: 12400}}\nperiod: 2024-25\npractice:\n{practice}",
        encoding="utf-8",
    )
    return path


def measured(run: Run, *args: str) -> tuple[dict[str, Any], str]:
    """Run practice as JSON; return its figures and what it said on standard error."""
    result = run("practice", *args, *AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), without_encoding_note(result.stderr)


def comparable(figures: dict[str, Any]) -> dict[str, Any]:
    """The figures without what names the files or counts their rows."""
    return {key: value for key, value in figures.items() if key not in ("log", "rows")}


def tidy_figures(run: Run, folder: Path) -> dict[str, Any]:
    """The tidy log's figures, with tenures: [tenant]."""
    shutil.copy(TIDY, folder / TIDY.name)  # a log is read only inside its assessment's project
    tidy = assessment(
        folder,
        f"  log: {TIDY.name}\n  closures: {CLOSURES}\n  tenures: [tenant]\n",
        "tidy.yaml",
    )
    figures, said = measured(run, "--assessment", str(tidy))
    assert said == ""
    return figures


def test_a_crm_workbook_in_its_own_words_gives_the_tidy_figures(run: Run, tmp_path: Path) -> None:
    crm_workbook(tmp_path / "crm.xlsx", tidy_rows())
    columns = ", ".join(
        f'{name}: "{header}"' for name, header in CRM_HEADERS.items() if name != "outcome"
    )
    given = assessment(
        tmp_path,
        f"  log: crm.xlsx\n  columns: {{{columns}}}\n{CRM_VALUES}"
        f"  closures: {CLOSURES}\n  tenures: [tenant]\n",
    )
    figures, said = measured(run, "--assessment", str(given))
    assert comparable(figures) == comparable(tidy_figures(run, tmp_path))
    assert figures["tenant_satisfaction_measures"]["stage_1"]["CH01_per_1000_homes"] > 0
    total_row = len(tidy_rows()) + 4
    assert said == (
        f"{tmp_path / 'crm.xlsx'}:3:1: I550 column 'Case ID' holds formulas; their stored "
        "values were read\n"
        f"{tmp_path / 'crm.xlsx'}:{total_row}:1: I551 row {total_row} at the end of the log "
        "holds no complaint (a totals row: 'Total') and is left out\n"
    )
    assert figures["rows"]["not_complaints"] == 1


def test_the_crm_words_unmapped_are_said_once_each_with_a_line_to_paste(
    run: Run, tmp_path: Path
) -> None:
    rows = tidy_rows()
    log = crm_workbook(tmp_path / "crm.xlsx", rows)
    columns = ", ".join(f'{n}: "{h}"' for n, h in CRM_HEADERS.items() if n != "outcome")
    given = assessment(tmp_path, f"  log: crm.xlsx\n  columns: {{{columns}}}\n")
    result = run("practice", "--assessment", str(given), *AS_OF)
    assert result.exit_code == 1
    partly = sum(r["outcome"] == "partly upheld" for r in rows)
    rejected = sum(r["outcome"] == "refused" for r in rows)
    first_partly = 4 + next(i for i, r in enumerate(rows) if r["outcome"] == "partly upheld")
    first_rejected = 4 + next(i for i, r in enumerate(rows) if r["outcome"] == "refused")
    lines = [line for line in result.stderr.splitlines() if ":7: E511" in line]
    assert first_rejected < first_partly
    assert lines == [
        f"{log}:{first_rejected}:7: E511 outcome 'Rejected' is not one of upheld, partly upheld, "
        f"not upheld, withdrawn, refused ({rejected:,} rows hold it, the first this one); did you "
        "mean 'refused'? If so, map it under practice: values: {outcome: {\"Rejected\": refused}}",
        f"{log}:{first_partly}:7: E511 outcome 'Partially Upheld' is not one of upheld, partly "
        f"upheld, not upheld, withdrawn, refused ({partly:,} rows hold it, the first this one); "
        "did you mean 'partly upheld'? If so, map it under practice: values: {outcome: "
        '{"Partially Upheld": partly upheld}}',
    ]
    # and one for s2_outcome's 'Partially Upheld', then the notes on formulas and the totals row
    assert len(result.stderr.splitlines()) == 5
    left = result.stdout.splitlines()[0]
    assert left.startswith("LEFT OUT: ")
    assert "E511: an outcome that is not upheld" in left


def test_a_title_row_workbook_is_read_without_header_row(run: Run, tmp_path: Path) -> None:
    log = crm_workbook(tmp_path / "crm.xlsx", tidy_rows(40))
    given = assessment(tmp_path, "  log: crm.xlsx\n  columns: {reference: Case ID}\n")
    result = run("practice", "--assessment", str(given), *AS_OF)
    # the header is found on row 3; a column it lacks is named with the row read and a hint
    assert result.stderr == (
        f"{log}:3:1: E504 the log has no 'received' column; did you mean 'Date Logged'? (name "
        "the export's header under practice: columns:); the header read from row 3 of sheet "
        "'Complaints Log' holds " + ", ".join(repr(h) for h in CRM_HEADERS.values()) + "\n"
    )
    assert result.stdout == ""
    wrong = assessment(tmp_path, "  log: crm.xlsx\n  header_row: 1\n", "wrong.yaml")
    result = run("practice", "--assessment", str(wrong), *AS_OF)
    assert result.stderr.startswith(
        f"{log}:1:1: E504 the log has no 'reference' column (name the export's header under "
        "practice: columns:); the header read from row 1 of sheet 'Complaints Log' holds "
        "'Example Borough Council: complaints, exported 1 July 2025'\n"
    )


def test_one_row_per_stage_newest_first_gives_the_tidy_figures(run: Run, tmp_path: Path) -> None:
    log = per_stage_csv(tmp_path / "stages.csv", tidy_rows())
    assert log.read_bytes().count(b"\r\n") > 600 and "£".encode("cp1252") in log.read_bytes()
    given = assessment(
        tmp_path,
        f"  log: stages.csv\n{STAGE_COLUMNS}{CRM_VALUES}"
        '    stage: {"Stage 1": 1, "Stage 2": 2}\n'
        f"  closures: {CLOSURES}\n  tenures: [tenant]\n",
    )
    figures, said = measured(run, "--assessment", str(given))
    assert said == ""
    assert comparable(figures) == comparable(tidy_figures(run, tmp_path))
    assert figures["stage_2"]["received"] > 50


def test_stage_files_joined_give_the_tidy_figures(run: Run, tmp_path: Path) -> None:
    one, two = split_files(tmp_path, tidy_rows())
    given = assessment(
        tmp_path,
        f"  log: [{one.name}, {{path: {two.name}, stage: 2}}]\n{STAGE_COLUMNS}{CRM_VALUES}"
        f"  closures: {CLOSURES}\n  tenures: [tenant]\n",
    )
    figures, said = measured(run, "--assessment", str(given))
    assert said == ""
    assert comparable(figures) == comparable(tidy_figures(run, tmp_path))
    assert figures["log"] == f"{tmp_path / one.name}, {tmp_path / two.name}"


def test_a_stage_2_file_alone_is_a_problem_at_each_row(run: Run, tmp_path: Path) -> None:
    _, two = split_files(tmp_path, tidy_rows(30))
    given = assessment(
        tmp_path, f"  log: [{{path: {two.name}, stage: 2}}]\n{STAGE_COLUMNS}{CRM_VALUES}"
    )
    result = run("practice", "--assessment", str(given), *AS_OF)
    lines = result.stderr.splitlines()
    references = [row["reference"] for row in tidy_rows(30) if row["escalated"]]
    assert result.exit_code == 1 and len(lines) == len(references) > 3
    assert lines[0].endswith(
        "E519 a stage 2 row for '" + lines[0].split("'")[1] + "', but the log has no stage 1 "
        "row for it; give the complaint's stage 1 row (or its file, under practice: log:)"
    )


def test_stage_words_unmapped_are_said_once_each(run: Run, tmp_path: Path) -> None:
    log = per_stage_csv(tmp_path / "stages.csv", tidy_rows(60))
    given = assessment(tmp_path, f"  log: stages.csv\n{STAGE_COLUMNS}{CRM_VALUES}")
    result = run("practice", "--assessment", str(given), *AS_OF)
    lines = [line for line in result.stderr.splitlines() if " E520 " in line]
    assert [line.split(" E520 ")[1] for line in lines] == [
        f"stage 'Stage 2' is not one of 1, 2 ({_count(log, 'Stage 2')} rows hold it, the first "
        "this one); did you mean '2'? If so, map it under practice: values: {stage: "
        '{"Stage 2": 2}}',
        f"stage 'Stage 1' is not one of 1, 2 ({_count(log, 'Stage 1')} rows hold it, the first "
        "this one); did you mean '1'? If so, map it under practice: values: {stage: "
        '{"Stage 1": 1}}',
    ]


def _count(log: Path, word: str) -> int:
    return log.read_text(encoding="cp1252").count(f",{word},")


def test_a_tenure_filter_that_matches_nothing_is_a_warning_and_no_figure(
    run: Run, tmp_path: Path
) -> None:
    log = crm_workbook(tmp_path / "crm.xlsx", tidy_rows())
    columns = ", ".join(f'{n}: "{h}"' for n, h in CRM_HEADERS.items() if n != "outcome")
    values = (
        '  values: {outcome: {"Partially Upheld": partly upheld, Rejected: refused}, '
        's2_outcome: {"Partially Upheld": partly upheld}}\n'
    )
    given = assessment(
        tmp_path, f"  log: crm.xlsx\n  columns: {{{columns}}}\n{values}  tenures: [tenant]\n"
    )
    result = run("practice", "--assessment", str(given), *AS_OF)
    assert result.exit_code == 0
    tenures = {}
    for row in tidy_rows():
        word = {"tenant": "Secure Tenant", "leaseholder": "Leaseholder"}.get(
            row["tenure"], "Shared Owner"
        )
        tenures[word] = tenures.get(word, 0) + 1
    listed = ", ".join(f"{w!r} {c:,}" for w, c in sorted(tenures.items(), key=lambda p: -p[1]))
    assert (
        f"{given}:9:3: W552 tenures: 'tenant' matches no row of the log; no complaint's tenure "
        f"is any of them, so CH01 and CH02 count no complaint; the log's tenures are {listed} "
        "(list those that count, or map the export's words under practice: values: "
        "{tenure: ...})"
    ) in result.stderr.splitlines()
    received = json.loads(
        run("practice", "--assessment", str(given), *AS_OF, "--format", "json").stdout
    )["stage_1"]["received"]
    assert (
        "CH01 and CH02: no complaints counted: none of the "
        f"{received:,} stage 1 complaints received has a tenure in tenures: tenant"
    ) in result.stdout.splitlines()
    assert "CH01 stage 1" not in result.stdout
    assert log.exists()


def pasted(run: Run, folder: Path, log: str, extra: str = "") -> Path:
    """Write an assessment whose practice: block is what --suggest printed for a log."""
    result = run("practice", log, "--suggest")
    assert (result.exit_code, result.stderr) == (0, "")
    block = result.stdout
    assert block.splitlines()[3] == "practice:"
    given = folder / "suggested.yaml"
    given.write_text(
        "schema_version: 1\ncode: hos-chc-2024\nlandlord: {name: Example Borough Council, "
        f"homes: 12400}}\nperiod: 2024-25\n{block}{extra}"
        f"  closures: {CLOSURES}\n  tenures: [tenant]\n",
        encoding="utf-8",
    )
    return given


def test_suggest_on_the_crm_workbook_runs_clean_and_exact(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crm_workbook(tmp_path / "crm.xlsx", tidy_rows())
    monkeypatch.chdir(tmp_path)
    block = run("practice", "crm.xlsx", "--suggest").stdout
    assert block.splitlines()[4:8] == [
        '  log: "crm.xlsx"',
        '  sheet: "Complaints Log"',
        "  header_row: 3",
        "  columns:",
    ]
    assert '      "Partially Upheld": partly upheld   # 147 rows; did you mean? check it' in block
    assert '      "Secure Tenant": tenant   # 569 rows; check it' in block
    figures, said = measured(run, "--assessment", str(pasted(run, tmp_path, "crm.xlsx")))
    assert {line.split(": ")[1].split()[0] for line in said.splitlines()} == {"I550", "I551"}
    assert comparable(figures) == comparable(tidy_figures(run, tmp_path))


def test_suggest_on_the_per_stage_export_runs_clean_and_exact(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    per_stage_csv(tmp_path / "stages.csv", tidy_rows())
    monkeypatch.chdir(tmp_path)
    block = run("practice", "stages.csv", "--suggest").stdout
    assert '      "Stage 1": 1   # 640 rows; did you mean? check it' in block
    figures, said = measured(run, "--assessment", str(pasted(run, tmp_path, "stages.csv")))
    assert said == ""
    assert comparable(figures) == comparable(tidy_figures(run, tmp_path))


def test_suggest_on_stage_files_runs_clean_and_exact(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = split_files(tmp_path, tidy_rows())
    monkeypatch.chdir(tmp_path)
    for log in (one, two):  # each file's block reads the same headers
        assert run("practice", log.name, "--suggest").exit_code == 0
    given = pasted(run, tmp_path, one.name)
    text = given.read_text(encoding="utf-8").replace(
        f'  log: "{one.name}"', f'  log: ["{one.name}", {{path: "{two.name}", stage: 2}}]'
    )
    given.write_text(text, encoding="utf-8")
    figures, said = measured(run, "--assessment", str(given))
    assert said == ""
    assert comparable(figures) == comparable(tidy_figures(run, tmp_path))
