"""The standalone HTML page and the CMS fragments, parsed with a real HTML parser."""

from __future__ import annotations

import itertools
from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT
from renderkit import (
    commentary_paragraphs,
    evidence_titles,
    example,
    html_text,
    render_example,
    unbundled,
)

GOLDEN = ROOT / "tests" / "golden" / "example"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_example(tmp_path_factory.mktemp("html"))


@pytest.fixture(scope="module")
def page(folder: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((folder / "self-assessment.html").read_bytes())


def _fragments(folder: Path) -> list[Path]:
    return sorted((folder / "sections").glob("*.html"))


@pytest.mark.parametrize("name", ["self-assessment.html", "sections/section-6.html"])
def test_matches_golden(folder: Path, name: str, update_golden: bool) -> None:
    rendered = (folder / name).read_text(encoding="utf-8")
    golden = GOLDEN / name
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8"), "run pytest --update-golden if intended"


def test_page_language_title_and_one_h1(page: lxml.html.HtmlElement) -> None:
    assert page.get("lang") == "en-GB"
    assert page.findtext(".//title") == (
        "Example Borough Council: Complaint Handling Code self-assessment 2024-25"
    )
    assert [h.text_content() for h in page.iter("h1")] == [
        "Example Borough Council: Complaint Handling Code self-assessment 2024-25"
    ]


def test_headings_never_skip_a_level(page: lxml.html.HtmlElement) -> None:
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1


def test_every_table_has_a_caption_and_scoped_headers(folder: Path) -> None:
    for path in [folder / "self-assessment.html", *_fragments(folder)]:
        tree = lxml.html.fromstring(path.read_bytes())
        for table in tree.iter("table"):
            assert table.find("caption") is not None and table.find("caption").text_content()
            for th in table.iter("th"):
                assert th.get("scope") in ("col", "row"), path.name


def test_section_tables_have_the_form_columns(page: lxml.html.HtmlElement) -> None:
    tables = page.xpath("//table[contains(@class, 'provisions')]")
    assert len(tables) == 10  # nine sections, section 6 as two stages
    for table in tables:
        header = [th.text_content() for th in table.xpath("./thead/tr/th")]
        assert header == [
            "Code provision",
            "Code requirement",
            "Comply: Yes / No",
            "Evidence",
            "Commentary / explanation",
        ]
    captions = [t.find("caption").text_content() for t in tables]
    assert "Section 6: Complaints stages — Stage 2" in captions


def _unlabelled(cell: lxml.html.HtmlElement) -> str:
    """Return a cell's text without the label narrow screens show above it."""
    labels = "".join(cell.xpath(".//span[contains(@class, 'cell-label')]//text()"))
    return cell.text_content().replace(labels, "", 1).strip()


def test_every_answer_is_written_as_a_word(page: lxml.html.HtmlElement) -> None:
    answers = {}
    for row in page.xpath("//table[contains(@class, 'provisions')]/tbody/tr"):
        provision = _unlabelled(row.find("th"))
        answers[provision] = _unlabelled(row.findall("td")[1])
    expected = {pid: r.comply.capitalize() for pid, r in example().responses.items() if r.comply}
    assert answers == expected


def test_contents_links_lead_somewhere(page: lxml.html.HtmlElement) -> None:
    ids = set(page.xpath("//@id"))
    targets = [a.get("href")[1:] for a in page.xpath("//a[starts-with(@href, '#')]")]
    assert targets and set(targets) <= ids
    contents = [a.text_content() for a in page.xpath("//nav//a")]
    assert contents[:2] == ["Summary", "Section 1: Definition of a complaint"]
    assert contents[-1] == "Cabinet's response"


def test_chart_is_an_image_with_a_text_equivalent(page: lxml.html.HtmlElement) -> None:
    svg = page.xpath("//svg")[0]
    assert svg.get("role") == "img"
    labelled = svg.get("aria-labelledby").split()
    texts = {e.get("id"): e.text_content() for e in svg.iter("title", "desc")}
    assert set(labelled) == set(texts)
    assert "Section 5: The complaint handling process: 14 Yes, 1 No" in texts["chart-desc"]
    caption = "Answers by section: provisions assessed, and how many we comply with"
    assert page.xpath(f"//table[caption='{caption}']")


def test_no_script_no_external_requests(folder: Path) -> None:
    for path in [folder / "self-assessment.html", *_fragments(folder)]:
        tree = lxml.html.fromstring(path.read_bytes())
        assert not tree.xpath("//script | //iframe | //img | //link | //object")
        assert not tree.xpath("//@src")
        assert not [a for a in tree.xpath("//@*") if a.attrname.startswith("on")]
    css = "".join(
        lxml.html.fromstring((folder / "self-assessment.html").read_bytes()).xpath("//style/text()")
    )
    assert "@import" not in css and "url(" not in css
    assert "@media print" in css and "break-inside: avoid" in css


def test_fragments_are_bare_semantic_markup(folder: Path) -> None:
    names = [p.name for p in _fragments(folder)]
    assert names == ["governance.html", "index.html", *[f"section-{n}.html" for n in range(1, 10)]]
    for path in _fragments(folder):
        text = path.read_text(encoding="utf-8")
        assert "<html" not in text and "<head" not in text and "<body" not in text
        tree = lxml.html.fragment_fromstring(text, create_parent="div")
        assert not tree.xpath("//@style | //@class | //style")
    index = lxml.html.fragment_fromstring(
        (folder / "sections" / "index.html").read_text(encoding="utf-8"), create_parent="div"
    )
    # Anchors by default: the links still work once every fragment is pasted into one CMS page.
    assert index.xpath("//a/@href")[:2] == ["#section-1", "#section-2"]
    assert index.xpath("//a/@href")[-1] == "#governance"


def test_section_6_fragment_has_both_stages(folder: Path) -> None:
    tree = lxml.html.fragment_fromstring(
        (folder / "sections" / "section-6.html").read_text(encoding="utf-8"), create_parent="div"
    )
    assert [h.text_content() for h in tree.iter("h2", "h3")] == [
        "Section 6: Complaints stages",
        "Stage 1",
        "Stage 2",
        "What we are doing where we do not comply",
    ]
    plan = tree.xpath("//h3[. = 'What we are doing where we do not comply']/following::h4")
    assert [h.text_content() for h in plan] == [
        "Provision 6.3: Send a full stage 1 response within 10 working days",
        "Provision 6.6: Stage 1: respond when the answer is known; track outstanding actions",
        "Provision 6.17: Stage 2: respond when the answer is known; track outstanding actions",
    ]
    blocks = tree.xpath("//h4[starts-with(@id, 'provision-')]")
    assert blocks[0].text_content() == "Provision 6.1"
    assert [dt.text_content() for dt in blocks[0].getnext().iter("dt")] == [
        "Code requirement",
        "Comply: Yes / No",
        "Evidence",
        "Commentary / explanation",
    ]


def test_every_evidence_title_and_commentary_paragraph_is_shown(folder: Path) -> None:
    assessment = example()
    text = html_text((folder / "self-assessment.html").read_text(encoding="utf-8"))
    fragments = " ".join(html_text(p.read_text(encoding="utf-8")) for p in _fragments(folder))
    for expected in evidence_titles(assessment) + commentary_paragraphs(assessment):
        assert expected in text
        assert expected in fragments


def test_no_answer_shows_explanation_and_date(page: lxml.html.HtmlElement) -> None:
    row = page.xpath("//tr[@id='provision-5-14']")[0]
    commentary = row.findall("td")[3]
    labels = [s.text_content() for s in commentary.iter("strong")]
    assert labels == ["Explanation:", "Intended compliance date:"]
    assert "Intended compliance date: 30 November 2025" in html_text(
        lxml.html.tostring(commentary, encoding="unicode")
    )


def test_code_text_not_bundled_links_to_the_code(page: lxml.html.HtmlElement) -> None:
    provision, summary = unbundled()
    row = page.xpath(f"//tr[@id='provision-{provision.replace('.', '-')}']")[0]
    link = row.xpath(".//a")[0]
    assert link.text_content() == f"Read provision {provision} in the Complaint Handling Code"
    assert link.get("href").startswith("https://www.housing-ombudsman.org.uk/")
    assert f"Summary: {summary}" in row.text_content()


def test_code_text_is_verbatim_with_bullets(page: lxml.html.HtmlElement) -> None:
    requirement = page.xpath("//tr[@id='provision-2-2']/td")[0]
    items = [li.text_content() for li in requirement.iter("li")]
    assert items[0] == "The issue giving rise to the complaint occurred over twelve months ago."


def test_owner_names_and_emails_stay_out_of_public_html(folder: Path) -> None:
    owners = example().owners.values()
    for path in [folder / "self-assessment.html", *_fragments(folder)]:
        text = path.read_text(encoding="utf-8")
        for owner in owners:
            assert owner.name and owner.name not in text
            assert owner.email and owner.email not in text
    assert "Head of Complaints and Customer Insight" in (folder / "self-assessment.html").read_text(
        encoding="utf-8"
    )


def test_approved_page_is_not_marked_draft(page: lxml.html.HtmlElement) -> None:
    assert not page.xpath("//meta[@name='robots']")
    assert "Draft — not approved" not in page.text_content()
