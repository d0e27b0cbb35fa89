"""`selfassess serve` end to end: a process of its own on a free port, read over HTTP."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import Run
from servekit import ASSESSMENT, REGISTER, REPORT, Serving, copy_project, edit

AS_OF = "2025-07-01"
PAGE = "/example-borough-council-2024-25/self-assessment.html"
REPORT_PAGE = "/annual-report-2024-25/annual-report.html"
_BANNER = re.compile(r'<div role="region" aria-label="Problems found by selfassess check".*?</div>')
_SCRIPT = re.compile(
    r"<script>\n\(function \(\) \{\n  var key = \"selfassess-scroll:.*?</script>", re.S
)


def _without_serve(page: str) -> str:
    """Return a served page without the problems and the script serve adds to it."""
    return _SCRIPT.sub("", _BANNER.sub("", page, count=1), count=1)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


@pytest.fixture
def serving(root: Path) -> Serving:
    server = Serving(root, "--as-of", AS_OF, ASSESSMENT, REPORT, REGISTER)
    yield server
    server.stop()


def test_the_index_lists_each_file_and_its_outputs(serving: Serving) -> None:
    status, index = serving.get("/")
    assert status == 200 and '<html lang="en-GB">' in index
    assert f'<a href="{PAGE}">{ASSESSMENT}</a> (self-assessment)' in index
    assert f'<a href="{REPORT_PAGE}">{REPORT}</a> (annual report): no errors or warnings' in index
    assert f'<a href="/ombudsman-2024-25/plan.html">{REGISTER}</a> (casework plan)' in index
    assert '<a href="/example-borough-council-2024-25/self-assessment.docx">' in index
    assert f"{ASSESSMENT}</a> (self-assessment): 0 errors, 1 warning;" in index
    status, redirected = serving.get("/ombudsman-2024-25/")
    assert status == 200 and "<h1" in redirected and "Ombudsman" in redirected


def test_pages_are_what_render_writes_with_problems_above_and_the_script_below(
    serving: Serving, root: Path, run: Run
) -> None:
    status, page = serving.get(PAGE)
    assert status == 200
    banner = _BANNER.search(page)
    assert banner is not None and page.index(banner.group()) < page.index("<h1")
    assert f"{ASSESSMENT}: 0 errors, 1 warning" in banner.group()
    assert re.search(rf"{re.escape(ASSESSMENT)}:\d+:\d+: W\d{{3}} ", banner.group())
    assert page.count('fetch("/_selfassess/version"') == 1
    assert page.rstrip().endswith("</script></body>\n</html>") or "</script></body>" in page
    result = run("render", "--as-of", AS_OF, "-o", str(root / "out"), str(root / ASSESSMENT))
    assert result.exit_code == 0
    written = root / "out" / "example-borough-council-2024-25" / "self-assessment.html"
    assert _without_serve(page) == written.read_text(encoding="utf-8")
    status, markdown = serving.get(PAGE.replace(".html", ".md"))
    assert status == 200 and "_selfassess" not in markdown and "<script" not in markdown


def test_a_saved_file_is_served_again_and_a_broken_one_shows_its_problems(
    serving: Serving, root: Path
) -> None:
    assessment = root / ASSESSMENT
    good = assessment.read_text(encoding="utf-8")
    edit(assessment, "uses the Code's\n", "uses, as saved just now, the Code's\n")
    page = serving.wait_for(PAGE, lambda text: "as saved just now" in text)
    assert "Example Borough Council" in page
    # The report includes the self-assessment: it is rendered again from the saved file too.
    serving.wait_for(
        "/annual-report-2024-25/self-assessment.html", lambda text: "as saved just now" in text
    )
    assessment.write_text("schema_version: 1\nlandlord: [\n", encoding="utf-8")
    broken = serving.wait_for(PAGE, lambda text: "not rendered" in text)
    assert f"{ASSESSMENT}:3:1: E101 YAML syntax error" in broken
    assert "as saved just now" not in broken  # nothing stale
    status, _ = serving.get(PAGE.replace(".html", ".docx"))
    assert status == 404
    report = serving.wait_for(REPORT_PAGE, lambda text: "not rendered" in text)
    assert "E101" in report or "E8" in report
    assessment.write_text(good, encoding="utf-8")
    serving.wait_for(PAGE, lambda text: "not rendered" not in text and "<h1" in text)


def test_the_complaints_log_is_watched(serving: Serving, root: Path) -> None:
    log = root / "complaints" / "example-borough-council-2024-25.csv"
    assert "Tenancy renamed" not in serving.get(REPORT_PAGE)[1]
    text = log.read_text(encoding="utf-8")
    log.write_text(text.replace(",Tenancy management,", ",Tenancy renamed,"), encoding="utf-8")
    serving.wait_for(REPORT_PAGE, lambda page: "Tenancy renamed" in page)


def test_only_what_depends_on_a_saved_file_is_rendered_again(serving: Serving, root: Path) -> None:
    def versions() -> dict[str, int]:
        return dict(json.loads(serving.get("/_selfassess/version")[1])["documents"])

    assert versions() == {
        "example-borough-council-2024-25": 1,
        "annual-report-2024-25": 1,
        "ombudsman-2024-25": 1,
    }
    edit(root / REGISTER, "subject: ", "subject: Saved now and ")
    serving.wait_for("/ombudsman-2024-25/plan.html", lambda text: "Saved now and " in text)
    # The report names the register, so it is rendered again; the assessment uses neither.
    assert versions() == {
        "example-borough-council-2024-25": 1,
        "annual-report-2024-25": 2,
        "ombudsman-2024-25": 2,
    }


def test_a_template_saved_is_used_at_once(root: Path) -> None:
    templates = root / "mine"
    templates.mkdir()
    base = (Path(__file__).parents[2] / "templates" / "base.html").read_text(encoding="utf-8")
    (templates / "base.html").write_text(base, encoding="utf-8")
    serving = Serving(root, "--as-of", AS_OF, "--templates", "mine", ASSESSMENT)
    try:
        assert "From our own template" not in serving.get(PAGE)[1]
        edit(templates / "base.html", "<body", "<!-- From our own template --><body")
        serving.wait_for(PAGE, lambda text: "From our own template" in text)
    finally:
        serving.stop()


def test_requests_for_another_name_are_refused(serving: Serving) -> None:
    assert serving.get("/", host="attacker.example")[0] == 421
    assert serving.get(PAGE, host="localhost:1")[0] == 421
    port = serving.url.rsplit(":", 1)[1].rstrip("/")
    assert serving.get("/", host=f"localhost:{port}")[0] == 200
    assert serving.get("/../../etc/passwd")[0] == 404
    assert serving.get("/example-borough-council-2024-25/../../x.yaml")[0] == 404


def test_ctrl_c_stops_cleanly_and_removes_the_temporary_folder(root: Path) -> None:
    serving = Serving(root, "--as-of", AS_OF, REGISTER)
    assert list(serving.temporary.iterdir())  # the rendered folder, while serving
    code, out, err = serving.stop()
    assert code == 0 and err == ""
    assert out.endswith("Stopped; the temporary folder is removed.\n")
    assert list(serving.temporary.iterdir()) == []


def test_another_address_is_served_only_when_asked_and_said_to_be_risky(root: Path) -> None:
    serving = Serving(root, "--as-of", AS_OF, "--host", "0.0.0.0", REGISTER)
    assert serving.url.startswith("http://0.0.0.0:")
    _, _, err = serving.stop()
    assert err.startswith("warning: 0.0.0.0 is reachable from other computers")
    assert "owners and their emails" in err


def test_a_file_of_another_kind_and_two_of_one_name_are_refused(run: Run, root: Path) -> None:
    result = run("serve", str(root / "code_requirements" / "hos-chc-2024.yaml"), "--port", "0")
    assert result.exit_code == 2
    assert "is not an assessment, annual report or casework register" in result.output
    copy = root / "other" / "example-borough-council-2024-25.yaml"
    copy.parent.mkdir()
    copy.write_bytes((root / ASSESSMENT).read_bytes())
    result = run("serve", str(root / ASSESSMENT), str(copy), "--port", "0")
    assert result.exit_code == 2
    assert "would both be served as /example-borough-council-2024-25/" in result.output
