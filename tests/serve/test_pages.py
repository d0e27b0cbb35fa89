"""What serve adds to a page as it sends it, and nothing of it in what render writes."""

from __future__ import annotations

from pathlib import Path

from conftest import Run
from selfassess.problems import error, warning
from selfassess.serve.pages import problems_box, problems_page, served_page
from selfassess.serve.site import Served, Snapshot
from servekit import ASSESSMENT, REGISTER, REPORT, copy_project

#: What only a served page carries; none of it may be in a file a command writes.
SERVE_MARKS = (b"<script", b"_selfassess", b"selfassess-scroll", b"Problems found by selfassess")


def _served(**snapshot: object) -> tuple[Served, Snapshot]:
    served = Served(Path("assessments/x.yaml"), "x")
    return served, Snapshot(**snapshot)  # type: ignore[arg-type]


def test_the_problems_go_first_in_the_body_and_the_script_last() -> None:
    served, snapshot = _served(
        problems=(warning("assessments/x.yaml", 3, 7, "W308", "a <b>warning</b>"),),
        rendered=True,
        version=4,
    )
    page = b'<html><body class="page"><h1>Title</h1><p>"</body>" quoted</p></body></html>'
    sent = served_page(page, served, snapshot).decode()
    assert sent.startswith('<html><body class="page"><div role="region"')
    assert "assessments/x.yaml:3:7: W308 a &lt;b&gt;warning&lt;/b&gt;" in sent
    assert "0 errors, 1 warning" in sent
    assert sent.endswith("</script></body></html>")
    assert 'doc = "x", seen = 4;' in sent
    assert sent.count("<h1>Title</h1>") == 1 and '"</body>" quoted' in sent


def test_a_page_with_nothing_to_report_gets_only_the_script() -> None:
    served, snapshot = _served(rendered=True, version=1)
    sent = served_page(b"<body><h1>T</h1></body>", served, snapshot).decode()
    assert sent.startswith("<body><h1>T</h1><script>") and "role=" not in sent
    assert problems_box(served, snapshot) == ""


def test_a_draft_says_so_and_a_file_not_rendered_shows_only_its_problems() -> None:
    problem = error("assessments/x.yaml", 9, 5, "E203", "no answer to 6.1")
    served, snapshot = _served(problems=(problem,), rendered=True)
    assert "(shown as a draft, as render --draft writes it)" in problems_box(served, snapshot)
    served, snapshot = _served(problems=(problem,))
    page = problems_page(served, snapshot).decode()
    assert "<h1>assessments/x.yaml: not rendered</h1>" in page
    assert "assessments/x.yaml:9:5: E203 no answer to 6.1" in page
    assert '<html lang="en-GB">' in page


def test_what_commands_write_carries_nothing_of_serve(run: Run, tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    out = str(root / "out")
    for command, source in (("render", ASSESSMENT), ("report", REPORT), ("plan", REGISTER)):
        result = run(command, "--as-of", "2025-07-01", "-o", out, str(root / source))
        assert result.exit_code == 0, result.output
    log = root / "complaints" / "example-borough-council-2024-25.csv"
    result = run("practice", str(log), "--assessment", str(root / ASSESSMENT), "-o", out)
    assert result.exit_code == 0, result.output
    written = [path for path in (root / "out").rglob("*") if path.is_file()]
    assert len(written) >= 35
    for path in written:
        data = path.read_bytes()
        if path.suffix == ".docx":
            import zipfile

            archive = zipfile.ZipFile(path)
            data = b"".join(archive.read(name) for name in archive.namelist())
        for mark in SERVE_MARKS:
            assert mark not in data, f"{mark!r} in {path}"
