"""Keep what validates of an assessment with schema problems, so its rules can still run.

A bad date in one answer must not hide a missing explanation in the same answer or
another: each response is validated on its own, and in one that fails, the value at each
problem is left out until the rest of it validates (its schema problems are reported, and
the rules that would only repeat them, such as "no compliance_date" after a date that is
not a date, know what was left out). Elsewhere in the file, likewise.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from selfassess.models import Action, Assessment, Response
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
    #: The paths (from the top of the file) of values left out of answers kept.
    left_out: frozenset[KeyPath] = frozenset()
    #: Top-level fields (owners, governance, ...) some of which was left out.
    damaged: frozenset[str] = frozenset()


def salvage(document: Document) -> Salvaged:
    """Validate an assessment; on schema problems, keep every part that validates."""
    try:
        return Salvaged(validate(document, Assessment))
    except InputError as exc:
        problems = exc.problems
    data = dict(document.data)
    set_aside: set[str] = set()
    left_out: set[KeyPath] = set()
    if isinstance(data.get("responses"), dict):
        kept = {}
        for pid, value in data["responses"].items():
            pruned, paths = _pruned_response(value)
            if pruned is None:
                set_aside.add(pid)
            else:
                kept[pid] = pruned
                left_out |= {("responses", pid, *path) for path in paths}
        data["responses"] = kept
    assessment, damaged = _prune_until_valid(data)
    return Salvaged(
        assessment, problems, frozenset(set_aside), frozenset(left_out), frozenset(damaged)
    )


def _pruned_response(value: Any) -> tuple[Any, list[KeyPath]]:
    """Return a response with each value that fails left out, and their paths; None if none."""
    paths: list[KeyPath] = []
    for _ in range(_MAX_PRUNES):
        try:
            Response.model_validate(value)
            return value, paths
        except ValidationError as exc:
            found = error_paths(value, exc)
        path = _existing(value, found[0]) if found else ()
        if not path:
            return None, paths
        paths += [path, *_meant(path)]
        value = _without(value, path)
    return None, paths


def _meant(path: KeyPath) -> list[KeyPath]:
    """Return the field a misspelt key was meant to be (explanaton: explanation), if any."""
    import difflib

    if not path or not isinstance(path[-1], str):
        return []
    fields = {f.alias or n for m in (Response, Action) for n, f in m.model_fields.items()}
    if path[-1] in fields:
        return []
    return [(*path[:-1], m) for m in difflib.get_close_matches(path[-1], fields, n=1)]


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


def _without(data: Any, path: KeyPath) -> Any:
    """Return a copy of the data with the value at path left out."""
    pruned = copy.deepcopy(data)
    node: Any = pruned
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return pruned
