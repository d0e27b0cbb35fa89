"""`selfassess migrate`: answers carried through the edition map, nothing lost, reviews flagged."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, Run, write
from selfassess.code.catalogue import Catalogue
from selfassess.cycle.migrate import migrate
from selfassess.models import Assessment, EvidenceItem, Landlord, Response
from selfassess.validate import validate
from selfassess.yamlio import load_file
from selfassess.yamlout import dump_assessment

LEGACY = FIXTURES / "cycle" / "northvale-2022-23.yaml"
CATALOGUE = Catalogue((ROOT / "code_requirements",))
EDITION = CATALOGUE.edition("hos-chc-2024")
MAP = CATALOGUE.edition_map("hos-chc-2022", "hos-chc-2024")
assert EDITION is not None and MAP is not None


def load(path: Path) -> Assessment:
    return validate(load_file(path), Assessment)


@pytest.fixture
def legacy(project: Path) -> Path:
    return Path(shutil.copy(LEGACY, project / "assessments" / LEGACY.name))


def test_summary_says_how_many_went_each_way(run: Run, legacy: Path) -> None:
    result = run("migrate", str(legacy), "--to", "hos-chc-2024", "-o", "out.yaml")
    assert result.exit_code == 0
    assert result.output == (
        "Wrote out.yaml.\n"
        f"Answers carried from {legacy} into hos-chc-2024:\n"
        "    3 carried unchanged (same)\n"
        "   23 carried and marked for review: the Code's wording changed (reworded)\n"
        "    5 copied to each provision they were split into, marked for review (split)\n"
        "    4 combined into the provision they were merged into, marked for review (merged)\n"
        "    1 moved to retired: removed from the Code (removed)\n"
        "    1 moved to retired: not in the edition map (unmapped)\n"
        "   35 new provisions with no earlier answer, unanswered (new)\n"
        "The migrated file is a draft with no approval until the governing body approves it "
        "(the earlier approval, its minute and response were left out).\n"
        "Its period is still 2022-23: change it if this is a new year's assessment.\n"
        "Run 'selfassess check' to list the answers to review.\n"
    )
    text = Path("out.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../schemas/assessment.schema.json\n"
        "# Migrated from hos-chc-2022 to hos-chc-2024 with 'selfassess migrate'.\n"
    )


def test_a_migrated_file_is_a_draft_with_no_approval(run: Run, legacy: Path) -> None:
    text = legacy.read_text(encoding="utf-8").replace(
        "  approval:", "  response: We accept the findings.\n  approval:"
    )
    legacy.write_text(text.replace("assessed_on:", "published_on: 2023-07-01\nassessed_on:"))
    assert load(legacy).governance.approval is not None
    assert run("migrate", str(legacy), "--to", "hos-chc-2024", "-o", "out.yaml").exit_code == 0
    migrated = load(Path("out.yaml"))
    assert (migrated.status, migrated.published_on) == ("draft", None)
    assert (migrated.governance.approval, migrated.governance.response) == (None, None)
    assert migrated.governance.governing_body == "Board"
    assert "Board minute 41/23" not in Path("out.yaml").read_text(encoding="utf-8")


def test_check_lists_exactly_the_provisions_to_review(run: Run, legacy: Path) -> None:
    run("migrate", str(legacy), "--to", "hos-chc-2024", "-o", "out.yaml")
    output = run("check", "--as-of", "2023-06-01", "out.yaml").output
    flagged = re.findall(r"W309 provision (\S+) needs review", output)
    relations: dict[str, list[str]] = {}
    for entry in MAP.mappings:
        for target in entry.to:
            relations.setdefault(target, []).append(entry.relation)
    expected = [t for t, r in relations.items() if r != ["same"]]
    order = [p.id for _, p in EDITION.provisions()]
    assert flagged == sorted(expected, key=order.index)
    assert "6.7" not in flagged and "3.4" in flagged
    new = [p.id for _, p in EDITION.provisions() if p.assessed and p.id not in relations]
    missing = re.findall(r"E203 provision (\S+) ", output)
    missing += re.search(r"W313 no answer for \d+ provisions[^(]*\(([^)]*)\)", output)[1].split(
        ", "
    )  # type: ignore[index]
    assert sorted(missing, key=order.index) == new


def test_merged_answer_is_no_if_any_source_was_no(run: Run, legacy: Path) -> None:
    run("migrate", str(legacy), "--to", "hos-chc-2024", "-o", "out.yaml")
    merged = load(Path("out.yaml")).responses["3.4"]
    assert merged.comply == "no"
    assert merged.evidence == [
        EvidenceItem(
            title="Complaints policy 2022",
            url="https://www.example.org/northvale/complaints-policy",
        ),
        "Website analytics report, March 2023",
    ]
    assert merged.commentary == (
        "The policy sets out both stages and their timescales in plain English.\n\n"
        "The policy is on the website but takes four clicks to reach.\n"
    )
    assert merged.explanation and merged.explanation.startswith("The website rebuild")
    assert str(merged.compliance_date) == "2023-09-30"
    assert [a.do for a in merged.actions] == ["Add a complaints link to the website footer"]
    assert merged.review == (
        "the Code's wording changed; the Code merged provisions into this one "
        "(was 2.3 and 2.4 of hos-chc-2022, answers combined)"
    )


def test_split_answers_are_copied_to_every_target(run: Run, legacy: Path) -> None:
    run("migrate", str(legacy), "--to", "hos-chc-2024", "-o", "out.yaml")
    responses = load(Path("out.yaml")).responses
    for target in ("6.3", "6.4"):
        assert responses[target].comply == "no"
        assert responses[target].explanation == "Staff vacancies slowed responses in the winter.\n"
        assert responses[target].review == (
            "the Code split 5.1 into 6.3 and 6.4, so check the answer fits (was 5.1 of hos-chc-2022)"
        )
    assert responses["6.7"].review is None
    assert responses["6.7"].commentary == "Each point raised gets its own answer.\n"


def test_removed_and_unmapped_answers_are_retired_with_their_old_ids(
    run: Run, legacy: Path
) -> None:
    run("migrate", str(legacy), "--to", "hos-chc-2024", "-o", "out.yaml")
    retired = load(Path("out.yaml")).retired
    assert [(r.id, r.edition, r.comply) for r in retired] == [
        ("4.3", "hos-chc-2022", "yes"),
        ("5.11", "hos-chc-2022", "no"),
    ]
    assert retired[0].reason == "4.3 of hos-chc-2022: not in the map (hos-chc-2024)"
    assert [a.do for a in retired[1].actions] == ["Add a stage check to the escalation screen"]
    assert str(retired[1].compliance_date) == "2023-09-30"


def test_nothing_in_the_fixture_is_lost(run: Run, legacy: Path) -> None:
    run("migrate", str(legacy), "--to", "hos-chc-2024", "-o", "out.yaml")
    assert_nothing_lost(load(legacy), load(Path("out.yaml")))


def test_replacing_the_input_needs_force_and_keeps_a_backup(run: Run, legacy: Path) -> None:
    before = legacy.read_text(encoding="utf-8")
    refused = run("migrate", str(legacy), "--to", "hos-chc-2024")
    assert refused.exit_code == 1
    assert refused.output == (
        f"Error: {legacy} already exists; use --force to replace it (a .bak copy is kept)\n"
    )
    assert run("migrate", str(legacy), "--to", "hos-chc-2024", "--force").exit_code == 0
    assert legacy.with_name(legacy.name + ".bak").read_text(encoding="utf-8") == before
    assert load(legacy).code == "hos-chc-2024"


def test_migrate_to_standard_output(run: Run, legacy: Path) -> None:
    result = run("migrate", str(legacy), "--to", "hos-chc-2024", "-o", "-")
    assert result.exit_code == 0
    assert "code: hos-chc-2024\n" in result.stdout


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "hos-chc-2099",
            "unknown Code edition 'hos-chc-2099' (known: hos-chc-2022, hos-chc-2024, lgsco-chc-2024)",
        ),
        ("hos-chc-2022", "is already an assessment against hos-chc-2022"),
    ],
)
def test_impossible_migrations_are_usage_errors(
    run: Run, legacy: Path, target: str, message: str
) -> None:
    result = run("migrate", str(legacy), "--to", target)
    assert result.exit_code == 2
    assert message in result.output


def test_no_map_is_a_located_problem(run: Run, project: Path) -> None:
    path = "assessments/example-borough-council-2024-25.yaml"
    result = run("migrate", path, "--to", "hos-chc-2022", "-o", "x.yaml")
    assert (result.exit_code, result.output) == (
        1,
        f"{path}:3:7: E230 no edition map from hos-chc-2024 to hos-chc-2022 "
        "(looked for maps/hos-chc-2024--hos-chc-2022.yaml in code_requirements)\n",
    )
    assert not Path("x.yaml").exists()


def test_bad_input_is_reported_without_a_traceback(run: Run, project: Path) -> None:
    path = write(project, "bad.yaml", "schema_version: 1\ncode: hos-chc-2022\n")
    result = run("migrate", str(path), "--to", "hos-chc-2024", "-o", "x.yaml")
    assert result.exit_code == 1
    assert "E113 the file is missing the required field 'landlord'" in result.output


# --- The property: every evidence item and commentary paragraph survives --------------


def paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def assert_nothing_lost(before: Assessment, after: Assessment) -> None:
    places = [*after.responses.values(), *after.retired]
    evidence = [e for place in places for e in place.evidence]
    texts = "\n\n".join(t for place in places for t in (place.commentary, place.explanation) if t)
    for response in before.responses.values():
        for item in response.evidence:
            assert item in evidence
        for paragraph in paragraphs(response.commentary) + paragraphs(response.explanation):
            assert paragraph in texts
        for action in response.actions:
            assert any(action in place.actions for place in places)


OLD_IDS = [entry.from_ for entry in MAP.mappings] + ["4.3", "8.1", "9.9"]
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
responses = st.builds(
    Response,
    comply=st.sampled_from([None, "yes", "no"]),
    evidence=st.lists(
        texts | st.builds(EvidenceItem, title=texts, url=st.none() | st.just("https://a.example")),
        max_size=3,
    ),
    commentary=st.none() | st.lists(texts, min_size=1, max_size=3).map("\n\n".join),
    explanation=st.none() | texts,
    review=st.none() | texts,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(OLD_IDS), responses, max_size=12))
def test_migration_never_loses_evidence_or_commentary(answers: dict[str, Response]) -> None:
    before = Assessment(
        schema_version=1,
        code="hos-chc-2022",
        landlord=Landlord(name="Property Homes"),
        period="2022-23",
        responses=answers,
    )
    migrated = migrate(before, EDITION, MAP).assessment
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.yaml"
        path.write_text(dump_assessment(migrated, EDITION), encoding="utf-8")
        after = load(path)
    assert after == migrated
    assert_nothing_lost(before, after)
