"""A whole council's report writes each part's items a heading level down, with the part's
anchors, as the writers make them: a reader's text in a part stays the words it is."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportkit import copy_example, edit, render_report
from selfassess.report.view import PARTS

COUNCIL = "reports/annual-report-council-2024-25.yaml"
SLUGS = ("housing-services", "other-council-services")
TITLES = ("Housing services", "Other council services")
#: A part's items: items 2 to 6 and then item 1 (the summary and governance are the council's).
ITEMS = (PARTS[1], PARTS[2], PARTS[3], PARTS[4], PARTS[5], PARTS[7])
#: What a reader wrote, which a rewrite of the rendered page by pattern would have renamed.
WORDS = 'A reader\'s words: <h2 id="x">Heading</h2>, url(#x) and href="#x".'
FENCE = ("```", "## not a heading", "```")
#: The fence as the Markdown writes any reader's text: a line opening with "#" is escaped.
FENCE_WRITTEN = ("```", "\\## not a heading", "```")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("depth"))
    edit(
        root,
        "    analysis: |\n      More",
        f"    analysis: |\n      {WORDS}\n\n      More",
        COUNCIL,
    )
    fence = "".join(f"      {line}\n" for line in FENCE)
    edit(root, "    analysis: |\n      Most", f"    analysis: |\n{fence}\n      Most", COUNCIL)
    return render_report(root, COUNCIL)


class Page(HTMLParser):
    """The page's headings in order, every id, and every reference to one from a tag."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str | None, str]] = []  # level, id, text
        self.ids: list[str] = []
        self.references: list[str] = []
        self._open: list[object] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {name: value or "" for name, value in attrs}
        self.ids += [named["id"]] if "id" in named else []
        for name, value in named.items():
            if name in ("href", "xlink:href") and value.startswith("#"):
                self.references.append(value[1:])
            elif name in ("aria-labelledby", "aria-describedby"):
                self.references += value.split()
            self.references += re.findall(r"url\(#([^)]+)\)", value)
        if re.fullmatch(r"h[1-6]", tag):
            self._open = [int(tag[1]), named.get("id"), ""]

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[2] = str(self._open[2]) + data

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._open is not None:
            level, anchor, text = self._open
            self.headings.append((int(str(level)), anchor and str(anchor), str(text)))
            self._open = None


def page(folder: Path) -> str:
    return (folder / "annual-report.html").read_text(encoding="utf-8")


def part_headings(found: Page, slug: str) -> list[tuple[int, str | None, str]]:
    """Return the headings after the part's own, up to the next level 2 heading."""
    start = [anchor for _, anchor, _ in found.headings].index(slug)
    following = found.headings[start + 1 :]
    end = next((n for n, (level, _, _) in enumerate(following) if level <= 2), len(following))
    return following[:end]


def test_a_reader_s_words_in_a_part_stay_the_escaped_words_they_are(folder: Path) -> None:
    html = page(folder)
    words = WORDS.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert f"<p>{words}</p>" in html
    assert "url(#housing-services-x)" not in html and "#housing-services-x" not in html
    assert "<pre><code>## not a heading\n</code></pre>" in html


def test_every_id_is_unique_and_every_reference_names_one(folder: Path) -> None:
    found = Page(page(folder))
    assert [name for name, count in Counter(found.ids).items() if count > 1] == []
    assert sorted(set(found.references) - set(found.ids)) == []
    # Each part's charts are there, each labelled by its own title and description.
    for slug in SLUGS:
        assert f"{slug}-chart-by-month-desc" in found.references


@pytest.mark.parametrize("slug", SLUGS)
def test_a_part_s_items_are_a_level_down_with_ids_under_its_name(folder: Path, slug: str) -> None:
    headings = part_headings(Page(page(folder)), slug)
    items = [(level, anchor, text) for level, anchor, text in headings if level == 3]
    assert items == [(3, f"{slug}-{item.anchor}", item.text) for item in ITEMS]
    levels = [2] + [level for level, _, _ in headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert all(anchor.startswith(f"{slug}-") for _, anchor, _ in headings if anchor)
    html = page(folder)
    for item in ITEMS:  # each item's section is named by the part's heading, then its own
        assert f'<section aria-labelledby="{slug} {slug}-{item.anchor}">' in html


def test_the_markdown_writes_a_part_s_items_a_level_down_and_a_reader_s_text_as_written(
    folder: Path,
) -> None:
    lines = (folder / "annual-report.md").read_text(encoding="utf-8").splitlines()
    for title in TITLES:
        start = lines.index(f"## {title}")
        end = next(n for n in range(start + 1, len(lines)) if lines[n].startswith("## "))
        items = [line for line in lines[start:end] if line.startswith("### ")]
        assert items == [f"### {item.text}" for item in ITEMS]
    fence = lines.index(FENCE_WRITTEN[1])
    assert tuple(lines[fence - 1 : fence + 2]) == FENCE_WRITTEN
    assert not any(line.startswith("#") and "not a heading" in line for line in lines)


def test_word_writes_a_part_s_items_a_heading_down(folder: Path) -> None:
    import docx

    document = docx.Document(str(folder / "annual-report.docx"))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and str(p.style.name).startswith("Heading")
    ]
    for title in TITLES:
        start = headings.index(("Heading 1", title))
        following = headings[start + 1 :]
        end = next(
            (n for n, (style, _) in enumerate(following) if style == "Heading 1"), len(following)
        )
        items = [text for style, text in following[:end] if style == "Heading 2"]
        assert items == [item.text for item in ITEMS]
        assert {style for style, _ in following[:end]} <= {"Heading 2", "Heading 3", "Heading 4"}


def test_a_writer_one_level_down_adds_to_the_same_body() -> None:
    import docx

    from selfassess.render.wordtext import Styles, Writer

    document = docx.Document()
    body = Writer(document, Styles(document), document)
    part = body.down()
    body.text("Council", "Heading 1")
    part.text("Item", "Heading 1")
    part.down().text("Case", "Heading 1")
    part.text("Words", "Normal")
    body.text("After", "Heading 2")
    written = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert written == [
        ("Heading 1", "Council"),
        ("Heading 2", "Item"),
        ("Heading 3", "Case"),
        ("Normal", "Words"),
        ("Heading 2", "After"),
    ]
    assert part.spilled is body.spilled and part.numbering is body.numbering
