"""`breakdowns:`: the columns of a log the figures are grouped by, found in each file.

A breakdown is named by one of our columns (`category`, `tenure`, `handler`...), by a name
mapped under `columns:` to the export's header (`columns: {directorate: "Service Area"}`),
or by the log's own header (`Root Cause`; case, spaces and underscores do not matter). A
file of the log may lack a breakdown's column (a file of stage 2 rows, say); a breakdown no
file of the log has is an error at its line of the practice: block (E523), and is left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfassess.models import PracticeSettings
from selfassess.practice.columns import Columns, did_you_mean, header_positions, header_words
from selfassess.practice.table import Table
from selfassess.problems import Problem, error
from selfassess.wording import header_key

#: Where a key of the practice: block is, as (file, line, column), if known.
Place = tuple[str, int, int] | None


def group_columns(
    table: Table, columns: Columns, settings: PracticeSettings
) -> tuple[tuple[int | None, str], ...]:
    """Return each breakdown's cell index in the file's rows (None if the file lacks it)."""
    headers = header_positions(table.headers)
    found: list[tuple[int | None, str]] = []
    for name in settings.breakdowns:
        if name in columns.index:
            found.append((columns.index[name], name))
            continue
        header = settings.columns.get(name, name)
        found.append((headers.get(header_key(header)), name))
    return tuple(found)


def missing(
    settings: PracticeSettings,
    files: Sequence[tuple[Table, tuple[tuple[int | None, str], ...]]],
    places: Sequence[Place],
) -> tuple[tuple[str, ...], list[Problem]]:
    """Return the breakdowns no file of the log has, and an E523 for each at its line."""
    absent: list[str] = []
    problems: list[Problem] = []
    for position, name in enumerate(settings.breakdowns):
        if any(groups[position][0] is not None for _, groups in files):
            continue
        absent.append(name)
        table = files[0][0]
        header = settings.columns.get(name, name)
        close = did_you_mean(name, header, table.headers)
        hint = f"; did you mean '{close[:40]}'?" if close else ""
        mapped = f" (mapped under columns: to '{header[:40]}')" if header != name else ""
        message = (
            f"breakdowns: {name[:40]!r}{mapped} names no column of the log{hint}; "
            f"{header_words(table)}; it is left out of the figures"
        )
        at = places[position] or (table.display, table.header_row, 1)
        problems.append(error(*at, "E523", message))
    return tuple(absent), problems
