"""`where:` and `tenures:`: which rows are kept and counted, and a warning for a value no row has."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from selfassess.practice.columns import Columns, did_you_mean, header_positions, header_words
from selfassess.practice.complaints import Complaint
from selfassess.practice.logread import Keep
from selfassess.practice.table import Table
from selfassess.practice.vocab import counted
from selfassess.problems import InputError, Problem, error, warning
from selfassess.wording import fold, header_key

#: Where a key of the practice: block is, as (file, line, column).
Locate = Callable[[tuple[str, ...]], tuple[str, int, int]]


def keep_of(table: Table, columns: Columns, where: dict[str, list[str]]) -> Keep | None:
    """Return the `where:` filter on a file; raise if it names a column the file lacks."""
    if not where:
        return None
    found: dict[str, tuple[int, set[str], str]] = {}
    problems = []
    headers = header_positions(table.headers)
    for name, values in where.items():
        wanted = {fold(v) for v in values}
        if name in columns.index:
            found[name] = (columns.index[name], wanted, name)
        elif header_key(name) in headers:
            found[name] = (headers[header_key(name)], wanted, "")
        else:
            close = did_you_mean(name, name, table.headers)
            hint = f"; did you mean '{close}'?" if close else ""
            message = f"where: names {name!r}, but the log has no such column{hint}; {header_words(table)}"
            problems.append(error(table.display, table.header_row, 1, "E504", message))
    if problems:
        raise InputError(problems)
    return Keep(found)


def where_warnings(keeps: list[Keep], where: dict[str, list[str]], locate: Locate) -> list[Problem]:
    """Warn once per `where:` column for the values it lists that no row holds."""
    problems = []
    for name, values in where.items():
        seen: Counter[str] = Counter()
        for keep in keeps:
            seen.update(keep.seen.get(name, Counter()))
        held = {fold(value) for value in seen}
        missing = [v for v in values if fold(v) not in held]
        if missing:
            listed = ", ".join(repr(v) for v in missing)
            message = (
                f"where: {name}: {listed} matches no row of the log; its {name} values are "
                f"{counted(seen)}"
            )
            problems.append(warning(*locate(("where", name)), "W553", message))
    return problems


def tenure_warning(
    tenures: list[str] | None, complaints: list[Complaint], locate: Locate
) -> Problem | None:
    """Warn when tenures: lists a tenure no complaint has, listing the log's tenures."""
    if tenures is None:
        return None
    seen = Counter(c.tenure for c in complaints)
    held = {fold(t) for t in seen}
    missing = [t for t in tenures if fold(t) not in held]
    if not missing:
        return None
    listed = ", ".join(repr(t) for t in missing)
    none = (
        "no complaint's tenure is any of them, so CH01 and CH02 count no complaint; "
        if len(missing) == len(tenures)
        else ""
    )
    message = (
        f"tenures: {listed} matches no row of the log; {none}the log's tenures are "
        f"{counted(seen)} (list those that count, or map the export's words under "
        "practice: values: {tenure: ...})"
    )
    return warning(*locate(("tenures",)), "W552", message)
