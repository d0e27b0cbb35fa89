"""Time loading, checking and rendering a large casework register, in process; print medians.

Run: python3 bench/bench_casework.py [CASES]. The register is generated: CASES
determinations with three findings and two orders each, and a special
investigation with 21 recommendations turned into 81 actions.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from selfassess.casework import figures, load_register
from selfassess.casework.build import build_plan_outputs
from selfassess.render.outputs import Options

AS_OF = dt.date(2025, 7, 1)
FINDINGS = ("maladministration", "service failure", "no maladministration", "outside jurisdiction")


def register(cases: int) -> dict[str, Any]:
    """Return a generated register of the given size."""
    owners = {f"o{n}": {"role": f"Role {n}", "name": f"Person {n}"} for n in range(20)}
    listed: list[dict[str, Any]] = [
        {
            "reference": f"2024{n:05d}",
            "kind": "determination",
            "date": "2024-10-01",
            "findings": [
                {"issue": f"Issue {k}", "finding": FINDINGS[(n + k) % 4]} for k in range(3)
            ],
            "orders": [
                {
                    "do": "Pay compensation",
                    "compensation": 250,
                    "owner": f"o{n % 20}",
                    "due": "2025-09-01",
                    "status": "in progress",
                },
                {"do": "Apologise", "owner": f"o{(n + 1) % 20}", "due": "2025-08-01"},
            ],
        }
        for n in range(cases)
    ]
    recommendations = [
        {
            "id": f"R{r + 1}",
            "text": f"Recommendation {r + 1}",
            "actions": [
                {
                    "do": f"Action {r}.{a}",
                    "owner": f"o{a}",
                    "due": "2025-12-31",
                    "status": "in progress",
                }
                for a in range(4 if r < 18 else 3)
            ],
        }
        for r in range(21)
    ]
    listed.append(
        {"reference": "SI-1", "kind": "special investigation", "recommendations": recommendations}
    )
    return {
        "schema_version": 1,
        "landlord": {"name": "A landlord"},
        "owners": owners,
        "cases": listed,
    }


def median_ms(step: Callable[[], object], runs: int = 5) -> float:
    """Return the median wall time of a step, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    """Print one line per measured step."""
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    path = Path(tempfile.mkdtemp(prefix="selfassess-bench-")) / "register.yaml"
    path.write_text(yaml.safe_dump(register(cases)), encoding="utf-8")
    checked = load_register(path, AS_OF)
    print(f"register of {cases + 1} cases, {path.stat().st_size:,} bytes; median of 5 runs")
    print(f"{median_ms(lambda: load_register(path, AS_OF)):8.0f} ms  load and check")
    print(f"{median_ms(lambda: figures(checked.register, AS_OF)):8.0f} ms  figures")
    options = Options(as_of=AS_OF)
    print(f"{median_ms(lambda: build_plan_outputs(checked, options)):8.0f} ms  every plan output")


if __name__ == "__main__":
    main()
