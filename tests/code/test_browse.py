"""`selfassess code list` and `code show`: exact output for the mini edition and the bundled ones."""

from __future__ import annotations

from pathlib import Path

from conftest import Run, write

MINI_LIST = """\
Test Code, 2099 edition (mini-draft), Test Publisher
In force from 2099-01-01. Source: https://example.org/code
4 provisions; text bundled for 3.
This edition is incomplete: `selfassess code import FORM.docx --edition mini-draft` takes the missing text from the Ombudsman's self-assessment form.

Section 1: First section
  1.1   must    text     Explanatory opening (not assessed)
  1.2   must    text     First requirement

Section 6: Stages
  Stage 1
    6.1   must    text     Stage one requirement
  Stage 2
    6.10  should  no text  Stage two requirement
"""

MINI_MAP = """\
schema_version: 1
from_edition: mini-draft
to_edition: mini-code
mappings:
  - {from: "1.2", to: ["1.2", "6.1"], relation: split, confidence: high, note: Placeholder note.}
  - {from: "6.10", to: [], relation: removed}
"""


def test_list_shows_sections_parts_and_which_texts_are_bundled(run: Run, mini: Path) -> None:
    result = run("code", "list", "mini-draft")
    assert (result.exit_code, result.output) == (0, MINI_LIST)


def test_list_of_a_complete_edition_does_not_suggest_importing(run: Run, mini: Path) -> None:
    result = run("code", "list", "mini-code")
    assert result.output.splitlines()[:4] == [
        "Test Code, 2099 edition (mini-code), Test Publisher",
        "In force from 2099-01-01. Source: https://example.org/code",
        "4 provisions; text bundled for 4.",
        "",
    ]


def test_list_defaults_to_the_2024_edition(run: Run, mini: Path) -> None:
    first = run("code", "list").output.splitlines()[0]
    assert first == (
        "Complaint Handling Code, 2024 edition (hos-chc-2024), Housing Ombudsman Service"
    )


def test_show_gives_text_source_and_where_the_provision_went(run: Run, mini: Path) -> None:
    (mini / "code_requirements" / "maps").mkdir()
    write(mini / "code_requirements" / "maps", "mini-draft--mini-code.yaml", MINI_MAP)
    result = run("code", "show", "1.2", "--edition", "mini-draft")
    assert result.exit_code == 0
    assert result.output == (
        "1.2 (mini-draft, section 1: First section)\n"
        "\n"
        "Summary: First requirement\n"
        "Modality: must\n"
        "\n"
        "Placeholder text two.\n"
        "\n"
        "Source: https://example.org/code#1.2\n"
        "\n"
        "In mini-code: 1.2, 6.1 (split, high confidence)\n"
        "  1.2   First requirement\n"
        "  6.1   Stage one requirement\n"
        "  Note: Placeholder note.\n"
    )
    back = run("code", "show", "6.1", "--edition", "mini-code")
    assert back.output.endswith(
        "From mini-draft: 1.2 (split, high confidence)\n"
        "  1.2   First requirement\n"
        "  Note: Placeholder note.\n"
    )
    removed = run("code", "show", "6.10", "--edition", "mini-draft")
    assert removed.output == (
        "6.10 (mini-draft, section 6: Stages, Stage 2)\n"
        "\n"
        "Summary: Stage two requirement\n"
        "Modality: should\n"
        "\n"
        "Text not bundled: see provision 6.10 of the Code, https://example.org/code\n"
        "\n"
        "In mini-code: removed (unknown confidence)\n"
    )


def test_show_a_2022_provision_and_where_it_went_in_2024(run: Run, mini: Path) -> None:
    result = run("code", "show", "1.7", "--edition", "hos-chc-2022")
    assert result.output == (
        "1.7 (hos-chc-2022, section 1: Definition of a complaint)\n"
        "\n"
        "Summary: Accept a complaint unless there is a valid reason not to\n"
        "Modality: must\n"
        "\n"
        "A landlord must accept a complaint unless there is a valid reason not to do so.\n"
        "\n"
        "Source: https://www.rother.gov.uk/housing/rdc-tenants/housing-ombudsman-self-assessment/\n"
        "\n"
        "In hos-chc-2024: 2.1 (reworded, high confidence)\n"
        "  2.1   Accept complaints unless there is a valid, evidenced reason not to\n"
        "  Note: Moves to the new Exclusions section; 2024 adds evidencing the reasons and "
        "considering each complaint on its merits.\n"
    )


def test_show_a_provision_whose_text_is_not_bundled(run: Run, mini: Path) -> None:
    result = run("code", "show", "7.6", "--edition", "hos-chc-2022")
    lines = result.output.splitlines()
    assert lines[:6] == [
        "7.6 (hos-chc-2022, section 7: Continuous learning and improvement)",
        "",
        "Summary: A standard complaint-handling objective for all employees",
        "Modality: should",
        "",
        "Text not bundled: see provision 7.6 of the Code, https://www.housing-ombudsman.org.uk"
        "/landlords-info/complaint-handling-code/complaint-handling-code-2022/",
    ]
    assert lines[-3] == "In hos-chc-2024: 9.8 (reworded, low confidence)"


def test_unknown_provision_is_a_usage_error_with_a_suggestion(run: Run, mini: Path) -> None:
    result = run("code", "show", "6.11", "--edition", "mini-draft")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: mini-draft has no provision 6.11; did you mean 6.1? "
        "(`selfassess code list mini-draft` lists them)\n"
    )


def test_unknown_edition_is_a_usage_error(run: Run, mini: Path) -> None:
    result = run("code", "list", "hos-chc-2019")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: unknown Code edition 'hos-chc-2019' "
        "(known: hos-chc-2022, hos-chc-2024, lgsco-chc-2024, mini-code, mini-draft)"
    )
