"""Complaints logs that lie in their cells: numbers without bounds, control characters, bad bytes, bad rows by the thousand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import cli_probe, peak_memory
from practice.logkit import GOOD, HEADER, row, write_log
from reportkit import REPORT, copy_example
from selfassess.cli import main

PERIOD = ("--period", "2024-25", "--as-of", "2025-07-01")
LOG = "complaints/example-borough-council-2024-25.csv"


def practice(*args: str) -> Result:
    result = CliRunner().invoke(main, ["practice", *args, *PERIOD])
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, repr(result.exception)
    return result


@pytest.mark.parametrize(
    "amount",
    [
        "1e308",
        "Infinity",
        "nan",
        '"1,000,000,000,000,000"',  # quoted, as a CSV cell holding commas is
        "\u0661\u0662\u0663",
        "\uff11\uff12",
        "9" * 400,
    ],
)
def test_compensation_past_any_bound_is_e512_and_never_published(
    tmp_path: Path, amount: str
) -> None:
    log = write_log(tmp_path, row(compensation=amount))
    result = practice(str(log), "--format", "json", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{log}:2:18: E512 compensation "), result.stderr
    figures = json.loads(result.stdout)  # valid JSON: no Infinity, no NaN
    assert (figures["rows"]["read"], figures["rows"]["left_out"]) == (1, 1)
    for name in ("practice.json", "verdicts.csv", "practice.md"):
        text = (tmp_path / "out" / name).read_text("utf-8")
        assert "Infinity" not in text and "NaN" not in text


@pytest.mark.parametrize(
    "received",
    [
        "2024-06-03T25:99",
        "2024-06-03 24:00",
        "03/06/2024 12:60",
        "\u0660\u0663/\u0660\u0666/\u0662\u0660\u0662\u0664",  # Arabic-Indic digits
        "\uff10\uff13/\uff10\uff16/\uff12\uff10\uff12\uff14",  # full-width digits
    ],
)
def test_a_date_with_an_impossible_time_or_foreign_digits_is_refused(
    tmp_path: Path, received: str
) -> None:
    log = write_log(tmp_path, row(received=received))
    result = practice(str(log))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{log}:2:2: E506 received: "), result.stderr


def test_a_date_with_a_real_time_is_read(tmp_path: Path) -> None:
    log = write_log(tmp_path, row(received="2024-06-03T23:59:59"))
    assert practice(str(log)).exit_code == 0


@pytest.mark.parametrize("compensation", ["1e308", "1e400", "1000000001"])
def test_a_registers_compensation_is_bounded_where_it_is_read(
    tmp_path: Path, compensation: str
) -> None:
    root = copy_example(tmp_path)
    register = root / "casework" / "ombudsman-2024-25.yaml"
    text = register.read_text("utf-8")
    register.write_text(
        text.replace("compensation: 1200,", f"compensation: {compensation},"), "utf-8"
    )
    for args in (["check", str(register)], ["plan", "-o", str(tmp_path / "out"), str(register)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert ".compensation: Input should be less than or equal to 1000000000" in result.output
    assert not (tmp_path / "out").exists()


def test_fifty_thousand_bad_rows_print_a_hundred_problems_and_one_count(tmp_path: Path) -> None:
    # A received column of no dates is one E506; each row's compensation is its own E512.
    bad = row(received="not a date", compensation="x")
    log = write_log(tmp_path, *[bad.replace("C1,", f"C{n},", 1) for n in range(50_000)])
    result = practice(str(log))
    lines = result.stderr.splitlines()
    assert len(lines) == 101
    assert lines[-1] == (
        f"{log}:102:18: E522 49,901 more problems in the log are not listed (the first 100 are); "
        "fix those and run again, or set SELFASSESS_MAX_PROBLEMS to list more"
    )


def test_memory_is_flat_in_the_number_of_bad_rows(tmp_path: Path) -> None:
    bad = row(received="not a date", outcome="nope", compensation="x")  # three problems a row
    peaks, sizes = [], []
    for count in (20_000, 200_000):
        log = write_log(
            tmp_path, *[bad.replace("C1,", f"C{n},", 1) for n in range(count)], name=f"{count}.csv"
        )
        code, peak_kb, output = peak_memory(cli_probe("practice", str(log), *PERIOD))
        assert code == 0 and output.startswith("1\n"), output
        peaks.append(peak_kb * 1024)
        sizes.append(log.stat().st_size)
    # The log is read whole (its bytes and its text), and the reader keeps a little for each
    # row left out (its reference, for a stage 2 row that names it; a cell that is not a
    # date, for its column's verdict): a few hundred bytes a row, under 12 times the file.
    # Keeping every problem as well (three a row) took over 20 times the file.
    assert peaks[1] - peaks[0] < 12 * (sizes[1] - sizes[0]), (peaks, sizes)


def test_one_stray_byte_in_a_utf8_log_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = "\n".join([HEADER, row(category="Caf\u00e9 \u00a3"), GOOD.replace("C1", "C2")])
    data = text.encode("utf-8").replace(b"C2,", b"C\xe92,")
    log = tmp_path / "log.csv"
    log.write_bytes(data + b"\n")
    result = practice(str(log))
    assert result.exit_code == 1
    assert result.output == (
        f"{log}:3:2: E502 byte 0xE9 is not UTF-8, though the rest of the log is; retype the "
        "character here, or save the log again as CSV UTF-8\n"
    )


# NUL is not here: a CSV holding one is not text, and is refused whole (E502).
CONTROLS = st.lists(
    st.sampled_from(["\x1b", "\x7f", "\x07", "\x9b", "\x0b", "[2J", "a", " "]),
    min_size=1,
    max_size=8,
).map("".join)


@settings(max_examples=6, deadline=None, derandomize=True)
@given(spike=CONTROLS)
def test_control_characters_in_log_cells_reach_no_output_and_never_crash_report(
    tmp_path_factory: pytest.TempPathFactory, spike: str
) -> None:
    # The example log, its categories, refusal reasons and handlers spiked with controls.
    root = copy_example(tmp_path_factory.mktemp("project"))
    log = root / LOG
    lines = log.read_text("utf-8").splitlines()
    spiked = [lines[0]] + [line.replace(",Repairs,", f",Rep{spike}airs,") for line in lines[1:]]
    log.write_text("\n".join(spiked) + "\n", "utf-8")
    out = root / "out"
    result = CliRunner().invoke(
        main, ["report", "--as-of", "2025-07-01", "-o", str(out), str(root / REPORT)]
    )
    assert result.exit_code == 0, result.output
    practiced = CliRunner().invoke(
        main, ["practice", str(log), *PERIOD, "-o", str(out / "practice")]
    )
    assert practiced.exception is None or isinstance(practiced.exception, SystemExit)
    for path in out.rglob("*"):
        if path.suffix in (".html", ".md", ".csv", ".json", ".svg"):
            text = path.read_text("utf-8-sig")
            assert not any(ch in text for ch in "\x1b\x7f\x07\x9b\x0b"), path
    from docx import Document

    document = Document(str(out / "annual-report-2024-25" / "annual-report.docx"))
    alt = [p.get("descr", "") for p in document.element.body.iter() if p.tag.endswith("}docPr")]
    assert alt and not any(ch in text for text in alt for ch in "\x1b\x7f\x07\x9b\x0b")
