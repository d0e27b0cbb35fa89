"""What serve serves: each file's latest render, what it depends on, and when to render again.

Each file is rendered into its own folder of a temporary folder, as `render` would write
it (as a marked draft when it has errors, like `render --draft`). Every input the render
reads is recorded with its signature; a file is rendered again when one of them changes.
Templates and Code files are watched for every file, since they are kept once read.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.files import recording_dependencies
from selfassess.problems import Problem, SelfAssessError, Severity, UsageError, sort_problems
from selfassess.render.outputs import Options
from selfassess.serve.kinds import Kind, kind_of
from selfassess.serve.store import clear_folder, make_root, remove_root, write_quickly
from selfassess.serve.watch import Signatures, changed, files_under, signatures


@dataclass(frozen=True)
class Snapshot:
    """One render of a file, as the pages show it; replaced whole, so a reader sees one."""

    problems: tuple[Problem, ...] = ()
    messages: tuple[str, ...] = ()  # what is wrong that is not a located problem
    rendered: bool = False
    written: tuple[str, ...] = ()
    version: int = 0
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        """Return how many errors the render found (messages count as errors)."""
        found = sum(1 for p in self.problems if p.severity == Severity.ERROR)
        return found + len(self.messages)

    @property
    def warnings(self) -> int:
        """Return how many warnings the render found."""
        return sum(1 for p in self.problems if p.severity == Severity.WARNING)


@dataclass
class Served:
    """A file given to serve, its folder and its latest render."""

    source: Path
    slug: str
    kind: Kind | None = None
    snapshot: Snapshot = field(default_factory=Snapshot)
    depends: Signatures = field(default_factory=dict)


class Site:
    """The files served, rendered into a temporary folder that close() removes."""

    def __init__(
        self, files: Sequence[Path], as_of: dt.date | None, templates: Path | None
    ) -> None:
        self.files = [
            Served(path, path.stem, _kind_if_loads(path)) for path in _unique_stems(files)
        ]
        self.as_of = as_of
        self.templates = templates
        self.root = make_root()
        self.shared: Signatures = {}
        self.generation = 0  # goes up at every render, so the index reloads too

    def find(self, slug: str) -> Served | None:
        """Return the file served under a folder name, or None."""
        return next((served for served in self.files if served.slug == slug), None)

    def render_all(self, done: Callable[[Served], object]) -> None:
        """Render every file (templates and Code files read afresh), calling done after each."""
        from selfassess.render.jinja import forget_templates

        forget_templates()
        self.shared = signatures(self._shared_files())
        for served in self.files:
            self.render(served)
            done(served)

    def poll(self, done: Callable[[Served], object]) -> None:
        """Render again each file one of whose inputs was saved since it was rendered."""
        if changed(self.shared) or set(self._shared_files()) != set(self.shared):
            self.render_all(done)
            return
        for served in self.files:
            if changed(served.depends):
                time.sleep(0.02)  # let an editor that writes in several steps finish
                self.render(served)
                done(served)

    def watch(self, done: Callable[[Served], object], interval: float = 0.15) -> None:
        """Look for saved files a few times a second until interrupted (Ctrl-C)."""
        while True:
            time.sleep(interval)
            self.poll(done)

    def render(self, served: Served) -> None:
        """Render one file into its folder, or keep its problems when it cannot be rendered."""
        start = time.perf_counter()
        before = signatures([served.source.absolute(), *served.depends])
        with recording_dependencies() as read:
            snapshot = self._render(served)
        read.add(served.source.absolute())
        served.depends = {p: before[p] if p in before else signatures([p])[p] for p in read}
        self.generation += 1
        served.snapshot = Snapshot(
            snapshot.problems,
            snapshot.messages,
            snapshot.rendered,
            snapshot.written,
            served.snapshot.version + 1,
            time.perf_counter() - start,
        )

    def _render(self, served: Served) -> Snapshot:
        folder = self.root / served.slug
        try:
            served.kind = served.kind or kind_of(served.source)
            if served.kind is None:
                raise UsageError(f"{served.source} is not an assessment, report or register")
            outputs, problems = self._build(served.kind, served.source)
        except SelfAssessError as exc:
            clear_folder(folder)
            found = getattr(exc, "problems", None)
            if found is not None:
                return Snapshot(tuple(sort_problems(list(found))))
            return Snapshot(messages=(str(exc),))
        if outputs is None:
            clear_folder(folder)
            return Snapshot(tuple(problems))
        write_quickly(folder, outputs)
        return Snapshot(tuple(problems), (), True, tuple(outputs))

    def _build(self, kind: Kind, source: Path) -> tuple[dict[str, bytes] | None, list[Problem]]:
        as_of = self.as_of or dt.date.today()
        checked, found = kind.check(source, as_of)
        problems = sort_problems(list(dict.fromkeys(found)))
        errors = any(p.severity == Severity.ERROR for p in problems)
        if checked is None or (errors and not kind.drafts):
            return None, problems
        options = Options(as_of=as_of, templates=self.templates, draft=errors)
        return kind.build(checked, options), problems

    def _shared_files(self) -> list[Path]:
        from selfassess.code.catalogue import search_dirs
        from selfassess.resources import resource_dir

        folders = [resource_dir("templates")]
        if self.templates is not None:
            folders.insert(0, self.templates)
        for served in self.files:
            folders.extend(search_dirs(served.source))
        return files_under(folders)

    def close(self) -> None:
        """Remove the temporary folder and everything rendered into it."""
        remove_root(self.root)


def _kind_if_loads(path: Path) -> Kind | None:
    """Return a file's kind; refuse one of another kind; None for one that does not load yet."""
    from selfassess.problems import InputError

    try:
        kind = kind_of(path)
    except InputError:
        return None  # shown as its problems until it loads
    if kind is None:
        raise UsageError(
            f"{path} is not an assessment, annual report or casework register; "
            "serve previews only those (check checks any file)"
        )
    return kind


def _unique_stems(files: Sequence[Path]) -> list[Path]:
    """Return the files, refusing two that would be served under one name."""
    seen: dict[str, Path] = {}
    for path in files:
        if path.stem in seen and seen[path.stem].resolve() != path.resolve():
            raise UsageError(
                f"{seen[path.stem]} and {path} would both be served as /{path.stem}/; "
                "rename one, or serve them one at a time"
            )
        seen[path.stem] = path
    return list(dict.fromkeys(seen.values()))
