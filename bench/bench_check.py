"""`check` on the example against its floor: Python loading yaml, click and pydantic.

Run: python3 bench/bench_check.py [RUNS]. Target: at most 1.5x the floor's CPU time.
"""

from __future__ import annotations

from measure import (
    AS_OF,
    EXAMPLE,
    PYTHON,
    header,
    line,
    paired,
    ratio_of_pairs,
    runs_from_argv,
    selfassess,
)

FLOOR = "import yaml, click; from pydantic import BaseModel"
TARGET = 1.5


def main() -> None:
    """Print the floor, check, and their ratio."""
    runs = runs_from_argv(15)
    header("check (example) against its floor", runs)
    samples = paired(
        {
            f"python -c '{FLOOR}'": [[PYTHON, "-c", FLOOR]],
            "selfassess check (example)": [selfassess("check", "--as-of", AS_OF, str(EXAMPLE))],
        },
        runs,
    )
    floor, check = samples.values()
    for name, found in samples.items():
        line(name, found)
    ratio = ratio_of_pairs(check, floor)
    print(f"   check / floor: {ratio:.2f}x CPU (target <= {TARGET}x)")


if __name__ == "__main__":
    main()
