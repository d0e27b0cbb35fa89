"""Time `report` on the example next to `render`; print medians.

Run: python3 bench/bench_report.py [RUNS]. Each figure is the median of RUNS runs: a fresh
process (what a user waits for, imports included, matplotlib among them) and a warm call
inside one process (the work itself).

The last figure is the example report over a 20,000-row log made by
scripts/make_example_log.py (fixed seed) in a copy of the example project.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_render import fresh, median_ms  # bench/ is on the path when a script in it runs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assessments" / "example-borough-council-2024-25.yaml"
REPORT = ROOT / "reports" / "annual-report-2024-25.yaml"
AS_OF = "2025-07-01"


def main() -> None:
    """Print one line per measurement."""
    from selfassess.check import load_assessment
    from selfassess.render import RenderOptions, render_assessment
    from selfassess.report.build import ReportOptions, render_report_file

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    out = Path(tempfile.mkdtemp(prefix="selfassess-bench-"))
    as_of = dt.date.fromisoformat(AS_OF)

    def render_warm() -> None:
        render_assessment(load_assessment(EXAMPLE, as_of), out / "warm", RenderOptions(as_of))

    def report_warm() -> None:
        render_report_file(REPORT, out / "warm", ReportOptions(as_of))

    render_warm(), report_warm()  # imports and caches, once
    measures = {
        "render (self-assessment), fresh process": fresh(
            "render", "--as-of", AS_OF, "-o", str(out / "fresh"), str(EXAMPLE)
        ),
        "report (annual report), fresh process": fresh(
            "report", "--as-of", AS_OF, "-o", str(out / "fresh"), str(REPORT)
        ),
        "render (self-assessment), warm": render_warm,
        "report (annual report), warm": report_warm,
    }
    print(f"example: {REPORT.name}; median of {runs} runs")
    for name, action in measures.items():
        print(f"{median_ms(action, runs):8.0f} ms  {name}")
    big = big_project(out / "big", 20_000)
    once = ["report", "--as-of", AS_OF, "-o", str(out / "big-out"), str(big / REPORT_PATH)]
    subprocess.run([sys.executable, "-m", "selfassess", *once], check=True, capture_output=True)
    print(f"{median_ms(fresh(*once), runs):8.0f} ms  report over a 20,000-row log, fresh process")


REPORT_PATH = "reports/annual-report-2024-25.yaml"


def big_project(root: Path, rows: int) -> Path:
    """Copy the example project and replace its complaints log with a generated one."""
    for folder in ("assessments", "casework", "complaints", "reports", "code_requirements"):
        shutil.copytree(ROOT / folder, root / folder)
    log = root / "complaints" / "example-borough-council-2024-25.csv"
    maker = ROOT / "scripts" / "make_example_log.py"
    subprocess.run([sys.executable, str(maker), "--rows", str(rows), "--out", str(log)], check=True)
    return root


if __name__ == "__main__":
    main()
