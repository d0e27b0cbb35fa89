"""Time selfassess commands on the example, as a user runs them; print medians.

Run: python3 bench/bench_cli.py [RUNS]. Each figure is the median wall time of a fresh
process, next to the time Python takes just to import yaml and pydantic.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assessments" / "example-borough-council-2024-25.yaml"
REGISTER = ROOT / "casework" / "ombudsman-2024-25.yaml"


def median_seconds(command: list[str], runs: int) -> float:
    """Run a command several times and return the median wall time."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print one line per measured command."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    python = sys.executable
    out = tempfile.mkdtemp(prefix="selfassess-bench-")
    commands = {
        "python -c 'import yaml, pydantic'": [python, "-c", "import yaml, pydantic"],
        "selfassess check (example)": [
            python,
            "-m",
            "selfassess",
            "check",
            "--as-of",
            "2025-07-01",
            str(EXAMPLE),
        ],
        "selfassess render (example, all formats)": [
            python,
            "-m",
            "selfassess",
            "render",
            "--as-of",
            "2025-07-01",
            "-o",
            out,
            str(EXAMPLE),
        ],
        "selfassess check (casework register)": [
            python,
            "-m",
            "selfassess",
            "check",
            "--as-of",
            "2025-07-01",
            str(REGISTER),
        ],
        "selfassess plan (example register, all formats)": [
            python,
            "-m",
            "selfassess",
            "plan",
            "--as-of",
            "2025-07-01",
            "-o",
            out,
            str(REGISTER),
        ],
    }
    print(f"median of {runs} runs, each a fresh process")
    for name, command in commands.items():
        print(f"{median_seconds(command, runs) * 1000:8.0f} ms  {name}")


if __name__ == "__main__":
    main()
