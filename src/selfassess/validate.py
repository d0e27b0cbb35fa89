"""Turn a loaded YAML document into a model, with every schema problem at its line."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from selfassess.dates import month_year
from selfassess.models import unknown_version
from selfassess.problems import InputError, Problem
from selfassess.wording import QUOTE_LIMIT, quoted, shorten
from selfassess.yamlio import Document, KeyPath

M = TypeVar("M", bound=BaseModel)

_PARTIAL = re.compile(r"part|some|most|progress|almost|nearly|mainly", re.IGNORECASE)
_MODEL_TAGS = {"str", "int", "bool", "list", "dict", "none"}

_FRIENDLY = {
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "date_from_datetime_parsing": "expected a date written YYYY-MM-DD",
    "date_parsing": "expected a date written YYYY-MM-DD",
    "date_type": "expected a date written YYYY-MM-DD",
    "string_type": "expected text",
    "string_pattern_mismatch": "expected a month and day written MM-DD, such as 03-31",
    "decimal_parsing": "expected an amount in pounds, such as 1200 or 1200.50",
    "decimal_type": "expected an amount in pounds, such as 1200 or 1200.50",
    "decimal_max_places": "expected pounds and pence, at most 2 decimal places",
    "list_type": "expected a list",
    "dict_type": "expected a mapping of keys to values",
    "model_type": "expected a mapping of keys to values",
    "model_attributes_type": "expected a mapping of keys to values",
}


def validate(document: Document, model: type[M]) -> M:
    """Validate a document against a model; raise InputError listing every problem."""
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        problems = [_problem(document, model, e) for e in _relevant(document, exc.errors())]
        raise InputError(sorted(set(problems))) from None


def display_path(path: KeyPath) -> str:
    """Write a key path the way the user sees it in YAML, e.g. responses."6.10".actions[1]."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        elif part.replace("_", "").isalpha() and len(part) <= QUOTE_LIMIT:
            text += f".{part}" if text else part
        else:
            shown = shorten(part, QUOTE_LIMIT)
            text += f'."{shown}"' if text else f'"{shown}"'
    return text or "the file"


def _relevant(document: Document, errors: list[Any]) -> list[tuple[KeyPath, Any]]:
    """Strip pydantic's union tags from locations and keep the branch matching the input."""
    kept = []
    seen_shapes: set[KeyPath] = set()
    for err in errors:
        path, branch, at = _data_path(document.data, err["loc"])
        if branch is not None:
            value = _value_at(document.data, at)
            if not isinstance(value, dict | str):
                if at not in seen_shapes:
                    seen_shapes.add(at)
                    kept.append((at, {"type": "union_shape", "input": value}))
                continue
            if isinstance(value, dict) != branch[:1].isupper():
                continue
        kept.append((path, err))
    return kept


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[KeyPath, str | None, KeyPath]:
    """Return the data path of an error, the union branch it came from, and where that was."""
    path: list[str | int] = []
    branch = None
    branch_at: KeyPath = ()
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and (part[:1].isupper() or part in _MODEL_TAGS):
            branch, branch_at = part, tuple(path)
        else:
            path.append(part)
            node = None
    return tuple(path), branch, branch_at


def _value_at(data: Any, path: KeyPath) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _problem(document: Document, model: type[BaseModel], item: tuple[KeyPath, Any]) -> Problem:
    path, err = item
    kind = err["type"]
    if kind == "extra_forbidden":
        return _at(document, path, "E114", _unknown_field(model, path), key=True)
    if kind == "missing":
        message = f"{display_path(path[:-1])} is missing the required field '{path[-1]}'"
        return _at(document, path, "E113", message)
    if path and path[-1] == "schema_version" and kind == "value_error":
        return _at(
            document, path, "E111", unknown_version(shorten(str(err.get("input")), QUOTE_LIMIT))
        )
    if path and path[-1] == "comply" and kind == "literal_error":
        message = (
            f"{display_path(path)} must be yes or no, found {_shown(err.get('input'))}; "
            f"{_answer_hint(err)}"
        )
        return _at(document, path, "E115", message)
    return _at(document, path, "E112", f"{display_path(path)}: {_message(err)}")


def _at(document: Document, path: KeyPath, code: str, message: str, key: bool = False) -> Problem:
    """Place a schema error at a key (unknown fields) or at its value (the rest)."""
    return document.problem(code, path, message, key=key)


def _unknown_field(model: type[BaseModel], path: KeyPath) -> str:
    """Name an unknown field and suggest the field meant, or list those allowed."""
    key = str(path[-1])
    known = _known_fields(model, path[:-1])
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"; did you mean '{guess[0]}'?" if guess else f"; expected one of: {', '.join(known)}"
    return f"unknown field '{shorten(key, QUOTE_LIMIT)}' in {display_path(path[:-1])}{hint}"


def _answer_hint(err: Any) -> str:
    """Advise on a comply value that is neither yes nor no, fitting what was written."""
    if _PARTIAL.search(str(err.get("input"))):
        return "the Ombudsman's form has no other answer: answer no and explain what is in place"
    return (
        "the Ombudsman's form has no other answer: write yes if the landlord complies in full, "
        "otherwise no and explain what is in place"
    )


def _message(err: Any) -> str:
    kind = err["type"]
    if kind == "union_shape":
        return f"expected text or a mapping with a title and a url or path, found {_shown(err['input'])}"
    if kind == "literal_error":
        return f"expected {err['ctx']['expected']}, found {_shown(err.get('input'))}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind.startswith("date_") and isinstance(err.get("input"), str):
        return _date_message(err["input"])
    friendly = _FRIENDLY.get(kind, str(err["msg"]))
    if "input" in err and not isinstance(err["input"], dict | list):
        return f"{friendly}, found {_shown(err['input'])}"
    return friendly


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def _date_message(text: str) -> str:
    """Say why text is not a date, and what to write: a day the month lacks, or day first."""
    import calendar

    iso, day_first = _ISO_DATE.fullmatch(text.strip()), _DAY_FIRST.fullmatch(text.strip())
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        if not 1 <= month <= 12:
            return f"{quoted(text)} is not a date: there is no month {month}; write YYYY-MM-DD"
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            name = month_year(year, month)
            return f"{quoted(text)} is not a date: {name} has {last} days; write YYYY-MM-DD"
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            return f"expected a date written YYYY-MM-DD, found {quoted(text)}; write {year:04d}-{month:02d}-{day:02d}"
    return f"expected a date written YYYY-MM-DD, found {quoted(text)}"


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return quoted(value)


def _known_fields(model: type[BaseModel], path: KeyPath) -> list[str]:
    """Return the field names allowed at a path, following the model's annotations."""
    current: Any = model
    for part in path:
        current = _step(current, part)
        if current is None:
            return []
    models = _models_in(current)
    return [f.alias or name for name, f in models[0].model_fields.items()] if models else []


def _step(annotation: Any, part: str | int) -> Any:
    for candidate in _models_in(annotation):
        if isinstance(part, int):
            continue
        field = next((f for n, f in candidate.model_fields.items() if (f.alias or n) == part), None)
        if field is not None:
            return _unwrap(field.annotation)
    containers = _containers_in(annotation)
    return _unwrap(containers[0]) if containers else None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    found = []
    for arg in _flatten(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            found.append(arg)
    return found


def _containers_in(annotation: Any) -> list[Any]:
    found = []
    for arg in _flatten(annotation):
        origin = typing.get_origin(arg)
        if origin in (list, dict):
            found.append(typing.get_args(arg)[-1])
    return found


def _flatten(annotation: Any) -> list[Any]:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) for a in _flatten(arg)]
    return [annotation]


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def error_paths(data: Any, exc: ValidationError) -> list[KeyPath]:
    """Return where in the data each error is: the bad value, unknown key or incomplete mapping."""
    paths = []
    for err in exc.errors():
        path, _, _ = _data_path(data, err["loc"])
        paths.append(path[:-1] if err["type"] == "missing" else path)
    return paths
