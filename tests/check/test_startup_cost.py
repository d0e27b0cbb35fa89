"""What `check` loads: not importlib.metadata, and not every country the holidays library knows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE, ROOT

PROBE = """
import sys
from selfassess.cli import main
sys.argv = ["selfassess", "check", sys.argv[1]]
try:
    main()
except SystemExit as exit:
    code = exit.code
loaded = [name for name in ("importlib.metadata", "holidays.countries") if name in sys.modules]
print("exit", code, "loaded", loaded, file=sys.stderr)
"""


def check_in_a_fresh_process(cache: Path) -> tuple[str, str]:
    env = {**os.environ, "SELFASSESS_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(EXAMPLE)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    return done.stdout, done.stderr.splitlines()[-1]


def test_check_loads_only_what_it_needs(tmp_path: Path) -> None:
    first, said = check_in_a_fresh_process(tmp_path)
    # The first run asks the holidays library, which loads every country, and keeps the answer.
    assert said.startswith("exit 0 loaded [") and "'holidays.countries'" in said
    assert list(tmp_path.glob("holidays-*/england-and-wales-*.json"))
    again, said = check_in_a_fresh_process(tmp_path)
    assert said == "exit 0 loaded []"
    assert again == first and "W308" in first


def test_a_damaged_holiday_cache_is_asked_again(tmp_path: Path) -> None:
    first, _ = check_in_a_fresh_process(tmp_path)
    (kept,) = tmp_path.glob("holidays-*/england-and-wales-*.json")
    kept.write_text('{"stamp": [1], "holidays": [["2024-13-01", "x"]]}', encoding="utf-8")
    again, said = check_in_a_fresh_process(tmp_path)
    assert again == first and "'holidays.countries'" in said
    assert '"2024-13-01"' not in kept.read_text(encoding="utf-8")
