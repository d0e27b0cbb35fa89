"""What a measured log keeps: its complaints and verdicts, never its rows, and each word once."""

from __future__ import annotations

import datetime as dt
import gc
import types
from pathlib import Path

from logkit import row as make
from logkit import write_log

from selfassess.models import PracticeSettings
from selfassess.practice import PracticeResult, compute_for, input_for
from selfassess.practice.build import build_practice_outputs
from selfassess.practice.complaints import Row
from selfassess.practice.logread import FileRead, Record
from selfassess.practice.table import Table
from selfassess.practice.verdicts import reason

AS_OF = dt.date(2025, 7, 1)
#: Rows whose words repeat, each cell read separately, received on 03/06/2024 (a date that
#: reads as two days, held only while its column is read); C3 escalated. Stage 1 is due 10
#: working days after the acknowledgement (Tuesday 4 June: 18 June), stage 2 twenty after
#: its own (18 June: 16 July); acknowledgements are due 5 working days after receipt.
ROWS = (
    make(reference="C1", handler="Ann Smith", category="Damp and mould"),
    make(reference="C2", handler="Ann Smith", category="Damp and mould", outcome="Upheld"),
    make(
        reference="C3",
        handler="Ann Smith",
        category="Damp and mould",
        escalated="17/06/2024",
        s2_acknowledged="18/06/2024",
        s2_responded="28/06/2024",
        s2_outcome="not upheld",
        s2_handler="Bo Lee",
    ),
    make(reference="C4", handler="Ann Smith", category="Damp and mould", outcome="upheld "),
)


def _measure(folder: Path) -> PracticeResult:
    log = write_log(folder, *ROWS)
    settings = PracticeSettings(log=str(log))
    return compute_for(input_for(log, None, 100, "2024-25", settings), AS_OF)


def _reachable(start: object) -> list[object]:
    """Return every object the result holds, not looking into classes, modules or code."""
    seen, found, todo = {id(start)}, [], [start]
    stop = (type, types.ModuleType, types.FunctionType, types.CodeType, types.BuiltinFunctionType)
    while todo:
        item = todo.pop()
        found.append(item)
        if isinstance(item, stop):
            continue
        for referent in gc.get_referents(item):
            if id(referent) not in seen:
                seen.add(id(referent))
                todo.append(referent)
    return found


def test_each_word_of_the_log_is_held_once(tmp_path: Path) -> None:
    complaints = _measure(tmp_path).log.complaints
    assert [c.reference for c in complaints] == ["C1", "C2", "C3", "C4"]
    first = complaints[0]
    for other in complaints[1:]:
        assert other.stage1.handler == "Ann Smith" and other.stage1.handler is first.stage1.handler
        assert other.category == "Damp and mould" and other.category is first.category
        assert other.tenure is first.tenure
        assert other.stage1.outcome == "upheld" and other.stage1.outcome is first.stage1.outcome


def test_the_result_holds_no_row_cell_or_reason_of_the_log(tmp_path: Path) -> None:
    result = _measure(tmp_path)
    held = _reachable(result)
    assert not [o for o in held if isinstance(o, Row | Record | FileRead | Table)]
    rows = [r.split(",") for r in ROWS]
    assert not [o for o in held if isinstance(o, list | tuple) and list(o) in rows]
    # The dates as the log wrote them (03/06/2024) were read, not kept.
    assert not [o for o in held if isinstance(o, str) and o == "03/06/2024"]
    # Each stage's reason is written from its verdict for verdicts.csv, not kept.
    reasons = {reason(v, result.cut_off) for v in result.verdicts}
    assert reasons == {
        "responded 2024-06-14, due 2024-06-18",
        "responded 2024-06-28, due 2024-07-16",
    }
    assert not [o for o in held if isinstance(o, str) and o in reasons]


def test_verdicts_csv_is_made_as_it_is_written(tmp_path: Path) -> None:
    result = _measure(tmp_path)
    made = build_practice_outputs(result)["verdicts.csv"]
    assert not isinstance(made, bytes)
    lines = made.read().decode("utf-8").split("\r\n")
    assert lines[0].startswith("reference,row,stage,received,")
    assert lines[1:6] == [
        "C1,2,1,2024-06-03,2024-06-04,2024-06-10,on time,2024-06-18,,2024-06-18,2024-06-14,"
        'on time,,"responded 2024-06-14, due 2024-06-18"',
        "C2,3,1,2024-06-03,2024-06-04,2024-06-10,on time,2024-06-18,,2024-06-18,2024-06-14,"
        'on time,,"responded 2024-06-14, due 2024-06-18"',
        "C3,4,1,2024-06-03,2024-06-04,2024-06-10,on time,2024-06-18,,2024-06-18,2024-06-14,"
        'on time,,"responded 2024-06-14, due 2024-06-18"',
        "C3,4,2,2024-06-17,2024-06-18,2024-06-24,on time,2024-07-16,,2024-07-16,2024-06-28,"
        'on time,,"responded 2024-06-28, due 2024-07-16"',
        "C4,5,1,2024-06-03,2024-06-04,2024-06-10,on time,2024-06-18,,2024-06-18,2024-06-14,"
        'on time,,"responded 2024-06-14, due 2024-06-18"',
    ]
    assert lines[6:] == [""]
    assert made.read() == made.read()  # made again, the same, each time it is read
