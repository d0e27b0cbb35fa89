"""Each check rule through the command line: one case that fires it, one that does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, Run, write

CLEAN = (FIXTURES / "mini" / "clean.yaml").read_text(encoding="utf-8")
DRAFT = CLEAN.replace("status: approved", "status: draft")
NO_6_10 = """  6.10:
    comply: no
    explanation: The stage 2 letter is being rewritten.
    compliance_date: 2025-10-31
"""


def check(run: Run, text: str, *extra: str) -> tuple[int, list[str]]:
    write(Path.cwd(), "a.yaml", text)
    result = run("check", "--as-of", "2025-07-01", *extra, "a.yaml")
    return result.exit_code, result.output.splitlines()


FIRES = {
    "E201 unknown edition": (
        CLEAN.replace("code: mini-code", "code: hos-chc-2023"),
        "a.yaml:2:7: E201 unknown Code edition 'hos-chc-2023' (known: hos-chc-2022, hos-chc-2024, lgsco-chc-2024, mini-code, mini-draft)",
    ),
    "E202 unknown provision": (
        CLEAN.replace("  1.2:\n", "  1.2:\n    comply: yes\n    evidence: [x]\n  1.9:\n"),
        "a.yaml:18:3: E202 mini-code has no provision 1.9 (the nearest is 1.2)",
    ),
    "E203 unanswered": (
        DRAFT.replace("  1.2:\n    comply: yes\n", "  1.2:\n    comply:\n"),
        "a.yaml:15:3: E203 provision 1.2 (First requirement) has no answer; add comply: yes or no",
    ),
    "E204 no without explanation": (
        CLEAN.replace("    explanation: The stage 2 letter is being rewritten.\n", ""),
        "a.yaml:25:5: E204 provision 6.10 is answered no but has no explanation; the Code requires a "
        "detailed explanation: add explanation: saying why, and what is in place meanwhile",
    ),
    "E205 no without compliance date": (
        CLEAN.replace("    compliance_date: 2025-10-31\n", ""),
        "a.yaml:25:5: E205 provision 6.10 is answered no but has no compliance_date; add the date by "
        "which the landlord intends to comply (YYYY-MM-DD)",
    ),
    "E206 action without owner": (
        CLEAN.replace("        owner: hoc\n", ""),
        "a.yaml:29:9: E206 an action for 6.10 has no owner; add owner: <a key of owners>",
    ),
    "E206 action without due date": (
        CLEAN.replace("        due: 2025-09-30\n", ""),
        "a.yaml:29:9: E206 an action for 6.10 has no due date; add due: YYYY-MM-DD",
    ),
    "E207 owner not in owners": (
        CLEAN.replace("owner: hoc", "owner: ceo"),
        "a.yaml:30:16: E207 owner 'ceo' is not in owners (known: hoc)",
    ),
    "W301 overdue action": (
        CLEAN.replace("due: 2025-09-30", "due: 2025-06-30"),
        "a.yaml:31:9: W301 action for 6.10 was due 2025-06-30 and is in progress",
    ),
    "W302 compliance date passed": (
        CLEAN.replace("compliance_date: 2025-10-31", "compliance_date: 2025-06-30"),
        "a.yaml:27:5: W302 provision 6.10: compliance_date 2025-06-30 has passed and the answer is "
        "still no; update the answer or set a new date",
    ),
    "W303 yes without evidence": (
        CLEAN.replace("    evidence:\n      - Complaints policy, paragraph 2\n", ""),
        "a.yaml:16:5: W303 provision 1.2 is answered yes with no evidence; the Ombudsman expects "
        "every statement to be supported by evidence",
    ),
    "W304 yes speaking of the future": (
        CLEAN.replace(
            "  6.1:\n", "  6.1:\n    commentary: A new procedure will be adopted in May.\n"
        ),
        "a.yaml:20:5: W304 provision 6.1 is answered yes but its commentary says 'will be'; if the "
        "work is not done yet, answer no with a compliance date",
    ),
    "W305 evidence file missing": (
        CLEAN.replace("url: https://example.org/procedure", "path: evidence/procedure.pdf"),
        "a.yaml:23:9: W305 evidence file 'evidence/procedure.pdf' does not exist (looked in {dir})",
    ),
    "W306 approved without approval": (
        CLEAN.replace('  approval: {date: 2025-06-01, minute: "Board minute 1/25"}\n', ""),
        "a.yaml:7:1: W306 status is approved but governance.approval is missing; record the "
        "governing body's approval (date and minute)",
    ),
    "W307 more than a year old": (
        CLEAN.replace("assessed_on: 2025-05-01", "assessed_on: 2024-06-30"),
        "a.yaml:8:1: W307 assessed on 2024-06-30, more than 12 months before 2025-07-01; the Code "
        "requires a self-assessment every year",
    ),
    "E207 owner when the file defines no owners": (
        CLEAN.replace(
            "owners:\n  hoc: {role: Head of Complaints, name: A. Person, email: a.person@example.org}\n",
            "",
        ),
        "a.yaml:28:16: E207 owner 'hoc' is not in owners, and the file defines none; add at the "
        "top level owners: {hoc: {role: ..., name: ..., email: ...}} (the role is what the "
        "published documents show)",
    ),
    "E112 a period not written YYYY-YY": (
        CLEAN.replace("period: 2024-25", "period: 2024/25"),
        "a.yaml:6:9: E112 period: expected the year assessed written YYYY-YY, such as 2024-25 "
        "(April to March), found '2024/25'; write 2024-25",
    ),
    "W321 a draft recording an approval": (
        DRAFT,
        "a.yaml:7:1: W321 status is draft but governance.approval records an approval on "
        "1 June 2025; set status: approved if the governing body has approved this assessment, "
        "or remove the approval until it does (a draft's documents leave the approval out)",
    ),
    "W322 a yes with an explanation": (
        CLEAN.replace(
            "      - Complaints policy, paragraph 2\n",
            "      - Complaints policy, paragraph 2\n    explanation: Being rewritten.\n",
        ),
        "a.yaml:19:5: W322 provision 1.2 is answered yes but has explanation, which the "
        "documents publish only for a no; remove it, or answer no if the provision is not met yet",
    ),
    "W309 marked for review": (
        CLEAN.replace("  6.1:\n", "  6.1:\n    review: the Code's wording changed\n"),
        "a.yaml:20:5: W309 provision 6.1 needs review: the Code's wording changed; remove the "
        "review line once checked",
    ),
    "W310 unsafe link": (
        CLEAN.replace("url: https://example.org/procedure", "url: 'JaVaScRiPt:alert(1)'"),
        "a.yaml:23:14: W310 link 'JaVaScRiPt:alert(1)' is not http, https, mailto or a relative "
        "path; it will be published as plain text",
    ),
    "W310 a Windows network path, its backslashes shown as typed": (
        CLEAN.replace("url: https://example.org/procedure", "url: '\\\\server\\share\\p.docx'"),
        "a.yaml:23:14: W310 link '\\\\server\\share\\p.docx' is not http, https, mailto or a "
        "relative path; it will be published as plain text",
    ),
    "W320 a web address without https://": (
        CLEAN.replace("url: https://example.org/procedure", "url: www.example.org.uk/procedure"),
        "a.yaml:23:14: W320 link 'www.example.org.uk/procedure' is a web address without https://, "
        "which a browser would look for inside the site the page is published on; write "
        "'https://www.example.org.uk/procedure' (render publishes it with https:// added)",
    ),
    "W320 a host name without www, in a link in the commentary": (
        CLEAN.replace(
            "      - Complaints policy, paragraph 2\n",
            "      - Complaints policy, paragraph 2\n    commentary: See [it](example.gov.uk/p).\n",
        ),
        "a.yaml:19:17: W320 link 'example.gov.uk/p' is a web address without https://, which a "
        "browser would look for inside the site the page is published on; write "
        "'https://example.gov.uk/p' (render publishes it with https:// added)",
    ),
    "W312 unknown provision in an incomplete edition": (
        CLEAN.replace("code: mini-code", "code: mini-draft").replace(
            "  1.2:\n", "  1.3:\n    comply: yes\n    evidence: [x]\n  1.2:\n"
        ),
        "a.yaml:15:3: W312 mini-draft as bundled has no provision 1.3 (the nearest is 1.2); if the "
        "Ombudsman's form has it, run 'selfassess code import FORM.docx --edition mini-draft' to add it",
    ),
    "W313 unanswered provision without bundled text": (
        DRAFT.replace("code: mini-code", "code: mini-draft").split("  6.10:")[0],
        "a.yaml:14:1: W313 no answer for 1 provision whose Code text is not bundled (6.10); answer "
        "them as the Ombudsman's form asks",
    ),
    "W314 submitted while a draft": (
        DRAFT.replace("assessed_on:", "submitted_on: 2025-06-20\nassessed_on:"),
        "a.yaml:8:1: W314 submitted_on is set but status is draft; the Ombudsman is sent the "
        "approved assessment: set status: approved (or published)",
    ),
    "W314 a reference without a date": (
        CLEAN.replace("assessed_on:", "submission_reference: HOS-1\nassessed_on:"),
        "a.yaml:8:1: W314 submission_reference is set but submitted_on is not; add the date it "
        "was submitted",
    ),
    "E210 approved with a provision unanswered": (
        CLEAN.replace("  1.2:\n    comply: yes\n", "  1.2:\n    comply:\n"),
        "a.yaml:15:3: E210 provision 1.2 (First requirement) has no answer, and status is "
        "approved: an approved or published assessment needs an answer to each provision it assesses; add "
        "comply: yes or no, or set status: draft",
    ),
    "E210 published with a provision unanswered whose text is not bundled": (
        CLEAN.replace("code: mini-code", "code: mini-draft")
        .replace("status: approved", "status: published")
        .split("  6.10:")[0],
        "a.yaml:14:1: E210 provision 6.10 (Stage two requirement) has no answer, and status is "
        "published: an approved or published assessment needs an answer to each provision it assesses; add "
        "comply: yes or no, or set status: draft",
    ),
}


@pytest.mark.parametrize("case", FIRES, ids=list(FIRES))
def test_rule_fires(run: Run, mini: Path, case: str) -> None:
    text, expected = FIRES[case]
    code, lines = check(run, text)
    found = [line for line in lines if line.split(": ", 1)[-1].startswith(case.split()[0])]
    assert found == [expected.replace("{dir}", str(mini.resolve()))], lines
    assert code == (1 if case.startswith("E") else 0)


def test_clean_file_fires_no_rule(run: Run, mini: Path) -> None:
    assert check(run, CLEAN) == (0, ["No problems in 1 file."])


def test_strict_fails_on_warnings(run: Run, mini: Path) -> None:
    text = CLEAN.replace("due: 2025-09-30", "due: 2025-06-30")
    assert check(run, text)[0] == 0
    assert check(run, text, "--strict")[0] == 1


def test_done_action_is_not_overdue(run: Run, mini: Path) -> None:
    text = CLEAN.replace("due: 2025-09-30", "due: 2025-06-30").replace("in progress", "done")
    assert check(run, text) == (0, ["No problems in 1 file."])


def test_passed_compliance_date_on_a_yes_is_fine(run: Run, mini: Path) -> None:
    text = CLEAN.replace("comply: no", "comply: yes\n    evidence: [Letter]").replace(
        "compliance_date: 2025-10-31", "compliance_date: 2025-06-30"
    )
    # No W302 (the date passed while still no); the yes only keeps fields a no publishes.
    code, lines = check(run, text)
    assert code == 0 and [line.split(" ")[1] for line in lines[:-1]] == ["W322"]


def test_no_without_evidence_is_fine(run: Run, mini: Path) -> None:
    assert "W303" not in "\n".join(check(run, CLEAN)[1])


def test_yes_commentary_in_present_tense_is_fine(run: Run, mini: Path) -> None:
    text = CLEAN.replace(
        "  6.1:\n", "  6.1:\n    commentary: Every complaint is logged on day one.\n"
    )
    assert check(run, text) == (0, ["No problems in 1 file."])


def test_existing_evidence_file_is_fine(run: Run, mini: Path) -> None:
    (mini / "evidence").mkdir()
    (mini / "evidence" / "procedure.pdf").write_bytes(b"%PDF")
    text = CLEAN.replace("url: https://example.org/procedure", "path: evidence/procedure.pdf")
    assert check(run, text) == (0, ["No problems in 1 file."])


def test_evidence_outside_the_repository(run: Run, mini: Path) -> None:
    (mini / ".git").mkdir()
    text = CLEAN.replace("url: https://example.org/procedure", "path: ../../etc/passwd")
    assert check(run, text)[1][0] == (
        f"a.yaml:23:9: W311 evidence path '../../etc/passwd' points outside the repository ({mini.resolve()})"
    )


def test_draft_without_approval_is_fine(run: Run, mini: Path) -> None:
    text = CLEAN.replace("status: approved", "status: draft").replace(
        '  approval: {date: 2025-06-01, minute: "Board minute 1/25"}\n', ""
    )
    assert check(run, text) == (0, ["No problems in 1 file."])


def test_missing_code_text_is_one_warning_per_file(run: Run, mini: Path) -> None:
    code, lines = check(run, CLEAN.replace("code: mini-code", "code: mini-draft"))
    assert (code, lines) == (
        0,
        [
            "a.yaml:2:7: W308 Code text is not bundled for 1 provision of mini-draft, so "
            "documents show a summary and a link to the Code; 'selfassess code list mini-draft' "
            "shows which",
            "0 errors, 1 warning in 1 file.",
        ],
    )


def test_2022_numbering_in_a_2024_assessment_is_named(run: Run, project: Path) -> None:
    example = next((project / "assessments").glob("*.yaml"))
    text = example.read_text(encoding="utf-8").replace(
        '  "1.2":\n', '  "1.9":\n    comply: yes\n    evidence: [x]\n  "1.2":\n', 1
    )
    write(project, "a.yaml", text)
    result = run("check", "--as-of", "2025-07-01", "a.yaml")
    w312 = [line for line in result.output.splitlines() if " W312 " in line]
    assert len(w312) == 1
    assert (
        "(1.9 is hos-chc-2022 numbering; in hos-chc-2024 it is 2.4; run 'selfassess migrate FILE --to hos-chc-2024')"
        in w312[0]
    )


ONE_RUN = """schema_version: 1
code: mini-code
landlord: {name: Test Homes, homes: 500}
period: 2024-25
status: draft
assessed_on: 1 May 2025
owners:
  hoc: {role: Head of Complaints}
responses:
  1.2:
    comply: partly
    evidnce: [Complaints policy]
  6.1:
    comply: no
    actions:
      - {do: Rewrite the procedure, owner: ceo, due: 2025-09-30}
  6.10:
    comply: no
    explanation: The stage 2 letter is being rewritten.
    compliance_date: 31/10/2025
"""


def test_schema_problems_do_not_hide_the_rules_of_other_answers(run: Run, mini: Path) -> None:
    assert check(run, ONE_RUN) == (
        1,
        [
            "a.yaml:6:14: E112 assessed_on: expected a date written YYYY-MM-DD, found '1 May 2025'",
            "a.yaml:11:13: E115 responses.\"1.2\".comply must be yes or no, found 'partly'; the "
            "Ombudsman's form has no other answer: answer no and explain what is in place",
            "a.yaml:12:5: E114 unknown field 'evidnce' in responses.\"1.2\"; did you mean "
            "'evidence'?",
            "a.yaml:14:5: E204 provision 6.1 is answered no but has no explanation; the Code "
            "requires a detailed explanation: add explanation: saying why, and what is in place "
            "meanwhile",
            "a.yaml:14:5: E205 provision 6.1 is answered no but has no compliance_date; add the "
            "date by which the landlord intends to comply (YYYY-MM-DD)",
            "a.yaml:16:44: E207 owner 'ceo' is not in owners (known: hoc)",
            'a.yaml:20:22: E112 responses."6.10".compliance_date: expected a date written '
            "YYYY-MM-DD, found '31/10/2025'; write 2025-10-31",
            "7 errors, 0 warnings in 1 file.",
        ],
    )


ONE_ANSWER = """  6.10:
    comply: no
    compliance_date: 31/10/2025
    actions:
      - {do: Rewrite the stage 2 letter, owner: ceo, due: 30/09/2025}
"""


def test_a_type_error_in_one_field_does_not_hide_the_same_answer_s_other_problems(
    run: Run, mini: Path
) -> None:
    text = CLEAN.split("  6.10:\n")[0] + ONE_ANSWER
    assert check(run, text) == (
        1,
        [
            "a.yaml:25:5: E204 provision 6.10 is answered no but has no explanation; the Code "
            "requires a detailed explanation: add explanation: saying why, and what is in place "
            "meanwhile",
            'a.yaml:26:22: E112 responses."6.10".compliance_date: expected a date written '
            "YYYY-MM-DD, found '31/10/2025'; write 2025-10-31",
            "a.yaml:28:49: E207 owner 'ceo' is not in owners (known: hoc)",
            'a.yaml:28:59: E112 responses."6.10".actions[1].due: expected a date written '
            "YYYY-MM-DD, found '30/09/2025'; write 2025-09-30",
            "4 errors, 0 warnings in 1 file.",
        ],
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-09-31", "'2026-09-31' is not a date: September 2026 has 30 days; write YYYY-MM-DD"),
        ("2025-02-29", "'2025-02-29' is not a date: February 2025 has 28 days; write YYYY-MM-DD"),
        ("2025-13-01", "'2025-13-01' is not a date: there is no month 13; write YYYY-MM-DD"),
        ("1 May 2025", "expected a date written YYYY-MM-DD, found '1 May 2025'"),
    ],
)
def test_a_date_that_is_not_a_date_says_why(run: Run, mini: Path, text: str, message: str) -> None:
    code, lines = check(
        run, CLEAN.replace("compliance_date: 2025-10-31", f"compliance_date: {text}")
    )
    assert code == 1
    assert lines[0] == f'a.yaml:27:22: E112 responses."6.10".compliance_date: {message}'


def test_a_file_whose_required_fields_are_broken_reports_only_those(run: Run, mini: Path) -> None:
    text = ONE_RUN.replace("landlord: {name: Test Homes, homes: 500}\n", "landlord: [Test]\n")
    code, lines = check(run, text)
    assert code == 1
    assert [line.split(" ")[1] for line in lines[:-1]] == ["E112", "E112", "E115", "E114", "E112"]


@pytest.mark.parametrize(
    ("broken", "quiet"),
    [
        (CLEAN.replace("{role: Head of Complaints,", "{rle: Head of Complaints,"), "E207"),
        (CLEAN.replace("date: 2025-06-01", "date: 1 June 2025"), "W306"),
        (CLEAN.replace("responses:\n", "responses: oops\nx:\n", 1), "E203"),
    ],
    ids=["owner", "approval", "responses"],
)
def test_a_problem_outside_the_answers_does_not_bring_follow_on_problems(
    run: Run, mini: Path, broken: str, quiet: str
) -> None:
    code, lines = check(run, broken)
    assert code == 1
    assert lines[-1].startswith("1 error,") or lines[-1].startswith("2 errors,"), lines
    assert not [line for line in lines if f" {quiet} " in line], lines


def test_a_problem_outside_the_answers_still_lets_their_rules_run(run: Run, mini: Path) -> None:
    text = CLEAN.replace("date: 2025-06-01", "date: 1 June 2025").replace(
        "    explanation: The stage 2 letter is being rewritten.\n", ""
    )
    codes = [line.split(" ")[1] for line in check(run, text)[1][:-1]]
    assert codes == ["E112", "E204"]
