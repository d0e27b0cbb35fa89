"""The rules a Code edition file and an edition map file must pass.

As with the assessment rules, each rule yields problems and the tables list
them in the order they run: PROVISION_RULES for each provision of an edition,
ENTRY_RULES for each entry of a map.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from selfassess.check.codedata import form_problems
from selfassess.code.catalogue import Catalogue
from selfassess.models import CodeEdition, EditionMap, MapEntry, Provision, Section, id_key
from selfassess.problems import Problem
from selfassess.safety import is_safe_url
from selfassess.validate import validate
from selfassess.wording import shorten
from selfassess.yamlio import Document, KeyPath


@dataclass
class ProvisionContext:
    """A provision of a Code file, where it is written, and the provisions before it."""

    document: Document
    section: Section
    provision: Provision
    path: KeyPath
    seen: set[str]
    previous: tuple[int, ...]


@dataclass
class EntryContext:
    """An entry of an edition map, where it is written, and the two editions it joins."""

    document: Document
    entry: MapEntry
    path: KeyPath
    old: CodeEdition
    new: CodeEdition


def code_problems(document: Document) -> Iterator[Problem]:
    """Validate a Code edition file and run every provision rule over it."""
    edition = validate(document, CodeEdition)
    if not is_safe_url(edition.source):
        yield document.problem("W310", ("source",), unsafe_source(edition.source), key=False)
    yield from form_problems(document, edition)
    seen: set[str] = set()
    previous: tuple[int, ...] = ()
    for section, provision, path in provision_paths(edition):
        ctx = ProvisionContext(document, section, provision, path, seen, previous)
        for rule in PROVISION_RULES:
            yield from rule(ctx)
        seen.add(provision.id)
        previous = max(previous, id_key(provision.id))


def listed_once_in_order(ctx: ProvisionContext) -> Iterator[Problem]:
    """E209: each provision once, in its own section, in number order."""
    pid, number = ctx.provision.id, id_key(ctx.provision.id)
    if pid in ctx.seen:
        message = f"provision {pid} is listed twice"
    elif number and number[0] != ctx.section.number:
        message = f"provision {pid} is in section {ctx.section.number}"
    elif number <= ctx.previous:
        message = f"provision {pid} is out of order (after {'.'.join(map(str, ctx.previous))})"
    else:
        return
    yield ctx.document.problem("E209", ctx.path, message, key=False)


def safe_source(ctx: ProvisionContext) -> Iterator[Problem]:
    """W310: a provision's source is a safe link, or names the form it was imported from."""
    source = ctx.provision.source
    if source and not is_safe_url(source) and source[:5] != "form ":
        yield ctx.document.problem("W310", (*ctx.path, "source"), unsafe_source(source), key=False)


def provision_paths(edition: CodeEdition) -> Iterator[tuple[Section, Provision, KeyPath]]:
    """Yield each provision with its section and its key path in the file."""
    for s_index, section in enumerate(edition.sections):
        for p_index, part in enumerate(section.parts or []):
            base: KeyPath = ("sections", s_index, "parts", p_index, "provisions")
            for index, provision in enumerate(part.provisions):
                yield section, provision, (*base, index)
        for index, provision in enumerate(section.provisions or []):
            yield section, provision, ("sections", s_index, "provisions", index)


def unsafe_source(url: str) -> str:
    """Say that a source link will be published as plain text."""
    shown = shorten(url)
    return (
        f"source {shown!r} is not an http, https or mailto link; it will be published as plain text"
    )


def map_problems(document: Document) -> Iterator[Problem]:
    """Validate an edition map file, find its editions and run every entry rule over it."""
    edition_map = validate(document, EditionMap)
    catalogue = Catalogue.near(document.path)
    old, new = (
        catalogue.edition(edition_map.from_edition),
        catalogue.edition(edition_map.to_edition),
    )
    for key, edition in (("from_edition", old), ("to_edition", new)):
        if edition is None:
            message = catalogue.unknown_edition(getattr(edition_map, key))
            yield document.problem("E201", (key,), message, key=False)
    if old is None or new is None:
        return
    for index, entry in enumerate(edition_map.mappings):
        ctx = EntryContext(document, entry, ("mappings", index), old, new)
        for rule in ENTRY_RULES:
            yield from rule(ctx)


def provisions_exist(ctx: EntryContext) -> Iterator[Problem]:
    """E208: the provisions an entry names are in their editions."""
    if ctx.old.provision(ctx.entry.from_) is None:
        yield _entry_problem(ctx, f"{ctx.old.id} has no provision {ctx.entry.from_}")
    for target in ctx.entry.to:
        if ctx.new.provision(target) is None:
            yield _entry_problem(ctx, f"{ctx.new.id} has no provision {target}")


def removed_means_no_target(ctx: EntryContext) -> Iterator[Problem]:
    """E208: 'removed' goes with an empty to: list, and only it."""
    if (ctx.entry.relation == "removed") != (not ctx.entry.to):
        message = f"{ctx.entry.from_}: 'removed' goes with an empty to: list, and only it"
        yield _entry_problem(ctx, message)


def _entry_problem(ctx: EntryContext, message: str) -> Problem:
    return ctx.document.problem("E208", ctx.path, message, key=False)


PROVISION_RULES: tuple[Callable[[ProvisionContext], Iterator[Problem]], ...] = (
    listed_once_in_order,
    safe_source,
)
ENTRY_RULES: tuple[Callable[[EntryContext], Iterator[Problem]], ...] = (
    provisions_exist,
    removed_means_no_target,
)
