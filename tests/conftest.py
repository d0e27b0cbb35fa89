"""Shared fixtures: a copy of the example project and of the mini edition in tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfassess.cli import main
from selfassess.render.templatecache import CACHE_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = ROOT / "assessments" / "example-borough-council-2024-25.yaml"

Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Run the command line and return click's result."""

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the mini edition and a clean assessment; the working folder is set to it."""
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a copy of the example assessment and the bundled Code; cwd is set to it."""
    (tmp_path / "assessments").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "assessments" / EXAMPLE.name)
    shutil.copytree(ROOT / "code_requirements", tmp_path / "code_requirements")
    shutil.copytree(ROOT / "complaints", tmp_path / "complaints")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def example_beside_its_log(folder: Path, name: str = EXAMPLE.name) -> Path:
    """Copy the example into a folder with its complaints log, which it names relative to itself."""
    shutil.copytree(ROOT / "complaints", folder / "complaints", dirs_exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8").replace("log: ../complaints/", "log: complaints/")
    return write(folder, name, text)


def write(folder: Path, name: str, text: str) -> Path:
    """Write a file in a folder and return its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-golden: rewrite tests/golden/ from the current renderers."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/ instead of comparing with them.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite the golden files."""
    return bool(request.config.getoption("--update-golden"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say loudly which browser and Word tests did not run, and why."""
    import browser

    if browser.MISSING:
        reasons = sorted(set(browser.MISSING))
        terminalreporter.section("browser and Word tests NOT RUN", sep="!", red=True, bold=True)
        for reason in reasons:
            terminalreporter.line(f"{browser.MISSING.count(reason)} skipped: {reason}", red=True)
        terminalreporter.line("CI (CI=true) fails instead of skipping them.", red=True)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop the shared headless browser, if a test started one."""
    import browser

    browser.close_browser()


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep compiled templates in a folder of the test run's own, not the user's cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_VARIABLE, str(tmp_path_factory.mktemp("cache")))
        yield
