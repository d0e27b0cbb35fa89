"""The YAML writer: readable output that the loader reads back to the same model."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from selfassess.code.catalogue import Catalogue
from selfassess.models import (
    Action,
    Assessment,
    EvidenceItem,
    HistoryItem,
    Landlord,
    Owner,
    Response,
    RetiredResponse,
)
from selfassess.validate import validate
from selfassess.yamlio import load_file
from selfassess.yamlout import dump_assessment, inline, quoted


def reload(text: str) -> Assessment:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.yaml"
        path.write_text(text, encoding="utf-8")
        return validate(load_file(path), Assessment)


def example() -> Assessment:
    return validate(load_file(EXAMPLE), Assessment)


def test_example_round_trips_with_its_edition() -> None:
    edition = Catalogue.near(EXAMPLE).edition("hos-chc-2024")
    assert reload(dump_assessment(example(), edition)) == example()


def test_output_is_readable() -> None:
    edition = Catalogue.near(EXAMPLE).edition("hos-chc-2024")
    text = dump_assessment(example(), edition)
    assert text.startswith("# yaml-language-server: $schema=../schemas/assessment.schema.json\n")
    assert "  # Section 6: Complaints stages - Stage 2\n" in text
    assert '  "1.2":  # Use the Code\'s definition of a complaint\n    comply: yes\n' in text
    assert "    comply: no\n" in text
    assert "    commentary: |\n      The housing complaints policy" in text
    assert "    compliance_date: 2026-03-31\n" in text


def test_unanswered_provisions_are_written_as_null() -> None:
    assessment = Assessment(
        schema_version=1,
        code="x",
        landlord=Landlord(name="A"),
        period="2025-26",
        responses={"6.10": Response(), "6.1": Response(comply="yes")},
    )
    text = dump_assessment(assessment)
    assert '  "6.10":\n    comply: null\n  "6.1":\n    comply: yes\n' in text
    assert reload(text) == assessment


def test_scalars_that_plain_yaml_would_misread_are_quoted() -> None:
    assert inline("null") == '"null"'
    assert inline("- a list?") == '"- a list?"'
    assert inline("Note: this") == '"Note: this"'
    assert inline("ends with colon:") == '"ends with colon:"'
    assert inline("a # not a comment") == '"a # not a comment"'
    assert inline(" padded") == '" padded"'
    assert inline("yes") == "yes"
    assert quoted("tab\there\u2028") == '"tab\\there\\u2028"'


texts = st.text(max_size=30)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
answers = st.sampled_from([None, "yes", "no"])
evidence = st.lists(
    st.one_of(
        texts,
        st.builds(EvidenceItem, title=texts, url=st.none() | texts, path=st.none() | texts),
    ),
    max_size=3,
)
actions = st.lists(
    st.builds(
        Action,
        do=texts,
        owner=st.none() | texts,
        due=st.none() | dates,
        status=st.sampled_from(["not started", "in progress", "done"]),
    ),
    max_size=2,
)
responses = st.builds(
    Response,
    comply=answers,
    evidence=evidence,
    commentary=st.none() | texts,
    explanation=st.none() | texts,
    compliance_date=st.none() | dates,
    actions=actions,
    review=st.none() | texts,
)
assessments = st.builds(
    Assessment,
    schema_version=st.just(1),
    code=texts,
    landlord=st.builds(Landlord, name=texts, homes=st.none() | st.integers(0, 10**6)),
    period=texts,
    owners=st.dictionaries(texts, st.builds(Owner, role=texts, name=st.none() | texts), max_size=2),
    responses=st.dictionaries(st.from_regex(r"\A[1-9]\.[0-9]{1,2}\Z"), responses, max_size=4),
    retired=st.lists(
        st.builds(RetiredResponse, id=texts, edition=texts, comply=answers, commentary=texts),
        max_size=1,
    ),
    history=st.lists(st.builds(HistoryItem, provision=texts, do=texts), max_size=1),
    publish_owner_names=st.booleans(),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments)
def test_any_assessment_round_trips(assessment: Assessment) -> None:
    assert reload(dump_assessment(assessment)) == assessment


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_round_trips(text: str) -> None:
    assessment = Assessment(
        schema_version=1,
        code="x",
        landlord=Landlord(name=text),
        period="p",
        responses={"1.1": Response(commentary=text, evidence=[text])},
    )
    assert reload(dump_assessment(assessment)) == assessment
