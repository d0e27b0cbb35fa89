"""Writing an edition back out: every field of the edition model, every bundled edition, exactly.

`code import` writes the edition it merged through dump_edition, which refuses to hand
back YAML that does not read back as the same edition. These tests make sure it never
has to: each bundled edition, and each of them with any one field of the model changed
(fields found by walking the model, so a field added to the model and not written fails
here), reads back equal, its provision texts byte for byte.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import BaseModel, ValidationError

from conftest import ROOT
from selfassess.code.catalogue import Catalogue
from selfassess.code.dump import dump_edition
from selfassess.models import CodeEdition
from selfassess.problems import OutputError
from selfassess.validate import validate
from selfassess.yamlio import load_bytes

BUNDLED = sorted(path.stem for path in (ROOT / "code_requirements").glob("*chc-20??.yaml"))
Change = tuple[str, Any]  # the dotted field path changed, and the changed data


def bundled(edition_id: str) -> CodeEdition:
    edition = Catalogue((ROOT / "code_requirements",)).edition(edition_id)
    assert edition is not None
    return edition


def read_back(text: str) -> CodeEdition:
    """Load YAML text as the catalogue would load an edition file."""
    return validate(load_bytes(text.encode("utf-8"), Path("e.yaml"), "e.yaml"), CodeEdition)


def completed(edition: CodeEdition) -> CodeEdition:
    """The edition with a placeholder for every missing text, marked complete."""
    data = edition.model_dump()
    for section in data["sections"]:
        for holder in section["parts"] or [section]:
            for provision in holder["provisions"]:
                if provision["text"] is None:
                    provision.update(text=f"Placeholder {provision['id']}", source="a test")
    return CodeEdition.model_validate({**data, "complete": True})


def field_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Return the dotted path of every field, at every depth, that holds no model of its own."""
    paths: set[str] = set()
    for name, info in model.model_fields.items():
        inner = _model_in(info.annotation)
        if inner is None:
            paths.add(prefix + name)
        else:
            paths |= field_paths(inner, f"{prefix}{name}.")
    return paths


def _arms(annotation: Any) -> list[Any]:
    """Return the types a field may hold, without None and with lists opened."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [arm for a in get_args(annotation) if a is not type(None) for arm in _arms(a)]
    if get_origin(annotation) is list:
        return _arms(get_args(annotation)[0])
    return [annotation]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    models = [a for a in _arms(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
    return models[0] if models else None


def changes(model: type[BaseModel], data: dict[str, Any], prefix: str = "") -> Iterator[Change]:
    """Yield the data with one field changed, for each field this data lets us change."""
    for name, info in model.model_fields.items():
        for path, value in _changed(info.annotation, data[name], prefix + name):
            yield path, {**data, name: value}


def _changed(annotation: Any, value: Any, path: str) -> Iterator[Change]:
    inner = _model_in(annotation)
    if inner is not None:
        if isinstance(value, list):
            yield from _changed_items(inner, value, path)
        elif value is None:
            default = inner.model_construct().model_dump()  # a model with every default
            if all(name in default for name in inner.model_fields):
                yield from changes(inner, default, path + ".")
        else:
            yield from changes(inner, value, path + ".")
        return
    other = _other(_arms(annotation)[0], value)
    if other is not None:
        yield path, other


def _changed_items(model: type[BaseModel], items: list[Any], path: str) -> Iterator[Change]:
    """Change each field path in the first item of the list that lets it be changed."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        for sub, changed in changes(model, item, path + "."):
            if sub not in seen:
                seen.add(sub)
                yield sub, [*items[:index], changed, *items[index + 1 :]]


def _other(kind: Any, value: Any) -> Any:
    """Return a value of the kind that differs from value, or None if there is none."""
    if get_origin(kind) is Literal:
        return next(choice for choice in get_args(kind) if choice != value)
    if kind is bool:
        return not value
    if kind is int:
        return value + 1
    if kind is dt.date:
        return value + dt.timedelta(days=1)
    if kind is str:
        return "Changed text" if value is None else f"{value} (changed)"
    return None


@pytest.mark.parametrize("edition_id", BUNDLED)
def test_every_bundled_edition_reads_back_as_itself(edition_id: str) -> None:
    edition = bundled(edition_id)
    again = read_back(dump_edition(edition))
    assert again == edition
    texts = [(p.id, p.text) for _, p in edition.provisions()]
    assert [(p.id, p.text) for _, p in again.provisions()] == texts


def test_the_walk_finds_the_fields_the_lgsco_edition_sets() -> None:
    paths = field_paths(CodeEdition)
    for path in ("tenant_measures", "words.member", "form.section_summary.follows"):
        assert path in paths
    assert "sections.parts.provisions.text" in paths and "sections.provisions.note" in paths


def test_any_one_field_changed_reads_back_so() -> None:
    covered: set[str] = set()
    refused: set[str] = set()
    lost: list[str] = []
    bases = [bundled(e) for e in BUNDLED] + [completed(bundled("hos-chc-2024"))]
    for base in bases:
        for path, data in changes(CodeEdition, base.model_dump()):
            try:
                edition = CodeEdition.model_validate(data)
            except ValidationError:
                refused.add(path)
                continue
            assert edition != base, path
            covered.add(path)
            try:
                if read_back(dump_edition(edition)) != edition:
                    lost.append(f"{base.id}: {path}")
            except OutputError as exc:
                lost.append(f"{base.id}: {path}: {exc}")
    assert lost == [], "\n".join(lost)
    assert field_paths(CodeEdition) - covered == {"schema_version"}
    assert refused - covered == {"schema_version"}


def test_a_field_left_out_is_refused_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import selfassess.code.dump as dump

    monkeypatch.setattr(dump, "_words", lambda words: [])
    with pytest.raises(OutputError) as caught:
        dump_edition(bundled("lgsco-chc-2024"))
    assert str(caught.value) == (
        "the edition could not be written faithfully (words would read back differently); "
        "nothing was written"
    )
