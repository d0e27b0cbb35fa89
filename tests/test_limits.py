"""Resource limits: alias bombs, huge files and deep nesting are refused, not obeyed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from yaml.error import Mark
from yaml.scanner import ScannerError

from conftest import Run, cli_probe, peak_memory, write
from selfassess import yamlio

BOMB = textwrap.dedent(
    """\
    schema_version: 1
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
    i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
    """
)


def test_alias_bomb_is_refused(run: Run, tmp_path: Path) -> None:
    write(tmp_path, "bomb.yaml", BOMB)
    result = run("check", str(tmp_path / "bomb.yaml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0].endswith(
        "E107 document expands to more than 100,000 values (too many aliases); refused before "
        "expanding it (set SELFASSESS_MAX_NODES to raise the limit)"
    )


def test_alias_bomb_stays_within_200_mb(tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.yaml", BOMB)
    _, peak_kb, output = peak_memory(cli_probe("check", str(path)))
    assert output.splitlines()[0] == "1"
    assert " E107 " in output
    assert peak_kb < 200 * 1024, f"peak memory {peak_kb / 1024:.0f} MB"


def test_memory_is_measured_from_a_fresh_process() -> None:
    # The measurement would be worthless if it carried this test process's own peak.
    ballast = b"x" * (300 * 1024 * 1024)  # written, so every page is resident
    _, peak_kb, _ = peak_memory("print('ok')")
    del ballast
    assert peak_kb < 100 * 1024, f"peak memory {peak_kb / 1024:.0f} MB"


def test_recursive_alias_is_refused(run: Run, tmp_path: Path) -> None:
    write(tmp_path, "loop.yaml", "schema_version: 1\nloop: &x [*x]\n")
    result = run("check", str(tmp_path / "loop.yaml"))
    assert result.exit_code == 1
    assert " E107 " in result.output


def test_file_over_the_size_limit_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"schema_version: 1\n" + b"# padding\n" * 530_000)
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{path}:1:1: E107 file is 5,300,018 bytes, over the limit of 5,242,880 bytes; a real "
        "assessment is under 200 KB (set SELFASSESS_MAX_BYTES to raise it)"
    )


def test_deep_nesting_is_refused_not_a_recursion_error(run: Run, tmp_path: Path) -> None:
    write(tmp_path, "deep.yaml", "a: " + "[" * 50_000 + "]" * 50_000 + "\n")
    result = run("check", str(tmp_path / "deep.yaml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{tmp_path / 'deep.yaml'}:1:67: E107 nesting is deeper than 64 levels; an "
        "assessment needs fewer than 10 (set SELFASSESS_MAX_DEPTH to raise the limit)"
    )


def test_deep_nesting_is_placed_where_it_goes_too_deep(run: Run, tmp_path: Path) -> None:
    lines = ["a:"] + [" " * (2 * depth) + f"k{depth}:" for depth in range(1, 70)]
    write(tmp_path, "deep.yaml", "\n".join(lines) + " 1\n")
    result = run("check", str(tmp_path / "deep.yaml"))
    assert result.output.splitlines()[0].startswith(f"{tmp_path / 'deep.yaml'}:64:127: E107 ")


def test_limits_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"schema_version: 1\n" + b"# padding\n" * 530_000)
    env = {"SELFASSESS_MAX_BYTES": str(10 * 1024 * 1024), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "selfassess", "check", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert " E107 " not in result.stdout
    assert "E113" in result.stdout


class RefusingParser(yamlio._Loader):  # type: ignore[name-defined,misc]
    """A parser whose own nesting limit fires before ours, as newer libyaml versions do."""

    def get_single_node(self) -> None:
        mark = Mark("<unicode string>", 40, 0, 40, None, None)
        raise ScannerError(
            "while increasing flow level", mark, "exceeded maximum nesting depth", mark
        )


@pytest.mark.parametrize("parser_refuses_first", [False, True])
def test_nesting_just_past_our_limit_is_e107_at_the_level_that_passes_it(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parser_refuses_first: bool
) -> None:
    # 100 levels: past our limit of 64, well within the installed libyaml's own; and, whatever
    # libyaml version is installed, once more acting as one whose own limit fires first.
    if parser_refuses_first:
        monkeypatch.setattr(yamlio, "_Loader", RefusingParser)
    write(tmp_path, "deep.yaml", "a: " + "[" * 100 + "]" * 100 + "\n")
    result = run("check", str(tmp_path / "deep.yaml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{tmp_path / 'deep.yaml'}:1:67: E107 nesting is deeper than 64 levels; an "
        "assessment needs fewer than 10 (set SELFASSESS_MAX_DEPTH to raise the limit)"
    )


def test_a_depth_limit_raised_past_what_python_can_follow_is_e107_not_a_crash(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlio, "MAX_DEPTH", 100_000)
    write(tmp_path, "deep.yaml", "a: " + "[" * 5_000 + "]" * 5_000 + "\n")
    result = run("check", str(tmp_path / "deep.yaml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{tmp_path / 'deep.yaml'}:1:1: E107 nesting is deeper than the YAML parser can follow; "
        "an assessment needs fewer than 10 levels (SELFASSESS_MAX_DEPTH is 100000; the default, "
        "64, reports where)"
    )
