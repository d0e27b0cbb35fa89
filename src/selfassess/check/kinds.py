"""Tell the kinds of file apart by their keys."""

from __future__ import annotations

from typing import Any


def file_kind(data: dict[str, Any]) -> str:
    """Tell assessments, Code editions, maps, deadline rules, registers and reports apart by keys."""
    if "assessment" in data or "parts" in data:
        return "report"
    if "cases" in data:
        return "casework"
    if "sections" in data:
        return "code"
    if "mappings" in data:
        return "map"
    if "rules" in data:
        return "deadlines"
    if "timescales" in data:
        return "timescales"
    return "assessment"
