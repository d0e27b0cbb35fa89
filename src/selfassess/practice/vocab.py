"""The export's own words for our values (`values:`), and the words it holds that are not ours.

A word that is neither ours nor mapped is reported once per distinct word, with how many
rows hold it and a ready `values:` line to paste. Common variants with one clear meaning
are offered as "did you mean", never taken without being mapped.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from selfassess.models import LOG_VOCABULARY
from selfassess.problems import Problem, error
from selfassess.wording import fold

#: The words a column with a fixed vocabulary may hold, after `values:`.
OURS = LOG_VOCABULARY
_CODES = {"outcome": "E511", "s2_outcome": "E511", "stage": "E520"}
_OUTCOME_VARIANTS = {
    "partially upheld": "partly upheld",
    "part upheld": "partly upheld",
    "upheld in part": "partly upheld",
    "partly": "partly upheld",
    "fully upheld": "upheld",
    "not accepted": "refused",
    "rejected": "refused",
    "declined": "refused",
    "no fault": "not upheld",
    "not justified": "not upheld",
    "justified": "upheld",
    "partly justified": "partly upheld",
    "partially justified": "partly upheld",
    "withdrawn by resident": "withdrawn",
    "closed - withdrawn": "withdrawn",
}
#: Common variants with one clear meaning: suggested, never assumed.
VARIANTS = {
    "outcome": _OUTCOME_VARIANTS,
    "s2_outcome": _OUTCOME_VARIANTS,
    "stage": {
        "stage 1": "1",
        "stage 2": "2",
        "stage one": "1",
        "stage two": "2",
        "s1": "1",
        "s2": "2",
        "1.0": "1",
        "2.0": "2",
    },
}


@dataclass
class Unknown:
    """A word that is not ours: how many rows hold it and where it was first seen."""

    word: str
    count: int
    file: str
    row: int
    col: int


@dataclass
class Vocabulary:
    """`values:` folded for lookup, and the unknown words found, per column."""

    maps: dict[str, dict[str, str]]
    unknown: dict[tuple[str, str], Unknown] = field(default_factory=dict)

    @classmethod
    def of(cls, values: dict[str, dict[str, str]]) -> Vocabulary:
        """Fold the settings' `values:`."""
        return cls({col: {fold(k): v for k, v in words.items()} for col, words in values.items()})

    def free(self, column: str, text: str) -> str:
        """Return a free word (tenure, category) as mapped, else as written."""
        words = self.maps.get(column)
        return words.get(fold(text), text) if words and text else text

    def ours(self, column: str, text: str, where: tuple[str, int, int]) -> str | None:
        """Return our word for a cell of a fixed vocabulary; None (and counted) if it has none."""
        folded = fold(text)
        words = self.maps.get(column)
        if words:
            folded = fold(words.get(folded, folded))
        if not folded or folded in OURS[column]:
            return folded
        seen = self.unknown.get((column, folded))
        if seen is None:
            self.unknown[column, folded] = Unknown(text.strip(), 1, *where)
        else:
            seen.count += 1
        return None

    def problems(self) -> list[Problem]:
        """Return one problem per unknown word, at the first row that holds it."""
        return [
            error(u.file, u.row, u.col, _CODES[column], message(column, u))
            for (column, _), u in self.unknown.items()
        ]


def suggestion(column: str, word: str) -> str | None:
    """Return our word a common variant means, if it has one clear meaning."""
    return VARIANTS.get(column, {}).get(fold(word))


def paste_line(column: str, pairs: list[tuple[str, str]]) -> str:
    """Return a ready `values:` line, e.g. values: {outcome: {"Partially Upheld": partly upheld}}."""
    inner = ", ".join(f"{json.dumps(word, ensure_ascii=False)}: {ours}" for word, ours in pairs)
    return f"values: {{{column}: {{{inner}}}}}"


def message(column: str, unknown: Unknown) -> str:
    """Say that a word is not ours, how often, what it may mean and the line that maps it."""
    word = unknown.word[:60]
    allowed = ", ".join(OURS[column])
    said = f"{column} {word!r} is not one of {allowed}"
    if unknown.count > 1:
        said += f" ({unknown.count:,} rows hold it, the first this one)"
    meant = suggestion(column, word)
    if meant is not None:
        line = paste_line(column, [(word, meant)])
        return f"{said}; did you mean {meant!r}? If so, map it under practice: {line}"
    line = paste_line(column, [(word, "WORD")])
    return f"{said}; say which it means under practice: {line}, WORD being one of those"


def counted(values: Counter[str], limit: int = 12) -> str:
    """List values with their counts, most common first, e.g. "'Secure Tenant' 1,200"."""
    common = values.most_common(limit)
    listed = ", ".join(f"{value!r} {count:,}" for value, count in common)
    more = len(values) - len(common)
    return listed + (f" and {more:,} more" if more > 0 else "") if listed else "no values"
