"""Shared fixtures: a copy of the example project and of the mini edition in tmp_path."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfassess.cli import main
from selfassess.files import CACHE_VARIABLE

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


# A launcher that starts the probe as its own child and reports the child's peak memory.
# On Linux a process started straight from pytest inherits pytest's own peak in
# ru_maxrss (the high-water mark survives exec), so a full test run inflates the
# figure; the launcher is a small fresh process, so its child starts from nothing.
_LAUNCHER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run([sys.executable, '-c', sys.argv[1]], capture_output=True, text=True)\n"
    "peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(done.returncode, peak_kb)\n"
    "print(done.stdout, end='')\n"
    "print(done.stderr, end='', file=sys.stderr)\n"
)


def peak_memory(probe: str, timeout: float = 120) -> tuple[int, int, str]:
    """Run Python code in a fresh process; return its exit code, peak memory in KB, and output."""
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=timeout,
    )
    first, _, rest = done.stdout.partition("\n")
    code, peak_kb = (int(part) for part in first.split())
    return code, peak_kb, rest


def cli_probe(*args: str) -> str:
    """Return Python code that runs the command line with args and prints its exit code."""
    return (
        "from click.testing import CliRunner\n"
        "from selfassess.cli import main\n"
        f"result = CliRunner().invoke(main, {list(args)!r})\n"
        "print(result.exit_code)\n"
        "print(result.output)\n"
    )


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
