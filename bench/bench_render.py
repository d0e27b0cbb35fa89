"""Time rendering the example in every format, next to checking it; print medians.

Run: python3 bench/bench_render.py [RUNS]. Two figures per command: a fresh process each
run (what a user waits for, imports included) and a warm call inside one process (the
work itself), each the median of RUNS runs.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assessments" / "example-borough-council-2024-25.yaml"
AS_OF = "2025-07-01"


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Run an action several times and return the median wall time in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def fresh(*args: str) -> Callable[[], object]:
    """Return an action running selfassess in a new Python process."""
    command = [sys.executable, "-m", "selfassess", *args]
    return lambda: subprocess.run(command, cwd=ROOT, check=False, capture_output=True)


def main() -> None:
    """Print one line per measurement."""
    from selfassess.check import check_files, load_assessment
    from selfassess.render import RenderOptions, render_assessment

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    out = Path(tempfile.mkdtemp(prefix="selfassess-bench-"))
    as_of = dt.date.fromisoformat(AS_OF)
    options = RenderOptions(as_of=as_of)

    def render_warm() -> None:
        render_assessment(load_assessment(EXAMPLE, as_of), out / "warm", options)

    render_warm()  # imports and the Code's cache, once
    measures = {
        "check, fresh process": fresh("check", "--as-of", AS_OF, str(EXAMPLE)),
        "render all formats, fresh process": fresh(
            "render", "--as-of", AS_OF, "-o", str(out / "fresh"), str(EXAMPLE)
        ),
        "check, warm (in process)": lambda: check_files([EXAMPLE], as_of),
        "render all formats, warm (in process)": render_warm,
    }
    print(f"example: {EXAMPLE.name}; median of {runs} runs")
    for name, action in measures.items():
        print(f"{median_ms(action, runs):8.0f} ms  {name}")


if __name__ == "__main__":
    main()
