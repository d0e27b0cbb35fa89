"""The plan's files read back: HTML parsed, Word through python-docx, CSV and JSON parsed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import zipfile
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from conftest import ROOT
from renderkit import cell_text, docx_text, html_text, markdown_text
from selfassess.casework import figures, load_register
from selfassess.casework.build import build_plan_outputs
from selfassess.render.outputs import Options

REGISTER = ROOT / "casework" / "ombudsman-2024-25.yaml"
GOLDEN = ROOT / "tests" / "golden" / "casework"
LATER = dt.date(2025, 9, 1)  # two orders and two actions overdue
NAMES = (
    "Priya Lambert",
    "Martin Okafor",
    "Joanne Hale",
    "Daniel Reeve",
    "Grace Ndlovu",
    "Tomasz Kowal",
)


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    return build_plan_outputs(load_register(REGISTER, LATER), Options(as_of=LATER))


@pytest.fixture(scope="module")
def page(outputs: dict[str, bytes]) -> Any:
    return lxml.html.fromstring(outputs["plan.html"])


@pytest.fixture(scope="module")
def document(outputs: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> Any:
    import docx

    path = tmp_path_factory.mktemp("plan") / "plan.docx"
    path.write_bytes(outputs["plan.docx"])
    return docx.Document(str(path))


def raw() -> dict[str, Any]:
    return dict(yaml.safe_load(REGISTER.read_text(encoding="utf-8")))


def test_page_language_title_and_headings_in_order(page: Any) -> None:
    assert page.get("lang") == "en-GB"
    title = "Example Borough Council: Ombudsman casework: progress report 2024-25"
    assert page.findtext(".//title") == title
    assert [h.text_content() for h in page.iter("h1")] == [title]
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))


def test_narrow_screen_labels_match_the_column_headers(page: Any) -> None:
    for table in page.xpath("//table[contains(@class, 'stack')]"):
        headers = [th.text_content() for th in table.xpath("thead//th")]
        for row in table.xpath("tbody/tr"):
            labels = [span.text_content() for span in row.xpath(".//span[@class='cell-label']")]
            assert labels == headers
            assert all(span.get("aria-hidden") == "true" for span in row.iter("span"))


def test_every_table_has_a_caption_and_scoped_headers(outputs: dict[str, bytes]) -> None:
    for name in ("plan.html", "plan-internal.html"):
        tree = lxml.html.fromstring(outputs[name])
        tables = list(tree.iter("table"))
        # the summary's findings, subjects and areas; cases' findings, orders, recommendations
        assert len(tables) == 3 + 4 + 5 + 4
        for table in tables:
            assert table.find("caption").text_content().strip()
            assert all(th.get("scope") in ("col", "row") for th in table.iter("th"))


def test_every_order_and_action_is_shown_with_its_state_in_words(page: Any) -> None:
    rows = {
        cell_text(row.find("th")): [cell_text(td) for td in row.findall("td")]
        for row in page.xpath("//tbody/tr")
        if len(row.findall("td")) == 3
    }
    data = raw()
    items = [o for c in data["cases"] for o in c.get("orders", [])]
    items += [a for c in data["cases"] for r in c.get("recommendations", []) for a in r["actions"]]
    assert len(rows) == len(items) == 18
    lighting = "Tell the Ombudsman the date the lighting was repaired, with evidence"
    assert rows[lighting] == [
        "Repairs and Maintenance Manager",
        "9 July 2025",
        "In progress, overdue",
    ]
    induction = "Add the course to the induction of new officers"
    assert rows[induction] == [
        "Learning and Development Manager",
        "30 June 2025",
        "Done on 16 June 2025",
    ]


def test_summary_says_the_totals(page: Any) -> None:
    text = html_text(lxml.html.tostring(page, encoding="unicode"))
    assert (
        "7 actions: 2 done, 2 in progress, 1 not started, 2 overdue; 3 slipped (due date moved)."
        in text
    )
    assert "Recommendations made: 4 recommendations, 0 completed." in text
    assert "11 orders: 9 complied with on time, 0 complied with late, 2 open (2 overdue)." in text
    assert "Compensation ordered: £1,900." in text


def test_public_outputs_name_no_one_and_internal_ones_do(
    outputs: dict[str, bytes], document: Any, tmp_path: Path
) -> None:
    public = {
        "html": html_text(outputs["plan.html"].decode()),
        "md": markdown_text(outputs["plan.md"].decode()),
        "csv": outputs["plan.csv"].decode("utf-8-sig"),
    }
    path = tmp_path / "plan.docx"
    path.write_bytes(outputs["plan.docx"])
    public["docx"] = docx_text(path)
    for name, text in public.items():
        assert not [n for n in NAMES if n in text], name
        assert "@example.gov.uk" not in text, name
    for name in ("plan-internal.html", "plan-internal.md", "plan-internal.csv"):
        text = outputs[name].decode("utf-8-sig")
        assert all(n in text for n in NAMES), name
    assert "Do not publish it" in html_text(outputs["plan-internal.html"].decode())


def test_csv_has_a_row_per_order_and_action(outputs: dict[str, bytes]) -> None:
    rows = list(csv.DictReader(io.StringIO(outputs["plan.csv"].decode("utf-8-sig"))))
    assert len(rows) == 18
    overdue = [(r["Case"], r["From"], r["Due"]) for r in rows if r["Overdue"] == "Yes"]
    assert overdue == [
        ("202406120", "Order", "2025-07-09"),
        ("202406120", "Order", "2025-07-09"),
        ("SI-2025-02", "Recommendation R3", "2025-08-29"),
        ("SI-2025-02", "Recommendation R4", "2025-07-31"),
    ]
    first = rows[0]
    assert (first["Compensation"], first["Done on"], first["Responsible"]) == (
        "",
        "2024-10-01",
        "Director of Housing",
    )


def test_json_holds_the_figures_and_publications(outputs: dict[str, bytes]) -> None:
    data = json.loads(outputs["casework.json"])
    register = load_register(REGISTER, LATER).register
    assert {k: v for k, v in data.items() if k != "publications"} == figures(register, LATER)
    assert [p["title"] for p in data["publications"]] == [
        p["title"] for p in sorted(raw()["publications"], key=lambda p: p["date"], reverse=True)
    ]


def test_markdown_shows_every_case_heading(outputs: dict[str, bytes]) -> None:
    text = outputs["plan.md"].decode()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert len(headings) == 1 + len(raw()["cases"]) + 2
    assert (
        "## Special investigation SI-2025-02: How the Council handles reports of damp and mould"
        in headings
    )


def test_word_uses_built_in_headings_and_repeating_header_rows(document: Any) -> None:
    from docx.oxml.ns import qn

    styles = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Title", "Heading"))
    ]
    assert styles[0] == (
        "Title",
        "Example Borough Council: Ombudsman casework: progress report 2024-25",
    )
    assert ("Heading 1", "Summary") in styles
    assert ("Heading 2", "Damp and mould") in styles  # the special investigation's areas
    assert (
        "Heading 3",
        "Recommendation R1: Set a single timescale for inspecting reported damp and mould, and measure it",
    ) in styles
    assert len(document.tables) == 16
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None
    assert document.core_properties.language == "en-GB"


def test_word_language_is_en_gb(outputs: dict[str, bytes]) -> None:
    styles = zipfile.ZipFile(io.BytesIO(outputs["plan.docx"])).read("word/styles.xml").decode()
    assert 'w:lang w:val="en-GB"' in styles


def test_rendering_twice_gives_the_same_bytes(outputs: dict[str, bytes]) -> None:
    again = build_plan_outputs(load_register(REGISTER, LATER), Options(as_of=LATER))
    assert again == outputs


@pytest.mark.parametrize("name", ["plan.html", "plan.md"])
def test_matches_golden(outputs: dict[str, bytes], name: str, update_golden: bool) -> None:
    rendered = outputs[name].decode()
    golden = GOLDEN / name
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8"), "run pytest --update-golden if intended"


@pytest.mark.parametrize("name", ["plan.html", "plan-internal.html"])
def test_plan_pages_pass_the_browser_accessibility_check(
    outputs: dict[str, bytes], name: str
) -> None:
    # tests/browser.py (headless Chromium with axe-core, reflow at 320 px) comes with the
    # publishing work; until it is present this test is skipped, and says so.
    browser = pytest.importorskip("browser", reason="tests/browser.py is not in this tree yet")
    browser.assert_accessible(outputs[name].decode())
