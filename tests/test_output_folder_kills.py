"""Killed or run ten at once, a command leaves its folder holding one whole set of outputs.

The previous set or the new one, byte for byte, never a mix; and the next run removes
whatever a killed run left. Half the kills land at a random moment of the run, half just
after the run has begun to write (a staging folder or a temporary has appeared), so
that many land during the write itself, with no hook in the code to widen the window.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from outputkit import COMMANDS, example_project, finish, leftovers, snapshot, start
from outputkit import REPORT as REPORT_PATH

REPORT_FILE = Path(REPORT_PATH).name
#: Each round: (kill a run of variant 0, not 1; kill once its staging folder appears).
ROUNDS = ((True, False), (False, True), (True, True), (False, False))


def kill_during(process: subprocess.Popen[str], folder: Path, delay: float, staged: bool) -> None:
    """Kill process after delay, or once it starts writing (then after delay).

    A run has started writing when a staging folder appears beside the folder or a
    temporary inside it.
    """
    while staged and process.poll() is None and not writing(folder):
        pass
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate()


def writing(folder: Path) -> bool:
    """Tell whether a run has begun to write: a staging folder or a temporary is there."""
    beside = any(name.startswith(f".{folder.name}.") for name in os.listdir(folder.parent))
    return beside or any(name.endswith(".tmp") for name in os.listdir(folder))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_killed_run_leaves_the_previous_set_or_the_new_one(tmp_path: Path, name: str) -> None:
    project = example_project(tmp_path)
    command = COMMANDS[name]
    folder = project / command.folder
    sets, durations = [], []
    for variant in (0, 1):
        began = time.perf_counter()
        finish(project, command.args(project, variant))
        durations.append(time.perf_counter() - began)
        sets.append(snapshot(folder))
    assert sets[0] != sets[1] and sets[0].keys() == sets[1].keys()
    chooser = random.Random(f"{name}-20250701")
    for round_, (new, staged) in enumerate(ROUNDS):
        # The folder holds one variant's set; kill a run writing the other's.
        args = command.args(project, 0 if new else 1)
        delay = chooser.uniform(0, 0.03) if staged else chooser.uniform(0, max(durations))
        kill_during(start(project, args), folder, delay, staged)
        found = snapshot(folder)
        assert found in (sets[0], sets[1]), f"round {round_}: a mixed folder"
        finish(project, args)
        assert snapshot(folder) == sets[0 if new else 1]
        assert leftovers(folder) == [], f"round {round_}"


def test_ten_reports_at_once_into_one_folder_leave_one_whole_set(tmp_path: Path) -> None:
    project = example_project(tmp_path)
    report = COMMANDS["report"]
    folder = project / report.folder
    # Three variants of the report in three folders beside reports/, written to one folder.
    variants = []
    for variant in range(3):
        report.args(project, variant)
        copy = project / f"reports{variant}"
        copy.mkdir()
        for source in (project / "reports").iterdir():
            (copy / source.name).write_bytes(source.read_bytes())
        args = ["report", "--as-of", "2025-07-01", "-o", "out", f"{copy.name}/{REPORT_FILE}"]
        finish(project, args)
        variants.append((args, snapshot(folder)))
    assert len({str(sorted(found.items())) for _, found in variants}) == 3
    runs = [start(project, variants[number % 3][0]) for number in range(10)]
    results = [(process.wait(timeout=600), *process.communicate()) for process in runs]
    refused = (
        f"Error: cannot write into {Path('out/annual-report-2024-25')}: another run has been "
        "writing into it for over 120 seconds; try again when it has finished\n"
    )
    for code, out, err in results:
        assert (code, err) == (0, "") or (code, err) == (1, refused), out + err
        assert code == 1 or out.endswith(f"wrote {Path(report.folder) / 'report.json'}\n")
    assert snapshot(folder) in [found for _, found in variants]
    assert leftovers(folder) == []
