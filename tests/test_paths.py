"""Outputs stay inside the folder given: odd file names, planted symbolic links, edition ids.

(An evidence path outside the repository, W311, is tested in check/test_rules.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE, Run

AS_OF = "2025-07-01"
OUTPUTS = [
    "gaps.csv",
    "gaps.html",
    "gaps.md",
    "gaps.xlsx",
    "sections",
    "self-assessment.docx",
    "self-assessment.html",
    "self-assessment.md",
    "submission.csv",
    "submission.xlsx",
    "summary.json",
]


def render(run: Run, source: Path, out: Path | str = "out") -> tuple[int, str]:
    """Render an assessment into out; return the exit code and the output."""
    result = run("render", "--as-of", AS_OF, "-o", str(out), "--", str(source))
    return result.exit_code, result.output


def files_under(folder: Path) -> list[str]:
    """Return every path under a folder, relative to it, without following links."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the project that nothing may be written into."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


@pytest.fixture
def source(project: Path) -> Path:
    """The example assessment in the project, as assessments/example.yaml."""
    path = project / "assessments" / "example.yaml"
    shutil.move(project / "assessments" / EXAMPLE.name, path)
    return path


@pytest.mark.parametrize("name", ["...yaml", "..yaml"])
def test_a_file_named_like_a_parent_folder_is_refused(
    run: Run, project: Path, source: Path, name: str
) -> None:
    odd = source.rename(source.with_name(name))
    assert render(run, odd) == (
        1,
        f"Error: cannot name an output folder after {odd}; rename the file\n",
    )
    assert not Path("out").exists()


@pytest.mark.parametrize(
    "name",
    [
        "a..b.yaml",
        "évaluation 2024 (draft) #1; rm -rf ~.yaml",
        "line\nbreak.yaml",
        "-starts-with-a-dash.yaml",
        " spaces .yaml",
        "\u202eevil\u202c.yaml",
    ],
)
def test_odd_file_names_render_inside_the_output_folder(
    run: Run, project: Path, source: Path, name: str
) -> None:
    odd = source.rename(source.with_name(name))
    code, _ = render(run, odd)
    assert code == 0
    assert [p.name for p in Path("out").iterdir()] == [odd.stem]
    assert sorted(p.name for p in (Path("out") / odd.stem).iterdir()) == OUTPUTS
    assert sorted(p.name for p in project.iterdir()) == [
        "assessments",
        "code_requirements",
        "complaints",
        "out",
    ]


def test_a_planted_link_for_the_assessment_folder_is_refused(
    run: Run, project: Path, source: Path, elsewhere: Path
) -> None:
    Path("out").mkdir()
    Path("out/example").symlink_to(elsewhere, target_is_directory=True)
    assert render(run, source) == (
        1,
        "Error: refusing to write 'example': out/example is a symbolic link that leads "
        "outside out\n",
    )
    assert list(elsewhere.iterdir()) == []


def test_a_planted_dangling_link_is_refused(
    run: Run, project: Path, source: Path, tmp_path: Path
) -> None:
    Path("out").mkdir()
    Path("out/example").symlink_to(tmp_path / "not-yet" / "there", target_is_directory=True)
    code, output = render(run, source)
    assert (code, output.startswith("Error: refusing to write 'example'")) == (1, True)
    assert not (tmp_path / "not-yet").exists()


def test_a_planted_link_for_the_fragments_folder_is_refused_before_any_write(
    run: Run, project: Path, source: Path, elsewhere: Path
) -> None:
    Path("out/example").mkdir(parents=True)
    Path("out/example/sections").symlink_to(elsewhere, target_is_directory=True)
    assert render(run, source) == (
        1,
        "Error: refusing to write 'sections/index.html': out/example/sections is a symbolic "
        "link that leads outside out/example\n",
    )
    assert list(elsewhere.iterdir()) == []
    assert files_under(Path("out")) == ["example", "example/sections"]


def test_a_refused_render_leaves_earlier_outputs_as_they_were(
    run: Run, project: Path, source: Path, elsewhere: Path
) -> None:
    assert render(run, source)[0] == 0
    folder = Path("out/example")
    before = {name: (folder / name).read_bytes() for name in OUTPUTS if name != "sections"}
    shutil.rmtree(folder / "sections")
    (folder / "sections").symlink_to(elsewhere, target_is_directory=True)
    source.write_text(
        source.read_text(encoding="utf-8").replace("Example Borough", "Changed"), encoding="utf-8"
    )
    assert render(run, source)[0] == 1
    assert {name: (folder / name).read_bytes() for name in before} == before
    assert list(elsewhere.iterdir()) == []


def test_a_planted_link_for_an_output_file_is_not_followed(
    run: Run, project: Path, source: Path, elsewhere: Path
) -> None:
    victim = elsewhere / "victim.csv"
    victim.write_text("keep me", encoding="utf-8")
    Path("out/example").mkdir(parents=True)
    Path("out/example/gaps.csv").symlink_to(victim)
    code, output = render(run, source)
    assert (code, output) == (
        1,
        "Error: refusing to write 'gaps.csv': out/example/gaps.csv is a symbolic link that "
        "leads outside out/example\n",
    )
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_an_output_folder_that_is_itself_a_link_is_the_users_choice(
    run: Run, project: Path, source: Path, elsewhere: Path
) -> None:
    Path("published").symlink_to(elsewhere, target_is_directory=True)
    assert render(run, source, "published")[0] == 0
    assert sorted(p.name for p in (elsewhere / "example").iterdir()) == OUTPUTS


def test_default_output_folder_is_build_under_the_working_folder(
    run: Run, project: Path, source: Path
) -> None:
    assert run("render", "--as-of", AS_OF, str(source)).exit_code == 0
    assert sorted(p.name for p in (project / "build" / "example").iterdir()) == OUTPUTS


def test_an_edition_id_cannot_reach_a_file_outside_the_catalogue(
    run: Run, project: Path, source: Path, tmp_path: Path
) -> None:
    # A valid Code file outside code_requirements/, named by a path in the assessment.
    shutil.copy(project / "code_requirements" / "hos-chc-2024.yaml", tmp_path / "evil.yaml")
    for edition in ("../../evil", str(tmp_path / "evil"), "..\\..\\evil"):
        text = EXAMPLE.read_text(encoding="utf-8").replace(
            "code: hos-chc-2024", f"code: '{edition}'"
        )
        source.write_text(text, encoding="utf-8")
        result = run("check", str(source))
        assert result.exit_code == 1
        assert f"E201 unknown Code edition '{edition}'" in result.output


def test_init_names_its_file_from_a_slug(run: Run, project: Path) -> None:
    result = run(
        "init", "--code", "hos-chc-2024", "--landlord", "../../Evil/Homes", "--period", "2025-26"
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote assessments/evil-homes-2025-26.yaml.\n")
    assert (project / "assessments" / "evil-homes-2025-26.yaml").is_file()
