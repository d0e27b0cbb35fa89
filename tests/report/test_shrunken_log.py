"""The annual report never shows figures from a shrunken log without saying so first."""

from __future__ import annotations

from pathlib import Path

from conftest import Run
from reportkit import REPORT, copy_example

LOG = "complaints/example-borough-council-2024-25.csv"


def test_a_log_with_rows_left_out_is_refused_and_said_first_in_a_draft(
    run: Run, tmp_path: Path
) -> None:
    copy_example(tmp_path)
    log = tmp_path / LOG
    text = log.read_text(encoding="utf-8")
    log.write_text(text.replace(",upheld,", ",Partially Upheld,", 1), encoding="utf-8")
    refused = run(
        "report", str(tmp_path / REPORT), "--as-of", "2025-07-01", "-o", str(tmp_path / "out")
    )
    assert refused.exit_code == 1
    assert refused.output.endswith("not rendered (1 error); fix it, or use --draft\n")
    draft = run(
        "report", str(tmp_path / REPORT), "--as-of", "2025-07-01", "--draft",
        "-o", str(tmp_path / "draft"),
    )  # fmt: skip
    assert draft.exit_code == 0, draft.output
    markdown = next((tmp_path / "draft").rglob("*.md")).read_text(encoding="utf-8")
    rows = text.count("\n") - 1
    said = f"1 of {rows:,} rows of the log are left out of every figure because of errors (1 E511"
    assert said in markdown
    before = markdown.index(said)
    assert markdown.index("The figures are counted from our complaints log") > before
