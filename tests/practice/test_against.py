"""check holds an assessment's answers to its complaints log."""

from __future__ import annotations

from pathlib import Path

from logkit import row as make
from logkit import write_log

from conftest import Run

ASSESSMENT = """\
schema_version: 1
code: hos-chc-2024
landlord: {name: L, homes: 1000}
period: 2024-25
practice:
  log: log.csv
responses:
  "6.3":
    comply: ANSWER
    evidence: [Reports]
    explanation: Why.
    compliance_date: 2026-01-31
  "6.13":
    comply: yes
    evidence: [Allocation rule]
"""


def check(run: Run, folder: Path, answer: str, *rows: str, strict: bool = False) -> list[str]:
    write_log(folder, *rows)
    (folder / "a.yaml").write_text(ASSESSMENT.replace("ANSWER", answer), encoding="utf-8")
    args = [
        "check",
        "--as-of",
        "2025-07-01",
        "--ignore",
        "E203",
        "--ignore",
        "W313",
        "--ignore",
        "W308",
        # The same responses serve the yes and no cases; a yes keeping the no's explanation is W322.
        "--ignore",
        "W322",
    ]
    result = run(*args, *(["--strict"] if strict else []), "a.yaml")
    # Notes never fail a run, not even with --strict; only errors and warnings do.
    assert result.exit_code == int(" E5" in result.output or (strict and " W" in result.output))
    return result.output.splitlines()


def late(number: int) -> str:
    return make(reference=f"L{number}", responded="28/06/2024")


def on_time(number: int) -> str:
    return make(reference=f"T{number}")


def test_a_yes_the_log_contradicts(run: Run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    lines = check(
        run, tmp_path, "yes", *(late(n) for n in range(2)), *(on_time(n) for n in range(8))
    )
    assert lines == [
        "a.yaml:9:5: W601 6.3 answered yes, but 2 of 10 stage 1 responses in log.csv (2024-25) were late "
        "(20%; the threshold is 95% on time); answer no and explain, or correct the log",
        "0 errors, 1 warning in 1 file.",
    ]


def test_a_yes_the_log_supports(run: Run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert check(run, tmp_path, "yes", *(on_time(n) for n in range(10))) == [
        "No problems in 1 file."
    ]


def test_a_no_the_log_shows_met_is_a_note_that_never_fails(
    run: Run, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    expected = [
        "a.yaml:9:5: I620 6.3 answered no, but all 3 stage 1 responses in log.csv (2024-25) were "
        "within the Code's timescale; is the answer still right?",
        "0 errors, 0 warnings, 1 note in 1 file.",
    ]
    assert check(run, tmp_path, "no", *(on_time(n) for n in range(3))) == expected
    assert check(run, tmp_path, "no", *(on_time(n) for n in range(3)), strict=True) == expected


def test_a_no_the_log_shows_missed_has_no_note(run: Run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert check(run, tmp_path, "no", late(1), on_time(1)) == ["No problems in 1 file."]


def test_stage_two_by_the_stage_one_handler(run: Run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    stage_two = {
        "escalated": "01/07/2024",
        "s2_acknowledged": "02/07/2024",
        "s2_responded": "22/07/2024",
        "s2_outcome": "upheld",
    }
    rows = [
        make(reference="S1", handler="Ann", s2_handler=" ann ", **stage_two),
        make(reference="S2", handler="Ann", s2_handler="Bea", **stage_two),
    ]
    assert check(run, tmp_path, "yes", *rows) == [
        "a.yaml:14:5: W602 6.13 answered yes, but stage 2 of 1 complaint in log.csv (2024-25) was "
        "handled by the stage 1 handler: S1",
        "0 errors, 1 warning in 1 file.",
    ]
    assert check(run, tmp_path, "yes", rows[1]) == ["No problems in 1 file."]


def test_a_log_with_nothing_in_the_period(run: Run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    lines = check(
        run,
        tmp_path,
        "yes",
        make(received="03/06/2023", acknowledged="05/06/2023", responded="09/06/2023"),
    )
    assert lines == [
        "a.yaml:6:8: W550 the log has no complaints received in 2024-25; is it the right log, or the right period?",
        "0 errors, 1 warning in 1 file.",
    ]


def test_log_problems_are_reported_by_check_at_their_row(
    run: Run, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    lines = check(run, tmp_path, "yes", on_time(1), make(reference="B", outcome="maybe"))
    assert lines == [
        "log.csv:3:7: E511 outcome 'maybe' is not one of upheld, partly upheld, not upheld, "
        'withdrawn, refused; say which it means under practice: values: {outcome: {"maybe": '
        "WORD}}, WORD being one of those",
        "1 error, 0 warnings in 1 file.",
    ]


def test_an_edition_without_timescales(run: Run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    write_log(tmp_path, on_time(1))
    text = ASSESSMENT.replace("hos-chc-2024", "hos-chc-2022").replace("ANSWER", "yes")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    lines = run("check", "--as-of", "2025-07-01", "a.yaml").output.splitlines()
    assert (
        "a.yaml:5:1: W551 the log is not compared with the answers: no timescales file for "
        "hos-chc-2022 (hos-chc-2022-timescales.yaml)"
    ) in lines
