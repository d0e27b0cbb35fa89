"""Browse an edition: list its provisions, show one in full, and where it went in other editions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from selfassess.code.catalogue import Catalogue
from selfassess.models import CodeEdition, MapEntry, Provision
from selfassess.problems import UsageError


@dataclass
class _Mapped:
    """A map entry naming a provision, seen from that provision's edition."""

    other_id: str
    other: CodeEdition | None
    entry: MapEntry
    onward: bool  # True when the provision is in the map's older edition


def format_list(edition: CodeEdition) -> str:
    """Return the edition's sections and provisions: id, modality, text bundled, summary."""
    lines = _heading(edition)
    for section in edition.sections:
        lines += ["", f"Section {section.number}: {section.title}"]
        groups: list[tuple[str | None, list[Provision]]]
        groups = [(p.title, p.provisions) for p in section.parts or []]
        for title, provisions in groups or [(None, section.all_provisions())]:
            if title:
                lines.append(f"  {title}")
            lines += [_list_line(p, "    " if title else "  ") for p in provisions]
    return "\n".join(lines) + "\n"


def _heading(edition: CodeEdition) -> list[str]:
    provisions = [p for _, p in edition.provisions()]
    bundled = sum(p.text is not None for p in provisions)
    lines = [
        f"{edition.title}, {edition.edition} edition ({edition.id}), {edition.publisher}",
        f"In force from {edition.effective_from.isoformat()}. Source: {edition.source}",
        f"{len(provisions)} provisions; text bundled for {bundled}.",
    ]
    if not edition.complete and edition.form.submission is None:  # no form to take text from
        lines.append(
            "This edition is incomplete: the texts not bundled were not found in a source we "
            "could read (its notes say which)."
        )
    elif not edition.complete:
        lines.append(
            "This edition is incomplete: `selfassess code import FORM.docx --edition "
            f"{edition.id}` takes the missing text from the Ombudsman's self-assessment form."
        )
    return lines


def _list_line(provision: Provision, indent: str) -> str:
    text = "text" if provision.text is not None else "no text"
    summary = provision.summary
    if not provision.assessed and "not assessed" not in summary:
        summary += " (not assessed)"
    return f"{indent}{provision.id:<6}{provision.modality:<8}{text:<9}{summary}"


def format_show(catalogue: Catalogue, edition: CodeEdition, provision_id: str) -> str:
    """Return one provision in full: where it sits, its text or where to read it, and its mappings."""
    provision = _find(edition, provision_id)
    section = edition.section_of(provision.id)
    assert section is not None
    place = f"section {section.number}: {section.title}"
    part = section.part_of(provision.id)
    lines = [f"{provision.id} ({edition.id}, {place}{', ' + part if part else ''})", ""]
    lines.append(f"Summary: {provision.summary}")
    lines.append(f"Modality: {provision.modality}{'' if provision.assessed else ' (not assessed)'}")
    lines.append("")
    if provision.text is not None:
        lines += [provision.text.rstrip("\n"), "", f"Source: {provision.source}"]
    else:
        lines.append(
            f"Text not bundled: see provision {provision.id} of the Code, {edition.source}"
        )
    if provision.note:
        lines.append(f"Note: {provision.note}")
    for mapped in _mappings(catalogue, edition.id, provision.id):
        lines += ["", *_mapping_lines(mapped)]
    return "\n".join(lines) + "\n"


def _find(edition: CodeEdition, provision_id: str) -> Provision:
    provision = edition.provision(provision_id.strip())
    if provision is None:
        ids = [p.id for _, p in edition.provisions()]
        guess = difflib.get_close_matches(provision_id, ids, n=1, cutoff=0.5)
        hint = f"; did you mean {guess[0]}?" if guess else ""
        raise UsageError(
            f"{edition.id} has no provision {provision_id}{hint} "
            f"(`selfassess code list {edition.id}` lists them)"
        )
    return provision


def _mappings(catalogue: Catalogue, edition_id: str, provision_id: str) -> list[_Mapped]:
    """Return the map entries naming a provision, onward (this edition is the older) or back."""
    found = []
    for edition_map in catalogue.maps_of(edition_id):
        onward = edition_map.from_edition == edition_id
        other_id = edition_map.to_edition if onward else edition_map.from_edition
        for entry in edition_map.mappings:
            if (entry.from_ if onward else None) == provision_id or (
                not onward and provision_id in entry.to
            ):
                found.append(_Mapped(other_id, catalogue.edition(other_id), entry, onward))
    return found


def _mapping_lines(mapped: _Mapped) -> list[str]:
    entry = mapped.entry
    how = f"{entry.relation}, {entry.confidence} confidence" if entry.confidence else entry.relation
    if mapped.onward:
        head = f"In {mapped.other_id}: {', '.join(entry.to)} ({how})"
        if not entry.to:
            head = f"In {mapped.other_id}: removed ({entry.confidence or 'unknown'} confidence)"
    else:
        head = f"From {mapped.other_id}: {entry.from_} ({how})"
    lines = [head]
    for target in entry.to if mapped.onward else [entry.from_]:
        found = mapped.other.provision(target) if mapped.other else None
        if found is not None:
            lines.append(f"  {target:<5} {found.summary}")
    if entry.note:
        lines.append(f"  Note: {entry.note}")
    return lines
