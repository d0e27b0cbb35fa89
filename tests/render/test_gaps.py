"""The internal gap list: exactly the no answers, must before should, owners named, CSV inert."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import lxml.html
import pytest

from conftest import Run, write
from renderkit import example, render_example

GAPS = """\
schema_version: 1
code: mini-code
landlord:
  name: Test Homes
  homes: 500
period: 2024-25
status: approved
assessed_on: 2025-05-01
owners:
  hoc: {role: Head of Complaints, name: A. Person, email: a.person@example.org}
  sys: {role: Systems Lead, name: "=HYPERLINK(\\"http://evil.example\\")", email: b@example.org}
governance:
  governing_body: Board
  approval: {date: 2025-06-01, minute: "Board minute 1/25"}
responses:
  1.2:
    comply: no
    explanation: The stage 1 letter is being rewritten.
    compliance_date: 2025-10-31
    actions:
      - do: Rewrite the stage 1 letter
        owner: hoc
        due: 2025-09-30
        status: in progress
  6.1:
    comply: no
    explanation: |
      The policy uses an older definition.

      Staff have been briefed meanwhile.
    compliance_date: 2025-12-31
    actions:
      - do: Publish the new policy
        owner: hoc
        due: 2025-11-30
        status: not started
      - do: "+Update the case system"
        owner: sys
        due: 2025-08-31
        status: in progress
      - do: Brief staff
        owner: hoc
        due: 2025-06-15
        status: done
  6.10:
    comply: yes
"""


@pytest.fixture
def gaps(mini: Path) -> Path:
    """A mini project where 1.2 is a should (answered no) and 6.1 a must (answered no)."""
    code = mini / "code_requirements" / "mini-code.yaml"
    text = code.read_text(encoding="utf-8")
    code.write_text(
        text.replace('id: "1.2"\n        modality: must', 'id: "1.2"\n        modality: should'),
        encoding="utf-8",
    )
    return write(mini, "gaps.yaml", GAPS)


def test_text_lists_must_before_should_with_actions_by_due_date(run: Run, gaps: Path) -> None:
    result = run("gaps", "--as-of", "2025-09-01", "gaps.yaml")
    assert result.exit_code == 0
    assert result.output == (
        "Gap list: Test Homes, 2024-25\n"
        "As of 1 September 2025: 2 provisions answered no, 4 actions, 1 overdue.\n"
        "\n"
        "6.1 (must) Stage one requirement\n"
        "  Intended compliance date: 31 December 2025\n"
        "  - Brief staff\n"
        "    A. Person, Head of Complaints <a.person@example.org>; due 15 June 2025; done\n"
        "  - +Update the case system\n"
        '    =HYPERLINK("http://evil.example"), Systems Lead <b@example.org>; due 31 August 2025;'
        " in progress, overdue\n"
        "  - Publish the new policy\n"
        "    A. Person, Head of Complaints <a.person@example.org>; due 30 November 2025;"
        " not started\n"
        "\n"
        "1.2 (should) First requirement\n"
        "  Intended compliance date: 31 October 2025\n"
        "  - Rewrite the stage 1 letter\n"
        "    A. Person, Head of Complaints <a.person@example.org>; due 30 September 2025;"
        " in progress\n"
    )


def test_by_owner_and_one_owner(run: Run, gaps: Path) -> None:
    result = run("gaps", "--as-of", "2025-10-01", "--by-owner", "--owner", "hoc", "gaps.yaml")
    assert result.exit_code == 0
    assert result.output == (
        "Gap list: Test Homes, 2024-25\n"
        "As of 1 October 2025: 3 actions for A. Person, Head of Complaints on 2 provisions"
        " answered no, 1 overdue.\n"
        "\n"
        "A. Person, Head of Complaints <a.person@example.org>\n"
        "  15 June 2025: 6.1 Brief staff (done)\n"
        "  30 September 2025: 1.2 Rewrite the stage 1 letter (in progress, overdue)\n"
        "  30 November 2025: 6.1 Publish the new policy (not started)\n"
    )


def test_unknown_owner_is_a_usage_error(run: Run, gaps: Path) -> None:
    result = run("gaps", "--owner", "nobody", "gaps.yaml")
    assert result.exit_code == 2
    assert "no owner 'nobody' in gaps.yaml (owners: hoc, sys)" in result.output


def test_errors_stop_the_gap_list(run: Run, gaps: Path) -> None:
    write(gaps.parent, "broken.yaml", GAPS.replace("    comply: yes\n", "    comply: partial\n"))
    result = run("gaps", "--as-of", "2025-09-01", "broken.yaml")
    assert result.exit_code == 1
    assert result.output.startswith("broken.yaml:")
    assert "Gap list" not in result.output


def test_csv_names_owners_and_neutralises_formulas(run: Run, gaps: Path) -> None:
    result = run("gaps", "--as-of", "2025-09-01", "--csv", "gaps.yaml")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == [
        "Code provision", "Must or should", "Requirement", "Explanation",
        "Intended compliance date", "Action", "Owner", "Role", "Email", "Due", "Status", "Overdue",
    ]  # fmt: skip
    assert [r[0] for r in rows[1:]] == ["6.1", "6.1", "6.1", "1.2"]
    update = rows[2]
    assert update[5] == "'+Update the case system"
    assert update[6] == '\'=HYPERLINK("http://evil.example")'
    assert update[8:] == ["b@example.org", "2025-08-31", "in progress", "Yes"]
    assert (
        rows[1][3] == "The policy uses an older definition.\n\nStaff have been briefed meanwhile."
    )
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row)


def test_gap_files_hold_exactly_the_no_answers_with_names(tmp_path: Path) -> None:
    folder = render_example(tmp_path, formats=("gaps",))
    assessment = example()
    no = {pid for pid, r in assessment.responses.items() if r.comply == "no"}
    with (folder / "gaps.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert {r["Code provision"] for r in rows} == no
    page = lxml.html.fromstring((folder / "gaps.html").read_bytes())
    assert page.get("lang") == "en-GB"
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    shown = {h.get("id") for h in page.xpath("//section/h2[starts-with(@id, 'provision-')]")}
    assert shown == {"provision-" + pid.replace(".", "-") for pid in no}
    markdown = (folder / "gaps.md").read_text(encoding="utf-8")
    assert {
        line.split(":")[0][3:]
        for line in markdown.splitlines()
        if line.startswith("## ") and ":" in line
    } == no
    for owner in assessment.owners.values():
        for output in ("gaps.md", "gaps.html", "gaps.csv"):
            text = (folder / output).read_text(encoding="utf-8-sig")
            assert owner.name and owner.name in text, output
            assert owner.email and owner.email in text, output


def test_gap_page_tables_are_accessible(tmp_path: Path) -> None:
    folder = render_example(tmp_path, as_of=dt.date(2025, 10, 1), formats=("gaps",))
    page = lxml.html.fromstring((folder / "gaps.html").read_bytes())
    assert len(page.xpath("//h1")) == 1
    for table in page.iter("table"):
        assert table.find("caption") is not None
        assert all(th.get("scope") in ("col", "row") for th in table.iter("th"))
    overdue = page.xpath("//section[@aria-labelledby='provision-5-14']//td[strong='overdue']")
    assert len(overdue) == 1  # the draft policy, due 30 September 2025
