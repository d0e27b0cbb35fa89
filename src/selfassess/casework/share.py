"""A share of a count, as every casework figure gives it: counts, one decimal place and whole."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def rate(part: int, whole: int) -> dict[str, Any] | None:
    """Return a share as counts and a percentage (one decimal place, and whole); None of nothing."""
    if whole == 0:
        return None
    share = Decimal(part * 100) / Decimal(whole)
    return {
        "count": part,
        "of": whole,
        "percent": float(round(share, 1)),
        "rounded": int(share.quantize(Decimal(1), rounding="ROUND_HALF_UP")),
    }
