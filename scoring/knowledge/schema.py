"""Pydantic models of the knowledge-base files in ``data/``: the shape of each file.

Types, ranges and unknown keys are checked here; rules that need several files at once (a citation
names a known source, a component names a known approach) live in :mod:`scoring.knowledge.checks`.
Numbers are strict: ``true`` is not a score of 1 and ``"85"`` is not 85.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)


def _strict_number(value: object) -> object:
    """Accept int or float, never bool or text (pydantic would read ``true`` as 1)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number, got {type(value).__name__} {value!r}")
    return value


def _strict_integer(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be a whole number, got {type(value).__name__} {value!r}")
    return value


def _strict_bool(value: object) -> object:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, got {type(value).__name__} {value!r}")
    return value


Number = Annotated[float, BeforeValidator(_strict_number)]
Integer = Annotated[int, BeforeValidator(_strict_integer)]
Flag = Annotated[bool, BeforeValidator(_strict_bool)]
Score = Annotated[float, BeforeValidator(_strict_number), Field(ge=0, le=100)]
Money = Annotated[float, BeforeValidator(_strict_number), Field(ge=0)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Strict):
    """A source id from ``data/sources.yaml`` or a facts file; seeds also name the section heading."""

    source: str
    section: str | None = None


class Cited(Strict):
    """Anything that rests on at least one citation."""

    sources: tuple[Citation, ...] = Field(min_length=1)


class Sourced(Cited):
    """Anything the product shows as a reason: our own words plus its citations."""

    rationale: str = Field(min_length=10)


# --- dates -------------------------------------------------------------------------------------------

UNDATED = "undated in facts.md"
"""The date of a fact that the reference facts state without one (never a guessed year)."""

DATE = re.compile(r"\d{4}(-\d{2}){0,2}( and \d{4}(-\d{2}){0,2})*")
"""A year, year-month or ISO date as the source gives it; 'and' joins the dates of a two-part fact."""

EXACT_DATE = re.compile(r"\d{4}(-\d{2}){0,2}")


def check_date(date: str, undated_allowed: bool) -> str:
    if DATE.fullmatch(date) or (undated_allowed and date == UNDATED):
        return date
    allowed = f" or exactly {UNDATED!r}" if undated_allowed else ""
    raise ValueError(
        f"date {date!r} must be YYYY, YYYY-MM or YYYY-MM-DD as the source gives it{allowed}"
    )


# --- sources.yaml and facts files ---------------------------------------------------------------------


class Seed(Strict):
    id: str
    file: str
    title: str
    publisher: str
    date: str
    sections: tuple[str, ...] = Field(min_length=1)

    @field_validator("date")
    @classmethod
    def _dated(cls, date: str) -> str:
        return check_date(date, undated_allowed=False)


class Fact(Strict):
    id: str
    what: str
    figure: str
    reported_by: str
    date: str = Field(min_length=4)
    official: Flag = False
    """True for a vendor's own page, which outranks a third party."""

    @field_validator("date")
    @classmethod
    def _dated(cls, date: str) -> str:
        return check_date(date, undated_allowed=True)


class SourcesFile(Strict):
    seeds: tuple[Seed, ...]
    facts: tuple[Fact, ...]


class FactsFile(Strict):
    facts: tuple[Fact, ...] = Field(min_length=1)


# --- manifest.yaml ------------------------------------------------------------------------------------


class ManifestFile(Strict):
    version: str = Field(min_length=1)
    reviewed: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    note: str = ""


# --- criteria.yaml ------------------------------------------------------------------------------------

CriterionKind = Literal["reviewed", "mixed", "computed"]


class Criterion(Strict):
    id: str
    name: str
    short: str
    kind: CriterionKind
    computation: str
    definition: str
    swing_range: Number | None = Field(default=None, gt=0, le=100)
    swing_basis: str | None = None

    @model_validator(mode="after")
    def _swing_for_computed(self) -> Criterion:
        if self.kind == "computed" and (self.swing_range is None or not self.swing_basis):
            raise ValueError("a computed criterion needs swing_range and swing_basis")
        if self.kind != "computed" and self.swing_range is not None:
            raise ValueError(
                f"a {self.kind} criterion takes its swing range from the catalogue's scores; "
                "remove swing_range"
            )
        return self


class CriteriaFile(Strict):
    criteria: tuple[Criterion, ...] = Field(min_length=1)


# --- questionnaire.yaml -------------------------------------------------------------------------------


class Choice(Strict):
    id: str
    label: str
    works_from: tuple[str, ...] = ()
    """For a task that transforms content: the inputs it works from; when the business names
    none of them, the first is taken as given (checked in checks/questionnaire.py)."""
    works_from_because: str | None = None

    @model_validator(mode="after")
    def _works_from_has_a_reason(self) -> Choice:
        if self.works_from and not self.works_from_because:
            raise ValueError("works_from needs works_from_because, in the questionnaire's words")
        return self


class Step(Strict):
    id: str
    title: str


FieldKind = Literal["text", "choice", "multi", "priorities", "count"]


class Question(Strict):
    id: str
    step: str
    kind: FieldKind
    question: str
    help: str
    default: str | list[str] | None = None
    required: Flag = False
    suggested: list[str] | None = None
    choices: tuple[Choice, ...] = ()
    max_length: Integer | None = None
    min: Integer | None = None
    max: Integer | None = None

    @model_validator(mode="after")
    def _kind_is_consistent(self) -> Question:
        ids = [c.id for c in self.choices]
        if self.kind in ("choice", "multi") and not ids:
            raise ValueError(f"a {self.kind} question needs choices")
        if self.kind == "text" and self.max_length is None:
            raise ValueError("a text question needs max_length")
        if self.kind in ("priorities", "count") and (self.min is None or self.max is None):
            raise ValueError(f"a {self.kind} question needs min and max")
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


class QuestionnaireFile(Strict):
    steps: tuple[Step, ...] = Field(min_length=1)
    fields: tuple[Question, ...] = Field(min_length=1)


# --- approaches.yaml ----------------------------------------------------------------------------------


class Making(Strict):
    """What a tool that transforms content makes from what: speech recognition writes text from
    recordings, a voice reads text aloud."""

    reads: tuple[str, ...] = Field(min_length=1)
    writes: tuple[str, ...] = Field(min_length=1)
    from_prompt: Flag = False
    """The prompt itself is content enough (a voice reads the text it is handed); otherwise the
    business must give one of ``reads`` (a document to extract from, not a request for one)."""


class Approach(Strict):
    id: str
    label: str
    noun: str
    summary: str
    reads: tuple[str, ...] = Field(min_length=1)
    writes: tuple[str, ...] = Field(min_length=1)
    tasks: tuple[str, ...] = Field(min_length=1)
    front_end: tuple[str, ...] = ()
    """Inputs it turns into text for another component of a pipeline (speech to a transcript,
    a scan to its text), so it may join a combination for reading them alone."""
    makes: tuple[Making, ...] = ()
    """For a tool that transforms content rather than generating from a prompt: each output from
    which inputs. Empty: it makes every output it writes from a prompt alone (a generator)."""
    specialised: Flag
    creative: Flag
    grounded: Flag
    capabilities: Sourced
    strengths: tuple[str, ...] = Field(min_length=1)
    weaknesses: tuple[str, ...] = Field(min_length=1)


class ApproachesFile(Strict):
    approaches: tuple[Approach, ...] = Field(min_length=1)


# --- deployments.yaml ---------------------------------------------------------------------------------

Basis = Literal["sourced", "judgement"]
SOURCED_BAND_MAX = 10.0
"""A score resting on a dated figure is known to within this many points either way."""
JUDGEMENT_BAND_MIN = 10.0
"""A score that is the team's judgement is uncertain by at least this many points either way."""


class ReviewedScore(Sourced):
    """A 0-100 score with its uncertainty band (half-width, in points) and what it rests on."""

    value: Score
    band: Number = Field(ge=0, le=50)
    basis: Basis

    @model_validator(mode="after")
    def _band_fits_basis(self) -> ReviewedScore:
        if self.basis == "sourced" and self.band > SOURCED_BAND_MAX:
            raise ValueError(
                f"a sourced score's band is at most {SOURCED_BAND_MAX:g} points; widen it only "
                "with basis: judgement"
            )
        if self.basis == "judgement" and self.band < JUDGEMENT_BAND_MIN:
            raise ValueError(
                f"a judgement's band is at least {JUDGEMENT_BAND_MIN:g} points (basis: judgement)"
            )
        return self


class Deployment(Strict):
    id: str
    label: str
    summary: str
    on_premises: Flag
    standard_terms: Flag
    scores: dict[str, ReviewedScore] = Field(default_factory=dict)


class DeploymentsFile(Strict):
    deployments: tuple[Deployment, ...] = Field(min_length=1)


# --- money.yaml ---------------------------------------------------------------------------------------


class Work(Sourced):
    id: str
    label: str
    unit: str
    per_request: Number = Field(gt=0)
    volume: dict[str, Number]


class CeilingValues(Sourced):
    values: dict[str, Money | None]


class PriceRange(Strict):
    """A low-high range of US dollars."""

    low: Money
    high: Money

    @model_validator(mode="after")
    def _ordered(self) -> PriceRange:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self


class MoneyRange(PriceRange, Sourced):
    """A sourced low-high range of US dollars."""


class FteRange(Sourced):
    """A low-high share of one full-time engineer."""

    low: Number = Field(ge=0, le=5)
    high: Number = Field(ge=0, le=5)

    @model_validator(mode="after")
    def _ordered(self) -> FteRange:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self


class OneOff(MoneyRange):
    """A one-off cost in US dollars, spread over ``months`` in the monthly cost."""

    months: Integer = Field(ge=1, le=120)


class Factors(Sourced):
    values: dict[str, Number]


class CostScore(Sourced):
    cheap: Money = Field(gt=0)
    dear: Money = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> CostScore:
        if self.cheap >= self.dear:
            raise ValueError("cheap must be below dear")
        return self


class MoneyFile(Strict):
    work: tuple[Work, ...] = Field(min_length=1)
    budget_ceilings: CeilingValues
    staff_monthly_cost: MoneyRange
    ml_staff_factor: Factors
    combination_integration: OneOff
    cost_score: CostScore


# --- data/components/*.yaml ---------------------------------------------------------------------------

MlTeam = Literal["none", "some", "strong"]
ML_TEAM_LEVELS: tuple[str, ...] = ("none", "some", "strong")


class Needs(Sourced):
    """What running the component takes: machine-learning staff and GPUs."""

    ml_team: MlTeam
    gpus: Integer = Field(ge=0, le=64)


class Usage(Sourced):
    """One usage price: ``units_per_item`` units of ``unit`` per item of ``work`` at ``price``
    US dollars per unit (low-high), with at least ``minimum_units`` a month (e.g. 730 GPU hours
    for one GPU always on)."""

    work: str
    unit: str = Field(min_length=2)
    units_per_item: Number = Field(gt=0)
    price: PriceRange
    batch_price: PriceRange | None = None
    """The price for a business that accepts batch processing (latency ``batch_ok``): batch
    endpoints cost less but cannot serve a live request; ``price`` is then the live price."""
    minimum_units: Number = Field(default=0, ge=0)


class FixedCosts(Strict):
    infrastructure: MoneyRange
    """US dollars a month for servers, storage, networking and subscriptions."""
    staff_fte: FteRange
    """The share of one full-time engineer it needs, low-high."""
    integration: OneOff
    """One-off set-up work in US dollars, spread over its months."""


class CostModel(Strict):
    usage: tuple[Usage, ...] = Field(min_length=1)
    fixed: FixedCosts


ProductKind = Literal["api", "cloud_service", "open_weights", "open_source", "saas"]
CommercialUse = Literal["yes", "limited", "no"]


class Product(Strict):
    """A named product or model on a component's shortlist."""

    name: str
    vendor: str
    kind: ProductKind
    licence: str
    commercial_use: CommercialUse
    commercial_note: str = ""
    price: Money
    price_unit: str = Field(min_length=3)
    price_date: str
    source: str
    reads: tuple[str, ...] | None = None
    """The inputs this product reads when it reads fewer than its approach (a multimodal model
    that takes images but not audio); None: everything its approach reads."""
    writes: tuple[str, ...] | None = None
    """The outputs it writes when fewer than its approach (speech recognition writes text, a
    voice writes audio); None: everything its approach writes. The shortlist shown for an answer
    set keeps the products that do the most of the component's job (scoring/shortlist.py)."""

    @field_validator("price_date")
    @classmethod
    def _dated(cls, date: str) -> str:
        if not EXACT_DATE.fullmatch(date):
            raise ValueError(f"price_date {date!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
        return date

    @model_validator(mode="after")
    def _limits_said(self) -> Product:
        if self.commercial_use != "yes" and len(self.commercial_note) < 10:
            raise ValueError(
                f"commercial_use is {self.commercial_use!r}: commercial_note must say the limits "
                "(revenue cap, excluded regions, non-commercial weights, ...)"
            )
        return self


class Component(Strict):
    approach: str
    deployment: str
    summary: str = Field(min_length=10)
    fine_tunable: Flag
    needs: Needs
    scores: dict[str, ReviewedScore]
    cost: CostModel
    shortlist: tuple[Product, ...] = Field(min_length=2, max_length=4)
    risks: tuple[str, ...] = Field(min_length=1)

    @property
    def id(self) -> str:
        return f"{self.approach}:{self.deployment}"


class ComponentsFile(Strict):
    facts: tuple[Fact, ...] = ()
    components: tuple[Component, ...] = Field(min_length=1)


# --- industries.yaml ----------------------------------------------------------------------------------


class IndustryUse(Cited):
    """One use of the technologies in a sector, as the seed articles describe it (our words)."""

    text: str = Field(min_length=10)
    approaches: tuple[str, ...] = Field(min_length=1)


class Industry(Strict):
    id: str
    uses: tuple[IndustryUse, ...]


class IndustriesFile(Strict):
    industries: tuple[Industry, ...] = Field(min_length=1)


# --- model.yaml ---------------------------------------------------------------------------------------


class SourcedValues(Sourced):
    values: dict[str, Number]


Condition = str | list[str]


class Rule(Sourced):
    """When every condition of ``when`` matches an answer set, ``add`` moves points or scores.

    A condition is ``field: value`` or ``field: [values]`` (any of them); for a list field it
    matches when the list contains the value.
    """

    when: dict[str, Condition] = Field(min_length=1)
    add: dict[str, Number] = Field(min_length=1)
    components_with: str | None = None


class Penalty(Sourced):
    points: Number = Field(ge=0, le=50)


class ModelFile(Strict):
    base_points: SourcedValues
    min_points: Number = Field(gt=0)
    weight_rules: tuple[Rule, ...]
    modality_fit: SourcedValues
    no_task_fit: SourcedValues
    integration_penalty: Penalty
    score_rules: tuple[Rule, ...]


# --- compliance.yaml ----------------------------------------------------------------------------------


class ComplianceNote(Sourced):
    """A legal duty or caution the brief names when it applies to a solution for an answer set.

    It applies when every condition of ``when`` holds for the answers (as in a rule of
    ``model.yaml``) and, when ``approaches`` or ``deployments`` are given, the solution has a
    component of one of them. ``note`` is what the reader should do; ``rationale`` says why.
    """

    id: str
    title: str = Field(min_length=5, max_length=80)
    note: str = Field(min_length=20)
    applies_from: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    when: dict[str, Condition] = Field(default_factory=dict)
    approaches: tuple[str, ...] = ()
    deployments: tuple[str, ...] = ()


class ComplianceFile(Strict):
    notes: tuple[ComplianceNote, ...] = Field(min_length=1)
