"""The section-level summary some Codes' self-assessments are published as, from the same answers.

One row a section: whether we follow the Code there (Yes, Partly, No, or not yet answered in
full) and an explanation in our words, naming the provisions we do not follow yet and when we
intend to. The LGSCO's Code asks for it in its edition's `form: section_summary:`.
"""

from __future__ import annotations

from selfassess.assessment import view as v
from selfassess.wording import plural

YES, PARTLY, NO, OPEN = "Yes", "Partly", "No", "Not yet answered in full"


def section_lines(sections: tuple[v.SectionView, ...]) -> tuple[v.SectionLine, ...]:
    """Return one line per section with provisions, in Code order."""
    return tuple(_line(section) for section in sections if section.rows)


def _line(section: v.SectionView) -> v.SectionLine:
    counts = section.counts
    return v.SectionLine(
        heading=section.heading,
        anchor=section.anchor,
        follows=follows(counts),
        explanation=_explanation(section),
    )


def follows(counts: v.Counts) -> str:
    """Say whether a section is followed: Yes, Partly, No, or not yet answered in full."""
    if counts.no:
        return PARTLY if counts.yes else NO
    return OPEN if counts.unanswered else YES


def _explanation(section: v.SectionView) -> str:
    counts = section.counts
    if counts.yes == counts.total:
        return f"We follow all {plural(counts.total, 'provision')} of this section."
    words = [f"We follow {counts.yes} of {plural(counts.total, 'provision')}."]
    gaps = [
        f"{row.id} ({row.summary}), by {row.compliance_date or 'a date not yet set'}"
        for row in section.non_compliant
    ]
    if gaps:
        words.append("Not yet: " + "; ".join(gaps) + ".")
    if counts.unanswered:
        words.append(f"{plural(counts.unanswered, 'provision')} not yet answered.")
    return " ".join(words)
