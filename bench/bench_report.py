"""Time `report` on the example next to `render`; print medians.

Run: python3 bench/bench_report.py [RUNS]. Each figure is the median of RUNS runs: a fresh
process (what a user waits for, imports included, matplotlib among them) and a warm call
inside one process (the work itself).

The 20,000-row complaints log figure needs the complaints log (``selfassess.practice``);
when this release has none, the script says so instead of timing something else.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
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
    if importlib.util.find_spec("selfassess.practice") is None:
        print(
            "   (none)    report for a 20,000-row complaints log: this release has no complaints log"
        )


if __name__ == "__main__":
    main()
