"""What every benchmark shares: run a fresh process, read its CPU time and peak memory.

CPU time (user + system, from the kernel's accounting of the finished child) is the
main figure: other work on a shared machine slows the wall clock far more than it
changes the CPU a process needs. Measurements that are compared are taken in pairs,
alternating which goes first, after one unmeasured round, and reported as medians with
the load at the time. Children may write bytecode (PYTHONDONTWRITEBYTECODE is dropped), as
an installed package has it: compiling the source on every run is not what users pay.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assessments" / "example-borough-council-2024-25.yaml"
AS_OF = "2025-07-01"
PYTHON = sys.executable
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Sample:
    """One finished process: wall and CPU seconds, peak resident memory in MB, exit status."""

    wall: float
    cpu: float
    peak_mb: float
    status: int


def run(command: Sequence[str], cwd: Path = ROOT) -> Sample:
    """Run a command to the end, discarding its output, and return what it cost."""
    import time

    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), cwd=cwd, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode != 0:  # a run that failed did not do the work being measured
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{errors.decode()}")
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(wall, cpu, usage.ru_maxrss / 1024, process.returncode)


def example_folder(folder: Path) -> None:
    """Copy what the example assessment names into a folder: the Code and the complaints log.

    Assessments go in folder/assessments, where the example's `../complaints/` log is found.
    """
    for name in ("code_requirements", "complaints"):
        if not (folder / name).exists():
            shutil.copytree(ROOT / name, folder / name)
    (folder / "assessments").mkdir(exist_ok=True)


def selfassess(*args: str) -> list[str]:
    """Return the command running selfassess with this Python."""
    return [PYTHON, "-m", "selfassess", *args]


def paired(
    commands: dict[str, list[list[str]]], runs: int, warm_up: int | None = None
) -> dict[str, list[Sample]]:
    """Run each named group of commands `runs` times, interleaved, alternating the order.

    A group is one or more commands whose costs add up (pandoc's two conversions). First
    the first `warm_up` groups (default all) run once unmeasured, so bytecode is written
    and files are cached: the state users run in.
    """
    names = list(commands)
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for name in names[:warm_up]:
        for command in commands[name]:
            run(command)
    for index in range(runs):
        order = names if index % 2 == 0 else names[::-1]
        for name in order:
            parts = [run(command) for command in commands[name]]
            samples[name].append(
                Sample(
                    sum(p.wall for p in parts),
                    sum(p.cpu for p in parts),
                    max(p.peak_mb for p in parts),
                    max(p.status for p in parts),
                )
            )
    return samples


def median_cpu(samples: list[Sample]) -> float:
    """Return the median CPU seconds."""
    return statistics.median(s.cpu for s in samples)


def median_wall(samples: list[Sample]) -> float:
    """Return the median wall seconds."""
    return statistics.median(s.wall for s in samples)


def ratio_of_pairs(mine: list[Sample], floor: list[Sample]) -> float:
    """Return the median of the per-pair CPU ratios (each pair ran side by side)."""
    return statistics.median(a.cpu / b.cpu for a, b in zip(mine, floor, strict=True))


def load() -> str:
    """Return the machine's load averages and its number of CPUs, as uptime shows them."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} CPUs"


def header(title: str, runs: int) -> None:
    """Print what is measured, how often, and the load before it starts."""
    print(f"== {title}")
    print(f"   median of {runs} paired runs, fresh processes; {load()}")


def line(name: str, samples: list[Sample]) -> None:
    """Print one row: median CPU, median wall, peak memory."""
    cpu, wall = median_cpu(samples), median_wall(samples)
    peak = max(s.peak_mb for s in samples)
    print(f"   {cpu * 1000:8.0f} ms CPU {wall * 1000:8.0f} ms wall {peak:7.1f} MB peak  {name}")


def runs_from_argv(default: int) -> int:
    """Return the number of runs given as the first argument, or the default."""
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def pandoc() -> str | None:
    """Return pandoc's path, or None when it is not installed."""
    return shutil.which("pandoc")
