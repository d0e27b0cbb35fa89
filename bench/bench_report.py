"""Time `report` on the example next to `render`; print medians.

Run: .venv/bin/python bench/bench_report.py [RUNS]. Each figure is the median CPU and wall
time of RUNS fresh processes (what a user waits for, imports included, matplotlib among
them), measured in pairs through bench/measure.py.

The last figure is the example report over a 20,000-row log made by
scripts/make_example_log.py (fixed seed) in a copy of the example project.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import (  # bench/ is on the path when a script in it runs
    AS_OF,
    EXAMPLE,
    ROOT,
    header,
    line,
    paired,
    runs_from_argv,
    selfassess,
)

REPORT = ROOT / "reports" / "annual-report-2024-25.yaml"


def main() -> None:
    """Print one line per measurement: CPU, wall and peak memory of fresh processes."""
    runs = runs_from_argv(5)
    out = Path(tempfile.mkdtemp(prefix="selfassess-bench-"))
    header(f"report beside render ({REPORT.name})", runs)
    samples = paired(
        {
            "render (self-assessment)": [
                selfassess("render", "--as-of", AS_OF, "-o", str(out / "fresh"), str(EXAMPLE))
            ],
            "report (annual report)": [
                selfassess("report", "--as-of", AS_OF, "-o", str(out / "fresh"), str(REPORT))
            ],
        },
        runs,
    )
    for name, taken in samples.items():
        line(name, taken)
    big = big_project(out / "big", 20_000)
    once = selfassess(
        "report", "--as-of", AS_OF, "-o", str(out / "big-out"), str(big / REPORT_PATH)
    )
    line("report over a 20,000-row log", paired({"big": [once]}, runs)["big"])


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
