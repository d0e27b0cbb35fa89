"""The loader's traps, each through the command line with its exact output."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, write
from selfassess.models import Assessment
from selfassess.validate import validate
from selfassess.yamlio import load_file

CLEAN = (Path(__file__).parent / "fixtures" / "mini" / "clean.yaml").read_text(encoding="utf-8")


def check(run: Run, name: str) -> tuple[int, str]:
    result = run("check", "--as-of", "2025-07-01", name)
    return result.exit_code, result.output


def test_clean_file_passes(run: Run, mini: Path) -> None:
    assert check(run, "clean.yaml") == (0, "No problems in 1 file.\n")


def test_yes_and_no_in_any_case_or_quoted(run: Run, mini: Path) -> None:
    text = CLEAN.replace("comply: yes", 'comply: "yes"').replace("comply: no", "comply: NO")
    write(mini, "a.yaml", text)
    assert check(run, "a.yaml") == (0, "No problems in 1 file.\n")


@pytest.mark.parametrize(
    ("yes", "no"), [("Y", "n"), ("true", "false"), ("TRUE", "N"), ("y", "False")]
)
def test_y_n_true_and_false_mean_yes_and_no(run: Run, mini: Path, yes: str, no: str) -> None:
    text = CLEAN.replace("comply: Yes", f"comply: {yes}").replace("comply: no", f"comply: {no}")
    write(mini, "a.yaml", text)
    assert check(run, "a.yaml") == (0, "No problems in 1 file.\n")
    document = load_file(mini / "a.yaml")
    answers = validate(document, Assessment).responses
    assert (answers["6.1"].comply, answers["6.10"].comply) == ("yes", "no")


def test_an_answer_that_is_not_partial_gets_advice_for_either_answer(run: Run, mini: Path) -> None:
    write(mini, "a.yaml", CLEAN.replace("comply: Yes", "comply: done"))
    assert check(run, "a.yaml") == (
        1,
        "a.yaml:20:13: E115 responses.\"6.1\".comply must be yes or no, found 'done'; the "
        "Ombudsman's form has no other answer: write yes if the landlord complies in full, "
        "otherwise no and explain what is in place\n"
        "1 error, 0 warnings in 1 file.\n",
    )


def test_partial_is_not_an_answer(run: Run, mini: Path) -> None:
    write(mini, "a.yaml", CLEAN.replace("comply: Yes", "comply: partial"))
    assert check(run, "a.yaml") == (
        1,
        "a.yaml:20:13: E115 responses.\"6.1\".comply must be yes or no, found 'partial'; the "
        "Ombudsman's form has no other answer: answer no and explain what is in place\n"
        "1 error, 0 warnings in 1 file.\n",
    )


def test_provision_keys_are_read_as_written(run: Run, mini: Path) -> None:
    from selfassess.yamlio import load_file

    document = load_file(mini / "clean.yaml")
    assert list(document.data["responses"]) == ["1.2", "6.1", "6.10"]


def test_similar_ids_never_collide(tmp_path: Path) -> None:
    from selfassess.yamlio import load_file

    path = write(
        tmp_path, "a.yaml", "r:\n  1.1: a\n  1.10: b\n  9.1: c\n  9.10: d\n  6.1: e\n  6.10: f\n"
    )
    assert load_file(path).data == {
        "r": {"1.1": "a", "1.10": "b", "9.1": "c", "9.10": "d", "6.1": "e", "6.10": "f"}
    }


def test_duplicate_keys_name_both_lines(run: Run, mini: Path) -> None:
    text = CLEAN.replace("  6.10:\n", '  "6.1":\n    comply: no\n  6.10:\n')
    write(mini, "a.yaml", text)
    assert check(run, "a.yaml") == (
        1,
        "a.yaml:24:3: E106 duplicate key '6.1': first at line 19, again at line 24; YAML would "
        "keep only the last, so merge them into one\n"
        "1 error, 0 warnings in 1 file.\n",
    )


def test_unknown_field_suggests_the_right_one(run: Run, mini: Path) -> None:
    write(mini, "a.yaml", CLEAN.replace("    explanation:", "    explanaton:"))
    code, output = check(run, "a.yaml")
    assert code == 1
    assert output.splitlines()[0] == (
        "a.yaml:26:5: E114 unknown field 'explanaton' in responses.\"6.10\"; did you mean 'explanation'?"
    )


def test_bom_and_crlf_are_fine(run: Run, mini: Path) -> None:
    (mini / "a.yaml").write_bytes(b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode())
    assert check(run, "a.yaml") == (0, "No problems in 1 file.\n")


def test_tab_indentation(run: Run, mini: Path) -> None:
    write(mini, "a.yaml", CLEAN.replace("  name: Test Homes", "\tname: Test Homes"))
    assert check(run, "a.yaml") == (
        1,
        "a.yaml:4:1: E103 tab used for indentation; YAML indents with spaces only (replace the "
        "tab with spaces)\n1 error, 0 warnings in 1 file.\n",
    )


def test_invalid_utf8(run: Run, mini: Path) -> None:
    (mini / "a.yaml").write_bytes(CLEAN.replace("Test Homes", "Test H\xf6mes").encode("latin-1"))
    assert check(run, "a.yaml") == (
        1,
        "a.yaml:4:15: E102 file is not valid UTF-8 (byte 0xf6); save it as UTF-8 in your editor\n"
        "1 error, 0 warnings in 1 file.\n",
    )


def test_empty_file(run: Run, mini: Path) -> None:
    write(mini, "a.yaml", "# nothing yet\n\n")
    assert check(run, "a.yaml") == (
        1,
        "a.yaml:1:1: E104 file is empty; expected a mapping such as 'schema_version: 1'\n"
        "1 error, 0 warnings in 1 file.\n",
    )


def test_not_a_mapping(run: Run, mini: Path) -> None:
    write(mini, "a.yaml", "- one\n- two\n")
    assert check(run, "a.yaml") == (
        1,
        "a.yaml:1:1: E105 expected a mapping of keys to values at the top of the file, found a list\n"
        "1 error, 0 warnings in 1 file.\n",
    )


def test_syntax_error(run: Run, mini: Path) -> None:
    write(mini, "a.yaml", "schema_version: 1\ncode: [mini-code\n")
    assert check(run, "a.yaml") == (
        1,
        "a.yaml:2:7: E101 the text after 'code:' starts with '[', which YAML reads as the start "
        "of a list that must close with ']'; put the whole text in double quotes "
        '(code: "[mini-code")\n1 error, 0 warnings in 1 file.\n',
    )


def test_python_tags_are_refused(run: Run, mini: Path) -> None:
    write(mini, "a.yaml", "schema_version: 1\ncode: !!python/object/apply:os.system [echo hi]\n")
    assert check(run, "a.yaml") == (
        1,
        "a.yaml:2:7: E108 unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'; "
        "write plain text, lists and mappings only\n1 error, 0 warnings in 1 file.\n",
    )


def test_unknown_schema_version(run: Run, mini: Path) -> None:
    write(mini, "a.yaml", CLEAN.replace("schema_version: 1", "schema_version: 7"))
    assert check(run, "a.yaml") == (
        1,
        "a.yaml:1:17: E111 schema_version 7 is not one this release reads (it reads 1); upgrade "
        "selfassess or use a version it reads\n1 error, 0 warnings in 1 file.\n",
    )


def test_a_utf16_file_from_notepad_says_how_to_save_it(run: Run, mini: Path) -> None:
    (mini / "a.yaml").write_bytes(CLEAN.encode("utf-16"))  # with its byte order mark
    assert check(run, "a.yaml") == (
        1,
        'a.yaml:1:1: E102 file is saved as UTF-16 (Notepad\'s "Unicode"); save it as UTF-8 (in '
        "Notepad: File, Save as, Encoding: UTF-8)\n1 error, 0 warnings in 1 file.\n",
    )


def test_a_word_file_given_to_render_says_it_is_word_not_yaml(run: Run, mini: Path) -> None:
    import docx

    docx.Document().save(str(mini / "last-year.docx"))
    result = run("render", "--as-of", "2025-07-01", "last-year.docx")
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        "last-year.docx:1:1: E102 file is a Word or Excel file (a zip package), not YAML text; "
        "give the assessment's .yaml file (to read a Word self-assessment, run "
        "'selfassess import FILE.docx')",
    )
