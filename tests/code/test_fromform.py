"""`selfassess code import`: forms in both layouts fill an edition, never silently replacing text.

Test forms reuse the bundled verbatim texts and fill the gaps with placeholders.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, Run
from formbuilder import Row, build_form
from selfassess.code.catalogue import Catalogue
from selfassess.code.merge import word_diff
from selfassess.models import CodeEdition
from selfassess.validate import validate
from selfassess.yamlio import load_file

DAY = "2025-05-01"
SOURCE = f"form form.docx, imported {DAY}"


@pytest.fixture
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder: the bundled editions are the only ones."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def bundled(edition_id: str) -> CodeEdition:
    edition = Catalogue((ROOT / "code_requirements",)).edition(edition_id)
    assert edition is not None
    return edition


def placeholder(pid: str) -> str:
    return f"Placeholder requirement {pid}:\n- first point\n- second point"


def form_rows(edition: CodeEdition, leave_out: tuple[str, ...] = ()) -> list[Row]:
    """A completed form: bundled text where there is some, placeholders elsewhere."""
    return [
        Row(
            p.id,
            p.text or placeholder(p.id),
            "Yes",
            ["Evidence"],
            part=s.part_of(p.id),
            group=p.modality,
        )
        for s, p in edition.provisions()
        if p.id not in leave_out
    ]


def loaded(path: Path) -> CodeEdition:
    return validate(load_file(path), CodeEdition)


@pytest.mark.parametrize("layout", ["2024", "2022"])
def test_a_form_fills_every_null_text_of_the_2024_edition(
    run: Run, bare: Path, layout: str
) -> None:
    edition = bundled("hos-chc-2024")
    form = build_form(bare / "form.docx", form_rows(edition), layout)
    result = run("code", "import", str(form), "--edition", "hos-chc-2024", "--date", DAY)
    nulls = [p.id for _, p in edition.provisions() if p.text is None]
    texts = [p.id for _, p in edition.provisions() if p.text is not None]
    expected = [f"Read form.docx ({layout} layout): 73 provision rows."]
    for _, p in edition.provisions():
        status = "identical" if p.text else "filled (the edition had no text)"
        expected.append(f"  {p.id:<5} {status}")
    expected += [
        f"Wrote code_requirements/hos-chc-2024.yaml: {len(nulls)} filled, {len(texts)} identical, "
        "0 differ, 0 added, 0 not in the form.",
        "hos-chc-2024 is complete: check is now strict for every provision.",
    ]
    assert (result.exit_code, result.output) == (0, "\n".join(expected) + "\n")
    written = bare / "code_requirements" / "hos-chc-2024.yaml"
    assert run("check", str(written)).output == "No problems in 1 file.\n"
    imported = loaded(written)
    assert imported.complete
    for _, provision in imported.provisions():
        before = edition.provision(provision.id)
        assert before is not None
        if before.text is None:
            assert (provision.text, provision.source) == (placeholder(provision.id), SOURCE)
        else:
            assert (provision.text, provision.source) == (before.text, before.source)


BUNDLED = sorted(path.stem for path in (ROOT / "code_requirements").glob("*chc-20??.yaml"))


@pytest.mark.parametrize("edition_id", BUNDLED)
def test_code_import_works_for_every_bundled_edition(run: Run, bare: Path, edition_id: str) -> None:
    edition = bundled(edition_id)
    layout = "2022" if edition.edition == "2022" else "2024"
    form = build_form(bare / "form.docx", form_rows(edition), layout)
    result = run("code", "import", str(form), "--edition", edition_id, "--date", DAY)
    assert result.exit_code == 0, result.output
    assert result.output.endswith(
        f"{edition_id} is complete: check is now strict for every provision.\n"
    )
    written = bare / "code_requirements" / f"{edition_id}.yaml"
    assert run("check", str(written)).output == "No problems in 1 file.\n"
    imported = loaded(written)
    kept = ("tenant_measures", "words", "form", "id", "title", "publisher", "source")
    assert [getattr(imported, key) for key in kept] == [getattr(edition, key) for key in kept]
    assert [p.id for _, p in imported.provisions()] == [p.id for _, p in edition.provisions()]
    for _, provision in imported.provisions():
        before = edition.provision(provision.id)
        assert before is not None
        if before.text is None:
            assert (provision.text, provision.source) == (placeholder(provision.id), SOURCE)
        else:  # the Code's words, byte for byte
            assert provision.text is not None
            assert provision.text.encode("utf-8") == before.text.encode("utf-8")
            assert provision.source == before.source


def test_the_official_form_completes_the_edition_without_unassessed_provisions(
    run: Run, bare: Path
) -> None:
    edition = bundled("hos-chc-2024")
    form = build_form(bare / "form.docx", form_rows(edition, leave_out=("1.1",)))
    result = run("code", "import", str(form), "--date", DAY)
    lines = result.output.splitlines()
    assert lines[1] == "  1.1   not assessed, so not on the form: kept"
    assert lines[-1] == "hos-chc-2024 is complete: check is now strict for every provision."
    written = bare / "code_requirements" / "hos-chc-2024.yaml"
    assert run("check", str(written)).output == "No problems in 1 file.\n"
    imported = loaded(written)
    assert imported.complete
    assert imported.provision("1.1") is not None and imported.provision("1.1").text is None


def test_a_2022_form_fills_and_extends_the_2022_edition(run: Run, bare: Path) -> None:
    edition = bundled("hos-chc-2022")
    rows = form_rows(edition)
    rows.insert(3, Row("1.5", "Placeholder best practice text.", group="should"))
    rows.append(Row("5.13", "Placeholder stage two text.", part="Stage 2"))
    rows.append(Row("8.1", "Placeholder text in a section the edition lacks."))
    form = build_form(bare / "form.docx", rows, "2022", {8: "A placeholder section"})
    result = run(
        "code", "import", str(form), "--edition", "hos-chc-2022", "--date", DAY, "-o", "c.yaml"
    )
    assert result.exit_code == 0
    said = {
        line[2:8].strip(): line[8:] for line in result.output.splitlines() if line.startswith("  ")
    }
    assert said["1.4"] == "filled (the edition had no text)"
    assert said["7.6"] == "filled (the edition had no text)"
    assert (
        said["1.5"]
        == said["5.13"]
        == said["8.1"]
        == ("added (not in the edition; check its modality and write a summary)")
    )
    assert run("check", "c.yaml").output == "No problems in 1 file.\n"
    imported = loaded(bare / "c.yaml")
    added = imported.provision("1.5")
    assert added is not None
    assert (added.modality, added.text, added.source) == (
        "should",
        "Placeholder best practice text.",
        SOURCE,
    )
    assert imported.sections[4].part_of("5.13") == "Stage 2"
    assert (imported.sections[-1].number, imported.sections[-1].title) == (
        8,
        "A placeholder section",
    )
    assert imported.complete


def test_differing_text_is_reported_and_kept_unless_asked(run: Run, bare: Path) -> None:
    edition = bundled("hos-chc-2024")
    rows = form_rows(edition)
    changed = next(r for r in rows if r.id == "1.3")
    assert isinstance(changed.requirement, str)
    changed.requirement = changed.requirement.replace("make complaint", "make a complaint")
    form = build_form(bare / "form.docx", rows)
    result = run("code", "import", str(form), "--date", DAY, "-o", "kept.yaml")
    lines = result.output.splitlines()
    assert lines[3:5] == [
        "  1.3   differs: kept the bundled text (--prefer-form takes the form's)",
        "        … the choice to make {+a+} complaint. A complaint that …",
    ]
    kept = loaded(bare / "kept.yaml").provision("1.3")
    original = edition.provision("1.3")
    assert kept is not None and original is not None
    assert (kept.text, kept.source) == (original.text, original.source)
    result = run("code", "import", str(form), "--date", DAY, "-o", "taken.yaml", "--prefer-form")
    assert "  1.3   differs: took the form's text (--prefer-form)" in result.output
    taken = loaded(bare / "taken.yaml").provision("1.3")
    assert taken is not None
    assert (taken.text, taken.source) == (changed.requirement, SOURCE)
    assert taken.note == f"Text taken from the {SOURCE}, replacing the text from {original.source}."


def test_provisions_missing_from_the_form_are_flagged(run: Run, bare: Path) -> None:
    form = build_form(bare / "form.docx", form_rows(bundled("hos-chc-2024"), ("6.20", "9.8")))
    result = run("code", "import", str(form), "--date", DAY)
    assert "  6.20  not in the form: kept (the form may be an older layout)" in result.output
    assert result.output.endswith(
        "2 not in the form.\n"
        "hos-chc-2024 is still incomplete (complete: false).\n"
        "2 provisions not in the form: is it the form for hos-chc-2024?\n"
        "No text for 6.20, 9.8: copy it from the Code (https://www.housing-ombudsman.org.uk"
        "/landlords-info/complaint-handling-code/the-code-2024), give its source, and set "
        "complete: true once every text is there.\n"
    )


def test_the_users_file_is_replaced_only_with_update(run: Run, bare: Path) -> None:
    form = build_form(bare / "form.docx", form_rows(bundled("hos-chc-2024")))
    target = bare / "code_requirements" / "hos-chc-2024.yaml"
    target.parent.mkdir()
    target.write_text("# my own copy\n", encoding="utf-8")
    result = run("code", "import", str(form), "--date", DAY)
    assert result.exit_code == 1
    assert result.output == (
        "Error: code_requirements/hos-chc-2024.yaml already exists; use --update to replace it "
        "(a .bak copy is kept), or -o to write a new file\n"
    )
    assert target.read_text(encoding="utf-8") == "# my own copy\n"
    target.write_bytes((ROOT / "code_requirements" / "hos-chc-2024.yaml").read_bytes())
    result = run("code", "import", str(form), "--date", DAY, "--update")
    assert result.exit_code == 0
    assert (bare / "code_requirements" / "hos-chc-2024.yaml.bak").read_bytes() == (
        ROOT / "code_requirements" / "hos-chc-2024.yaml"
    ).read_bytes()
    assert loaded(target).complete
    again = run("code", "import", str(form), "--date", DAY, "--update")
    assert "0 filled, 73 identical, 0 differ" in again.output


def test_a_form_for_another_edition_is_refused(run: Run, bare: Path) -> None:
    form = build_form(bare / "form.docx", form_rows(bundled("hos-chc-2022")), "2022")
    result = run("code", "import", str(form), "--edition", "hos-chc-2024")
    assert result.exit_code == 1
    assert result.output.startswith(f"{form}:1:1: E124 the form's requirement text matches only ")
    assert result.output.endswith(
        "it looks like a form for another edition of the Code: choose the edition with --edition\n"
    )
    assert not (bare / "code_requirements").exists()


def test_a_file_that_is_not_a_form(run: Run, bare: Path) -> None:
    (bare / "notes.docx").write_text("plain text", encoding="utf-8")
    result = run("code", "import", "notes.docx")
    assert (result.exit_code, result.output) == (
        1,
        "notes.docx:1:1: E121 is not a Word .docx file; a .doc, PDF or web page cannot be read: "
        "open it in Word and save it as a Word Document (.docx)\n",
    )
    empty = build_form(bare / "empty.docx", [])
    result = run("code", "import", str(empty))
    assert (result.exit_code, result.output) == (
        1,
        f"{empty}:1:1: E123 no form table found: expected a table whose header row names a "
        "provision column (e.g. 'Code provision') and a requirement column ('Code requirement')\n",
    )


def test_an_unknown_edition_is_a_usage_error(run: Run, bare: Path) -> None:
    form = build_form(bare / "form.docx", [Row("1.2", "Placeholder.")])
    result = run("code", "import", str(form), "--edition", "hos-chc-2030")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1].startswith(
        "Error: unknown Code edition 'hos-chc-2030' (known: "
    )


MINI_REPORT = """\
Read form.docx (2024 layout): 4 provision rows.
  1.1   not assessed, so not on the form: kept
  1.2   identical
  6.1   differs: kept the bundled text (--prefer-form takes the form's)
        Placeholder text [-three.-] {+three, changed.+}
  6.10  filled (the edition had no text)
  6.11  added (not in the edition; check its modality and write a summary)
Wrote new.yaml: 1 filled, 1 identical, 1 differ, 1 added, 0 not in the form.
mini-draft is complete: check is now strict for every provision.
"""

MINI_WRITTEN_TAIL = """\
      - title: Stage 2
        provisions:
          - id: "6.10"
            modality: should
            summary: Stage two requirement
            text: |-
              Placeholder text four:
              - a point
            source: form form.docx, imported 2025-05-01
          - id: "6.11"
            modality: should
            summary: "Added from the form: write a short summary of 6.11"
            text: |-
              Placeholder text five should.
            source: form form.docx, imported 2025-05-01
            note: Added by `selfassess code import`; modality read from the text; check it.
"""


def test_the_report_and_the_file_written_exactly(run: Run, mini: Path) -> None:
    rows = [
        Row("1.2", "Placeholder text two.", "Yes"),
        Row("6.1", "Placeholder text three, changed.", part="Stage 1"),
        Row("6.10", "Placeholder text four:\n- a point", part="Stage 2"),
        Row("6.11", "Placeholder text five should.", part="Stage 2"),
    ]
    build_form(mini / "form.docx", rows)
    result = run(
        "code", "import", "form.docx", "--edition", "mini-draft", "-o", "new.yaml", "--date", DAY
    )
    assert (result.exit_code, result.output) == (0, MINI_REPORT)
    written = (mini / "new.yaml").read_text(encoding="utf-8")
    assert written.startswith(
        "# yaml-language-server: $schema=../schemas/code.schema.json\nschema_version: 1\nid: mini-draft\n"
    )
    assert "complete: true\n" in written
    assert written.endswith(MINI_WRITTEN_TAIL)


@pytest.mark.parametrize(
    ("old", "new", "diff"),
    [
        ("a b c", "a x c", "a [-b-] {+x+} c"),
        (
            "one two three four five six seven eight nine ten",
            "one two three four five six seven eight nine ten.",
            "… seven eight nine [-ten-] {+ten.+}",
        ),
        ("Landlords must act.", "Landlords should act.", "Landlords [-must-] {+should+} act."),
        ("keep", "keep more", "keep {+more+}"),
        (
            "one two three four five six",
            "one two three four five six seven",
            "… four five six {+seven+}",
        ),
    ],
)
def test_word_diff(old: str, new: str, diff: str) -> None:
    assert word_diff(old, new, context=3) == diff


def test_duplicate_and_empty_rows_are_reported(run: Run, mini: Path) -> None:
    rows = [
        Row("1.2", "Placeholder text two."),
        Row("1.2", "Placeholder text two, again."),
        Row("6.1", ""),
        Row("6.10", "Placeholder text four."),
    ]
    build_form(mini / "form.docx", rows)
    result = run("code", "import", "form.docx", "--edition", "mini-draft", "-o", "n.yaml")
    assert result.output.splitlines()[1:8] == [
        "  1.1   not assessed, so not on the form: kept",
        "  1.2   identical",
        "  6.1   not in the form: kept (the form may be an older layout)",
        "  6.10  filled (the edition had no text)",
        "1.2: in the form twice; the first row was used",
        "6.1: the form's row has no requirement text; ignored",
        "Wrote n.yaml: 1 filled, 1 identical, 0 differ, 0 added, 1 not in the form.",
    ]


def test_a_document_selfassess_rendered_is_refused(run: Run, mini: Path) -> None:
    assert run("render", "--format", "docx", "--as-of", "2025-07-01", "clean.yaml").exit_code == 0
    rendered = mini / "build" / "clean" / "self-assessment.docx"
    before = (mini / "code_requirements" / "mini-draft.yaml").read_bytes()
    result = run("code", "import", str(rendered), "--edition", "mini-draft", "--update")
    assert (result.exit_code, result.output) == (
        1,
        f"{rendered}:1:1: E211 this Word document was written by 'selfassess render': its "
        "requirement cells hold selfassess's summaries, not the Code's text; import the "
        "Ombudsman's self-assessment form, or a landlord's completed form that quotes the Code\n",
    )
    assert (mini / "code_requirements" / "mini-draft.yaml").read_bytes() == before


def test_the_rendered_mark_is_in_the_core_properties(run: Run, mini: Path) -> None:
    import docx

    run("render", "--format", "docx", "--as-of", "2025-07-01", "clean.yaml")
    document = docx.Document(str(mini / "build" / "clean" / "self-assessment.docx"))
    assert document.core_properties.identifier == "selfassess:rendered-self-assessment"


def test_summary_and_see_provision_rows_are_never_taken_as_the_codes_text(
    run: Run, mini: Path
) -> None:
    rows = [
        Row("1.2", "Placeholder text two."),
        Row("6.1", "Placeholder text three."),
        Row("6.10", "Stage two requirement\nSee provision 6.10 of the Code"),
    ]
    build_form(mini / "form.docx", rows)
    result = run("code", "import", "form.docx", "--edition", "mini-draft", "-o", "a.yaml")
    assert (
        "6.10: the form's row points to the Code instead of quoting it (selfassess's own wording); ignored"
        in result.output
    )
    assert loaded(mini / "a.yaml").provision("6.10").text is None  # type: ignore[union-attr]
    build_form(mini / "form2.docx", [*rows[:2], Row("6.10", "Stage two requirement")])
    result = run("code", "import", "form2.docx", "--edition", "mini-draft", "-o", "b.yaml")
    assert result.output.splitlines()[4] == (
        "  6.10  the form's row holds selfassess's summary, not the Code's text: ignored"
    )
    edition = loaded(mini / "b.yaml")
    assert (edition.complete, edition.provision("6.10").text) == (False, None)  # type: ignore[union-attr]


def test_help_says_exactly_which_documents_it_accepts(run: Run) -> None:
    output = run("code", "import", "--help").output
    assert (
        " ".join(output.split()).count(
            "Accepts only documents whose requirement cells quote the Code: the Ombudsman's own "
            "self-assessment form (2024 or 2022 layout), or a landlord's completed copy of it. It "
            "refuses a Word document written by 'selfassess render' (E211)"
        )
        == 1
    )
