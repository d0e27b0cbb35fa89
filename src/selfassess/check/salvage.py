"""Keep what validates of an assessment with schema problems, so its rules can still run.

A bad date in one answer must not hide a missing explanation in another: each
response is validated on its own, and the ones that fail are set aside (their
schema problems are reported, their rules wait until those are fixed). Elsewhere
in the file, the value at each problem is left out until the rest validates.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from selfassess.models import Assessment, Response
from selfassess.problems import InputError, Problem
from selfassess.validate import error_paths, validate
from selfassess.yamlio import Document, KeyPath

#: Give up on a file with more separate problems than this outside its responses.
_MAX_PRUNES = 100


@dataclass
class Salvaged:
    """What validated of an assessment, its schema problems and the answers set aside."""

    assessment: Assessment | None
    problems: list[Problem] = field(default_factory=list)
    set_aside: frozenset[str] = frozenset()
    #: Top-level fields (owners, governance, ...) some of which was left out.
    damaged: frozenset[str] = frozenset()


def salvage(document: Document) -> Salvaged:
    """Validate an assessment; on schema problems, keep every part that validates."""
    try:
        return Salvaged(validate(document, Assessment))
    except InputError as exc:
        problems = exc.problems
    data = dict(document.data)
    set_aside = _bad_responses(data.get("responses"))
    if set_aside and isinstance(data.get("responses"), dict):
        data["responses"] = {k: v for k, v in data["responses"].items() if k not in set_aside}
    assessment, damaged = _prune_until_valid(data)
    return Salvaged(assessment, problems, frozenset(set_aside), frozenset(damaged))


def _bad_responses(responses: Any) -> set[str]:
    if not isinstance(responses, dict):
        return set()
    bad = set()
    for pid, value in responses.items():
        try:
            Response.model_validate(value)
        except ValidationError:
            bad.add(pid)
    return bad


def _prune_until_valid(data: dict[str, Any]) -> tuple[Assessment | None, set[str]]:
    """Leave out the value at each problem until the rest validates; None if it never does.

    Also return the top-level fields something was left out of. Without its responses
    mapping, every rule would only repeat that problem, so that gives up too.
    """
    damaged: set[str] = set()
    for _ in range(_MAX_PRUNES):
        try:
            return Assessment.model_validate(data), damaged
        except ValidationError as exc:
            paths = error_paths(data, exc)
        path = _existing(data, paths[0]) if paths else ()
        if not path or path == ("responses",):
            return None, damaged
        damaged.add(str(path[0]))
        data = _without(data, path)
    return None, damaged


def _existing(data: Any, path: KeyPath) -> KeyPath:
    """Return the longest start of a path that is in the data."""
    node = data
    for length, part in enumerate(path):
        if not isinstance(node, dict | list):
            return path[:length]
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return path[:length]
    return path


def _without(data: dict[str, Any], path: KeyPath) -> dict[str, Any]:
    """Return a copy of the data with the value at path left out."""
    pruned = copy.deepcopy(data)
    node: Any = pruned
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return pruned
