"""Time `selfassess practice` on logs exported one row per stage, and split into stage files.

Run: python3 bench/bench_stages.py [COMPLAINTS...]. For each size (default 10,000 and
100,000 complaints) scripts/make_example_log.py writes the tidy log (fixed seed), which is
rewritten as a CRM would export it: one row per stage with a Stage column and its own words,
newest first; and as two files, one per stage, given as `log: [a, {path: b, stage: 2}]`.
Each figure is one fresh process measuring the log with --assessment: CPU seconds (user +
system) and its peak memory, with memory per 1,000 complaints so growth can be compared.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKER = ROOT / "scripts" / "make_example_log.py"
OWN = ("reference", "received", "acknowledged", "extended_to", "extension_reason", "responded")
REST = ("outcome", "refusal_reason", "category", "handler", "compensation", "tenure")
TWO = {"received": "escalated", "acknowledged": "s2_acknowledged",
       "extended_to": "s2_extended_to", "extension_reason": "s2_extension_reason",
       "responded": "s2_responded", "outcome": "s2_outcome", "handler": "s2_handler"}  # fmt: skip
WORDS = {"partly upheld": "Partially Upheld", "refused": "Rejected"}
VALUES = (
    '  values: {outcome: {"Partially Upheld": partly upheld, Rejected: refused}, '
    'stage: {"Stage 1": 1, "Stage 2": 2}}\n'
)


def _stage(row: dict[str, str], number: int) -> list[str]:
    cells = []
    for name in (*OWN, *REST):
        value = row[TWO.get(name, name) if number == 2 else name]
        if name == "outcome":
            value = WORDS.get(value, value)
        if number == 2 and name in ("compensation", "refusal_reason"):
            value = ""
        cells.append(value)
    return [*cells[:1], f"Stage {number}", *cells[1:]]


def rewrite(tidy: Path, folder: Path) -> tuple[Path, Path, Path]:
    """Write the per-stage log and the two stage files from a tidy log."""
    with tidy.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    stages = [_stage(r, 1) for r in rows] + [_stage(r, 2) for r in rows if r["escalated"]]
    stages.reverse()  # newest first, as several CRMs sort
    header = [OWN[0], "stage", *OWN[1:], *REST]
    paths = (folder / "stages.csv", folder / "stage-1.csv", folder / "stage-2.csv")
    with paths[0].open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *stages])
    for path, number in ((paths[1], "Stage 1"), (paths[2], "Stage 2")):
        with path.open("w", encoding="utf-8", newline="") as stream:
            kept = [r[:1] + r[2:] for r in stages if r[1] == number]
            csv.writer(stream).writerows([header[:1] + header[2:], *kept])
    return paths


def assessment(folder: Path, name: str, log: str) -> Path:
    path = folder / name
    path.write_text(
        "schema_version: 1\ncode: hos-chc-2024\nlandlord: {name: L, homes: 12400}\n"
        f"period: 2024-25\npractice:\n  log: {log}\n{VALUES}",
        encoding="utf-8",
    )
    return path


def measure(given: Path) -> tuple[float, float]:
    """Return CPU seconds and peak MiB of one fresh process measuring an assessment's log."""
    probe = (
        "from click.testing import CliRunner\n"
        "from selfassess.cli import main\n"
        f"args = ['practice', '--assessment', {str(given)!r}, '--as-of', '2025-07-01', "
        "'--format', 'json']\n"
        "result = CliRunner().invoke(main, args)\n"
        "assert result.exit_code == 0, result.output[-2000:]\n"
        "import json; figures = json.loads(result.stdout)\n"
        "print(figures['stage_1']['received'], figures['stage_2']['received'])\n"
    )
    launcher = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-c', sys.argv[1]], check=True)\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(use.ru_utime + use.ru_stime, use.ru_maxrss / 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", launcher, probe], check=True, capture_output=True, text=True
    )
    counts, usage = done.stdout.splitlines()
    cpu, peak = (float(part) for part in usage.split())
    print(f"      ({counts.replace(' ', ' stage 1 received, ')} stage 2 received)")
    return cpu, peak


def main() -> None:
    """Print one line per log shape and size."""
    sizes = [int(arg) for arg in sys.argv[1:]] or [10_000, 100_000]
    print(f"{'complaints':>10}  {'shape':<16}  {'CPU s':>7}  {'peak MiB':>9}  {'MiB/1,000':>9}")
    with tempfile.TemporaryDirectory(prefix="selfassess-bench-") as name:
        folder = Path(name)
        for size in sorted(sizes):
            tidy = folder / f"tidy-{size}.csv"
            subprocess.run(
                [sys.executable, str(MAKER), "--rows", str(size), "--out", str(tidy)],
                check=True,
                capture_output=True,
            )
            stages, one, two = rewrite(tidy, folder)
            shapes = {
                "one row each": assessment(folder, "tidy.yaml", tidy.name).read_text(
                    encoding="utf-8"
                ),
                "one row a stage": assessment(folder, "stages.yaml", stages.name).read_text(
                    encoding="utf-8"
                ),
                "two stage files": assessment(
                    folder, "files.yaml", f"[{one.name}, {{path: {two.name}, stage: 2}}]"
                ).read_text(encoding="utf-8"),
            }
            for shape, text in shapes.items():
                given = folder / "given.yaml"
                given.write_text(text, encoding="utf-8")
                cpu, peak = measure(given)
                print(
                    f"{size:>10,}  {shape:<16}  {cpu:>7.2f}  {peak:>9.0f}  "
                    f"{1000 * peak / size:>9.2f}"
                )


if __name__ == "__main__":
    main()
