"""`selfassess init`: a blank assessment, or one carried on from last year's."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES, Run
from selfassess.cycle.start import last_completed_period, next_period, slug
from selfassess.models import Assessment
from selfassess.validate import validate
from selfassess.yamlio import load_file

OUT = Path("assessments/riverside-homes-2025-26.yaml")


def load(path: Path) -> Assessment:
    return validate(load_file(path), Assessment)


def test_blank_assessment_lists_every_assessed_provision(run: Run, project: Path) -> None:
    result = run(
        "init", "--code", "hos-chc-2024", "--landlord", "Riverside Homes", "--period", "2025-26"
    )
    assert result.exit_code == 0
    assert result.output == (
        f"Wrote {OUT}.\n72 provisions to answer; run 'selfassess check' as you go.\n"
    )
    text = OUT.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../schemas/assessment.schema.json\n"
        "# Self-assessment of Riverside Homes for 2025-26 against\n"
        "# Complaint Handling Code (hos-chc-2024). Work down the responses: comply: yes or no;\n"
        "# evidence: a list; commentary: text. For a no, add explanation, compliance_date and\n"
        "# actions. Run 'selfassess check' on this file as you go.\n"
        "schema_version: 1\n"
        "code: hos-chc-2024\n"
        "landlord:\n"
        "  name: Riverside Homes\n"
        "period: 2025-26\n"
        "status: draft\n"
        "responses:\n"
        "  # Section 1: Definition of a complaint\n"
        '  "1.2":  # Use the Code\'s definition of a complaint\n'
        "    comply: null\n"
        '  "1.3":  # Offer the choice to complain; handle third-party complaints\n'
        "    comply: null\n"
    )
    assert '"1.1"' not in text
    assessment = load(OUT)
    assert len(assessment.responses) == 72
    assert all(r.comply is None for r in assessment.responses.values())


def test_check_reports_every_blank_answer(run: Run, project: Path) -> None:
    run("init", "--landlord", "Riverside Homes", "--period", "2025-26", "--homes", "640")
    output = run("check", "--as-of", "2026-05-01", str(OUT)).output
    errors = re.findall(r"E203 provision (\S+) ", output)
    warned = re.search(r"W313 no answer for (\d+) provisions", output)
    assert warned is not None
    assert len(errors) + int(warned[1]) == 72
    assert load(OUT).landlord.homes == 640


def test_refuses_to_overwrite_without_force(run: Run, project: Path) -> None:
    args = ("init", "--landlord", "Riverside Homes", "--period", "2025-26")
    run(*args)
    OUT.write_text(OUT.read_text(encoding="utf-8") + "# my notes\n", encoding="utf-8")
    refused = run(*args)
    assert refused.exit_code == 1
    assert refused.output == (
        f"Error: {OUT} already exists; use --force to replace it (a .bak copy is kept)\n"
    )
    assert run(*args, "--force").output.startswith(
        f"Wrote {OUT} (the previous version is kept as {OUT}.bak).\n"
    )
    assert Path(f"{OUT}.bak").read_text(encoding="utf-8").endswith("# my notes\n")


def test_output_option_and_standard_output(run: Run, project: Path) -> None:
    assert run("init", "--landlord", "R", "--period", "2025-26", "-o", "x/new.yaml").exit_code == 0
    assert load(Path("x/new.yaml")).landlord.name == "R"
    result = run("init", "--landlord", "R", "--period", "2025-26", "-o", "-")
    assert result.stdout.startswith("# yaml-language-server:")
    assert "72 provisions to answer" in result.stderr


def test_usage_errors(run: Run, project: Path) -> None:
    no_name = run("init", "--code", "hos-chc-2024")
    assert no_name.exit_code == 2
    assert "give the landlord's name with --landlord" in no_name.output
    unknown = run("init", "--code", "hos-chc-1999", "--landlord", "R")
    assert unknown.exit_code == 2
    assert (
        "unknown Code edition 'hos-chc-1999' (known: hos-chc-2022, hos-chc-2024, lgsco-chc-2024)"
        in unknown.output
    )


def test_from_last_year_carries_answers_and_resets_the_year(run: Run, project: Path) -> None:
    last_path = Path("assessments") / EXAMPLE.name
    result = run("init", "--from", str(last_path))
    new_path = Path("assessments/example-borough-council-2025-26.yaml")
    assert result.output == (
        f"Wrote {new_path}.\n"
        f"72 answers carried from {last_path}; 0 provisions to answer; run 'selfassess check' as you go.\n"
    )
    last, new = load(last_path), load(new_path)
    assert (new.period, new.status, new.code) == ("2025-26", "draft", "hos-chc-2024")
    assert (new.assessed_on, new.published_on, new.next_review) == (None, None, None)
    assert new.governance.approval is None and new.governance.response is None
    assert new.governance.governing_body == "Cabinet"
    assert new.owners == last.owners
    for pid, response in last.responses.items():
        carried = new.responses[pid]
        assert (carried.comply, carried.evidence, carried.commentary) == (
            response.comply,
            response.evidence,
            response.commentary,
        )
        assert carried.actions == [a for a in response.actions if a.status != "done"]
    done = [(h.provision, h.do, h.period) for h in new.history]
    assert done == [
        (
            "6.6",
            "Add a named contact for each outstanding action to the stage 1 response template",
            "2024-25",
        )
    ]
    assert "Started from assessments/example-borough-council-2024-25.yaml" in new_path.read_text(
        encoding="utf-8"
    )


def test_from_a_2022_assessment_migrates_first(run: Run, project: Path) -> None:
    legacy = shutil.copy(FIXTURES / "cycle" / "northvale-2022-23.yaml", "assessments/")
    result = run("init", "--from", str(legacy), "--code", "hos-chc-2024")
    assert result.exit_code == 0
    new = load(Path("assessments/northvale-housing-association-2023-24.yaml"))
    assert new.code == "hos-chc-2024"
    assert new.responses["3.4"].comply == "no"
    assert new.responses["6.7"].review is None
    assert new.responses["1.2"].review == "the Code's wording changed (was 1.2 of hos-chc-2022)"
    assert [r.id for r in new.retired] == ["4.3", "5.11"]
    assert [h.do for h in new.history] == ["Add a complaints link to the website footer"]


def test_periods_and_names() -> None:
    assert last_completed_period(dt.date(2025, 5, 20)) == "2024-25"
    assert last_completed_period(dt.date(2025, 3, 31)) == "2023-24"
    assert last_completed_period(dt.date(2000, 1, 1)) == "1998-99"
    assert [next_period(p) for p in ("2024-25", "2099-00", "2024", "odd")] == [
        "2025-26",
        "2100-01",
        "2025",
        "odd-next",
    ]
    assert slug("St. Mary's Housing Co-op (North)") == "st-mary-s-housing-co-op-north"


def test_from_an_edition_with_no_map_is_a_located_problem(run: Run, project: Path) -> None:
    last = "assessments/example-borough-council-2024-25.yaml"
    result = run("init", "--from", last, "--code", "hos-chc-2022", "-o", "new.yaml")
    assert (result.exit_code, result.output) == (
        1,
        f"{last}:3:7: E230 no edition map from hos-chc-2024 to hos-chc-2022 "
        "(looked for maps/hos-chc-2024--hos-chc-2022.yaml in code_requirements)\n",
    )
    assert not (project / "new.yaml").exists()


@pytest.mark.parametrize(
    ("period", "hint"),
    [
        ("2025/26", "; write 2025-26"),
        ("2025-2026", "; write 2025-26"),
        ("2025", "; for the year ending March 2025, write 2024-25"),
    ],
)
def test_init_refuses_a_period_not_written_yyyy_yy(
    run: Run, project: Path, period: str, hint: str
) -> None:
    result = run("init", "--landlord", "R", "--period", period)
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2,
        "Error: Invalid value for '--period': expected the year assessed written YYYY-YY, such "
        f"as 2024-25 (April to March), found '{period}'{hint}",
    )
    assert not (project / "assessments" / "r-2025-26.yaml").exists()


def test_init_from_keeps_numbers_as_written_and_the_user_s_comments(
    run: Run, project: Path
) -> None:
    last = project / "assessments" / EXAMPLE.name
    text = last.read_text("utf-8").replace(
        '  "6.3":\n    comply: no\n',
        '  "6.3":\n    # Checked with the repairs team in May.\n    comply: no  # see the audit\n',
    )
    last.write_text(text, "utf-8")
    assert run("init", "--from", f"assessments/{EXAMPLE.name}").exit_code == 0
    new = (project / "assessments" / "example-borough-council-2025-26.yaml").read_text("utf-8")
    assert "  threshold: 95\n" in new
    assert '  "6.3":  # ' in new and "    # Checked with the repairs team in May.\n" in new
    assert "    comply: no  # see the audit\n" in new
    theirs = {line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line}
    theirs -= {"yaml-language-server: $schema=../schemas/assessment.schema.json"}
    ours = {line.split("#", 1)[1].strip() for line in new.splitlines() if "#" in line}
    assert theirs <= ours, theirs - ours
    assert validate(
        load_file(project / "assessments" / "example-borough-council-2025-26.yaml"), Assessment
    )
