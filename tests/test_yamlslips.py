"""The commonest YAML slips get a message that says what to type, at the line of the slip."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, write

CLEAN = (Path(__file__).parent / "fixtures" / "mini" / "clean.yaml").read_text(encoding="utf-8")
ANSWER = "      - Complaints policy, paragraph 2\n"


def check(run: Run, text: str) -> str:
    write(Path.cwd(), "a.yaml", text)
    result = run("check", "--as-of", "2025-07-01", "a.yaml")
    assert result.exit_code == 1
    return result.output


def _with_commentary(line: str) -> str:
    assert ANSWER in CLEAN
    return CLEAN.replace(ANSWER, ANSWER + f"    commentary: {line}\n", 1)


SLIPS = [
    pytest.param(
        _with_commentary("Note: our policy follows the Code word for word"),
        "a.yaml:19:21: E101 the text after 'commentary:' holds ': ', which YAML reads as the start "
        'of another field; put the whole text in double quotes (commentary: "Note: our policy '
        "follows the Code word ...\") or write 'commentary: |' and the text on the next line, indented",
        id="a colon inside a value",
    ),
    pytest.param(
        _with_commentary("'Our policy uses the Code's definition'"),
        "a.yaml:19:42: E101 the text after 'commentary:' is in quotes, so the apostrophe in "
        "\"Code's\" ends it early; type it twice (Code''s) or put the whole text in double quotes",
        id="an apostrophe inside single quotes",
    ),
    pytest.param(
        CLEAN.replace("    comply: Yes\n", "    comply Yes\n"),
        "a.yaml:20:11: E101 no colon after 'comply'; write 'comply: Yes' (if the line goes on "
        "from the text above instead, indent it more than the field names)",
        id="a field without its colon",
    ),
    pytest.param(
        _with_commentary('"Our policy follows the Code'),
        "a.yaml:19:17: E101 the text after 'commentary:' opens with \" but its line does not "
        'close it; add a " at the end of the text (for text over several lines, write '
        "'commentary: |' and the text on the lines below, indented)",
        id="a quote never closed",
    ),
    pytest.param(
        _with_commentary("*Every* complaint is logged"),
        "a.yaml:19:17: E101 the text after 'commentary:' starts with '*', which YAML reads as a "
        "sign of its own, not as text; put the whole text in double quotes (commentary: "
        '"*Every* complaint is logged")',
        id="a value starting with a character YAML keeps",
    ),
    pytest.param(
        CLEAN.replace(
            "    evidence:\n" + ANSWER, "    evidence:\n" + ANSWER + "     commentary: x\n"
        ),
        "a.yaml:19:1: E101 'commentary' is indented by 5 spaces, out of step with the lines "
        "above; indent it by 4 spaces like the fields it belongs with",
        id="a field indented out of step",
    ),
]


@pytest.mark.parametrize(("text", "message"), SLIPS)
def test_each_slip_says_what_to_type(run: Run, mini: Path, text: str, message: str) -> None:
    assert check(run, text) == f"{message}\n1 error, 0 warnings in 1 file.\n"


def test_a_slip_is_placed_on_its_own_line_not_where_the_parser_stopped(
    run: Run, mini: Path
) -> None:
    text = CLEAN.replace("    comply: Yes\n", "    comply Yes\n")
    line = text.splitlines().index("    comply Yes") + 1
    assert check(run, text).startswith(f"a.yaml:{line}:")


def test_a_syntax_error_no_recogniser_knows_keeps_the_parser_s_words(run: Run, mini: Path) -> None:
    output = check(run, CLEAN.replace("period: 2024-25", "period: 2024-25\n? [a"))
    assert "E101 YAML syntax error: " in output
