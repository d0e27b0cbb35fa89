"""The self-assessment as Markdown (GitHub-flavoured tables), readable in a pull request."""

from __future__ import annotations

from collections.abc import Iterator

from selfassess.assessment import view as v
from selfassess.render.mdescape import cell, escape, md_table, target
from selfassess.render.pieces import counts_text
from selfassess.render.usermarkdown import inert_markdown


def render_markdown(doc: v.DocumentView) -> str:
    """Return the whole public document as Markdown."""
    lines = [f"# {escape(doc.landlord)}: {escape(doc.title)}", ""]
    lines += draft_lines(doc)
    lines += _facts(doc)
    lines += _summary(doc)
    for section in doc.sections:
        lines += _section(section, doc.edition.columns)
    lines += _action_plan(doc)
    if doc.governance.response:
        lines += [
            f"## {escape(doc.governance.heading)}",
            "",
            inert_markdown(doc.governance.response),
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def draft_lines(doc: v.Draftable) -> list[str]:
    """Return the draft banner and what is still open, or nothing for an approved document."""
    notice = doc.notice
    if notice is None:
        return []
    lines = [f"> **{v.DRAFT_BANNER}**", ">", "> This is a working draft. It has not been approved"]
    lines.append("> by the governing body and may change.")
    if notice.unanswered:
        lines += [">", f"> {v.NOT_YET_ANSWERED}", ">"]
        lines += [f"> - {escape(words)}" for words in notice.unanswered]
    if notice.problems:
        lines += [">", f"> {v.OPEN_PROBLEMS}", ">"]
        lines += [f"> - {escape(problem)}" for problem in notice.problems]
    return [*lines, ""]


def _facts(doc: v.DocumentView) -> list[str]:
    lines = []
    for fact in doc.facts:
        value = escape(fact.value)
        if fact.url:
            value = f"[{value}]({target(fact.url)})"
        lines.append(f"- **{escape(fact.label)}:** {value}")
    return [*lines, ""]


def _summary(doc: v.DocumentView) -> list[str]:
    totals = doc.totals
    text = (
        f"We assessed our complaint handling against {totals.total} provisions of the "
        f"{escape(doc.edition.name)}. We comply with {totals.yes} and do not comply with {totals.no}."
    )
    if doc.unanswered_text:
        text += f" {doc.unanswered_text}"
    lines = ["## Summary", "", text, "", *_practice(doc)]
    lines.append("| Section | Provisions assessed | Yes | No |")
    lines.append("| --- | ---: | ---: | ---: |")
    for s in (*(s.counts for s in doc.sections), totals):
        lines.append(f"| {cell(s.label)} | {s.total} | {s.yes} | {s.no} |")
    lines += _section_lines(doc)
    lines += ["", "### Where we do not comply", ""]
    if not doc.non_compliant:
        return [*lines, doc.no_gaps_text, ""]
    lines += ["| Code provision | Requirement | Intended compliance date |", "| --- | --- | --- |"]
    for row in doc.non_compliant:
        lines.append(
            f"| {cell(row.id)} | {cell(row.summary)} | {row.compliance_date or 'Not set'} |"
        )
    return [*lines, ""]


def _section_lines(doc: v.DocumentView) -> list[str]:
    """Return the section-level summary table, when the Code asks for one."""
    headings = doc.edition.section_summary
    if not doc.section_lines or headings is None:
        return []
    lines = [
        "",
        "### Section by section",
        "",
        "Table: Whether we follow the Code, section by section",
    ]
    rows = [(line.heading, line.follows, line.explanation) for line in doc.section_lines]
    return [*lines, "", *md_table(headings, rows)]


def _practice(doc: v.DocumentView) -> list[str]:
    if not doc.practice:
        return []
    lines = [f"### {v.PRACTICE_HEADING}", "", escape(doc.practice_note or ""), ""]
    lines += ["| Measure | Result |", "| --- | --- |"]
    lines += [f"| {cell(fact.label)} | {cell(fact.value)} |" for fact in doc.practice]
    return [*lines, ""]


def _action_plan(doc: v.DocumentView) -> list[str]:
    if not doc.non_compliant:
        return []
    lines = ["## What we are doing where we do not comply", ""]
    for row in doc.non_compliant:
        lines += [f"### Provision {escape(row.id)}: {escape(row.summary)}", ""]
        lines += [f"**{v.DATE_LABEL}** {row.compliance_date or 'not set'}", ""]
        lines += [f"- {_action(action)}" for action in row.actions]
        lines += [""] if row.actions else []
    return lines


def _action(action: v.ActionView) -> str:
    text = escape(action.do)
    if action.owner:
        text += f" (responsible: {escape(action.owner)})"
    if action.due:
        text += f", due {action.due}"
    return f"{text}. Status: {action.status.lower()}."


def _section(section: v.SectionView, columns: tuple[str, ...]) -> list[str]:
    lines = [f"## {escape(section.heading)}", "", counts_text(section.counts) + ".", ""]
    for table in section.tables:
        level = "###"
        if table.heading:
            lines += [f"### {escape(table.heading)}", ""]
            level = "####"
        lines += _overview(table, columns)
        for row in table.rows:
            lines += list(_row(row, level, columns))
    return lines


def _overview(table: v.Table, columns: tuple[str, ...]) -> list[str]:
    header = f"| {cell(columns[0])} | Requirement | {cell(columns[2])} |"  # the Code's form's words
    lines = [header, "| --- | --- | --- |"]
    for row in table.rows:
        lines.append(f"| {cell(row.id)} | {cell(row.summary)} | {row.answer} |")
    return [*lines, ""]


def _row(row: v.Row, level: str, columns: tuple[str, ...]) -> Iterator[str]:
    yield f"{level} {escape(row.id)}"
    yield ""
    yield f"**{escape(columns[1])}:**"
    yield ""
    yield from _requirement(row)
    yield f"**Comply:** {row.answer}"
    yield ""
    if row.evidence:
        yield f"**{escape(columns[3])}:**"
        yield ""
        yield from (f"- {_evidence(item)}" for item in row.evidence)
        yield ""
    if row.measured:
        yield escape(row.measured)
        yield ""
    if row.commentary:
        yield f"**{escape(columns[4])}:**"
        yield ""
        yield inert_markdown(row.commentary)
        yield ""
    if row.answer == v.NO:
        if row.explanation:
            yield f"**{v.EXPLANATION_LABEL}** {inert_markdown(row.explanation)}"
            yield ""
        yield f"**{v.DATE_LABEL}** {row.compliance_date or 'not set'}"
        yield ""


def _requirement(row: v.Row) -> Iterator[str]:
    if row.text is None:
        yield f"Summary: {escape(row.summary)}"
        yield ""
        link = row.code_link
        yield f"[{escape(link.text)}]({target(link.url)})" if link.url else escape(link.text)
        yield ""
        return
    previous: v.Block | None = None
    for block in row.text:
        if previous is not None and not (previous.bullet and block.bullet):
            yield ">"
        yield f"> - {escape(block.text)}" if block.bullet else f"> {escape(block.text)}"
        previous = block
    yield ""


def _evidence(item: v.Evidence) -> str:
    if item.markdown:
        return " ".join(inert_markdown(item.title).split())
    if item.url:
        return f"[{escape(item.title)}]({target(item.url)})"
    if item.path:
        return f"{escape(item.title)} ({escape(item.path)})"
    return escape(item.title)
