"""The output folder and the one skeleton every document kind is built with.

Each document kind's package loads and checks its file, builds its files in memory
({relative path: bytes}) and hands them to ``build_file``, which writes them here, by the
one locked, all-or-nothing write of render/folderwrite.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from selfassess.files import Output, safe_join
from selfassess.problems import (
    InputError,
    OutputError,
    Problem,
    Severity,
    UsageError,
    sort_problems,
)

CSV_ENCODING = "utf-8-sig"  # the byte-order mark makes Excel read UTF-8 (£, ‘quotes’) correctly

Checked = TypeVar("Checked")


@dataclass(frozen=True)
class Options:
    """What to build and how, for any document kind (formats empty: every format of the kind)."""

    as_of: dt.date
    formats: tuple[str, ...] = ()
    templates: Path | None = None
    draft: bool = False
    reference_docx: Path | None = None
    fragment_links: str = "anchor"  # anchor | relative | a URL pattern with {fragment}


@dataclass(frozen=True)
class FileResult:
    """What building one file did: its problems, and the files written (if any)."""

    path: Path
    problems: list[Problem]
    folder: Path | None = None
    written: tuple[str, ...] = ()

    @property
    def errors(self) -> list[Problem]:
        """Return the errors among the problems."""
        return [p for p in self.problems if p.severity == Severity.ERROR]


def build_file(
    path: Path,
    out: Path | None,
    options: Options,
    check: Callable[[Path, Options], tuple[Checked | None, list[Problem]]],
    build: Callable[[Checked, Options], dict[str, bytes]],
) -> FileResult:
    """Check a file as `check` does, then build and write its documents unless it has errors.

    With options.draft a file with errors is built all the same (marked as a draft).
    """
    try:
        checked, found = check(path, options)
    except InputError as exc:
        return FileResult(path, sort_problems(exc.problems))
    problems = sort_problems(list(dict.fromkeys(found)))
    result = FileResult(path, problems)
    if checked is None or (result.errors and not options.draft):
        return result
    folder = output_folder(path, out)
    try:
        outputs = build(checked, options)
    except InputError as exc:  # a broken template from --templates
        return FileResult(path, sort_problems([*problems, *exc.problems]))
    write_folder(folder, outputs)
    return FileResult(path, problems, folder, tuple(outputs))


def parse_formats(values: tuple[str, ...], known: tuple[str, ...]) -> tuple[str, ...]:
    """Read --format values ("html,md" or repeated) into known formats, in output order."""
    asked = {part.strip() for value in values for part in value.split(",") if part.strip()}
    if not asked or "all" in asked:
        return known
    unknown = sorted(asked - set(known))
    if unknown:
        raise UsageError(
            f"unknown format {', '.join(unknown)}; choose from {', '.join(known)} or all"
        )
    return tuple(f for f in known if f in asked)


def output_folder(source: Path, out: Path | None) -> Path:
    """Return the folder a file's outputs go in: OUT/<file stem>/ (default build/)."""
    root = out if out is not None else Path("build")
    if source.stem in (".", ".."):
        raise OutputError(f"cannot name an output folder after {source}; rename the file")
    return safe_join(root, source.stem)


def refuse_shared_folders(files: Iterable[Path], out: Path | None) -> None:
    """Refuse to render two files whose outputs would go to the same folder (a/x.yaml, b/x.yaml)."""
    seen: dict[Path, Path] = {}
    for path in files:
        root = out if out is not None else Path("build")
        folder = (root / path.stem).absolute()
        if folder in seen and seen[folder] != path:
            raise UsageError(
                f"{seen[folder]} and {path} would both be written to {root / path.stem}; "
                "render them one at a time with different -o folders, or rename one"
            )
        seen[folder] = path


def write_folder(folder: Path, outputs: Mapping[str, Output]) -> list[Path]:
    """Make a document's files current in its folder, all or none (render/folderwrite.py).

    With CMS sections, fragments an earlier run wrote for sections now gone are removed.
    """
    from selfassess.render import folderwrite

    fragments = ["sections/section-*.html"] if "sections/index.html" in outputs else []
    return folderwrite.write_folder(folder, outputs, fragments)
