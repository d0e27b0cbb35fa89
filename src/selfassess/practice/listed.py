"""At most MAX_LISTED problems kept for each file of a log; the rest only counted.

A log of a million bad rows would otherwise print (and hold) millions of lines. The
problems past the limit are counted per file and said in one E522 line at the end, so
memory and output stay flat in the number of bad rows.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable

from selfassess.problems import Problem, error

#: The most problems listed for one file of a log; the rest are counted in one line.
MAX_LISTED = int(os.environ.get("SELFASSESS_MAX_PROBLEMS", 100))


class Listed(list[Problem]):
    """A list of problems that keeps at most MAX_LISTED for each file, counting the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: Counter[str] = Counter()
        self.unlisted: Counter[str] = Counter()
        self.first_unlisted: dict[str, tuple[int, int]] = {}

    def append(self, problem: Problem) -> None:
        if self.kept[problem.file] < MAX_LISTED:
            self.kept[problem.file] += 1
            super().append(problem)
            return
        self.first_unlisted.setdefault(problem.file, (problem.line, problem.col))
        self.unlisted[problem.file] += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)
        if isinstance(problems, Listed):
            for name, count in problems.unlisted.items():
                self.first_unlisted.setdefault(name, problems.first_unlisted[name])
                self.unlisted[name] += count

    def skip(self, file: str, count: int, at: tuple[int, int]) -> None:
        """Count problems never made (a column's cells past the limit)."""
        if count:
            self.first_unlisted.setdefault(file, at)
            self.unlisted[file] += count

    def close(self) -> None:
        """Add one E522 line for each file with problems not listed."""
        for name, count in self.unlisted.items():
            super().append(
                error(
                    name,
                    *self.first_unlisted[name],
                    "E522",
                    f"{count:,} more problems in the log are not listed (the first "
                    f"{MAX_LISTED:,} are); fix those and run again, or set "
                    "SELFASSESS_MAX_PROBLEMS to list more",
                )
            )
        self.unlisted.clear()
