"""The LGSCO's Complaint Handling Code as an edition: its texts are the reference's, never the
housing Code's, and every command speaks its words (council, the Member Responsible for
Complaints), with no submission and a section-level summary from the same answers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, Run
from renderkit import docx_text
from selfassess.code.timescales import Timescales
from selfassess.models import Assessment, CodeEdition
from selfassess.validate import validate
from selfassess.yamlio import load_file

CODE = ROOT / "code_requirements"
LGSCO = CODE / "lgsco-chc-2024.yaml"
EXAMPLE = ROOT / "assessments" / "example-borough-council-lgsco-2024-25.yaml"
REFERENCE = ROOT.parent / "shared" / "reference" / "lgsco-chc.yaml"
AS_OF = "2025-07-01"


def edition(path: Path = LGSCO) -> CodeEdition:
    return validate(load_file(path), CodeEdition)


def reference() -> list[dict[str, Any]]:
    """Return the reference's provisions, in order (skip where it is not beside the checkout)."""
    if not REFERENCE.is_file():
        pytest.skip(f"the reference material ({REFERENCE.parent}) is not beside this checkout")
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    return [p for section in data["sections"] for p in section["provisions"]]


def complete(item: dict[str, Any]) -> bool:
    """Tell whether the reference gives a provision's whole text, from the publisher's page."""
    return item.get("text_complete", True) is not False and item.get("confidence") == "high"


def test_every_reference_id_is_in_the_edition_and_no_other() -> None:
    ids = [p.id for _, p in edition().provisions()]
    assert ids == [item["id"] for item in reference()]
    assert len(ids) == 51


def test_texts_are_the_references_character_for_character_or_null() -> None:
    shipped = {p.id: p for _, p in edition().provisions()}
    for item in reference():
        provision = shipped[item["id"]]
        if complete(item):
            assert provision.text == item["text"], provision.id
            assert provision.source == item["sources"][0], provision.id
        else:
            assert (provision.text, provision.source) == (None, None), provision.id
            assert provision.note and item["sources"][0] in provision.note, provision.id
        assert provision.modality == item["modality"], provision.id
    assert [p.id for p in shipped.values() if p.text is None] == ["5.7", "6.8", "9.7"]


def test_no_lgsco_text_is_a_housing_code_text() -> None:
    housing = {
        p.text
        for name in ("hos-chc-2022", "hos-chc-2024")
        for _, p in edition(CODE / f"{name}.yaml").provisions()
        if p.text is not None
    }
    texts = [p.text for _, p in edition().provisions() if p.text is not None]
    assert len(texts) == 48
    assert not housing.intersection(texts)  # the Codes were written together, but differ


def test_the_edition_and_its_timescales_check_clean(run: Run) -> None:
    timescales = CODE / "lgsco-chc-2024-timescales.yaml"
    result = run("check", "--strict", str(LGSCO), str(timescales))
    assert (result.exit_code, result.output) == (0, "No problems in 2 files.\n")
    limits = validate(load_file(timescales), Timescales)
    assert [(t.stage, t.measure, t.working_days, t.provision, t.confirmed) for t in limits.timescales] == [
        (1, "acknowledgement", 5, "6.2", True),
        (1, "response", 10, "6.3", True),
        (1, "extension", 10, "6.4", True),
        (2, "acknowledgement", 5, None, False),
        (2, "response", 20, None, False),
    ]  # fmt: skip
    assert limits.stage_2_handler is None


def test_init_names_every_provision_and_status_says_there_is_no_submission(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(
        "init", "--code", "lgsco-chc-2024", "--landlord", "Test Council", "--period", "2024-25"
    )
    assert result.exit_code == 0, result.output
    made = validate(load_file(tmp_path / "assessments" / "test-council-2024-25.yaml"), Assessment)
    assert made.code == "lgsco-chc-2024"
    assert list(made.responses) == [p.id for _, p in edition().provisions()]
    status = run("status", "--as-of", AS_OF, "assessments/test-council-2024-25.yaml").output
    assert "Submission: none; the Local Government and Social Care Ombudsman asks for no" in status
    assert "deadline" not in status.lower()
    # Without --code, init keeps to the housing Code.
    run("init", "--landlord", "Other Council", "--period", "2024-25")
    other = validate(load_file(tmp_path / "assessments" / "other-council-2024-25.yaml"), Assessment)
    assert other.code == "hos-chc-2024"


@pytest.fixture
def rendered(run: Run, tmp_path: Path) -> Path:
    """The example's LGSCO self-assessment rendered in full."""
    result = run("render", "--as-of", AS_OF, "-o", str(tmp_path), str(EXAMPLE))
    assert result.exit_code == 0, result.output
    return tmp_path / EXAMPLE.stem


def answers() -> Assessment:
    return validate(load_file(EXAMPLE), Assessment)


def expected_sections() -> list[tuple[str, str]]:
    """Count each section's answers from the YAML: Yes, Partly or No, as the table should say."""
    found: list[tuple[str, str]] = []
    for section in edition().sections:
        given = [answers().responses[p.id].comply for p in section.all_provisions()]
        yes, no = given.count("yes"), given.count("no")
        word = "Yes" if not no else ("Partly" if yes else "No")
        found.append((f"Section {section.number}: {section.title}", word))
    return found


def test_the_page_speaks_the_codes_words_and_has_the_section_summary(rendered: Path) -> None:
    import lxml.html

    page = lxml.html.fromstring((rendered / "self-assessment.html").read_bytes())
    labels = [dt.text_content() for dt in page.xpath("//dl[@class='facts']/dt")]
    assert labels[0] == "Council" and "Member Responsible for Complaints" in labels
    assert "Landlord" not in labels and not any(label.startswith("Submitted") for label in labels)
    ours = page.xpath("//dl[@class='facts'] | //section[@aria-labelledby='summary']")
    text = " ".join(part.text_content() for part in ours)  # our words, not the council's
    assert "Housing Ombudsman" not in text and "CH01" not in text and "CH02" not in text
    assert "Stage 1 complaints responded to within the Code's timescales" in text
    table = page.xpath("//table[caption='Whether we follow the Code, section by section']")[0]
    head = [th.text_content() for th in table.xpath(".//thead//th")]
    assert head == ["Section", "Do we follow the Code?", "Explanation"]
    rows = [
        (tr.xpath("./th")[0].text_content(), tr.xpath("./td")[0].text_content())
        for tr in table.xpath(".//tbody/tr")
    ]
    assert [(name, cell.removeprefix(head[1])) for name, cell in rows] == expected_sections()
    explanation = table.xpath(".//tbody/tr")[0].xpath("./td")[1].text_content()
    assert explanation.endswith(
        "We follow 7 of 8 provisions. Not yet: 1.8 (Record, monitor and review service "
        "requests), by 31 December 2025."
    )


def test_no_submission_csv_and_the_word_form_speaks_the_codes_words(rendered: Path) -> None:
    assert not (rendered / "submission.csv").exists()
    summary = json.loads((rendered / "summary.json").read_text(encoding="utf-8"))
    assert "submission.csv" not in summary["outputs"] and summary["code"] == "lgsco-chc-2024"
    text = docx_text(rendered / "self-assessment.docx")
    assert "Council: Example Borough Council" in text
    assert "Member Responsible for Complaints: Cllr Helen Marsh" in text
    assert "Landlord:" not in text and "Submitted to" not in text
    assert "Section by section" in text and "Do we follow the Code?" in text
    markdown = (rendered / "self-assessment.md").read_text(encoding="utf-8")
    assert (
        "| Section 2: Exclusions | Yes | We follow all 5 provisions of this section. |" in markdown
    )


def test_the_word_form_reads_back(run: Run, rendered: Path, tmp_path: Path) -> None:
    out = tmp_path / "back.yaml"
    result = run("import", "--as-of", AS_OF, "-o", str(out), str(rendered / "self-assessment.docx"))
    assert result.exit_code == 0, result.output
    back = validate(load_file(out), Assessment)
    assert back.code == "lgsco-chc-2024"
    assert back.landlord.name == "Example Borough Council"
    assert back.governance.member_responsible_for_complaints == "Cllr Helen Marsh"
    given = {pid: r.comply for pid, r in answers().responses.items()}
    assert {pid: r.comply for pid, r in back.responses.items()} == given


def test_diff_speaks_of_the_lgsco(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "assessments"
    folder.mkdir()
    shutil.copytree(ROOT / "complaints", tmp_path / "complaints")
    old = folder / "old.yaml"
    shutil.copy(EXAMPLE, old)
    new = folder / "new.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("period: 2024-25", "period: 2025-26")
    new.write_text(text.replace('"3.8":\n    comply: no', '"3.8":\n    comply: yes'), "utf-8")
    result = run("diff", "--format", "md", str(old), str(new))
    assert result.exit_code == 0, result.output
    assert (
        "Our 2025-26 self-assessment against the Local Government and Social Care Ombudsman's "
        "Complaint Handling Code compared with 2024-25:"
    ) in result.output
    assert "3.8" in result.output


def test_code_list_and_show(run: Run) -> None:
    listed = run("code", "list", "lgsco-chc-2024").output
    assert "51 provisions; text bundled for 48." in listed
    assert "code import" not in listed  # the LGSCO has no form to take text from
    shown = run("code", "show", "9.5", "--edition", "lgsco-chc-2024").output
    assert "‘Member Responsible for Complaints”’(the Member)" in shown  # as published
    missing = run("code", "show", "6.8", "--edition", "lgsco-chc-2024").output
    assert "Text not bundled" in missing


def test_the_example_checks_without_errors(run: Run) -> None:
    result = run("check", "--as-of", AS_OF, str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert result.output.endswith("0 errors, 1 warning in 1 file.\n")  # W308: 3 texts not bundled
    assert "W308" in result.output


def test_the_logs_figures_are_measured_by_the_lgsco_limits(rendered: Path) -> None:
    summary = json.loads((rendered / "summary.json").read_text(encoding="utf-8"))
    measured = summary["practice"]["provisions"]
    assert set(measured) == {"6.2", "6.3", "6.4"}  # stage 2's provisions are not known
    assert [measured[pid]["working_days"] for pid in ("6.2", "6.3", "6.4")] == [5, 10, 10]
