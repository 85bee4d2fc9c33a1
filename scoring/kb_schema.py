"""Pydantic models of the knowledge-base files in ``data/``.

They check the shape of each file (types, ranges, unknown keys); cross-file checks (a citation names
a known source, a rule names a known field) live in :mod:`scoring.knowledge_base`, which has all the
files at hand.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Score = float


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    """A source id from ``data/sources.yaml``; seeds also name the section heading."""

    source: str
    section: str | None = None


class Cited(_Strict):
    """Anything that rests on at least one citation."""

    sources: tuple[Citation, ...] = Field(min_length=1)


class Sourced(Cited):
    """Anything the product shows as a reason: our own words plus its citations."""

    rationale: str = Field(min_length=10)


class SourcedScore(Sourced):
    value: float = Field(ge=0, le=100)


# --- sources.yaml ---------------------------------------------------------------------------------

UNDATED = "undated in facts.md"
"""The date of a fact that ../shared/reference/facts.md states without one (never a guessed year)."""

_DATE = re.compile(r"\d{4}(-\d{2}){0,2}( and \d{4}(-\d{2}){0,2})*")
"""A year, year-month or ISO date as facts.md gives it; 'and' joins the dates of a two-part fact."""


def _check_date(date: str, undated_allowed: bool) -> str:
    if _DATE.fullmatch(date) or (undated_allowed and date == UNDATED):
        return date
    allowed = f" or exactly {UNDATED!r}" if undated_allowed else ""
    raise ValueError(
        f"date {date!r} must be YYYY, YYYY-MM or YYYY-MM-DD as the source gives it{allowed}"
    )


class Seed(_Strict):
    id: str
    file: str
    title: str
    publisher: str
    date: str
    sections: tuple[str, ...] = Field(min_length=1)

    @field_validator("date")
    @classmethod
    def _dated(cls, date: str) -> str:
        return _check_date(date, undated_allowed=False)


class Fact(_Strict):
    id: str
    what: str
    figure: str
    reported_by: str
    date: str = Field(min_length=4)

    @field_validator("date")
    @classmethod
    def _dated(cls, date: str) -> str:
        return _check_date(date, undated_allowed=True)


class SourcesFile(_Strict):
    seeds: tuple[Seed, ...]
    facts: tuple[Fact, ...]


# --- manifest.yaml --------------------------------------------------------------------------------


class ManifestFile(_Strict):
    version: str = Field(min_length=1)
    reviewed: str = Field(min_length=10)
    note: str = ""


# --- criteria.yaml --------------------------------------------------------------------------------


class Criterion(_Strict):
    id: str
    name: str
    short: str
    definition: str


class CriteriaFile(_Strict):
    criteria: tuple[Criterion, ...] = Field(min_length=1)


# --- questionnaire.yaml ---------------------------------------------------------------------------


class Choice(_Strict):
    id: str
    label: str


class Step(_Strict):
    id: str
    title: str


FieldKind = Literal["text", "choice", "multi", "priorities"]


class Question(_Strict):
    id: str
    step: str
    kind: FieldKind
    question: str
    help: str
    default: str | list[str] | None = None
    required: bool = False
    suggested: list[str] | None = None
    choices: tuple[Choice, ...] = ()
    max_length: int | None = None
    min: int | None = None
    max: int | None = None

    @model_validator(mode="after")
    def _kind_is_consistent(self) -> Question:
        ids = [c.id for c in self.choices]
        if self.kind in ("choice", "multi") and not ids:
            raise ValueError(f"a {self.kind} question needs choices")
        if self.kind == "text" and self.max_length is None:
            raise ValueError("a text question needs max_length")
        if self.kind == "priorities" and (self.min is None or self.max is None):
            raise ValueError("a priorities question needs min and max")
        if self.kind == "choice" and self.default not in ids:
            raise ValueError(f"default {self.default!r} is not one of the choices {ids}")
        for value in (
            [*(self.default or []), *(self.suggested or [])] if self.kind == "multi" else []
        ):
            if value not in ids:
                raise ValueError(f"default or suggested value {value!r} is not one of {ids}")
        if not self.required and self.kind == "multi" and self.default is None:
            raise ValueError("an optional multi question needs a default list")
        return self


class QuestionnaireFile(_Strict):
    steps: tuple[Step, ...] = Field(min_length=1)
    fields: tuple[Question, ...] = Field(min_length=1)


# --- options.yaml ---------------------------------------------------------------------------------

OPTION_SCORE_KEYS = ("efficiency", "accuracy", "data_privacy", "cost_to_adopt", "cost_per_use")


class Traits(_Strict):
    self_hosted: bool
    fine_tunable: bool
    creative: bool
    needs_ml_team: bool


class OptionScores(_Strict):
    efficiency: SourcedScore
    accuracy: SourcedScore
    data_privacy: SourcedScore
    cost_to_adopt: SourcedScore
    cost_per_use: SourcedScore


class Option(_Strict):
    id: str
    label: str
    adopt: str
    summary: str
    reads: tuple[str, ...] = Field(min_length=1)
    writes: tuple[str, ...] = Field(min_length=1)
    tasks: tuple[str, ...] = Field(min_length=1)
    traits: Traits
    traits_basis: Sourced
    """Why the option has these traits (they decide the on-premises requirement and score rules)."""
    capabilities: Sourced
    scores: OptionScores
    strengths: tuple[str, ...] = Field(min_length=1)
    weaknesses: tuple[str, ...] = Field(min_length=1)


class OptionsFile(_Strict):
    options: tuple[Option, ...] = Field(min_length=2)


# --- industries.yaml ------------------------------------------------------------------------------


class IndustryUse(Cited):
    """One use of the technologies in a sector, as the seed articles describe it (our words)."""

    text: str = Field(min_length=10)
    options: tuple[str, ...] = Field(min_length=1)


class Industry(_Strict):
    id: str
    uses: tuple[IndustryUse, ...]


class IndustriesFile(_Strict):
    industries: tuple[Industry, ...] = Field(min_length=1)


# --- model.yaml -----------------------------------------------------------------------------------


class SourcedValues(Sourced):
    values: dict[str, float]


class Rule(Sourced):
    """When ``when`` matches an answer set, ``add`` moves points (or scores) by criterion."""

    when: dict[str, str]
    add: dict[str, float]
    options_with: str | None = None

    @field_validator("when")
    @classmethod
    def _one_condition(cls, when: dict[str, str]) -> dict[str, str]:
        if len(when) != 1:
            raise ValueError("a rule has exactly one condition: {field: value}")
        return when


class ModelFile(_Strict):
    base_points: SourcedValues
    min_points: float = Field(gt=0)
    weight_rules: tuple[Rule, ...]
    modality_fit: SourcedValues
    cost_per_use_share: SourcedValues
    score_rules: tuple[Rule, ...]
