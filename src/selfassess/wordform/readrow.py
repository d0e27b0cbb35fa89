"""Turn one row of a completed Word self-assessment into a response, never guessing an answer.

A row's Comply cell is read as yes or no only when it says Yes, No, Y or N;
anything else leaves the answer empty with a `review` note that `check` lists.
In the commentary cell, a paragraph starting "Explanation:" begins the
explanation and "Intended compliance date:" gives the compliance date, as
selfassess's own Word output writes them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from selfassess.models import Evidence, EvidenceItem, Response
from selfassess.wordform.forms import FormRow
from selfassess.wording import MEASURED

ANSWERS = {"yes": "yes", "y": "yes", "no": "no", "n": "no"}
# A label may come bold ("**Explanation:** ..."), as selfassess's own Word output writes it.
EXPLANATION = re.compile(r"^(\*\*)?explanation\s*:\s*(\*\*)?\s*", re.I)
COMPLIANCE_DATE = re.compile(r"^(?:\*\*)?intended compliance date\s*:\s*(?:\*\*)?\s*(.*)$", re.I)
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)]|[a-z][.)]|[ivx]{1,5}[.)])\s+", re.I)
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%B %d, %Y")


@dataclass
class ReadRow:
    """A response read from a form row, and what could not be read from it."""

    response: Response
    problems: list[str] = field(default_factory=list)


def read_row(row: FormRow) -> ReadRow:
    """Read a form row's answer, evidence, commentary, explanation and compliance date."""
    links = list(row.links)
    evidence = [_evidence(line, links) for line in row.evidence if not line.startswith(MEASURED)]
    commentary, explanation, date_text = _split_commentary(row.commentary)
    comply, problems = read_answer(row.comply)
    if comply == "no" and explanation is None and commentary:
        commentary, explanation = [], commentary
    response = Response(
        comply=comply,
        evidence=evidence,
        commentary=markdown_lines(commentary, links),
        explanation=markdown_lines(explanation or [], links),
    )
    if date_text is not None:
        response.compliance_date = read_date(date_text)
        if response.compliance_date is None:
            problems.append(f"could not read the intended compliance date {date_text!r}")
    elif comply == "no":
        problems.append("answered no but the form gives no intended compliance date")
    if problems and comply is None:
        response.review = "; ".join(problems) + ": answer yes or no, then remove this line"
    return ReadRow(response, problems)


def read_answer(cell: str | None) -> tuple[str | None, list[str]]:
    """Return yes or no from a Comply cell, or None with the reason it could not be read."""
    text = " ".join((cell or "").split())
    answer = ANSWERS.get(text.lower().rstrip(".!"))
    if answer:
        return answer, []
    if not text:
        return None, ["the Comply cell was blank on the form"]
    return None, [f"the Comply cell said {text!r}, and the form allows only yes or no"]


def read_date(text: str) -> dt.date | None:
    """Read a date as people write them on forms, e.g. "31 October 2025"; None if unsure."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", " ".join(text.split())).rstrip(".")
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    return None


def _split_commentary(lines: list[str]) -> tuple[list[str], list[str] | None, str | None]:
    """Split the commentary cell into commentary, explanation and the compliance date's text."""
    commentary: list[str] = []
    explanation: list[str] | None = None
    date_text = None
    for line in lines:
        date = COMPLIANCE_DATE.match(line)
        if date and date_text is None:
            date_text = date.group(1).strip()
        elif EXPLANATION.match(line) and explanation is None:
            explanation = [EXPLANATION.sub("", line, count=1)]
        else:
            (commentary if explanation is None else explanation).append(line)
    return commentary, explanation, date_text


def _evidence(line: str, links: list[tuple[str, str]]) -> Evidence:
    """Return an evidence line as text, or as a title and url when it holds a hyperlink."""
    title = _LIST_ITEM.sub("", line, count=1) if line.startswith(("- ", "* ")) else line
    for index, (text, url) in enumerate(links):
        if text and text in line:
            del links[index]
            return EvidenceItem(title=title, url=url)
    return title


def markdown_lines(lines: list[str], links: list[tuple[str, str]]) -> str | None:
    """Join lines as Markdown paragraphs (list items on consecutive lines), links restored."""
    text = ""
    for index, line in enumerate(line.strip() for line in lines):
        if not line:
            continue
        line = _with_links(line, links)
        together = (
            index > 0 and _LIST_ITEM.match(line) and _LIST_ITEM.match(lines[index - 1].strip())
        )
        text += ("\n" if together else "\n\n") + line if text else line
    return text + "\n" if text else None


def _with_links(line: str, links: list[tuple[str, str]]) -> str:
    for link in list(links):
        text, url = link
        if text and text in line and f"[{text}](" not in line:
            line = line.replace(text, f"[{text}]({url})", 1)
            links.remove(link)
    return line
