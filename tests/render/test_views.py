"""The view holds every decision the templates used to make: gaps per section, wording, groups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE
from selfassess.assessment import makeview
from selfassess.assessment import view as v
from selfassess.assessment.build import build_outputs
from selfassess.assessment.makeview import build_view
from selfassess.check import load_assessment
from selfassess.render.outputs import Options

AS_OF = dt.date(2025, 7, 1)


def _row(answer: str, text: tuple[v.Block, ...] | None = None) -> v.Row:
    link = v.Link("Read provision 1.1", None)
    return v.Row("1.1", "provision-1-1", "A summary", "must", text, link, answer)


def test_a_section_lists_its_own_gaps_in_order() -> None:
    rows = (_row(v.YES), _row(v.NO), _row(v.NOT_ANSWERED), _row(v.NO))
    table = v.Table("Section 1", None, rows)
    section = v.SectionView(
        1, "T", "Section 1: T", "section-1", (table,), v.Counts("S", 4, 1, 2, 1)
    )
    assert section.non_compliant == (rows[1], rows[3])


@pytest.mark.parametrize(
    ("unanswered", "said"), [(1, "1 is not yet answered."), (3, "3 are not yet answered.")]
)
def test_counts_say_how_many_are_unanswered(unanswered: int, said: str) -> None:
    assert v.Counts("All", 5, 1, 1, unanswered).still_unanswered == said


def test_code_text_is_grouped_into_paragraphs_and_runs_of_bullets() -> None:
    text = (
        v.Block("Opening."),
        v.Block("one", bullet=True),
        v.Block("two", bullet=True),
        v.Block("Between."),
        v.Block("three", bullet=True),
    )
    assert _row(v.YES, text).text_groups == (
        ("p", ("Opening.",)),
        ("ul", ("one", "two")),
        ("p", ("Between.",)),
        ("ul", ("three",)),
    )
    assert _row(v.YES).text_groups == ()


def test_the_draft_notice_is_there_only_for_a_draft() -> None:
    checked = load_assessment(EXAMPLE, AS_OF)
    assert build_view(checked).notice is None
    draft = build_view(checked, draft=True)
    # The example answers everything; its one open problem (W308, about the bundled Code
    # text) is for the author, so the published notice lists nothing.
    assert draft.problems and draft.notice == v.DraftNotice(unanswered=(), problems=())


def test_one_render_builds_the_view_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Every view is built through makeview._sections, whoever imported build_view.
    calls: list[Any] = []
    real = makeview._sections

    def counted(*args: Any) -> tuple[v.SectionView, ...]:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(makeview, "_sections", counted)
    outputs = build_outputs(load_assessment(EXAMPLE, AS_OF), Options(as_of=AS_OF))
    assert {"self-assessment.html", "gaps.html", "gaps.md", "gaps.csv"} <= set(outputs)
    assert len(calls) == 1


def test_a_draft_does_not_say_approved_beside_not_approved() -> None:
    checked = load_assessment(EXAMPLE, AS_OF)
    labels = [fact.label for fact in build_view(checked).facts]
    assert "Approved" in labels
    draft = build_view(checked, draft=True)
    assert "Approved" not in [fact.label for fact in draft.facts]
    assert [f.value for f in draft.facts if f.label == "Status"] == [v.DRAFT_BANNER]
