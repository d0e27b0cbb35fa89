"""The measured figure behind each timescale provision, as check and render state it."""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.practice.engine import PracticeResult
from selfassess.practice.stagefigures import acknowledgements, extensions, responded
from selfassess.practice.verdicts import ACK_ON_TIME, Verdict
from selfassess.wording import MEASURED, plural


@dataclass(frozen=True)
class Measure:
    """How many cases met one provision's timescale, out of how many."""

    provision: str
    stage: int
    measure: str
    working_days: int
    met: int
    total: int
    period_words: str
    left_out: int

    @property
    def missed(self) -> int:
        """Return the cases that did not meet the timescale."""
        return self.total - self.met

    @property
    def percent(self) -> int:
        """Return the share that met it, as a whole per cent (rounded down, never up to 100)."""
        return 100 * self.met // self.total if self.total else 0

    def cases(self) -> str:
        """Name the cases counted, e.g. "1,021 stage 1 responses"."""
        noun = {"acknowledgement": "complaint", "response": "response", "extension": "extension"}
        counted = plural(self.total, noun[self.measure])
        return counted.replace(" ", f" stage {self.stage} ", 1)

    def sentence(self) -> str:
        """Say the figure for a reader of the published self-assessment."""
        done = {
            "acknowledgement": f"acknowledged within {self.working_days} working days",
            "response": "within the Code's timescale",
            "extension": f"within {self.working_days} further working days or with a reason given",
        }[self.measure]
        text = f"{MEASURED} {self.percent}% of {self.cases()} {done}, {self.period_words}"
        if self.left_out:
            text += f" ({plural(self.left_out, 'row')} of the log left out for errors)"
        return text + "."


def measures(result: PracticeResult) -> dict[str, Measure]:
    """Return the measure for each timescale provision, by provision id."""
    found: dict[str, Measure] = {}
    for rule in result.timescales.timescales:
        if rule.provision is None:  # a limit known without its provision's number
            continue
        verdicts = result.stage(rule.stage)
        met, total = _count(rule.measure, verdicts, result)
        found[rule.provision] = Measure(
            rule.provision,
            rule.stage,
            rule.measure,
            rule.working_days,
            met,
            total,
            result.period.words(),
            result.log.left_out,
        )
    return found


def _count(measure: str, verdicts: list[Verdict], result: PracticeResult) -> tuple[int, int]:
    if measure == "acknowledgement":
        judged = acknowledgements(verdicts, result.period)
        return sum(v.acknowledgement == ACK_ON_TIME for v in judged), len(judged)
    if measure == "extension":
        extended = extensions(verdicts, result.period)
        return sum(v.extension_allowed for v in extended), len(extended)
    answered = responded(verdicts, result.period)
    return sum(v.within_timescale for v in answered), len(answered)
