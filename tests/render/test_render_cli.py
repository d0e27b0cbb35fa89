"""selfassess render as a user meets it: outputs, messages, exit codes, drafts, reproducibility."""

from __future__ import annotations

import csv
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import docx
import lxml.html
import pytest

from conftest import FIXTURES, Run, write
from renderkit import docx_text, html_text, markdown_text

CLEAN_TEXT = (FIXTURES / "mini" / "clean.yaml").read_text(encoding="utf-8")

CLEAN = (FIXTURES / "mini" / "clean.yaml").read_text(encoding="utf-8")
NO_EXPLANATION = CLEAN.replace("    explanation: The stage 2 letter is being rewritten.\n", "")
E204 = (
    "draft.yaml:25:5: E204 provision 6.10 is answered no but has no explanation; the Code "
    "requires a detailed explanation: add explanation: saying why, and what is in place meanwhile"
)
EVERY_OUTPUT = [
    "gaps.csv",
    "gaps.html",
    "gaps.md",
    "gaps.xlsx",
    "sections/governance.html",
    "sections/index.html",
    "sections/section-1.html",
    "sections/section-6.html",
    "self-assessment.docx",
    "self-assessment.html",
    "self-assessment.md",
    "submission.csv",
    "submission.xlsx",
    "summary.json",
]


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_render_writes_every_output(run: Run, mini: Path) -> None:
    result = run("render", "--as-of", "2025-07-01", "clean.yaml")
    assert result.exit_code == 0
    assert result.output == (
        "wrote build/clean/self-assessment.html\n"
        "wrote build/clean/sections/ (4 fragments)\n"
        "wrote build/clean/self-assessment.md\n"
        "wrote build/clean/self-assessment.docx\n"
        "wrote build/clean/gaps.md\n"
        "wrote build/clean/gaps.html\n"
        "wrote build/clean/gaps.csv\n"
        "wrote build/clean/gaps.xlsx\n"
        "wrote build/clean/submission.csv\n"
        "wrote build/clean/submission.xlsx\n"
        "wrote build/clean/summary.json\n"
    )
    assert _files(mini / "build" / "clean") == EVERY_OUTPUT


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_every_output_gets_the_mode_the_umask_gives(
    run: Run, mini: Path, umask: int, mode: int
) -> None:
    previous = os.umask(umask)
    try:
        result = run("render", "--as-of", "2025-07-01", "clean.yaml")
    finally:
        os.umask(previous)
    assert result.exit_code == 0
    folder = mini / "build" / "clean"
    modes = {name: stat.S_IMODE((folder / name).stat().st_mode) for name in EVERY_OUTPUT}
    assert modes == dict.fromkeys(EVERY_OUTPUT, mode)


def test_output_folder_and_formats(run: Run, mini: Path) -> None:
    result = run(
        "render", "--as-of", "2025-07-01", "-o", "site", "--format", "md,submission", "clean.yaml"
    )
    assert result.exit_code == 0
    assert result.output == (
        "wrote site/clean/self-assessment.md\nwrote site/clean/submission.csv\n"
        "wrote site/clean/submission.xlsx\n"
    )
    assert _files(mini / "site" / "clean") == [
        "self-assessment.md",
        "submission.csv",
        "submission.xlsx",
    ]


def test_unknown_format_is_a_usage_error(run: Run, mini: Path) -> None:
    result = run("render", "--format", "html,pdf", "clean.yaml")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: unknown format pdf; choose from html, sections, md, docx, gaps, submission, "
        "summary or all\n"
    )


def test_errors_skip_that_file_and_exit_1(run: Run, mini: Path) -> None:
    write(mini, "draft.yaml", NO_EXPLANATION)
    result = run("render", "--as-of", "2025-07-01", "--format", "md", "draft.yaml", "clean.yaml")
    assert result.exit_code == 1
    assert result.output == (
        f"{E204}\n"
        "draft.yaml: not rendered (1 error); fix it, or use --draft\n"
        "wrote build/clean/self-assessment.md\n"
    )
    assert not (mini / "build" / "draft").exists()


def test_a_file_that_does_not_load_is_reported_like_check(run: Run, mini: Path) -> None:
    write(mini, "bad.yaml", CLEAN.replace("comply: Yes", "comply: partial"))
    checked = run("check", "--as-of", "2025-07-01", "bad.yaml").output.splitlines()[0]
    result = run("render", "--as-of", "2025-07-01", "--draft", "bad.yaml")
    assert result.exit_code == 1
    assert (
        result.output == f"{checked}\nbad.yaml: not rendered (1 error); fix it to render a draft\n"
    )


def test_warnings_are_printed_and_rendering_goes_on(run: Run, mini: Path) -> None:
    result = run("render", "--as-of", "2025-10-15", "--format", "submission", "clean.yaml")
    assert result.exit_code == 0
    assert result.output == (
        "clean.yaml:31:9: W301 action for 6.10 was due 2025-09-30 and is in progress\n"
        "wrote build/clean/submission.csv\n"
        "wrote build/clean/submission.xlsx\n"
    )


def test_draft_marks_every_document(run: Run, mini: Path) -> None:
    write(mini, "draft.yaml", NO_EXPLANATION)
    result = run("render", "--as-of", "2025-07-01", "--draft", "draft.yaml")
    assert result.exit_code == 0
    assert result.output.startswith(f"{E204}\nwrote build/draft/self-assessment.html\n")
    folder = mini / "build" / "draft"
    problem = "Error E204 at line 25: provision 6.10 is answered no but has no explanation"
    page = lxml.html.fromstring((folder / "self-assessment.html").read_bytes())
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    # The author's list of problems is in the internal gap list only ...
    for name in ("gaps.html", "gaps.md"):
        text = html_text((folder / name).read_text(encoding="utf-8"))
        assert "Draft — not approved" in text and problem in text, name
    # ... the published documents carry the banner, never a problem code or a line number.
    for text in _published_texts(folder):
        assert "Draft — not approved" in text
        assert "E204" not in text and "line 25" not in text and "selfassess check" not in text
    assert json.loads((folder / "summary.json").read_text(encoding="utf-8"))["draft"] is True


def _published_texts(folder: Path) -> list[str]:
    pages = ("self-assessment.html", "sections/section-6.html", "sections/index.html")
    texts = [html_text((folder / name).read_text(encoding="utf-8")) for name in pages]
    texts.append(markdown_text((folder / "self-assessment.md").read_text(encoding="utf-8")))
    return [*texts, docx_text(folder / "self-assessment.docx")]


def test_a_draft_names_its_unanswered_provisions_in_plain_words(run: Run, mini: Path) -> None:
    text = UNANSWERED_APPROVED.replace("status: approved", "status: draft")
    write(mini, "wip.yaml", text.replace("code: mini-code", "code: mini-draft"))
    result = run("render", "--as-of", "2025-07-01", "wip.yaml")
    # The terminal tells the author about the tool's data; the documents do not.
    assert result.exit_code == 0 and " W308 " in result.output
    for text in _published_texts(mini / "build" / "wip"):
        assert "Not yet answered: 6.10: Stage two requirement" in " ".join(text.split())
        assert not re.search(r"\b[EWI][0-9]{3}\b", text)


def test_status_draft_is_marked_too(run: Run, mini: Path) -> None:
    write(mini, "wip.yaml", CLEAN.replace("status: approved", "status: draft"))
    run("render", "--as-of", "2025-07-01", "--format", "html", "wip.yaml")
    text = (mini / "build" / "wip" / "self-assessment.html").read_text(encoding="utf-8")
    assert "Draft — not approved" in text and 'content="noindex"' in text


UNANSWERED_APPROVED = (
    CLEAN.replace("  6.10:\n    comply: no\n", "  6.10:\n")
    .replace("    explanation: The stage 2 letter is being rewritten.\n", "")
    .replace("    compliance_date: 2025-10-31\n", "")
)


def test_an_approved_assessment_with_an_unanswered_provision_is_not_rendered(
    run: Run, mini: Path
) -> None:
    write(mini, "approved.yaml", UNANSWERED_APPROVED)
    result = run("render", "--as-of", "2025-07-01", "approved.yaml")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "approved.yaml:24:3: E210 provision 6.10 (Stage two requirement) has no answer, and "
        "status is approved: an approved or published assessment needs an answer to each provision it "
        "assesses; add comply: yes or no, or set status: draft"
    )
    assert not (mini / "build" / "approved").exists()


def test_no_document_claims_every_provision_while_some_are_unanswered(run: Run, mini: Path) -> None:
    write(mini, "approved.yaml", UNANSWERED_APPROVED)
    result = run("render", "--as-of", "2025-07-01", "--draft", "approved.yaml")
    assert result.exit_code == 0, result.output
    folder = mini / "build" / "approved"
    said = "No provision is answered No so far, but 1 is not yet answered."
    texts = {
        "html": html_text((folder / "self-assessment.html").read_text(encoding="utf-8")),
        "md": (folder / "self-assessment.md").read_text(encoding="utf-8"),
        "docx": docx_text(folder / "self-assessment.docx"),
    }
    for kind, text in texts.items():
        assert "every provision" not in text, kind
        assert said in text and "Draft — not approved" in text, kind
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert (summary["draft"], summary["counts"]["unanswered"]) == (True, 1)


def test_the_submission_is_in_every_public_document(run: Run, mini: Path) -> None:
    text = CLEAN.replace(
        "assessed_on:", "submitted_on: 2025-06-20\nsubmission_reference: HOS-ACK-0042\nassessed_on:"
    )
    write(mini, "sent.yaml", text)
    assert run("render", "--as-of", "2025-07-01", "sent.yaml").exit_code == 0
    folder = mini / "build" / "sent"
    page = lxml.html.fromstring((folder / "self-assessment.html").read_bytes())
    facts = {
        dt.text_content(): dd.text_content()
        for dt, dd in zip(page.xpath("//dl/dt"), page.xpath("//dl/dd"), strict=True)
    }
    said = "20 June 2025 (acknowledgement reference HOS-ACK-0042)"
    assert facts["Submitted to the Housing Ombudsman"] == said
    markdown = (folder / "self-assessment.md").read_text(encoding="utf-8")
    assert "Submitted to the Housing Ombudsman" in markdown and said in markdown
    assert f"Submitted to the Housing Ombudsman: {said}" in docx_text(
        folder / "self-assessment.docx"
    )
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["submission"] == {"submitted_on": "2025-06-20", "reference": "HOS-ACK-0042"}


def test_submission_and_summary(run: Run, mini: Path) -> None:
    run("render", "--as-of", "2025-07-01", "clean.yaml")
    folder = mini / "build" / "clean"
    with (folder / "submission.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert list(csv.reader(stream)) == [
            ["Code provision", "Comply"],
            ["1.2", "Yes"],
            ["6.1", "Yes"],
            ["6.10", "No"],
        ]
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["schema_version"] == 2
    assert summary["submission"] == {"submitted_on": None, "reference": None}
    assert summary["practice"] is None  # the assessment names no complaints log
    assert summary["counts"] == {"assessed": 3, "yes": 2, "no": 1, "unanswered": 0}
    assert summary["non_compliant"] == [
        {
            "provision": "6.10",
            "summary": "Stage two requirement",
            "modality": "should",
            "compliance_date": "2025-10-31",
        }
    ]
    assert summary["outputs"] == [
        "self-assessment.html",
        "sections/index.html",
        "sections/section-1.html",
        "sections/section-6.html",
        "sections/governance.html",
        "self-assessment.md",
        "self-assessment.docx",
        "gaps.md",
        "gaps.html",
        "gaps.csv",
        "gaps.xlsx",
        "submission.csv",
        "submission.xlsx",
        "summary.json",
    ]


def test_rendering_twice_gives_identical_bytes(run: Run, project: Path) -> None:
    example = "assessments/example-borough-council-2024-25.yaml"
    run("render", "--as-of", "2025-07-01", "-o", "one", example)
    run("render", "--as-of", "2025-07-01", "-o", "two", example)
    one, two = project / "one" / Path(example).stem, project / "two" / Path(example).stem
    assert _files(one) == _files(two)
    for name in _files(one):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_templates_folder_overrides_bundled_templates(run: Run, mini: Path) -> None:
    (mini / "mine" / "partials").mkdir(parents=True)
    write(mini / "mine" / "partials", "response.html", "<p>Our own closing words.</p>\n")
    result = run(
        "render", "--as-of", "2025-07-01", "--format", "html", "--templates", "mine", "clean.yaml"
    )
    assert result.exit_code == 0
    assert "<p>Our own closing words.</p>" in (mini / "build/clean/self-assessment.html").read_text(
        encoding="utf-8"
    )


def test_several_assessments_in_one_call(run: Run, mini: Path) -> None:
    write(mini, "subsidiary.yaml", CLEAN.replace("Test Homes", "Test Homes North"))
    result = run(
        "render", "--as-of", "2025-07-01", "--format", "docx", "clean.yaml", "subsidiary.yaml"
    )
    assert result.exit_code == 0
    assert result.output == (
        "wrote build/clean/self-assessment.docx\nwrote build/subsidiary/self-assessment.docx\n"
    )
    title = docx.Document(str(mini / "build/subsidiary/self-assessment.docx")).paragraphs[0].text
    assert title == "Test Homes North: Test Code self-assessment 2024-25"


def test_a_planted_symlink_is_refused_and_earlier_outputs_kept(run: Run, mini: Path) -> None:
    run("render", "--as-of", "2025-07-01", "--format", "md", "clean.yaml")
    folder = mini / "build" / "clean"
    before = (folder / "self-assessment.md").read_bytes()
    elsewhere = mini / "elsewhere.html"
    (folder / "self-assessment.html").symlink_to(elsewhere)
    result = run("render", "--as-of", "2025-07-01", "--format", "html,md", "clean.yaml")
    assert result.exit_code == 1
    assert "is a symbolic link" in result.output
    assert not elsewhere.exists()
    assert (folder / "self-assessment.md").read_bytes() == before


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script> and <img src=x onerror=alert(1)> and "
        "[a link](javascript:alert(1)) and [ok](https://example.org/ok)",
    ],
)
def test_hostile_commentary_comes_out_inert(run: Run, mini: Path, payload: str) -> None:
    text = CLEAN.replace(
        "      - Complaints policy, paragraph 2\n",
        f"      - Complaints policy, paragraph 2\n    commentary: '{payload}'\n",
    )
    write(mini, "hostile.yaml", text)
    result = run(
        "render", "--as-of", "2025-07-01", "--format", "html,sections,docx", "hostile.yaml"
    )
    assert result.exit_code == 0, result.output
    folder = mini / "build" / "hostile"
    for name in ("self-assessment.html", "sections/section-1.html"):
        markup = (folder / name).read_text(encoding="utf-8")
        tree = lxml.html.fromstring(markup)
        assert not tree.xpath("//script | //img")
        assert not [a for a in tree.xpath("//@*") if a.attrname.startswith("on")]
        hrefs = tree.xpath("//a/@href")
        assert "https://example.org/ok" in hrefs
        assert not [h for h in hrefs if "javascript" in h.lower()]
        assert "<script>alert(1)</script>" in tree.text_content()
        assert "[a link](javascript:alert(1))" in tree.text_content()
    document = docx.Document(str(folder / "self-assessment.docx"))
    targets = [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
    assert "https://example.org/ok" in targets
    assert not [t for t in targets if "javascript" in t.lower()]
    assert "<script>alert(1)</script>" in docx_text(folder / "self-assessment.docx")


def test_publish_owner_names_shows_them_in_public_documents(run: Run, mini: Path) -> None:
    write(
        mini,
        "named.yaml",
        CLEAN.replace("status: approved", "status: approved\npublish_owner_names: true"),
    )
    result = run("render", "--as-of", "2025-07-01", "--format", "html,md", "named.yaml")
    assert result.exit_code == 0, result.output
    for name in ("self-assessment.html", "self-assessment.md"):
        text = (mini / "build" / "named" / name).read_text(encoding="utf-8")
        assert "A. Person, Head of Complaints (a.person@example.org)" in text, name


def test_roles_only_by_default(run: Run, mini: Path) -> None:
    run("render", "--as-of", "2025-07-01", "clean.yaml")
    folder = mini / "build" / "clean"
    for name in ("self-assessment.html", "self-assessment.md", "sections/section-6.html"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "Head of Complaints" in text and "A. Person" not in text, name
        assert "a.person@example.org" not in text, name
    assert "A. Person" not in docx_text(folder / "self-assessment.docx")
    assert "A. Person" in (folder / "gaps.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("nothing.here", "'nothing' is undefined"),
        ("1 / 0", "division by zero"),  # fails as it runs, in Python rather than jinja2
    ],
)
def test_a_broken_template_is_reported_not_raised(
    run: Run, mini: Path, expression: str, message: str
) -> None:
    (mini / "mine" / "partials").mkdir(parents=True)
    write(mini / "mine" / "partials", "response.html", f"<p>\n{{{{ {expression} }}}}</p>\n")
    result = run(
        "render", "--as-of", "2025-07-01", "--format", "html", "--templates", "mine", "clean.yaml"
    )
    assert result.exit_code == 1
    assert result.output == (
        f"mine/partials/response.html:2:1: E401 template error: {message}\n"
        "clean.yaml: not rendered (1 error); fix the template\n"
    )
    assert not (mini / "build" / "clean").exists()


def test_a_second_render_removes_stale_fragments_and_leftover_temporaries(
    run: Run, project: Path
) -> None:
    source = "assessments/example-borough-council-2024-25.yaml"
    assert run("render", "--as-of", "2025-07-01", source).exit_code == 0
    folder = project / "build" / "example-borough-council-2024-25"
    (folder / "sections" / "section-12.html").write_text("<p>old</p>", encoding="utf-8")
    (folder / ".gaps.csv.abc123.tmp").write_bytes(b"half a fil")
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert run("render", "--as-of", "2025-07-01", source).exit_code == 0
    assert not (folder / "sections" / "section-12.html").exists()
    assert not (folder / ".gaps.csv.abc123.tmp").exists()
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (folder / "sections" / "section-1.html").is_file()


def test_a_link_inside_the_folder_is_refused_before_any_output_changes(
    run: Run, mini: Path
) -> None:
    run("render", "--as-of", "2025-07-01", "--format", "html,md,gaps", "clean.yaml")
    folder = mini / "build" / "clean"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    (folder / "gaps.csv").unlink()
    (folder / "gaps.csv").symlink_to(folder / "self-assessment.md")  # inside: safe_join allows it
    result = run("render", "--as-of", "2025-07-02", "--format", "html,md,gaps", "clean.yaml")
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: refusing to write {Path('build/clean/gaps.csv')}: it is a symbolic link\n"
    )
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "gaps.csv"}
    assert after == {name: data for name, data in before.items() if name != "gaps.csv"}


def test_two_files_with_one_name_into_one_folder_are_refused(run: Run, mini: Path) -> None:
    for folder in ("a", "b"):
        (mini / folder).mkdir()
        (mini / folder / "ex.yaml").write_text(CLEAN_TEXT, encoding="utf-8")
    result = run("render", "--format", "md", "-o", "same", "a/ex.yaml", "b/ex.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: a/ex.yaml and b/ex.yaml would both be written to same/ex; render them one at a "
        "time with different -o folders, or rename one"
    )
    assert not (mini / "same").exists()


def test_concurrent_renders_into_one_folder_all_succeed(mini: Path) -> None:
    args = [sys.executable, "-m", "selfassess", "render", "--as-of", "2025-07-01"]
    runs = [
        subprocess.Popen([*args, "--format", "html,md,gaps", "clean.yaml"], cwd=mini,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(8)
    ]  # fmt: skip
    results = [(process.wait(timeout=300), process.stderr.read()) for process in runs]  # type: ignore[union-attr]
    assert results == [(0, "")] * 8
    folder = mini / "build" / "clean"
    assert not list(folder.glob(".*.tmp"))
    assert lxml.html.parse(str(folder / "self-assessment.html")).getroot() is not None


def _index_links(folder: Path) -> list[str]:
    index = (folder / "sections" / "index.html").read_text(encoding="utf-8")
    return re.findall(r'href="([^"]*)"', index)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("anchor", ["#section-1", "#section-6", "#governance"]),
        ("relative", ["section-1.html", "section-6.html", "governance.html"]),
        (
            "https://www.example.gov.uk/complaints/{fragment}",
            [
                "https://www.example.gov.uk/complaints/section-1",
                "https://www.example.gov.uk/complaints/section-6",
                "https://www.example.gov.uk/complaints/governance",
            ],
        ),
    ],
)
def test_fragment_links(run: Run, mini: Path, value: str, expected: list[str]) -> None:
    result = run("render", "--as-of", "2025-07-01", "--fragment-links", value, "clean.yaml")
    assert result.exit_code == 0, result.output
    assert _index_links(mini / "build" / "clean") == expected


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("https://www.example.gov.uk/complaints", "a URL pattern with {fragment}"),
        ("javascript:alert(1)//{fragment}", "is not an http or https address"),
        ('https://x.example/{fragment}" onclick="x', "is not an http or https address"),
    ],
)
def test_bad_fragment_links_are_usage_errors(run: Run, mini: Path, value: str, says: str) -> None:
    result = run("render", "--as-of", "2025-07-01", "--fragment-links", value, "clean.yaml")
    assert result.exit_code == 2
    assert says in result.output
    assert not (mini / "build").exists()


def test_governance_fragment_has_the_approval_and_response(run: Run, mini: Path) -> None:
    assert run("render", "--as-of", "2025-07-01", "clean.yaml").exit_code == 0
    text = (mini / "build/clean/sections/governance.html").read_text(encoding="utf-8")
    assert text == (
        '<section id="governance" aria-labelledby="governance-heading">\n'
        '<h2 id="governance-heading">Approval</h2>\n'
        "<p>Board approved this self-assessment on 1 June 2025 (Board minute 1/25).</p>\n"
        "</section>\n"
    )
