"""Hostile registers: script payloads stay inert in every output, formulas stay text, and
malformed files give located problems, never a traceback."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from conftest import FIXTURES, Run
from render.test_csv_injection import FORMULA_STARTS
from render.test_csv_injection import PAYLOADS as FORMULAS
from render.test_xss import ALLOWED_TAGS as ALLOWED
from render.test_xss import (
    HYPERLINK,
    PAYLOADS,
    Payload,
    dangerous,
    docx_targets,
    markdown_problems,
    tree_problems,
)
from renderkit import cell_text

SOURCE = FIXTURES / "casework" / "register.yaml"
AS_OF = "2025-07-01"


def hostile_register(text: str, url: str) -> dict[str, Any]:
    """Return the fixture register with the text in every text field and the url in every link."""
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    data["landlord"]["name"] = data["period"] = text
    data["owners"] = {"hoc": {"role": text, "name": text, "email": text}, "rep": {"role": text}}
    for case in data["cases"]:
        case.update(subject=text, category=text, url=url)
        for finding in case.get("findings", []):
            finding.update(issue=text, category=text)
        for order in case.get("orders", []):
            order["do"] = text
        for rec in case.get("recommendations", []):
            rec.update(text=text, area=text, progress=[{"on": "2025-06-01", "note": text}])
            for action in rec["actions"]:
                action["do"] = text
                action["progress"] = [{"on": "2025-06-02", "note": text}]
                action["revised"] = [
                    {"to": "2025-12-31", "reason": text, "agreed_by": text, "on": "2025-06-03"}
                ]
    data["cases"][0]["reference"] = text
    data["cases"][1]["recommendations"][0]["id"] = text
    data["publications"] = [{"kind": text, "title": text, "url": url, "date": "2024-10-22"}]
    return data


def write_register(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "hostile.yaml"
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_no_payload_survives_in_any_plan_output(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    payload: Payload = PAYLOADS[name]
    monkeypatch.chdir(tmp_path)
    source = write_register(tmp_path, hostile_register(payload.text, payload.target))
    result = run("plan", "--as-of", AS_OF, "-o", "out", source.name)
    assert result.exit_code == 0, result.output
    folder = Path("out") / "hostile"
    # The plan's tables add <span> (their narrow-screen labels) to the elements templates make.
    found = {
        n: tree_problems(lxml.html.fromstring((folder / n).read_bytes()), False, ALLOWED | {"span"})
        for n in ("plan.html", "plan-internal.html")
    }
    for n in ("plan.md", "plan-internal.md"):
        found[n] = markdown_problems((folder / n).read_text(encoding="utf-8"))
    assert {n: problems for n, problems in found.items() if problems} == {}
    targets = docx_targets(folder / "plan.docx")
    assert all(reltype == HYPERLINK for reltype, _ in targets), targets
    assert [t for _, t in targets if dangerous(t)] == []


@pytest.mark.parametrize("name", list(PAYLOADS)[:6])
def test_payload_text_is_shown_not_obeyed(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    text = PAYLOADS[name].text
    monkeypatch.chdir(tmp_path)
    source = write_register(tmp_path, hostile_register(text, "https://example.org/"))
    assert (
        run("plan", "--as-of", AS_OF, "--format", "html", "-o", "out", source.name).exit_code == 0
    )
    page = lxml.html.fromstring((Path("out") / "hostile" / "plan.html").read_bytes())
    assert (
        page.find(".//h1").text_content() == f"{text}: Ombudsman casework: progress report {text}"
    )
    cells = [cell_text(th) for th in page.xpath("//tbody/tr/th")]
    # two findings, the order without compensation, the two actions, the subject category (in
    # the table by subject) and the area (in the table by area)
    assert cells.count(text) == 7
    assert f"{text} (compensation £300)" in cells


@pytest.mark.parametrize("name", list(FORMULAS))
def test_every_csv_cell_is_formula_safe(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    formula = FORMULAS[name]
    monkeypatch.chdir(tmp_path)
    source = write_register(tmp_path, hostile_register(formula, "https://example.org/"))
    assert (
        run(
            "plan", "--as-of", AS_OF, "--format", "csv,internal", "-o", "out", source.name
        ).exit_code
        == 0
    )
    texts = {
        n: (Path("out") / "hostile" / n).read_bytes().decode("utf-8-sig")
        for n in ("plan.csv", "plan-internal.csv")
    }
    texts["gaps --csv"] = run("gaps", "--as-of", AS_OF, "--csv", source.name).output
    for where, text in texts.items():
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert [c for c in cells if c.startswith(FORMULA_STARTS)] == [], where
        assert cells.count("'" + formula) >= 4, where  # still readable, quote-prefixed


MALFORMED = {
    "cases not a list": "cases: 5\n",
    "case not a mapping": "cases: [1, 2]\n",
    "findings not a list": "cases:\n  - {reference: a, kind: determination, findings: x}\n",
    "unknown kind": "cases:\n  - {reference: a, kind: ruling}\n",
    "compensation with a pound sign": (
        "cases:\n  - reference: a\n    kind: determination\n    orders:\n"
        "      - {do: Pay, compensation: '£1,200', due: 2025-01-01}\n"
    ),
    "negative compensation": (
        "cases:\n  - reference: a\n    kind: determination\n    orders:\n"
        "      - {do: Pay, compensation: -5, due: 2025-01-01}\n"
    ),
    "a date that is not one": "cases:\n  - {reference: a, kind: determination, date: 31/02/2025}\n",
    "owners_from a folder": "owners_from: .\ncases: []\n",
    "owners_from a device": "owners_from: /dev/zero\ncases: []\n",
    "owners_from itself": "owners_from: r.yaml\ncases: []\n",
    "half-finished": "cases:\n  - reference: a\n    kind: determ",
    "unclosed flow mapping": "cases:\n  - {reference: a, kind: determination\n",
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_registers_give_located_problems(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.yaml").write_text("schema_version: 1\nlandlord: {name: X}\n" + MALFORMED[name])
    for command in (("check",), ("plan", "-o", "out"), ("gaps",)):
        result = run(*command, "--as-of", AS_OF, "r.yaml")
        assert result.exit_code == 1, (command, result.output)
        first = result.output.splitlines()[0]
        assert first.startswith("r.yaml:") and " E" in first, (command, first)
    assert not Path("out").exists()


def test_an_empty_register_renders_and_says_so(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SOURCE, "full.yaml")
    Path("r.yaml").write_text("schema_version: 1\nlandlord: {name: X}\ncases: []\n")
    result = run("plan", "--as-of", AS_OF, "--format", "md", "r.yaml")
    assert result.exit_code == 0
    text = Path("build/r/plan.md").read_text(encoding="utf-8")
    assert "- 0 actions: 0 overdue." in text
    assert "No findings were decided, so there is no maladministration rate." in text


def test_escaped_control_characters_reach_no_plan_output(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # YAML's escapes ("\x1b", "\0", "\x07") make characters no page, CSV or document should carry.
    text = "Repairs \x1b[31mred\x1b[0m \x00 bell \x07 done"
    monkeypatch.chdir(tmp_path)
    source = write_register(tmp_path, hostile_register(text, "https://example.org/"))
    result = run("plan", "--as-of", AS_OF, "-o", "out", source.name)
    assert result.exit_code == 0, result.output
    folder = Path("out") / "hostile"
    for name in ("plan.html", "plan-internal.html", "plan.md", "plan-internal.md", "plan.csv"):
        data = (folder / name).read_bytes()
        assert not [c for c in (b"\x1b", b"\x00", b"\x07") if c in data], name
    markdown = (folder / "plan.md").read_text(encoding="utf-8")
    assert r"Repairs \[31mred\[0m  bell  done" in markdown
