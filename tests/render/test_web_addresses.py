"""A web address written without https:// is published with it, never as a link into the site."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from conftest import FIXTURES, Run, write

CLEAN = (FIXTURES / "mini" / "clean.yaml").read_text(encoding="utf-8")
BARE = CLEAN.replace(
    "url: https://example.org/procedure", "url: www.riversidevale.org.uk/complaints-policy"
).replace(
    "      - Complaints policy, paragraph 2\n",
    "      - Complaints policy, paragraph 2\n"
    "    commentary: See [our page](riversidevale.org.uk/complaints).\n",
)
WANTED = {
    "https://www.riversidevale.org.uk/complaints-policy",
    "https://riversidevale.org.uk/complaints",
}


def _render(run: Run, mini: Path) -> Path:
    write(mini, "bare.yaml", BARE)
    result = run("render", "--as-of", "2025-07-01", "-o", "out", "bare.yaml")
    assert result.exit_code == 0, result.output
    assert result.output.count(" W320 ") == 2
    return mini / "out" / "bare"


def _riverside(targets: list[str]) -> set[str]:
    return {t for t in targets if "riversidevale" in t}


def test_the_page_and_the_fragments_link_with_https(run: Run, mini: Path) -> None:
    folder = _render(run, mini)
    for name in ("self-assessment.html", "sections/section-1.html", "sections/section-6.html"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "riversidevale" in text
        assert _riverside(re.findall(r'href="([^"]*)"', text)) <= WANTED
    page = (folder / "self-assessment.html").read_text(encoding="utf-8")
    assert _riverside(re.findall(r'href="([^"]*)"', page)) == WANTED


def test_the_markdown_links_with_https(run: Run, mini: Path) -> None:
    text = (_render(run, mini) / "self-assessment.md").read_text(encoding="utf-8")
    targets = [t.strip("<>") for t in re.findall(r"\]\(([^)]*)\)", text)]
    assert _riverside(targets) == WANTED


def test_the_word_pack_links_with_https(run: Run, mini: Path) -> None:
    with zipfile.ZipFile(_render(run, mini) / "self-assessment.docx") as docx:
        rels = docx.read("word/_rels/document.xml.rels").decode()
    assert _riverside(re.findall(r'Target="([^"]*)"', rels)) == WANTED


def test_a_relative_file_path_stays_relative(run: Run, mini: Path) -> None:
    write(mini, "rel.yaml", CLEAN.replace("https://example.org/procedure", "docs/procedure.pdf"))
    result = run("render", "--as-of", "2025-07-01", "-o", "out", "rel.yaml")
    assert result.exit_code == 0 and "W320" not in result.output
    page = (mini / "out" / "rel" / "self-assessment.html").read_text(encoding="utf-8")
    assert 'href="docs/procedure.pdf"' in page
