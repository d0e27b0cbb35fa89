"""The private cache: compiled templates kept between runs, only in a folder closed to others."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLE
from selfassess import __version__
from selfassess.assessment.build import build_outputs
from selfassess.check import load_assessment
from selfassess.files import CACHE_VARIABLE, cache_dir
from selfassess.render import jinja as html_module
from selfassess.render.outputs import Options

AS_OF = dt.date(2025, 7, 1)
PYTHON = f"py{sys.version_info[0]}.{sys.version_info[1]}"


@pytest.fixture(autouse=True)
def fresh_environment() -> Iterator[None]:
    """Each test starts, and leaves, without an Environment bound to its own cache folder."""
    html_module._environment.cache_clear()
    yield
    html_module._environment.cache_clear()


def _page() -> bytes:
    html_module._environment.cache_clear()  # a fresh Environment, as in a new run
    options = Options(as_of=AS_OF, formats=("html",))
    return build_outputs(load_assessment(EXAMPLE, AS_OF), options)["self-assessment.html"]


def test_templates_are_compiled_once_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path))
    cold = _page()
    folder = tmp_path / f"templates-{__version__}-{PYTHON}"
    compiled = sorted(p.name for p in folder.iterdir())
    assert compiled and all(name.endswith(".cache") for name in compiled)
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    warm = _page()
    assert warm == cold
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps


def test_a_changed_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    page = templates / "gaps.html"
    for words in ("first", "second"):
        page.write_text(f"<p>{words}</p>\n", encoding="utf-8")
        html_module._environment.cache_clear()
        env = html_module.environment(templates)
        assert env.get_template("gaps.html").render() == f"<p>{words}</p>\n"


def test_a_folder_others_can_write_to_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path))
    folder = cache_dir("templates")
    assert folder is not None
    folder.chmod(0o777)
    assert cache_dir("templates") is None


def test_an_empty_setting_caches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_VARIABLE, "")
    assert cache_dir("templates") is None
