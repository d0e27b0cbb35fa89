"""Each casework rule through the command line: the exact line it prints, and a clean register."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES, ROOT, Run, write

CLEAN = (FIXTURES / "casework" / "register.yaml").read_text(encoding="utf-8")
ORDER = "      - {do: Inspect the roof, owner: rep, due: 2025-08-01, status: in progress}\n"
ACTION = "          - {do: Add a damp history to the system, owner: rep, due: 2025-09-30, status: in progress}\n"


def check(run: Run, text: str, as_of: str = "2025-07-01") -> tuple[int, list[str]]:
    write(Path.cwd(), "r.yaml", text)
    result = run("check", "--as-of", as_of, "r.yaml")
    return result.exit_code, result.output.splitlines()


FIRES = {
    "E701 unknown finding": (
        CLEAN.replace("finding: maladministration}", "finding: maladminstration}"),
        "r.yaml:13:47: E701 finding 'maladminstration' in case 202400001 is not one of the "
        "Ombudsman's findings; did you mean 'maladministration'?",
    ),
    "E701 nothing close": (
        CLEAN.replace("finding: maladministration}", "finding: upheld}"),
        "r.yaml:13:47: E701 finding 'upheld' in case 202400001 is not one of the Ombudsman's "
        "findings; use one of: severe maladministration, maladministration, service failure, "
        "mediation, reasonable redress, no maladministration, outside jurisdiction, withdrawn",
    ),
    "E702 order without due": (
        CLEAN.replace(ORDER, ORDER.replace(" due: 2025-08-01,", "")),
        "r.yaml:17:9: E702 an order in case 202400001 has no due date; add due: the date the "
        "Ombudsman set for compliance (YYYY-MM-DD)",
    ),
    "E703 action without owner": (
        CLEAN.replace(ACTION, ACTION.replace(" owner: rep,", "")),
        "r.yaml:26:13: E703 an action for case SI-1 recommendation R1 has no owner; "
        "add owner: <a key of owners>",
    ),
    "E703 action without due": (
        CLEAN.replace(ACTION, ACTION.replace(" due: 2025-09-30,", "")),
        "r.yaml:26:13: E703 an action for case SI-1 recommendation R1 has no due date; "
        "add due: YYYY-MM-DD",
    ),
    "E704 unknown owner of an order": (
        CLEAN.replace(ORDER, ORDER.replace("owner: rep", "owner: dh")),
        "r.yaml:17:39: E704 owner 'dh' is not in owners (known: hoc, rep)",
    ),
    "E704 unknown owner of an action": (
        CLEAN.replace(ACTION, ACTION.replace("owner: rep", "owner: it")),
        "r.yaml:26:59: E704 owner 'it' is not in owners (known: hoc, rep)",
    ),
    "E705 duplicate reference": (
        CLEAN.replace("reference: SI-1", 'reference: "202400001"'),
        "r.yaml:18:16: E705 case reference 202400001 is used twice (first on line 8); give each "
        "case its own reference, or merge the two",
    ),
    "E706 done without done_on": (
        CLEAN.replace(", status: done, done_on: 2024-10-02}", ", status: done}"),
        "r.yaml:16:85: E706 an order in case 202400001 is done but has no done_on; add done_on: "
        "the date it was complied with (YYYY-MM-DD)",
    ),
    "E707 owners_from missing": (
        CLEAN.replace("owners:\n", "owners_from: nowhere.yaml\nowners:\n"),
        "r.yaml:4:14: E707 owners_from 'nowhere.yaml' cannot be used: it does not exist (paths are relative to this file); name an "
        "assessment that `selfassess check` accepts, relative to this register",
    ),
    "E708 duplicate recommendation": (
        CLEAN.replace("publications:", "      - {id: R1, text: Again}\npublications:"),
        "r.yaml:28:14: E708 recommendation R1 is listed twice in case SI-1",
    ),
    "W750 order overdue": (
        CLEAN.replace("due: 2025-08-01", "due: 2025-06-01"),
        "r.yaml:17:44: W750 an order in case 202400001 was due 2025-06-01 and is in progress; "
        "the Ombudsman expects orders complied with by the date set",
    ),
    "W751 action overdue": (
        CLEAN.replace("due: 2025-09-30", "due: 2025-05-30"),
        "r.yaml:26:64: W751 an action for case SI-1 recommendation R1 was due 2025-05-30 and is "
        "in progress",
    ),
    "W752 order complied with late": (
        CLEAN.replace("done_on: 2024-10-02", "done_on: 2024-10-20"),
        "r.yaml:16:99: W752 an order in case 202400001 was complied with on 2024-10-20, after "
        "its due date 2024-10-10; it counts as complied with late",
    ),
    "W753 determination without findings": (
        CLEAN.replace(
            "      - {issue: Repairs to the leak, finding: maladministration}\n"
            "      - {issue: Complaint handling, finding: service failure}\n",
            "",
        ).replace("    findings:\n", ""),
        "r.yaml:9:5: W753 determination 202400001 has no findings; add one per complaint issue "
        "the Ombudsman decided, or the figures leave it out",
    ),
    "W754 order without owner": (
        CLEAN.replace(ORDER, ORDER.replace(" owner: rep,", "")),
        "r.yaml:17:9: W754 an order in case 202400001 has no owner; add owner: <a key of owners> "
        "so it shows in the list of what is owed",
    ),
    "W310 unsafe publication link": (
        CLEAN.replace('url: "https://example.org/r"', 'url: "javascript:alert(1)"'),
        "r.yaml:29:76: W310 link 'javascript:alert(1)' is not http, https, mailto or a relative "
        "path; it will be published as plain text",
    ),
    "W320 publication link without https://": (
        CLEAN.replace('url: "https://example.org/r"', 'url: "www.example.org/r"'),
        "r.yaml:29:76: W320 link 'www.example.org/r' is a web address without https://, which a "
        "browser would look for inside the site the page is published on; write "
        "'https://www.example.org/r' (render publishes it with https:// added)",
    ),
}


@pytest.mark.parametrize("name", list(FIRES))
def test_rule_fires_with_its_exact_line(run: Run, tmp_path: Path, name: str) -> None:
    text, expected = FIRES[name]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        code, lines = check(run, text)
    assert lines[0] == expected
    assert len(lines) == 2
    assert code == (1 if expected.split()[1].startswith("E") else 0)


def test_clean_register_has_no_problems(run: Run, tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        assert check(run, CLEAN) == (0, ["No problems in 1 file."])


def test_finding_is_read_in_any_case_and_spacing(run: Run, tmp_path: Path) -> None:
    text = CLEAN.replace("finding: service failure}", "finding: Service  Failure}")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        assert check(run, text) == (0, ["No problems in 1 file."])


def test_owners_come_from_the_assessment_named(run: Run, tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "a.yaml")
    shutil.copytree(ROOT / "code_requirements", tmp_path / "code_requirements")
    text = CLEAN.replace("owners:\n", "owners_from: a.yaml\nowners:\n")
    text = text.replace(ORDER, ORDER.replace("owner: rep", "owner: doh"))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        assert check(run, text) == (0, ["No problems in 1 file."])
        unknown = text.replace("owner: doh", "owner: boss")
        lines = check(run, unknown)[1]
    assert lines[0] == (
        "r.yaml:18:39: E704 owner 'boss' is not in owners or in the assessment owners_from "
        "names (known: hoc, doh, rep, sys, ld)"
    )


def test_owners_from_a_broken_assessment_names_its_first_problem(run: Run, tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "schema_version: 1\ncode: x\n")
    text = CLEAN.replace("owners:\n", "owners_from: a.yaml\nowners:\n")
    # An owner the broken assessment might have held is not reported as well.
    text = text.replace(ORDER, ORDER.replace("owner: rep", "owner: doh"))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        code, lines = check(run, text)
    assert code == 1
    assert lines == [
        # Its place and code only: nothing the named file holds is echoed.
        "r.yaml:4:14: E707 owners_from 'a.yaml' cannot be used: line 1: E113 a required field "
        "is missing; name an assessment that `selfassess check` accepts, relative to this register",
        "1 error, 0 warnings in 1 file.",
    ]


def test_the_example_register_checks_clean() -> None:
    import datetime as dt

    from selfassess.check.dispatch import check_files

    report = check_files([ROOT / "casework" / "ombudsman-2024-25.yaml"], dt.date(2025, 7, 1))
    assert report.problems == []
