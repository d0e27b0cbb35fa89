"""Which bars a chart keeps when it has more than a reader can take in: the largest."""

from __future__ import annotations

from collections.abc import Sequence

#: A chart draws at most this many bars, whatever a Code file or a log holds.
MAX_BARS = 12


def largest(totals: Sequence[float], keep: int) -> tuple[list[int], list[int]]:
    """Return the indices of the `keep` largest totals in their own order, then the rest's.

    Equal totals keep their order, so the same figures always draw the same bars.
    """
    ranked = sorted(range(len(totals)), key=lambda index: (-totals[index], index))
    return sorted(ranked[:keep]), ranked[keep:]
