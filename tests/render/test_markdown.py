"""self-assessment.md: golden output, content, privacy, and users' markdown kept inert."""

from __future__ import annotations

import hypothesis
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import ROOT
from renderkit import (
    commentary_paragraphs,
    evidence_titles,
    example,
    markdown_text,
    render_example,
)
from selfassess.render import mdparse, usermarkdown
from selfassess.render.mdescape import as_written, cell, escape
from selfassess.render.usermarkdown import inert_markdown, to_html

GOLDEN = ROOT / "tests" / "golden" / "example" / "self-assessment.md"


@pytest.fixture(scope="module")
def markdown(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = render_example(tmp_path_factory.mktemp("md"), formats=("md",))
    return (folder / "self-assessment.md").read_text(encoding="utf-8")


def test_matches_golden(markdown: str, update_golden: bool) -> None:
    if update_golden:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(markdown, encoding="utf-8")
    assert markdown == GOLDEN.read_text(encoding="utf-8"), "run pytest --update-golden if intended"


def test_outline(markdown: str) -> None:
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Summary"
    assert headings[1] == "## Section 1: Definition of a complaint"
    assert "## Section 9: Scrutiny \\& oversight: continuous learning and improvement" in headings
    assert headings[-1] == "## Cabinet's response"
    assert markdown.startswith(
        "# Example Borough Council: Complaint Handling Code self-assessment 2024-25\n"
    )
    assert "### Stage 1\n" in markdown and "### Stage 2\n" in markdown


def test_tables_give_every_answer_as_a_word(markdown: str) -> None:
    rows = [line.split(" | ") for line in markdown.splitlines() if line.startswith("| ")]
    answers = {r[0][2:]: r[2][:-2] for r in rows if len(r) == 3 and r[2].endswith(" |")}
    expected = {pid: r.comply.capitalize() for pid, r in example().responses.items() if r.comply}
    assert {k: v for k, v in answers.items() if k in expected} == expected


def test_every_evidence_title_and_commentary_paragraph_is_shown(markdown: str) -> None:
    assessment = example()
    text = markdown_text(markdown)
    for expected in evidence_titles(assessment) + commentary_paragraphs(assessment):
        assert expected in text


def test_no_answer_has_labelled_explanation_and_date(markdown: str) -> None:
    block = markdown.split("### 5.14\n", 1)[1].split("### 5.15\n", 1)[0]
    assert "**Comply:** No" in block
    assert "**Explanation:** The corporate policy was written before the Code." in block
    assert "**Intended compliance date:** 30 November 2025" in block


def test_owner_names_and_emails_stay_out(markdown: str) -> None:
    for owner in example().owners.values():
        assert owner.name and owner.name not in markdown
        assert owner.email and owner.email not in markdown


def test_escape_shows_text_as_written() -> None:
    text = "Scrutiny & *oversight* <b>[1]</b> | 2 # done"
    rendered = MarkdownIt("commonmark", {"html": True}).renderInline(escape(text))
    assert lxml.html.fragment_fromstring(rendered, create_parent="p").text_content() == text
    assert escape("1. first") == "1\\. first"
    assert escape("- not a bullet") == "\\- not a bullet"
    assert cell("a | b\nc") == "a \\| b c"


def test_an_image_in_users_markdown_becomes_a_plain_link() -> None:
    assert inert_markdown("See ![chart](https://example.org/c.png).") == (
        "See &#33;[chart](https://example.org/c.png)."
    )
    html = MarkdownIt("commonmark").render(inert_markdown("![chart](https://example.org/c.png)"))
    assert html == '<p>!<a href="https://example.org/c.png">chart</a></p>\n'


def test_neutralise_keeps_markdown_but_not_html_or_unsafe_links() -> None:
    text = (
        "We **do** this. <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"
        "[safe](https://example.org) [bad](javascript:alert(1)) <https://example.org/a>\n\n"
        "[ref]: javascript:alert(2)\n\n# not a heading"
    )
    out = inert_markdown(text)
    # A permissive viewer (raw HTML on, every link allowed) must show no tag and no bad link.
    viewer = MarkdownIt("commonmark", {"html": True})
    viewer.validateLink = lambda url: True
    html = viewer.render(out)
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    assert not tree.xpath("//script | //img | //h1")
    assert tree.xpath("//a/@href") == ["https://example.org", "https://example.org/a"]
    assert "<script>alert(1)</script>" in tree.text_content()
    assert tree.xpath("//strong")[0].text == "do"


_PIECES = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](data:text/html,hi)",
        "<javascript:alert(1)>",
        "[r]: javascript:alert(1)",
        "[x][r]",
        "**bold**",
        "- item",
        "1. item",
        "# heading",
        "`code <b>`",
        "[ok](https://example.org)",
        "\n\n",
        "\n",
        " ",
        "text",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=12).map("".join))
def test_user_markdown_is_always_inert(text: str) -> None:
    dangerous = ("javascript:", "data:", "vbscript:")
    # Our HTML renderer.
    tree = lxml.html.fragment_fromstring(to_html(text) or "<p></p>", create_parent="div")
    assert not tree.xpath("//script | //img | //iframe | //h1 | //h2")
    assert not [a for a in tree.xpath("//@*") if a.attrname.startswith("on")]
    assert not [h for h in tree.xpath("//a/@href") if h.strip().lower().startswith(dangerous)]
    # Our Markdown output, shown by a permissive viewer (raw HTML on, every link allowed).
    viewer = MarkdownIt("commonmark", {"html": True})
    viewer.validateLink = lambda url: True
    shown = viewer.render(inert_markdown(text)) or "<p></p>"
    tree = lxml.html.fragment_fromstring(shown, create_parent="div")
    assert not tree.xpath("//script | //img | //iframe")
    assert not [a for a in tree.xpath("//@*") if a.attrname.startswith("on")]
    assert not [h for h in tree.xpath("//a/@href") if h.strip().lower().startswith(dangerous)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40))
# Found by the search: "---" showed as a rule. A line under text made it a heading, and a
# year ending a line an empty list item.
@hypothesis.example("---")
@hypothesis.example("Our policy\n===")
@hypothesis.example("Our policy\n---")
@hypothesis.example("2024.")
@hypothesis.example("1)")
def test_escaped_text_shows_exactly_as_written(text: str) -> None:
    rendered = MarkdownIt("commonmark", {"html": True}).render(escape(text)) or "<p></p>"
    shown = lxml.html.fragment_fromstring(rendered, create_parent="div").text_content()
    assert " ".join(shown.split()) == " ".join(text.split())


_PLAIN_PIECES = st.sampled_from(
    [
        "=",
        "-",
        "---",
        "===",
        "\n",
        "\n\n",
        "\r",
        "\r\n",
        " ",
        "  ",
        "\t",
        "!",
        "*",
        "_",
        "`",
        "> ",
        "1. ",
        "- ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PLAIN_PIECES, st.text(max_size=8)), max_size=14).map("".join))
def test_text_passed_without_parsing_is_what_a_viewer_shows_as_text(text: str) -> None:
    # inert_markdown skips the viewer's parse when the text holds nothing a tag needs;
    # whenever it does, the full parse must agree that the text is inert.
    candidate = as_written(text)
    if not usermarkdown._MAY_BE_ACTIVE.search(candidate):
        assert usermarkdown._inert(candidate), candidate


_WORDS = st.text(alphabet="abcXYZ019 ,.;:'\"()?/%£$@-", max_size=10)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.sampled_from(["\n", "\n\n", "\n\n\n", " "])), max_size=14))
def test_plain_text_read_without_the_parser_is_what_the_parser_makes(pieces: list[str]) -> None:
    # Words and punctuation skip markdown-it; both views must be what it would have made.
    text = "".join(pieces)
    if usermarkdown._plain_paragraphs(text) is None:
        return
    md = mdparse.parser()
    tokens = md.parse(text, {})
    parsed = usermarkdown.Views(
        str(md.renderer.render(tokens, md.options, {})), mdparse.paras_from_tokens(tokens)
    )
    assert usermarkdown._parse(text, frozenset({"html", "paras"})) == parsed, repr(text)


def test_plain_text_is_read_without_the_parser() -> None:
    text = (
        'Our policy (March 2024) says "complaint" plainly.\n\nA second paragraph,\nover two lines.'
    )
    assert usermarkdown._plain_paragraphs(text) == [
        'Our policy (March 2024) says "complaint" plainly.',
        "A second paragraph,\nover two lines.",
    ]
    for active in ("- a list", "1. a list", "    code", "line  \nbreak", "*em*", "a & b"):
        assert usermarkdown._plain_paragraphs(active) is None, active


def test_a_long_text_is_written_from_its_tokens_and_a_short_one_as_written() -> None:
    short = "We use __plain__ words and [the policy](https://example.org/p)."
    assert inert_markdown(short) == short
    long = (short + "\n\n") * (mdparse.LONG_TEXT // len(short) + 1)
    written = inert_markdown(long)
    paragraph = "We use **plain** words and [the policy](<https://example.org/p>)."
    assert written == "\n\n".join([paragraph] * long.count("We use"))


@pytest.mark.parametrize("end", ["\r", "\r\n"])
@pytest.mark.parametrize("line", ["---", "===", "# Rewritten", "   ---"])
def test_a_carriage_return_ends_a_line_for_the_fast_path_as_for_a_viewer(
    end: str, line: str
) -> None:
    text = f"Our stage 2 letter was rewritten{end}{line}"
    tokens = MarkdownIt("commonmark", {"html": True}).parse(inert_markdown(text))
    assert "heading_open" not in [t.type for t in tokens]
