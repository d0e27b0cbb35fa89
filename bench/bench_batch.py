"""`render` of many assessments in one invocation: CPU per extra assessment, peak memory.

Run: python3 bench/bench_batch.py [RUNS] [SIZES]. SIZES is comma-separated (default
1,10,100,500). Each assessment is a copy of the example under its own name. Targets: each
extra assessment at most 100 ms of CPU; peak memory flat in the number of files.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from measure import (
    AS_OF,
    EXAMPLE,
    example_folder,
    header,
    line,
    paired,
    runs_from_argv,
    selfassess,
)

TARGET_MS = 100


def copies(folder: Path, count: int) -> list[str]:
    """Copy the example `count` times (with the Code and its log beside them); return the paths."""
    example_folder(folder)
    paths = []
    for index in range(count):
        path = folder / "assessments" / f"landlord-{index:04d}-2024-25.yaml"
        if not path.exists():
            shutil.copy(EXAMPLE, path)
        paths.append(str(path))
    return paths


def main() -> None:
    """Print a row per batch size, then the CPU each extra assessment costs."""
    runs = runs_from_argv(3)
    sizes = [int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "1,10,100,500").split(",")]
    folder = Path(tempfile.mkdtemp(prefix="selfassess-bench-"))
    groups = {
        f"render {size:3d} assessment(s)": [
            selfassess(
                "render", "--as-of", AS_OF, "-o", str(folder / f"out{size}"), *copies(folder, size)
            )
        ]
        for size in sizes
    }
    header("render, many assessments in one invocation", runs)
    samples = paired(groups, runs, warm_up=1)
    for name, found in samples.items():
        line(name, found)
    first, *rest = zip(sizes, samples.values(), strict=True)
    for size, found in rest:
        base = statistics.median(s.cpu for s in first[1])
        extra = (statistics.median(s.cpu for s in found) - base) / (size - first[0])
        print(
            f"   per extra assessment ({first[0]} -> {size}): {extra * 1000:.0f} ms CPU "
            f"(target <= {TARGET_MS} ms)"
        )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
