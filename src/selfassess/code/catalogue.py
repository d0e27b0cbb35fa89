"""Find and load the Code's editions and the maps between them.

A user's own ``code_requirements/`` (the nearest one above the assessment, or in
the working folder) overrides the copy bundled with selfassess.
"""

from __future__ import annotations

from pathlib import Path

from selfassess.files import cached_by_file
from selfassess.models import CodeEdition, EditionMap
from selfassess.problems import InputError, UsageError
from selfassess.resources import resource_dir
from selfassess.validate import validate
from selfassess.yamlio import Document, load_file

#: Files in code_requirements/ that are not editions.
NOT_EDITIONS = {"deadlines"}
#: Endings of files in code_requirements/ that hold data about an edition, not an edition.
_NOT_EDITION_SUFFIXES = ("-timescales",)


def search_dirs(near: Path | None = None) -> tuple[Path, ...]:
    """Return the code_requirements folders to search, most specific first."""
    found: list[Path] = []
    if near is not None:
        for folder in [near.resolve().parent, *near.resolve().parent.parents]:
            candidate = folder / "code_requirements"
            if candidate.is_dir():
                found.append(candidate)
                break
    cwd = Path.cwd() / "code_requirements"
    if cwd.is_dir():
        found.append(cwd)
    found.append(resource_dir("code_requirements"))
    unique: list[Path] = []
    for folder in found:
        if folder.resolve() not in [u.resolve() for u in unique]:
            unique.append(folder)
    return tuple(unique)


class Catalogue:
    """The editions and maps visible from one place."""

    def __init__(self, dirs: tuple[Path, ...]) -> None:
        self.dirs = dirs

    @classmethod
    def near(cls, path: Path | None = None) -> Catalogue:
        """Return the catalogue seen from a file (or from the working folder)."""
        return cls(search_dirs(path))

    def edition_path(self, edition_id: str) -> Path | None:
        """Return the file defining an edition, or None."""
        if not _is_plain_name(edition_id) or not _is_edition_name(edition_id):
            return None
        for folder in self.dirs:
            candidate = folder / f"{edition_id}.yaml"
            if candidate.is_file():
                return candidate
        return None

    def edition_ids(self) -> list[str]:
        """Return the ids of every edition visible, sorted."""
        stems = {p.stem for folder in self.dirs for p in folder.glob("*.yaml")}
        return sorted(stem for stem in stems if _is_edition_name(stem))

    def edition(self, edition_id: str) -> CodeEdition | None:
        """Load an edition by id; None if there is no such edition; InputError if it is broken."""
        path = self.edition_path(edition_id)
        return _load_edition(path) if path else None

    def unknown_edition(self, edition_id: str) -> str:
        """Say that an edition is not known, and name those that are."""
        known = ", ".join(i for i in self.edition_ids() if self.edition_path(i)) or "none"
        return f"unknown Code edition '{edition_id}' (known: {known})"

    def require(self, edition_id: str) -> CodeEdition:
        """Load an edition named on the command line; UsageError if there is no such edition."""
        edition = self.edition(edition_id)
        if edition is None:
            raise UsageError(self.unknown_edition(edition_id))
        return edition

    def map_path(self, from_id: str, to_id: str) -> Path | None:
        """Return the file mapping one edition onto another, or None."""
        if not (_is_plain_name(from_id) and _is_plain_name(to_id)):
            return None
        for folder in self.dirs:
            candidate = folder / "maps" / f"{from_id}--{to_id}.yaml"
            if candidate.is_file():
                return candidate
        return None

    def maps_of(self, edition_id: str) -> list[EditionMap]:
        """Load every map from or to an edition, the nearest copy of each."""
        seen: dict[str, Path] = {}
        for folder in self.dirs:
            for path in sorted((folder / "maps").glob("*--*.yaml")):
                if path.name not in seen and edition_id in path.stem.split("--"):
                    seen[path.name] = path
        return [_load_map(path) for path in seen.values()]

    def edition_map(self, from_id: str, to_id: str) -> EditionMap | None:
        """Load the map between two editions, or None if there is none."""
        path = self.map_path(from_id, to_id)
        return _load_map(path) if path else None

    def require_map(self, from_id: str, to_id: str, document: Document) -> EditionMap:
        """Load the map between two editions; without one, E230 at the document's edition."""
        edition_map = self.edition_map(from_id, to_id)
        if edition_map is None:
            message = (
                f"no edition map from {from_id} to {to_id} "
                f"(looked for maps/{from_id}--{to_id}.yaml in code_requirements)"
            )
            raise InputError([document.problem("E230", ("code",), message, key=False)])
        return edition_map


def _is_edition_name(stem: str) -> bool:
    return stem not in NOT_EDITIONS and not stem.endswith(_NOT_EDITION_SUFFIXES)


def _is_plain_name(name: str) -> bool:
    return bool(name) and all(c.isalnum() or c in "-_." for c in name) and not name.startswith(".")


@cached_by_file
def _load_edition(path: Path) -> CodeEdition:
    return validate(load_file(path), CodeEdition)


@cached_by_file
def _load_map(path: Path) -> EditionMap:
    return validate(load_file(path), EditionMap)
