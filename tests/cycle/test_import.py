"""`selfassess import`: a completed Word self-assessment into YAML, and back through render."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, Run
from formbuilder import Row, build_form
from selfassess.code.catalogue import Catalogue
from selfassess.dates import year_after
from selfassess.models import Assessment, CodeEdition, Evidence, EvidenceItem
from selfassess.validate import validate
from selfassess.wordform.readrow import read_answer, read_date
from selfassess.yamlio import load_file
from selfassess.yamlout import dump_assessment

CATALOGUE = Catalogue((ROOT / "code_requirements",))
POLICY = "https://www.example.org/complaints-policy"
PAGE = "https://www.example.org/complaints"


def edition(edition_id: str) -> CodeEdition:
    found = CATALOGUE.edition(edition_id)
    assert found is not None
    return found


def load(path: str | Path) -> Assessment:
    return validate(load_file(Path(path)), Assessment)


def rows_for(edition_id: str, special: dict[str, Row]) -> list[Row]:
    """Return a row per assessed provision, answered yes unless given specially."""
    rows = []
    code = edition(edition_id)
    for section, provision in code.provisions():
        if not provision.assessed:
            continue
        row = special.get(provision.id) or Row(
            provision.id,
            "",
            "Yes",
            [f"Evidence for {provision.id}"],
            [f"Commentary for {provision.id}."],
        )
        row.requirement = provision.text or provision.summary
        row.part = section.part_of(provision.id)
        row.group = "should" if provision.modality == "should" else "must"
        rows.append(row)
    return rows


def with_text(edition_id: str) -> int:
    return sum(1 for _, p in edition(edition_id).provisions() if p.assessed and p.text)


def titles(edition_id: str) -> dict[int, str]:
    return {s.number: s.title for s in edition(edition_id).sections}


EXPLAINED_NO = Row(
    "1.4",
    "",
    "n",
    ["Draft service request procedure"],
    [
        "Service requests are logged but not reviewed.",
        "Explanation: The review meeting starts in the autumn.",
        "Until then managers check overdue requests weekly.",
        "Intended compliance date: 31 October 2025",
    ],
)
RICH_YES = Row(
    "1.2",
    "",
    "Yes",
    [("Complaints policy, section 2", POLICY), "- Staff guide, page 4"],
    [
        "We use the Code's definition.",
        "It appears in:",
        "- the policy;",
        "- the staff guide.",
        ("our complaints page", PAGE),
    ],
)


def problem_form(folder: Path) -> Path:
    special = {
        "1.2": RICH_YES,
        "1.3": Row("1.3", "", "Y", ["Call guide"], ["Advisers offer the choice."]),
        "1.4": EXPLAINED_NO,
        "1.5": Row("1.5", "", "Partial", ["Repairs log"], ["Mostly done."]),
        "1.6": Row("1.6", "", "", [], ["Not yet assessed."]),
        "2.1": Row("2.1", "", "No", [], ["We refuse some complaints without recording why."]),
    }
    unknown = Row("10.1", "A provision the Code does not have", "Yes", ["Something"], [])
    rows = [*rows_for("hos-chc-2024", special), unknown]
    return build_form(folder / "form-2024.docx", rows, "2024", titles("hos-chc-2024"))


def test_reports_what_it_could_not_read(run: Run, project: Path) -> None:
    form = problem_form(project)
    result = run("import", str(form), "--period", "2024-25")
    assert result.exit_code == 0
    assert result.output == (
        "Wrote assessments/form-2024-2024-25.yaml.\n"
        f"Read 73 provisions from {form} (2024 layout); 71 answered.\n"
        f"Edition hos-chc-2024: 72 of 73 provision numbers and {with_text('hos-chc-2024')} "
        "requirement texts match; "
        "the table layout is the 2024 form's.\n"
        "To do (5); 'selfassess check' lists them too:\n"
        "  1.5: the Comply cell said 'Partial', and the form allows only yes or no\n"
        "  1.6: the Comply cell was blank on the form\n"
        "  2.1: answered no but the form gives no intended compliance date\n"
        "  10.1: hos-chc-2024 has no such provision; kept as written\n"
        "  the landlord's name is not on the form: set landlord.name\n"
    )


def test_answers_evidence_commentary_and_explanation(run: Run, project: Path) -> None:
    run("import", str(problem_form(project)), "--landlord", "Riverside Homes", "-o", "a.yaml")
    answers = load("a.yaml").responses
    assert answers["1.2"].comply == "yes"
    assert answers["1.2"].evidence == [
        EvidenceItem(title="Complaints policy, section 2", url=POLICY),
        "Staff guide, page 4",
    ]
    assert answers["1.2"].commentary == (
        "We use the Code's definition.\n\nIt appears in:\n\n- the policy;\n- the staff guide.\n\n"
        f"[our complaints page]({PAGE})\n"
    )
    assert answers["1.3"].comply == "yes"
    no = answers["1.4"]
    assert (no.comply, str(no.compliance_date)) == ("no", "2025-10-31")
    assert no.commentary == "Service requests are logged but not reviewed.\n"
    assert no.explanation == (
        "The review meeting starts in the autumn.\n\nUntil then managers check overdue requests weekly.\n"
    )
    assert answers["2.1"].explanation == "We refuse some complaints without recording why.\n"
    assert answers["2.1"].commentary is None


def test_never_guesses_an_answer(run: Run, project: Path) -> None:
    run("import", str(problem_form(project)), "-o", "a.yaml")
    answers = load("a.yaml").responses
    assert answers["1.5"].comply is None
    assert answers["1.5"].review == (
        "the Comply cell said 'Partial', and the form allows only yes or no: "
        "answer yes or no, then remove this line"
    )
    assert answers["1.6"].comply is None
    assert answers["1.6"].commentary == "Not yet assessed.\n"


def test_check_lists_the_reported_items_and_passes_once_they_are_answered(
    run: Run, project: Path
) -> None:
    run("import", str(problem_form(project)), "-o", "a.yaml")
    output = run("check", "--as-of", "2025-06-01", "a.yaml").output
    codes = re.findall(r"^a\.yaml:\d+:\d+: (\w+) (?:provision )?(\S+)", output, re.M)
    assert ("E203", "1.5") in codes
    assert ("E205", "2.1") in codes
    assert ("W309", "1.5") in codes and ("W309", "1.6") in codes
    assert "W312 hos-chc-2024 as bundled has no provision 10.1" in output
    assert "W313 no answer for 1 provision whose Code text is not bundled (1.6)" in output
    assessment = load("a.yaml")
    answers = assessment.responses
    for pid in ("1.5", "1.6"):
        answers[pid] = answers[pid].model_copy(
            update={"comply": "yes", "review": None, "evidence": ["Log"]}
        )
    answers["2.1"].compliance_date = answers["1.4"].compliance_date
    del answers["10.1"]
    assessment.landlord.name = "Riverside Homes"
    Path("a.yaml").write_text(dump_assessment(assessment), encoding="utf-8")
    after = run("check", "--as-of", "2025-06-01", "a.yaml")
    assert after.exit_code == 0, after.output
    assert after.output.endswith("0 errors, 2 warnings in 1 file.\n")


def test_a_2022_form_is_detected_as_the_2022_edition(run: Run, project: Path) -> None:
    special = {"1.2": Row("1.2", "", "Yes", [("Policy", POLICY)], ["We use the definition."])}
    form = build_form(
        project / "old.docx", rows_for("hos-chc-2022", special), "2022", titles("hos-chc-2022")
    )
    result = run("import", str(form), "--landlord", "Riverside Homes", "-o", "old.yaml")
    assert "(2022 layout)" in result.output
    assert (
        f"Edition hos-chc-2022: 36 of 36 provision numbers and {with_text('hos-chc-2022')} "
        "requirement texts match; the table layout is the 2022 form's.\n"
    ) in result.output
    imported = load("old.yaml")
    assert imported.code == "hos-chc-2022"
    # The 2022 form has one cell for evidence, commentary and explanations.
    assert imported.responses["1.2"].commentary == f"[Policy]({POLICY})\n\nWe use the definition.\n"


def test_code_option_and_unknown_edition(run: Run, project: Path) -> None:
    form = problem_form(project)
    chosen = run("import", str(form), "--code", "hos-chc-2022", "-o", "x.yaml")
    assert "Edition hos-chc-2022: chosen with --code." in chosen.output
    unknown = run("import", str(form), "--code", "nope", "-o", "y.yaml")
    assert unknown.exit_code == 2
    assert "unknown Code edition 'nope'" in unknown.output


def test_not_a_form(run: Run, project: Path) -> None:
    Path("note.docx").write_bytes(b"not a zip file")
    result = run("import", "note.docx")
    assert result.exit_code == 1
    assert result.output.startswith("note.docx:1:1: E121 ")
    blank = build_form(project / "blank.docx", [], "2024")
    result = run("import", str(blank))
    assert result.exit_code == 1
    assert "E123 no form table found" in result.output


def test_refuses_to_overwrite(run: Run, project: Path) -> None:
    form = problem_form(project)
    assert run("import", str(form), "-o", "a.yaml").exit_code == 0
    assert run("import", str(form), "-o", "a.yaml").exit_code == 1
    assert run("import", str(form), "-o", "a.yaml", "--force").exit_code == 0
    assert Path("a.yaml.bak").exists()


@pytest.mark.parametrize(
    ("cell", "answer"),
    [
        ("Yes", "yes"),
        (" yes. ", "yes"),
        ("Y", "yes"),
        ("NO", "no"),
        ("n", "no"),
        ("", None),
        ("Partial", None),
        ("Yes - mostly", None),
        ("N/A", None),
    ],
)
def test_comply_cells(cell: str, answer: str | None) -> None:
    assert read_answer(cell)[0] == answer


def test_dates() -> None:
    assert str(read_date("31 October 2025")) == "2025-10-31"
    assert str(read_date("1st April 2026.")) == "2026-04-01"
    assert str(read_date("31/03/2026")) == "2026-03-31"
    assert read_date("autumn 2025") is None


# --- Round trips through selfassess's own Word output --------------------------------


def normalised(text: str | None, emphasis: bool = False) -> str:
    """Compare text as Word keeps it: spacing aside, and Markdown emphasis unless asked."""
    plain = text or ""
    if not emphasis:
        plain = re.sub(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1", r"\2", plain)
    return " ".join(plain.split())


def evidence_text(item: Evidence) -> tuple[str, str | None]:
    if isinstance(item, str):
        return normalised(item), None
    return normalised(item.title), item.url


def same_content(first: Assessment, second: Assessment, emphasis: bool = False) -> None:
    assert list(first.responses) == list(second.responses)
    for pid, one in first.responses.items():
        two = second.responses[pid]
        assert one.comply == two.comply, pid
        assert [evidence_text(e) for e in one.evidence] == [
            evidence_text(e) for e in two.evidence
        ], pid
        assert normalised(one.commentary, emphasis) == normalised(two.commentary, emphasis), pid
        assert normalised(one.explanation, emphasis) == normalised(two.explanation, emphasis), pid
        assert one.compliance_date == two.compliance_date, pid


def render_and_import(run: Run, path: Path, name: str) -> Assessment:
    rendered = run("render", str(path), "-o", "out", "--format", "docx", "--as-of", "2025-06-01")
    assert rendered.exit_code == 0, rendered.output
    docx = Path("out") / path.stem / "self-assessment.docx"
    result = run("import", str(docx), "--landlord", "X", "-o", name)
    assert result.exit_code == 0, result.output
    return load(name)


def test_the_example_survives_render_and_import(run: Run, project: Path) -> None:
    original = load(Path("assessments") / EXAMPLE.name)
    again = render_and_import(run, Path("assessments") / EXAMPLE.name, "again.yaml")
    same_content(original, again, emphasis=True)
    assert any("**" in (r.commentary or "") for r in original.responses.values())


@pytest.mark.parametrize("layout", ["2024", "2022"])
def test_a_built_form_survives_import_render_import(run: Run, project: Path, layout: str) -> None:
    edition_id = f"hos-chc-{layout}"
    first_id = next(p.id for _, p in edition(edition_id).provisions() if p.assessed)
    special = {first_id: RICH_YES, "1.4": EXPLAINED_NO}
    for row, pid in ((RICH_YES, first_id), (EXPLAINED_NO, "1.4")):
        row.id = pid
    form = build_form(project / "f.docx", rows_for(edition_id, special), layout, titles(edition_id))
    assert (
        run("import", str(form), "--landlord", "X", "-o", "assessments/first.yaml").exit_code == 0
    )
    first = load("assessments/first.yaml")
    assert first.responses["1.4"].comply == "no"
    second = render_and_import(run, Path("assessments/first.yaml"), "second.yaml")
    same_content(first, second)


def public_actions(assessment: Assessment) -> dict[str, list[tuple[str, str | None, str, str]]]:
    """Return each answer's actions as the document shows them: owners by role, in date order."""
    shown = {}
    for pid, response in assessment.responses.items():
        shown[pid] = sorted(
            (
                a.do,
                assessment.owners[a.owner].role if a.owner else None,
                str(a.due),
                a.status,
            )
            for a in response.actions
        )  # the action plan lists them by due date
    return shown


PUBLISHED = (
    "status: published\n"
    "published_on: 2025-07-01\n"
    "submitted_on: 2025-06-25\n"
    "submission_reference: HOS-ACK-7\n"
    "assessed_on:"
)


def test_render_then_import_gives_back_everything_the_document_shows(
    run: Run, project: Path
) -> None:
    path = Path("assessments") / EXAMPLE.name
    text = path.read_text(encoding="utf-8").replace("status: approved\nassessed_on:", PUBLISHED)
    path.write_text(text, encoding="utf-8")
    original = load(path)
    rendered = run("render", str(path), "-o", "out", "--format", "docx", "--as-of", "2025-07-01")
    assert rendered.exit_code == 0, rendered.output
    docx = Path("out") / path.stem / "self-assessment.docx"
    result = run("import", str(docx), "--as-of", "2026-09-01", "-o", "again.yaml")
    assert result.exit_code == 0, result.output
    assert "landlord's name" not in result.output
    again = load("again.yaml")
    assert again.landlord == original.landlord
    assert (again.period, again.status, again.code) == ("2024-25", "published", "hos-chc-2024")
    dates = ("assessed_on", "published_on", "submitted_on", "submission_reference")
    assert [getattr(again, d) for d in dates] == [getattr(original, d) for d in dates]
    # The example's next review is the default (a year after assessment), so it is left implied.
    assert again.assessed_on is not None and original.next_review is not None
    assert (again.next_review, year_after(again.assessed_on)) == (None, original.next_review)
    assert again.governance.model_dump(exclude={"response"}) == original.governance.model_dump(
        exclude={"response"}
    )
    assert normalised(again.governance.response, emphasis=True) == normalised(
        original.governance.response, emphasis=True
    )
    assert public_actions(again) == public_actions(original)
    assert sum(len(a) for a in public_actions(again).values()) == 12
    same_content(original, again, emphasis=True)
    checked = run("check", "--as-of", "2025-07-01", "again.yaml")
    assert checked.output.endswith("0 errors, 1 warning in 1 file.\n"), checked.output


def test_check_refuses_the_placeholder_landlord(run: Run, project: Path) -> None:
    run("import", str(problem_form(project)), "-o", "a.yaml")
    assert load("a.yaml").landlord.name == "Name of landlord"
    output = run("check", "--as-of", "2025-06-01", "a.yaml").output
    assert (
        "a.yaml:6:9: E212 landlord.name is still the placeholder 'Name of landlord' (the form did "
        "not say the landlord's name); write the landlord's name as it should be published\n"
    ) in output
