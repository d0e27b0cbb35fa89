"""Every goal of the live preview issue in one run, each beside the figure it started from.

Run: .venv/bin/python bench/bench_goals.py [RUNS] [--no-300k]. CPU time (user + system)
of fresh processes, compared in pairs (bench/measure.py); in-process figures (serve's
re-render, a warm check) are CPU time within one long-lived process, as serve pays them.
Each line gives min / median / max and the goal; the load is printed before and after.
Without pandoc the comparisons with it are skipped and said to be (apt-get install pandoc).
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import (
    AS_OF,
    EXAMPLE,
    PYTHON,
    ROOT,
    Sample,
    load,
    paired,
    pandoc,
    run,
    selfassess,
)

REPORT = "reports/annual-report-2024-25.yaml"
LOG = "complaints/example-borough-council-2024-25.csv"
ASSESSMENT = "assessments/example-borough-council-2024-25.yaml"

# In one process: render the example, then edit it and render again RUNS times, as serve does.
_SERVE_PROBE = """
import json, sys, time
from pathlib import Path
from selfassess.check.dispatch import check_file
from selfassess.serve.site import Site
import datetime as dt
path = Path(sys.argv[1]); runs = int(sys.argv[2])
site = Site([path], dt.date(2025, 7, 1), None)
site.render_all(lambda served: None)
text = path.read_text(encoding="utf-8")
renders, checks = [], []
for index in range(runs):
    path.write_text(text + f"# edit {index}\\n", encoding="utf-8")
    start = time.process_time(); site.poll(lambda served: None)
    renders.append(time.process_time() - start)
    start = time.process_time(); check_file(path, dt.date(2025, 7, 1))
    checks.append(time.process_time() - start)
assert site.files[0].snapshot.rendered and site.files[0].snapshot.version == runs + 1
site.close()
print(json.dumps({"renders": renders, "checks": checks}))
"""
_FLOOR = (
    "import yaml, click, sys; from pydantic import BaseModel; yaml.safe_load(open(sys.argv[1]))"
)


def spread(values: list[float], unit: float = 1000, digits: int = 0) -> str:
    """Return min / median / max, in ms by default (unit 1 and digits 2 for a ratio)."""
    low, middle, high = (v * unit for v in (min(values), statistics.median(values), max(values)))
    return f"{low:6.{digits}f} /{middle:6.{digits}f} /{high:6.{digits}f}"


def ratios(mine: list[Sample], theirs: list[Sample]) -> list[float]:
    """Return each pair's CPU ratio."""
    return [a.cpu / b.cpu for a, b in zip(mine, theirs, strict=True)]


def show(name: str, figure: str, goal: str, was: str) -> None:
    """Print one goal's line."""
    print(f"   {name:44s} {figure:32s} goal {goal:14s} was {was}")


def project(root: Path, rows: int | None = None) -> Path:
    """Copy the example project into root, with a generated log of rows if given."""
    for folder in ("assessments", "casework", "complaints", "reports", "code_requirements"):
        shutil.copytree(ROOT / folder, root / folder)
    if rows is not None:
        maker = ROOT / "scripts" / "make_example_log.py"
        subprocess.run(
            [PYTHON, str(maker), "--rows", str(rows), "--out", str(root / LOG)],
            check=True,
            capture_output=True,
        )
    return root


def pandoc_groups(out: Path) -> list[list[str]] | None:
    """Return pandoc's md->html and md->docx of the example's Markdown, or None without pandoc."""
    program = pandoc()
    if program is None:
        return None
    render = selfassess("render", "--as-of", AS_OF, "-o", str(out), str(EXAMPLE))
    subprocess.run(render, check=True, capture_output=True)
    markdown = out / EXAMPLE.stem / "self-assessment.md"
    common = [program, "-f", "gfm", str(markdown)]
    return [
        [*common, "-s", "--metadata", "pagetitle=Self-assessment", "-o", str(out / "p.html")],
        [*common, "-o", str(out / "p.docx")],
    ]


def serve_and_cold_render(out: Path, runs: int) -> None:
    """Serve's re-render and warm check; cold render and serve against pandoc."""
    root = project(out / "serve")
    done = subprocess.run(
        [PYTHON, "-c", _SERVE_PROBE, str(root / ASSESSMENT), str(max(runs, 5))],
        check=True,
        capture_output=True,
        text=True,
    )
    probe = json.loads(done.stdout)
    show("serve: re-render after an edit (ms CPU)", spread(probe["renders"]), "<= 100 ms", "87 ms")
    show("serve: warm check (ms CPU)", spread(probe["checks"]), "<= 10 ms", "8 ms")
    render = selfassess("render", "--as-of", AS_OF, "-o", str(out / "cold"), str(EXAMPLE))
    conversions = pandoc_groups(out / "pandoc")
    if conversions is None:
        print(
            "   pandoc is not installed: render and serve against pandoc not measured "
            "(apt-get install pandoc)"
        )
        return
    found = paired({"render": [render], "pandoc": conversions}, runs)
    pandoc_cpu = [s.cpu for s in found["pandoc"]]
    show("pandoc md->html + md->docx (ms CPU)", spread(pandoc_cpu), "", "")
    show(
        "cold render / pandoc (paired)",
        spread(ratios(found["render"], found["pandoc"]), 1, 2) + " x",
        "<= 1.0x",
        "1.27-1.39x",
    )
    middle = statistics.median(pandoc_cpu)
    show(
        "serve re-render / pandoc",
        f"{statistics.median(probe['renders']) / middle:.2f} x",
        "<= 0.25x",
        "0.2x",
    )


def batch(out: Path, runs: int) -> None:
    """Each extra file in a render batch: (11 files - 1 file) / 10."""
    root = out / "batch"
    (root / "assessments").mkdir(parents=True)
    for folder in ("code_requirements", "complaints"):
        shutil.copytree(ROOT / folder, root / folder)
    files = []
    for index in range(11):
        copy = root / "assessments" / f"copy-{index:02d}.yaml"
        shutil.copy(EXAMPLE, copy)
        files.append(str(copy))
    one = selfassess("render", "--as-of", AS_OF, "-o", str(root / "o1"), files[0])
    eleven = selfassess("render", "--as-of", AS_OF, "-o", str(root / "o11"), *files)
    found = paired({"one": [one], "eleven": [eleven]}, runs)
    extra = [(b.cpu - a.cpu) / 10 for a, b in zip(found["one"], found["eleven"], strict=True)]
    show("render batch: each extra file (ms CPU)", spread(extra), "<= 60 ms", "93 ms")


def report_and_check(out: Path, runs: int) -> None:
    """Report over a 50,000-row log against practice on it; check against its floor."""
    root = project(out / "big", rows=50_000)
    report = selfassess("report", "--as-of", AS_OF, "-o", str(out / "r"), str(root / REPORT))
    practice = selfassess(
        "practice",
        str(root / LOG),
        "--assessment",
        str(root / ASSESSMENT),
        "--as-of",
        AS_OF,
        "-o",
        str(out / "p"),
    )
    found = paired({"report": [report], "practice": [practice]}, runs)
    show("report 50,000 rows (s CPU)", spread([s.cpu for s in found["report"]], 1, 2), "", "")
    show("practice 50,000 rows (s CPU)", spread([s.cpu for s in found["practice"]], 1, 2), "", "")
    show(
        "report / practice, 50,000 rows (paired)",
        spread(ratios(found["report"], found["practice"]), 1, 2) + " x",
        "<= 1.3x",
        "2.56x",
    )
    check = selfassess("check", "--as-of", AS_OF, str(EXAMPLE))
    floor = [PYTHON, "-c", _FLOOR, str(EXAMPLE)]
    found = paired({"check": [check], "floor": [floor]}, runs * 2)
    show("check (ms CPU)", spread([s.cpu for s in found["check"]]), "", "")
    show(
        "floor: yaml, click, pydantic + load (ms CPU)",
        spread([s.cpu for s in found["floor"]]),
        "",
        "",
    )
    show(
        "check / floor (paired)",
        spread(ratios(found["check"], found["floor"]), 1, 2) + " x",
        "<= 1.3x",
        "1.39-1.43x",
    )


def practice_300k(out: Path) -> None:
    """practice on a generated 300,000-row log: CPU and peak memory of one process."""
    log = out / "log-300k.csv"
    maker = ROOT / "scripts" / "make_example_log.py"
    subprocess.run(
        [PYTHON, str(maker), "--rows", "300000", "--out", str(log)], check=True, capture_output=True
    )
    sample = run(
        selfassess(
            "practice",
            str(log),
            "--period",
            "2024-25",
            "--homes",
            "12400",
            "--as-of",
            AS_OF,
            "-o",
            str(out / "p300"),
        )
    )
    show("practice 300,000 rows: CPU", f"{sample.cpu:6.1f} s", "< 8 s", "10.5 s")
    show("practice 300,000 rows: peak memory", f"{sample.peak_mb:6.0f} MB", "< 200 MB", "389 MB")


def main() -> None:
    """Print every goal."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 7
    print(f"== the live preview's goals: {runs} paired runs; min / median / max; {load()}")
    out = Path(tempfile.mkdtemp(prefix="selfassess-bench-"))
    try:
        serve_and_cold_render(out, runs)
        batch(out, runs)
        report_and_check(out, runs)
        if "--no-300k" not in sys.argv:
            practice_300k(out)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"   after: {load()}")


if __name__ == "__main__":
    main()
