"""Read YAML safely, keeping the line and column of every key and value.

Scalars are kept as the text the user wrote (only ``null``, ``~`` and empty
values become ``None``), so YAML 1.1 never turns ``comply: no`` into ``False``
or the key ``6.10`` into the float ``6.1``; pydantic converts text to the types
each field asks for.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader, ReaderError
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from selfassess.files import read_regular_file
from selfassess.problemcodes import severity
from selfassess.problems import InputError, Problem, error, input_error
from selfassess.wording import quoted
from selfassess.yamlslips import explain

KeyPath = tuple[str | int, ...]

#: Refuse files larger than this many bytes (a real assessment is under 200 KB).
MAX_BYTES = int(os.environ.get("SELFASSESS_MAX_BYTES", 5 * 1024 * 1024))
#: Refuse documents nested deeper than this.
MAX_DEPTH = int(os.environ.get("SELFASSESS_MAX_DEPTH", 64))
#: Refuse documents that would expand to more nodes than this (alias bombs).
MAX_NODES = int(os.environ.get("SELFASSESS_MAX_NODES", 100_000))

_NULLS = {"", "~", "null", "Null", "NULL"}
_EMPTY = "file is empty; expected a mapping such as 'schema_version: 1'"

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass
class Document:
    """A YAML file's data, with the position of every key and value."""

    path: Path
    data: Any
    keys: dict[KeyPath, Mark] = field(default_factory=dict)
    values: dict[KeyPath, Mark] = field(default_factory=dict)
    path_display: str = ""
    #: The file's text as read (line ends made \n), for what the data does not hold: comments.
    text: str = field(default="", repr=False)

    def value_mark(self, path: KeyPath) -> Mark:
        """Return where the value at ``path`` starts, or its nearest parent's."""
        for prefix in _prefixes(path):
            if prefix in self.values:
                return self.values[prefix]
        return Mark(1, 1)

    def key_mark(self, path: KeyPath) -> Mark:
        """Return where the key of ``path`` is written, or its nearest parent's."""
        for prefix in _prefixes(path):
            if prefix in self.keys:
                return self.keys[prefix]
        return self.value_mark(path)

    def problem(self, code: str, path: KeyPath, message: str, *, key: bool = True) -> Problem:
        """Return a problem at a key (or, with key=False, its value); the registry gives its severity."""
        mark = self.key_mark(path) if key else self.value_mark(path)
        return Problem(self.path_display, mark.line, mark.col, code, message, severity(code))


def _prefixes(path: KeyPath) -> Iterator[KeyPath]:
    for end in range(len(path), -1, -1):
        yield path[:end]


class LimitExceeded(yaml.YAMLError):
    """A document goes past one of the loader's resource limits."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


class _DepthLimitedComposer(Composer):
    """A composer that refuses nesting deeper than MAX_DEPTH."""

    depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[attr-defined]
                mark = event.start_mark
                raise LimitExceeded(
                    f"nesting is deeper than {MAX_DEPTH} levels; an assessment needs fewer "
                    "than 10 (set SELFASSESS_MAX_DEPTH to raise the limit)",
                    mark.line + 1,
                    mark.column + 1,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _PythonLoader(_DepthLimitedComposer, Reader, Scanner, Parser, SafeConstructor, Resolver):
    """PyYAML's pure-Python safe loader with a depth-limited composer."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _DepthLimitedComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


def _make_loader() -> Any:
    """Return libyaml's fast parser under our composer when PyYAML has it, else pure Python."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return _PythonLoader

    class _FastLoader(_DepthLimitedComposer, CParser, SafeConstructor, Resolver):
        """libyaml's parser (events only); composing stays in Python, depth-limited."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _DepthLimitedComposer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    return _FastLoader


_Loader = _make_loader()


def load_file(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML file; raise InputError with every problem found."""
    shown = display if display is not None else str(path)

    def too_big(size: int) -> Problem:
        # limit + 1 means the file gave more than it claimed, so its size is unknown.
        amount = f"{size:,} bytes, over" if size > MAX_BYTES + 1 else "over"
        return error(
            shown,
            1,
            1,
            "E107",
            f"file is {amount} the limit of {MAX_BYTES:,} bytes; "
            "a real assessment is under 200 KB (set SELFASSESS_MAX_BYTES to raise it)",
        )

    raw = read_regular_file(path, MAX_BYTES, shown, too_big)
    return load_bytes(raw, path, shown)


def load_bytes(raw: bytes, path: Path, display: str) -> Document:
    """Parse YAML bytes; raise InputError with every problem found."""
    text = _decode(raw, display)
    if not text.strip() or all(
        line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()
    ):
        raise input_error(display, 1, 1, "E104", _EMPTY)
    node = _parse(text, display)
    if node is None:
        raise input_error(display, 1, 1, "E104", _EMPTY)
    builder = _Builder(path, display)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise InputError([_too_deep(display)]) from None
    if builder.problems:
        raise InputError(builder.problems)
    if not isinstance(data, dict):
        found = f"expected a mapping of keys to values at the top of the file, found {_kind(data)}"
        raise input_error(display, *_position(node), "E105", found)
    return Document(path, data, builder.keys, builder.values, display, text)


def _parse(text: str, display: str) -> Node | None:
    """Compose the text's node tree; raise InputError placing any syntax or limit problem."""
    try:
        return _compose(_Loader, text)
    except LimitExceeded as exc:
        raise input_error(display, exc.line, exc.col, "E107", exc.message) from None
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" not in str(exc.problem):
            raise InputError([_syntax_problem(exc, text, display)]) from None
        # libyaml's own nesting limit fired before ours: the pure-Python parser
        # reaches our limit at the place it is passed, whatever libyaml's version.
        raise InputError([_nesting_problem(text, display)]) from None
    except RecursionError:
        # SELFASSESS_MAX_DEPTH was raised past what Python's own stack can follow.
        raise InputError([_too_deep(display)]) from None
    except ReaderError as exc:
        raise InputError([_reader_problem(exc, text, display)]) from None
    except yaml.YAMLError as exc:
        raise input_error(display, 1, 1, "E101", f"YAML syntax error: {exc}") from None


#: What a file that is not YAML text starts with, and what to do instead.
_NOT_TEXT = (
    (
        (b"PK\x03\x04",),
        "file is a Word or Excel file (a zip package), not YAML text; give the assessment's "
        ".yaml file (to read a Word self-assessment, run 'selfassess import FILE.docx')",
    ),
    (
        (b"\xff\xfe", b"\xfe\xff"),
        'file is saved as UTF-16 (Notepad\'s "Unicode"); save it as UTF-8 (in Notepad: File, '
        "Save as, Encoding: UTF-8)",
    ),
    (
        (b"\xd0\xcf\x11\xe0",),
        "file is an old Word or Excel file (.doc, .xls), not YAML text; give the assessment's "
        ".yaml file",
    ),
)


def _decode(raw: bytes, display: str) -> str:
    for starts, message in _NOT_TEXT:
        if raw.startswith(starts):
            raise input_error(display, 1, 1, "E102", message)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise input_error(
            display,
            line,
            col,
            "E102",
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 in your editor",
        ) from None
    if "\x00" in text:
        prefix = text[: text.index("\x00")]
        line = prefix.count("\n") + 1
        col = len(prefix) - (prefix.rfind("\n") + 1) + 1
        raise input_error(
            display, line, col, "E102", "file contains a NUL character; it is not a text file"
        )
    return text.replace("\r\n", "\n")


def _compose(loader_class: Any, text: str) -> Node | None:
    """Compose the single document in the text with the given loader."""
    loader = loader_class(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


def _nesting_problem(text: str, display: str) -> Problem:
    """Return the E107 problem for nesting that libyaml refused, placed by our own limit."""
    try:
        _compose(_PythonLoader, text)
    except LimitExceeded as exc:
        return error(display, exc.line, exc.col, "E107", exc.message)
    except (yaml.YAMLError, RecursionError):
        pass
    return _too_deep(display)


def _too_deep(display: str) -> Problem:
    """Return the E107 problem for nesting deeper than the parser can follow at all."""
    return error(
        display,
        1,
        1,
        "E107",
        f"nesting is deeper than the YAML parser can follow; an assessment needs fewer than 10 "
        f"levels (SELFASSESS_MAX_DEPTH is {MAX_DEPTH}; the default, 64, reports where)",
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.split("\n")
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = current[: len(current) - len(current.lstrip(" \t"))]
    if "\t" in indent:
        return error(
            display,
            line,
            indent.index("\t") + 1,
            "E103",
            "tab used for indentation; YAML indents with spaces only (replace the tab with spaces)",
        )
    slip = explain(text, line)
    if slip is not None:
        return error(display, slip.line, slip.col, "E101", slip.message)
    problem = exc.problem or "syntax error"
    context = f" ({exc.context})" if exc.context else ""
    return error(display, line, col, "E101", f"YAML syntax error: {problem}{context}")


def _reader_problem(exc: ReaderError, text: str, display: str) -> Problem:
    """Place a character YAML refuses (a control character, say) at its line and column."""
    character = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    # The reader stops at the first such character, so its first occurrence is the one.
    before = text[: max(text.find(character), 0)]
    line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    return error(
        display,
        line,
        col,
        "E101",
        f"YAML syntax error: the invisible character U+{ord(character):04X} is not allowed "
        "in YAML; delete it (most editors do not show it)",
    )


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a single piece of text"  # not quoted: a file that is one line may be a secret


class _Builder:
    """Turn a node tree into plain data, recording marks and problems."""

    def __init__(self, path: Path, display: str) -> None:
        self.path = path
        self.display = display
        self.keys: dict[KeyPath, Mark] = {}
        self.values: dict[KeyPath, Mark] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: Node, path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise input_error(
                self.display,
                *_position(node),
                "E107",
                f"document expands to more than {MAX_NODES:,} values (too many aliases); "
                "refused before expanding it (set SELFASSESS_MAX_NODES to raise the limit)",
            )
        if len(path) > MAX_DEPTH:
            raise input_error(
                self.display,
                *_position(node),
                "E107",
                f"nesting is deeper than {MAX_DEPTH} levels (a recursive alias?); "
                "an assessment needs fewer than 10",
            )
        self.values.setdefault(path, _mark(node))
        if node.tag not in _ALLOWED_TAGS:
            self.problems.append(
                error(
                    self.display,
                    *_position(node),
                    "E108",
                    f"unsupported YAML tag {node.tag!r}; write plain text, lists and mappings only",
                )
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return _scalar(node)

    def _mapping(self, node: MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(
                    error(
                        self.display,
                        *_position(key_node),
                        "E101",
                        "a key must be plain text, not a list or mapping",
                    )
                )
                continue
            key = str(key_node.value)
            if key in first_seen:
                first = first_seen[key].start_mark.line + 1
                self.problems.append(
                    error(
                        self.display,
                        *_position(key_node),
                        "E106",
                        f"duplicate key {quoted(key)}: first at line {first}, again at line "
                        f"{key_node.start_mark.line + 1}; YAML would keep only the last, "
                        "so merge them into one",
                    )
                )
                continue
            first_seen[key] = key_node
            self.keys[(*path, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result


def _scalar(node: ScalarNode) -> str | None:
    value = str(node.value)
    # libyaml marks a plain scalar with style '' where PyYAML uses None.
    if not node.style and value in _NULLS:
        return None
    return value


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
