"""Known script-injection shapes in every text field: nothing in the published outputs can run.

Each payload is written into every text field of the example assessment and
into the section titles, summaries and texts of a user-supplied Code file. The
rendered HTML is parsed with lxml and the Word file read back with python-docx.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from conftest import EXAMPLE, ROOT, Run
from selfassess.safety import normalise_url
from selfassess.yamlio import KeyPath, load_file


@dataclass(frozen=True)
class Payload:
    """A hostile text, and the link target it carries (for url fields) if any."""

    text: str
    url: str | None = None

    @property
    def target(self) -> str:
        """Return what goes into url fields: the link target, or the text itself."""
        return self.text if self.url is None else self.url


# Shapes from the filter-evasion families: raw tags, event handlers, breaking out of
# attributes and raw-text elements, dangerous schemes in every disguise, and markdown's
# inline links, autolinks, reference links and images carrying them.
PAYLOADS = {
    "script element": Payload("<script>alert(1)</script>"),
    "script with src": Payload("<SCRIPT SRC=//xss.example/x.js></SCRIPT>"),
    "img onerror": Payload('<img src=x onerror="alert(1)">'),
    "svg onload": Payload("<svg onload=alert(1)>"),
    "svg slash onload": Payload("<svg/onload=alert(1)//"),
    "body onload": Payload("<body onload=alert(1)>"),
    "double-quote breakout": Payload('"><script>alert(1)</script>'),
    "single-quote breakout": Payload("'><img src=x onerror=alert(1)>"),
    "unquoted attribute breakout": Payload("x onmouseover=alert(1) y="),
    "textarea close": Payload("</textarea><script>alert(1)</script>"),
    "title close": Payload("</title><script>alert(1)</script>"),
    "style close": Payload("</style><script>alert(1)</script>"),
    "comment close": Payload("--><script>alert(1)</script><!--"),
    "cdata": Payload("<![CDATA[<script>alert(1)</script>]]>"),
    "style expression": Payload('<div style="width: expression(alert(1))">x</div>'),
    "iframe": Payload('<iframe src="javascript:alert(1)"></iframe>'),
    "object data": Payload('<object data="data:text/html,<script>alert(1)</script>"></object>'),
    "form action": Payload(
        '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button>'
        "</form>"
    ),
    "svg xlink": Payload('<svg><a xlink:href="javascript:alert(1)"><text>go</text></a></svg>'),
    "meta refresh": Payload('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    "base href": Payload('<base href="javascript:alert(1)//">'),
    "escaped entities": Payload("&lt;script&gt;alert(1)&lt;/script&gt;"),
    "javascript link": Payload("[go](javascript:alert(1))", "javascript:alert(1)"),
    "mixed case": Payload("[go](JaVaScRiPt:alert(1))", "JaVaScRiPt:alert(1)"),
    "decimal entity": Payload("[go](&#106;avascript:alert(1))", "&#106;avascript:alert(1)"),
    "padded hex entity": Payload(
        "[go](&#x0000006A;avascript:alert(1))", "&#x0000006A;avascript:alert(1)"
    ),
    "entities without semicolons": Payload(
        "[go](&#106&#97&#118&#97script:alert(1))", "&#106&#97&#118&#97script:alert(1)"
    ),
    "entity colon": Payload("[go](javascript&colon;alert(1))", "javascript&colon;alert(1)"),
    "entity tab in scheme": Payload("[go](jav&#x09;ascript:alert(1))", "jav&#x09;ascript:alert(1)"),
    "entity newline in scheme": Payload(
        "[go](java&#x0A;script:alert(1))", "java&#x0A;script:alert(1)"
    ),
    "entity NUL in scheme": Payload("[go](java&#0;script:alert(1))", "java&#0;script:alert(1)"),
    "tab in scheme": Payload("[go](<java\tscript:alert(1)>)", "java\tscript:alert(1)"),
    "newline in scheme": Payload("[go](<java\nscript:alert(1)>)", "java\nscript:alert(1)"),
    "NUL in scheme": Payload("[go](java\x00script:alert(1))", "java\x00script:alert(1)"),
    "control character before scheme": Payload(
        "[go](\x01javascript:alert(1))", "\x01javascript:alert(1)"
    ),
    "vertical tab in scheme": Payload("[go](<java\x0bscript:alert(1)>)", "java\x0bscript:alert(1)"),
    "DEL in scheme": Payload("[go](java\x7fscript:alert(1))", "java\x7fscript:alert(1)"),
    "C1 control before scheme": Payload("[go](\x85javascript:alert(1))", "\x85javascript:alert(1)"),
    "zero-width space in scheme": Payload(
        "[go](java\u200bscript:alert(1))", "java\u200bscript:alert(1)"
    ),
    "leading space": Payload("[go]( javascript:alert(1))", " javascript:alert(1)"),
    "backslash-escaped colon": Payload("[go](javascript\\:alert(1))", "javascript\\:alert(1)"),
    "data html": Payload(
        "[go](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    ),
    "data svg": Payload(
        "[go](<data:image/svg+xml,<svg onload=alert(1)>>)",
        "data:image/svg+xml,<svg onload=alert(1)>",
    ),
    "vbscript": Payload("[go](vbscript:msgbox(1))", "vbscript:msgbox(1)"),
    "autolink": Payload("<javascript:alert(1)>", "javascript:alert(1)"),
    "autolink data": Payload("<data:text/html,alert(1)>", "data:text/html,alert(1)"),
    "reference link": Payload("[go][x]\n\n[x]: javascript:alert(1)", "javascript:alert(1)"),
    "reference on next line": Payload(
        "[go][x]\n\n[x]:\n  javascript:alert(1)", "javascript:alert(1)"
    ),
    "collapsed reference": Payload("[x][]\n\n[x]: <vbscript:msgbox(1)>", "vbscript:msgbox(1)"),
    "image": Payload("![x](javascript:alert(1))", "javascript:alert(1)"),
    # Link definitions markdown-it resolves where a pattern over the text does not look.
    # (No url: check's W310 reads definitions by pattern and does not see these.)
    "definition in a quote": Payload("> [x]: javascript:alert(1)\n>\n> [go][x]"),
    "definition in a list item": Payload("- [x]: javascript:alert(1)\n\n  [go][x]"),
    "definition with a two-line label": Payload("[a\nb]: javascript:alert(1)\n\n[go][a b]"),
    "definition with an escaped label": Payload("[a\\]]: javascript:alert(1)\n\n[go][a\\]]"),
    "image from outside": Payload("![pixel](https://tracker.example/pixel.png)"),
    "image onerror": Payload('![x" onerror="alert(1)](https://example.org/x.png)'),
    "title attribute breakout": Payload(
        '[go](https://example.org/ "t\\" onmouseover=\\"alert(1)")', "https://example.org/"
    ),
    "quote in a safe url": Payload(
        '[go](https://example.org/"onmouseover="alert(1))',
        'https://example.org/" onmouseover="alert(1)',
    ),
}
#: Payloads whose link target is not http, https, mailto or relative: check must warn W310.
UNSAFE_LINKS = [
    name for name, p in PAYLOADS.items() if p.url is not None and not p.url.startswith("https:")
]
# What a link may point at in published HTML; the same rule the brief gives for Word.
SAFE_SCHEMES = {"http", "https", "mailto"}
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "{http://www.w3.org/1999/xlink}href",
    "data",
    "poster",
    "background",
    "srcset",
    "cite",
    "longdesc",
    "ping",
    "codebase",
}
# Every element the templates and markdown-it produce; anything else came from user text.
ALLOWED_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "main", "nav", "section", "div"),
    *("h1", "h2", "h3", "h4", "p", "a", "strong", "em", "s", "code", "pre", "br", "hr"),
    *("ul", "ol", "li", "dl", "dt", "dd", "blockquote", "table", "caption", "thead", "tbody"),
    *("tr", "th", "td", "span", "svg", "rect", "text", "desc"),
}
# A fragment is pasted into a CMS page: it brings no styles, metadata or document structure.
PAGE_ONLY_TAGS = {"html", "head", "body", "style", "meta", "title", "link", "base"}
AS_OF = "2025-07-01"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def dangerous(url: str) -> bool:
    """Tell whether a browser would follow a URL to a scheme other than http, https or mailto."""
    match = SCHEME.match(normalise_url(url))
    return match is not None and match.group(1).lower() not in SAFE_SCHEMES


# --- Building the hostile files ---------------------------------------------------------


def hostile_assessment(payload: Payload) -> dict[str, Any]:
    """Return the example with the payload in every text field."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.pop("practice")  # the complaints log is not text; its own hostile tests are in practice/
    text = payload.text
    data["period"] = text  # not YYYY-YY, an error: the renders here are drafts (--draft)
    data["publish_owner_names"] = True
    data["landlord"].update(name=text, kind=text)
    for owner in data["owners"].values():
        owner.update(role=text, name=text)
    governance = data["governance"]
    governance.update(governing_body=text, member_responsible_for_complaints=text, response=text)
    governance["approval"]["minute"] = text
    for response in data["responses"].values():
        response["comply"] = "yes" if response["comply"] is True else "no"
        response["commentary"] = text
        response["evidence"] = [
            text,
            {"title": text, "url": payload.target},
            {"title": text, "path": "evidence/policy.pdf"},
        ]
        if response["comply"] == "no":
            response["explanation"] = text
            for action in response["actions"]:
                action["do"] = text
    data["triggers"] = [{"event": "restructure", "date": "2025-01-06", "note": text}]
    return data


def hostile_code(payload: Payload) -> dict[str, Any]:
    """Return the bundled 2024 Code with the payload in every title, summary and text."""
    path = ROOT / "code_requirements" / "hos-chc-2024.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(title=payload.text, publisher=payload.text, source=payload.target)
    for section in data["sections"]:
        section["title"] = payload.text
        for part in section.get("parts") or []:
            part["title"] = payload.text
        for provision in _provisions(section):
            provision.update(summary=payload.text, text=f"{payload.text}\n\n- {payload.text}\n")
            provision["source"] = payload.target
    return data


def _provisions(section: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from section.get("provisions") or []
    for part in section.get("parts") or []:
        yield from part["provisions"]


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    """Write data as YAML (dates as written, text quoted as YAML needs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    return path


@pytest.fixture
def hostile(request: pytest.FixtureRequest, project: Path) -> tuple[Payload, Path]:
    """A project whose assessment and Code file both carry the payload; return it and the file."""
    payload = PAYLOADS[request.param]
    (project / "assessments" / EXAMPLE.name).unlink()
    (project / "assessments" / "evidence").mkdir()
    (project / "assessments" / "evidence" / "policy.pdf").write_bytes(b"%PDF-1.4\n")
    write_yaml(project / "code_requirements" / "hos-chc-2024.yaml", hostile_code(payload))
    source = write_yaml(project / "assessments" / "hostile.yaml", hostile_assessment(payload))
    return payload, source


# --- Reading the outputs back -------------------------------------------------------------


def html_problems(path: Path, fragment: bool) -> list[str]:
    """Return everything in an HTML file that could run script or leave the allowed schemes."""
    return tree_problems(lxml.html.fromstring(path.read_bytes()), fragment, ALLOWED_TAGS)


def markdown_problems(text: str) -> list[str]:
    """Return what would run if a Markdown viewer that passes raw HTML through showed text."""
    from markdown_it import MarkdownIt

    viewer = MarkdownIt("commonmark", {"html": True})
    viewer.validateLink = lambda url: True  # some viewers check no scheme at all
    html = viewer.render(text)
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    # No image: shown Markdown must not fetch anything from outside.
    return tree_problems(tree, fragment=True, allowed=ALLOWED_TAGS)


def tree_problems(tree: Any, fragment: bool, allowed: set[str]) -> list[str]:
    """Return every element, attribute or address in a parsed tree that could run script."""
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        if element.tag.lower() not in allowed:
            found.append(f"<{element.tag}> element")
        for name, value in element.attrib.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                found.append(f"{name} attribute on <{element.tag}>")
            if lowered in URL_ATTRIBUTES and dangerous(value):
                found.append(f"{name}={value!r} on <{element.tag}>")
            if fragment and lowered == "style":
                found.append(f"style attribute on <{element.tag}>")
        if element.tag == "meta" and "http-equiv" in element.attrib:
            found.append("<meta http-equiv>")
        if fragment and element.tag in PAGE_ONLY_TAGS:
            found.append(f"<{element.tag}> in a fragment")
    return found


def docx_targets(path: Path) -> list[tuple[str, str]]:
    """Return every external relationship in a Word file: (type, target)."""
    import docx

    document = docx.Document(str(path))
    found = []
    for part in document.part.package.iter_parts():
        for rel in part.rels.values():
            if rel.is_external:
                found.append((rel.reltype, rel.target_ref))
    return found


def unsafe_link_marks(source: Path) -> set[int]:
    """Return the lines of the fields where check must warn that a link is unsafe."""
    document = load_file(source)
    lines = set()
    for pid in document.data["responses"]:
        paths: list[KeyPath] = [
            ("responses", pid, "commentary"),
            ("responses", pid, "evidence", 0),
            ("responses", pid, "evidence", 1, "url"),
        ]
        if document.data["responses"][pid]["comply"] == "no":
            paths.append(("responses", pid, "explanation"))
        lines |= {document.value_mark(path).line for path in paths}
    lines.add(document.value_mark(("governance", "response")).line)
    return lines


# --- The tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", list(PAYLOADS), indirect=True)
def test_no_payload_survives_in_html_or_word(run: Run, hostile: tuple[Payload, Path]) -> None:
    _, source = hostile
    result = run("render", "--as-of", AS_OF, "--draft", "-o", "out", str(source))
    assert result.exit_code == 0, result.output
    folder = Path("out") / source.stem
    pages = [folder / "self-assessment.html", folder / "gaps.html"]
    fragments = sorted((folder / "sections").glob("*.html"))
    assert len(fragments) == 11  # nine sections, the governance fragment and the index
    found = {str(p): html_problems(p, fragment=False) for p in pages}
    found |= {str(p): html_problems(p, fragment=True) for p in fragments}
    assert {name: problems for name, problems in found.items() if problems} == {}
    targets = docx_targets(folder / "self-assessment.docx")
    assert all(reltype == HYPERLINK for reltype, _ in targets), targets
    assert [target for _, target in targets if dangerous(target)] == []


@pytest.mark.parametrize("hostile", list(PAYLOADS), indirect=True)
def test_no_payload_survives_in_markdown(run: Run, hostile: tuple[Payload, Path]) -> None:
    _, source = hostile
    result = run(
        "render", "--as-of", AS_OF, "--draft", "--format", "md,gaps", "-o", "out", str(source)
    )
    assert result.exit_code == 0, result.output
    texts = {
        name: (Path("out") / source.stem / name).read_text(encoding="utf-8")
        for name in ("self-assessment.md", "gaps.md")
    }
    # The year-on-year diff, written to paste into the annual complaints report.
    old = source.with_name("last-year.yaml")
    shutil.copy(EXAMPLE, old)
    for first, second in ((old, source), (source, old)):
        diff = run("diff", "--format", "md", str(first), str(second))
        assert diff.exit_code == 0, diff.output
        texts[f"diff from {first.name}"] = diff.output
    found = {name: markdown_problems(text) for name, text in texts.items()}
    assert {name: problems for name, problems in found.items() if problems} == {}


@pytest.mark.parametrize("hostile", list(PAYLOADS)[:6], indirect=True)
def test_payload_text_is_shown_not_obeyed(run: Run, hostile: tuple[Payload, Path]) -> None:
    payload, source = hostile
    assert run("render", "--as-of", AS_OF, "--draft", "-o", "out", str(source)).exit_code == 0
    page = lxml.html.fromstring((Path("out") / "hostile" / "self-assessment.html").read_bytes())
    heading = page.find(".//h1").text_content()
    assert heading == f"{payload.text}: {payload.text} self-assessment {payload.text}"
    facts = [dd.text_content() for dd in page.iter("dd")]
    assert facts[0] == f"{payload.text} ({payload.text}, 12,400 homes)"


@pytest.mark.parametrize("hostile", ["script element", "javascript link"], indirect=True)
def test_draft_pages_list_problems_inertly(run: Run, hostile: tuple[Payload, Path]) -> None:
    _, source = hostile
    result = run(
        "render",
        "--draft",
        "--as-of",
        AS_OF,
        "--format",
        "html,sections,gaps",
        "-o",
        "d",
        str(source),
    )
    assert result.exit_code == 0, result.output
    folder = Path("d") / source.stem
    assert "Draft" in (folder / "self-assessment.html").read_text(encoding="utf-8")
    for page in [folder / "self-assessment.html", folder / "gaps.html"]:
        assert html_problems(page, fragment=False) == []
    for fragment in (folder / "sections").glob("*.html"):
        assert html_problems(fragment, fragment=True) == []


@pytest.mark.parametrize("hostile", UNSAFE_LINKS, indirect=True)
def test_check_warns_about_every_unsafe_link(run: Run, hostile: tuple[Payload, Path]) -> None:
    _, source = hostile
    result = run("check", "--as-of", AS_OF, str(source))
    warned = {int(line.split(":")[1]) for line in result.output.splitlines() if " W310 " in line}
    assert unsafe_link_marks(source) - warned == set(), result.output


def test_every_payload_is_tried_in_every_field() -> None:
    """The corpus reaches every text field the brief names (guards the fixture against drift)."""
    data = hostile_assessment(Payload("PAYLOAD"))
    text = yaml.safe_dump(data)
    assert text.count("PAYLOAD") > 72 * 4
    fields = ("name", "kind", "role", "governing_body", "member_responsible_for_complaints")
    fields += ("minute", "response", "commentary", "explanation", "do", "title", "period", "note")
    for field in fields:
        assert re.search(rf"\b{field}: PAYLOAD", text), field
    code = yaml.safe_dump(hostile_code(Payload("PAYLOAD")))
    for field in ("title", "summary", "publisher"):
        assert re.search(rf"\b{field}: PAYLOAD", code), field
