"""`practice LOG --suggest`: a ready practice: block, read from an export's header and words.

Columns are matched by our names, by headers case management systems commonly write
(offered as "did you mean", to be checked), and words that are not ours are listed under
`values:` with their counts, so a compliance lead never writes the mapping from nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from selfassess.models import LOG_COLUMNS
from selfassess.practice.columns import did_you_mean, header_positions, wanted_names
from selfassess.practice.header import describe, header_text
from selfassess.practice.reading import read_table
from selfassess.practice.table import Table
from selfassess.practice.vocab import OURS, suggestion
from selfassess.wording import fold, header_key

#: The columns whose words are read for values:.
_WORDS = ("outcome", "s2_outcome", "stage", "tenure")
_TENURES = (("tenant", "tenant"), ("lease", "leaseholder"), ("shared own", "shared owner"))


def suggest_block(log: Path, sheet: str | None) -> str:
    """Return a practice: block for a log, as YAML text with comments."""
    table = read_table(log, str(log), sheet, None, wanted_names({}))
    mapping, by_name = _columns(table.headers)
    index = {name: table.headers.index(header) for name, header in mapping.items()}
    positions = header_positions(table.headers)
    index.update({name: positions[header_key(name)] for name in by_name})
    words = _words(table, index)
    lines = [
        f"# A practice: block for {log}, read from its header ({describe(table)}) and its words.",
        "# Check each line marked 'check', then paste the block into the assessment",
        "# (log: is relative to the assessment).",
        "practice:",
        f"  log: {_quote(str(log))}",
    ]
    if table.sheet is not None:
        lines.append(f"  sheet: {_quote(table.sheet)}")
    if table.header_row != 1:
        lines.append(f"  header_row: {table.header_row}")
    lines += _column_lines(mapping, by_name)
    lines += _value_lines(words)
    return "\n".join(lines) + "\n"


def _columns(headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """Return our columns the export names otherwise (to map), and those it names as we do."""
    present = {header_key(h) for h in headers if h}
    by_name = [name for name in LOG_COLUMNS if header_key(name) in present]
    taken = {header_key(name) for name in by_name}
    mapping: dict[str, str] = {}
    for name in LOG_COLUMNS:
        if name in by_name:
            continue
        close = did_you_mean(name, name, [h for h in headers if header_key(h) not in taken])
        if close is not None:
            mapping[name] = close
            taken.add(header_key(close))
    return mapping, by_name


def _words(table: Table, index: dict[str, int]) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {name: Counter() for name in _WORDS if name in index}
    for _, cells in table.rows:
        for name, counter in found.items():
            at = index[name]
            value = cells[at] if at < len(cells) else None
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            text = header_text(value) if isinstance(value, str | int | float) else ""
            if text:
                counter[text] += 1
    return found


def _column_lines(mapping: dict[str, str], by_name: list[str]) -> list[str]:
    lines = []
    if mapping:
        lines.append("  columns:")
        width = max(len(name) for name in mapping)
        for name, header in mapping.items():
            lines.append(
                f"    {name + ':':<{width + 1}} {_quote(header)}   # did you mean? check it"
            )
    if by_name:
        lines.append(f"  # matched by name: {', '.join(by_name)}")
    missing = [n for n in LOG_COLUMNS if n not in mapping and n not in by_name]
    if missing:
        lines.append(
            f"  # not found (name them under columns: if the export has them): {', '.join(missing)}"
        )
    return lines


def _value_lines(words: dict[str, Counter[str]]) -> list[str]:
    lines: list[str] = []
    for name, counter in words.items():
        found = (_entry(name, word, count) for word, count in sorted(counter.items()))
        entries = [entry for entry in found if entry is not None]
        if entries:
            lines += [f"    {name}:", *entries]
    return ["  values:", *lines] if lines else []


def _entry(column: str, word: str, count: int) -> str | None:
    rows = f"{count:,} {'row' if count == 1 else 'rows'}"
    if column == "tenure":
        meant = next((ours for part, ours in _TENURES if part in fold(word)), None)
        if meant is None or fold(word) == meant:
            return None
        return f"      {_quote(word)}: {meant}   # {rows}; check it"
    ours = OURS[column]
    if fold(word) in ours:
        return None
    meant = suggestion(column, word)
    if meant is None:
        return f"      {_quote(word)}: ~   # {rows}: say which of {', '.join(ours)} it means"
    return f"      {_quote(word)}: {meant}   # {rows}; did you mean? check it"


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
