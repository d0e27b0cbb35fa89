"""Time `selfassess practice` on generated logs of 1,000, 10,000 and 100,000 rows.

Run: python3 bench/bench_practice.py [ROWS...]. Each log is made by
scripts/make_example_log.py (fixed seed); each figure is the wall time of one fresh
process writing all three outputs, and that process's peak memory.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKER = ROOT / "scripts" / "make_example_log.py"


def measure(rows: int, folder: Path) -> tuple[float, float, float, int]:
    """Return wall and CPU seconds, peak MiB and the log's size for one generated log."""
    log = folder / f"log-{rows}.csv"
    subprocess.run(
        [sys.executable, str(MAKER), "--rows", str(rows), "--out", str(log)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import resource, sys\n"
        "from click.testing import CliRunner\n"
        "from selfassess.cli import main\n"
        f"args = ['practice', {str(log)!r}, '--period', '2024-25', '--homes', '12400', '-o', {str(folder / f'out-{rows}')!r}]\n"
        "result = CliRunner().invoke(main, args)\n"
        "assert result.exit_code == 0, result.output[-2000:]\n"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", probe], check=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    # ru_maxrss of children is the largest child so far; logs are run smallest first.
    return seconds, cpu, after.ru_maxrss / 1024, log.stat().st_size


def main() -> None:
    """Print one line per log size."""
    sizes = [int(arg) for arg in sys.argv[1:]] or [1_000, 10_000, 100_000]
    # CPU time is shown beside wall time: on a shared machine the wall time includes waiting.
    print(f"{'rows':>8}  {'log size':>10}  {'wall s':>8}  {'CPU s':>7}  {'peak MiB':>9}")
    with tempfile.TemporaryDirectory(prefix="selfassess-bench-") as folder:
        for rows in sorted(sizes):
            seconds, cpu, peak, size = measure(rows, Path(folder))
            print(f"{rows:>8,}  {size / 1e6:>8.1f}MB  {seconds:>8.2f}  {cpu:>7.2f}  {peak:>9.0f}")


if __name__ == "__main__":
    main()
