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
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from selfassess.models import Action, Assessment, Response
from selfassess.problems import InputError, Problem
from selfassess.validate import error_paths, validate
from selfassess.yamlio import Document, KeyPath

#: Give up on a response, or the rest of a file, with more separate problems than this.
_MAX_PRUNES = 100

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LeftOut:
    """What schema problems left out: a rule that would only say it is missing stays quiet."""

    #: Answers set aside whole, out of the rules until their problems are fixed.
    answers: frozenset[str] = frozenset()
    #: Top-level fields (owners, governance, ...) some of which was left out.
    fields: frozenset[str] = frozenset()
    #: The paths (from the top of the file) of values left out of answers kept.
    paths: frozenset[KeyPath] = frozenset()

    def holds(self, *path: str | int) -> bool:
        """Tell whether a value at, inside or holding path was left out."""
        return any(path[: len(out)] == out or out[: len(path)] == path for out in self.paths)


@dataclass
class Salvaged:
    """What validated of an assessment, its schema problems and what was left out."""

    assessment: Assessment | None
    problems: list[Problem] = field(default_factory=list)
    left_out: LeftOut = LeftOut()


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
            response, pruned, paths = _pruned(Response, value)
            if response is None:
                set_aside.add(pid)
            else:
                kept[pid] = pruned
                left_out |= {
                    ("responses", pid, *p) for path in paths for p in (path, *_meant(path))
                }
        data["responses"] = kept
    # Without its responses mapping, every rule would only repeat that problem: give up.
    assessment, _, paths = _pruned(Assessment, data, give_up=("responses",))
    damaged = frozenset(str(path[0]) for path in paths)
    return Salvaged(
        assessment, problems, LeftOut(frozenset(set_aside), damaged, frozenset(left_out))
    )


def _pruned(
    model: type[M], data: Any, give_up: KeyPath = ()
) -> tuple[M | None, Any, list[KeyPath]]:
    """Leave out the value at each problem until the rest validates as the model.

    Return the model (None if it never validates), the data as left, and the paths left out.
    """
    paths: list[KeyPath] = []
    for _ in range(_MAX_PRUNES):
        try:
            return model.model_validate(data), data, paths
        except ValidationError as exc:
            found = error_paths(data, exc)
        path = _existing(data, found[0]) if found else ()
        if not path or path == give_up:
            return None, data, paths
        paths.append(path)
        data = _without(data, path)
    return None, data, paths


def _meant(path: KeyPath) -> list[KeyPath]:
    """Return the field a misspelt key was meant to be (explanaton: explanation), if any."""
    import difflib

    if not path or not isinstance(path[-1], str):
        return []
    fields = {f.alias or n for m in (Response, Action) for n, f in m.model_fields.items()}
    if path[-1] in fields:
        return []
    return [(*path[:-1], m) for m in difflib.get_close_matches(path[-1], fields, n=1)]


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
