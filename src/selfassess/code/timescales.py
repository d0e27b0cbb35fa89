"""The Code's timescales, kept as data in code_requirements/<edition>-timescales.yaml.

The engine in practice/ reads the numbers from here; nothing there hard-codes a limit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from selfassess.code import DEFAULT_EDITION
from selfassess.code.catalogue import Catalogue
from selfassess.models import SchemaVersion, Strict
from selfassess.problems import UsageError
from selfassess.validate import validate
from selfassess.yamlio import load_file

Measure = Literal["acknowledgement", "response", "extension"]


class Timescale(Strict):
    """One limit the Code sets, in working days, with the provision it comes from."""

    id: str = Field(description="A short name for the rule.")
    provision: str | None = Field(
        description='The provision that sets the limit, e.g. "6.3"; null when the limit is known '
        "only from other sources and the provision's number was not found."
    )
    stage: int = Field(ge=1, le=2, description="The complaints stage the limit applies to.")
    measure: Measure = Field(description="acknowledgement, response or extension.")
    working_days: int = Field(ge=1, le=250, description="The limit, in working days.")
    counted_from: str = Field(description="What the working days are counted from, in words.")
    source: str | None = Field(description="Where the limit is stated (null when not found).")
    source_note: str | None = Field(default=None, description="How far the source can be trusted.")
    confirmed: bool = Field(description="true only when a verbatim source states the limit.")


class HandlerRule(Strict):
    """The provision asking that stage 2 is handled by someone other than the stage 1 handler."""

    provision: str = Field(description='The provision, e.g. "6.13".')
    source: str | None = Field(description="Where the rule is stated (null when not found).")
    source_note: str | None = Field(default=None, description="How far the source can be trusted.")
    confirmed: bool = Field(description="true only when a verbatim source states the rule.")


class Timescales(Strict):
    """The file code_requirements/<edition>-timescales.yaml."""

    schema_version: SchemaVersion
    edition: str = Field(description='The Code edition the limits belong to, e.g. "hos-chc-2024".')
    timescales: list[Timescale] = Field(
        description="The limits, stage 1 first: each stage's acknowledgement and response, and "
        "its extension limit where the Code's is known (without one, an extension is judged "
        "only by the date the individual was given)."
    )
    stage_2_handler: HandlerRule | None = Field(
        default=None,
        description="The provision asking for a different stage 2 handler, which `check` holds "
        "against the log's handler columns; null when the Code asks no such thing.",
    )

    @model_validator(mode="after")
    def _one_of_each(self) -> Timescales:
        for stage in (1, 2):
            for measure in ("acknowledgement", "response", "extension"):
                found = [t for t in self.timescales if (t.stage, t.measure) == (stage, measure)]
                if len(found) > 1 or (not found and measure != "extension"):
                    raise ValueError(f"give exactly one stage {stage} {measure} timescale")
        return self

    def limit(self, stage: int, measure: Measure) -> Timescale | None:
        """Return the rule for one stage and measure (None for an extension limit not given)."""
        return next((t for t in self.timescales if (t.stage, t.measure) == (stage, measure)), None)


def timescales_path(edition_id: str, near: Path | None = None) -> Path | None:
    """Return the timescales file of an edition visible from a file, if there is one."""
    for folder in Catalogue.near(near).dirs:
        path = folder / f"{edition_id}-timescales.yaml"
        if path.is_file():
            return path
    return None


def load_timescales(edition_id: str = DEFAULT_EDITION, near: Path | None = None) -> Timescales:
    """Load an edition's timescales (a user's own copy first); raise when there are none."""
    path = timescales_path(edition_id, near)
    if path is None:
        raise UsageError(f"no timescales file for {edition_id} ({edition_id}-timescales.yaml)")
    return validate(load_file(path), Timescales)
