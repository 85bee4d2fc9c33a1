"""Load, validate and compile the knowledge base in ``data/``.

Everything the engine and the pages know about criteria, options, questions and rules comes from
here. A broken file raises :class:`KnowledgeBaseError` whose message names the file, the entry and the
field, so whoever edits the data can fix it without reading code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import yaml
from pydantic import BaseModel, ValidationError

from scoring.kb_schema import (
    Cited,
    CriteriaFile,
    Criterion,
    IndustriesFile,
    IndustryUse,
    ManifestFile,
    ModelFile,
    Option,
    OptionsFile,
    Question,
    QuestionnaireFile,
    Rule,
    SourcesFile,
    Traits,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

CRITERIA: tuple[str, ...] = ("modality", "efficiency", "accuracy", "data_privacy", "cost")
"""The five criteria of SPEC.md, in the order used by every array, table and chart."""

SPEC_OPTIONS: tuple[str, ...] = (
    "llm_api",
    "llm_self_hosted",
    "multimodal_llm",
    "image_generation",
    "video_generation",
    "audio_generation",
    "3d_generation",
    "synthetic_data_generation",
    "llm_genai_pipeline",
)
ANSWER_FIELDS: tuple[str, ...] = (
    "organization",
    "use_case",
    "industry",
    "input_modalities",
    "output_modalities",
    "tasks",
    "accuracy_need",
    "creativity_need",
    "data_sensitivity",
    "deployment",
    "volume",
    "latency",
    "budget",
    "in_house_ml_expertise",
    "domain_specialization",
    "priorities",
)
MODALITY_FIT_PARTS = ("outputs", "inputs", "tasks", "focus")


class KnowledgeBaseError(ValueError):
    """A data file is missing, malformed or inconsistent; the message says where."""


@dataclass(frozen=True)
class KnowledgeBase:
    """The validated knowledge base plus numeric arrays compiled once for the engine."""

    version: str
    reviewed: str
    criteria: tuple[Criterion, ...]
    options: tuple[Option, ...]
    questions: tuple[Question, ...]
    steps: tuple[tuple[str, str], ...]
    model: ModelFile
    sources: SourcesFile
    industries: Mapping[str, tuple[IndustryUse, ...]]
    arrays: KbArrays

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def option(self, option_id: str) -> Option:
        return self.options[self.option_ids.index(option_id)]

    def question(self, field: str) -> Question:
        return next(q for q in self.questions if q.id == field)

    def criterion(self, criterion_id: str) -> Criterion:
        return self.criteria[CRITERIA.index(criterion_id)]

    def choice_ids(self, field: str) -> tuple[str, ...]:
        return tuple(c.id for c in self.question(field).choices)

    def choice_label(self, field: str, choice_id: str) -> str:
        return next(c.label for c in self.question(field).choices if c.id == choice_id)

    def cite(self, citation_source: str, section: str | None = None) -> str:
        """One-line human reference for a citation, as shown next to a rationale."""
        for seed in self.sources.seeds:
            if seed.id == citation_source:
                where = f', section "{section}"' if section else ""
                return f'{seed.publisher}, "{seed.title}" ({seed.file}{where}), {seed.date}'
        fact = next(f for f in self.sources.facts if f.id == citation_source)
        return f"{fact.what}: {fact.figure} ({fact.reported_by}, {fact.date})"

    def citations(self, sourced: Cited) -> list[str]:
        return [self.cite(c.source, c.section) for c in sourced.sources]


@dataclass(frozen=True)
class CompiledRule:
    """A rule of ``data/model.yaml`` ready for numpy: which answer value fires it, what it adds."""

    field: str
    value_index: int
    add: np.ndarray  # (criteria,)
    options: np.ndarray  # (options,) bool: options the rule applies to (all, for weight rules)


@dataclass(frozen=True)
class KbArrays:
    """Option facts as arrays (catalogue order), so scoring is pure numpy."""

    reads: np.ndarray  # (options, modalities) bool
    writes: np.ndarray  # (options, modalities) bool
    tasks: np.ndarray  # (options, tasks) bool
    masks: Mapping[str, np.ndarray]  # "reads"/"writes"/"tasks" -> (options,) uint64 bit masks
    traits: Mapping[str, np.ndarray]  # trait -> (options,) bool
    base_scores: np.ndarray  # (options, criteria) float; the modality and cost columns are 0
    cost_to_adopt: np.ndarray  # (options,)
    cost_per_use: np.ndarray  # (options,)
    base_points: np.ndarray  # (criteria,)
    modality_fit: Mapping[str, float]
    cost_per_use_share: np.ndarray  # (volume choices,)
    weight_rules: tuple[CompiledRule, ...]
    score_rules: tuple[CompiledRule, ...]


# --- loading ----------------------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def _read_yaml(path: Path) -> Any:
    """A data file's YAML; any problem reading it is one line naming the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KnowledgeBaseError(f"{_name(path)}: cannot be read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise KnowledgeBaseError(
            f"{_name(path)}: not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "is it a binary file? Save it as UTF-8 YAML"
        ) from None
    try:
        return yaml.safe_load(text)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. NUL
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise KnowledgeBaseError(
            f"{_name(path)}: not valid YAML: line {line} holds the control character "
            f"U+{code:04X}, which YAML does not allow; is it a binary file?"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        problem = " ".join(str(problem).split())  # one line, whatever the parser says
        raise KnowledgeBaseError(f"{_name(path)}: not valid YAML{where}: {problem}") from None


def _name(path: Path) -> str:
    return f"data/{path.name}" if path.parent == DATA_DIR else str(path)


def _describe_location(raw: Any, loc: tuple[Any, ...]) -> str:
    """Turn a pydantic error location into 'entry 3 (id 'x'), field a.b'."""
    parts: list[str] = []
    node = raw
    field_path: list[str] = []
    for key in loc:
        if isinstance(key, int) and isinstance(node, list):
            entry = node[key] if key < len(node) else None
            ident = entry.get("id") if isinstance(entry, dict) else None
            label = f"entry {key + 1}" + (f" (id '{ident}')" if ident else "")
            if field_path:
                parts.append(".".join(field_path) + f" {label}")
                field_path = []
            else:
                parts.append(label)
            node = entry
        else:
            field_path.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    if field_path:
        parts.append("field " + ".".join(field_path))
    return ", ".join(parts) or "top level"


def _parse(model: type[M], path: Path) -> M:
    raw = _read_yaml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = _describe_location(raw, tuple(first["loc"]))
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise KnowledgeBaseError(f"{_name(path)}: {where}: {first['msg']}{more}") from None


# --- cross-file checks ------------------------------------------------------------------------------


class _Checker:
    """Collects the cross-file rules in one place; raises on the first broken one."""

    def __init__(self, sources: SourcesFile) -> None:
        self._seeds = {s.id: set(s.sections) for s in sources.seeds}
        self._facts = {f.id for f in sources.facts}

    @staticmethod
    def fail(file: str, where: str, message: str) -> None:
        raise KnowledgeBaseError(f"data/{file}: {where}: {message}")

    def citations(self, file: str, where: str, sourced: Cited) -> None:
        for n, cite in enumerate(sourced.sources, start=1):
            here = f"{where}, sources entry {n}"
            if cite.source in self._seeds:
                if cite.section not in self._seeds[cite.source]:
                    self.fail(
                        file,
                        here,
                        f"section {cite.section!r} is not a heading listed for seed "
                        f"'{cite.source}' in data/sources.yaml",
                    )
            elif cite.source in self._facts:
                if cite.section is not None:
                    self.fail(file, here, f"fact '{cite.source}' takes no section")
            else:
                self.fail(file, here, f"unknown source {cite.source!r} (not in data/sources.yaml)")

    def subset(self, file: str, where: str, values: Iterable[str], allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for value in values:
            if value not in allowed:
                self.fail(file, where, f"{value!r} is not one of {', '.join(allowed)}")

    def same_keys(
        self, file: str, where: str, keys: Iterable[str], expected: Iterable[str]
    ) -> None:
        keys, expected = set(keys), tuple(expected)
        if keys != set(expected):
            self.fail(
                file, where, f"keys must be exactly {', '.join(expected)}; got {sorted(keys)}"
            )


def _check_unique(file: str, what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for n, ident in enumerate(ids, start=1):
        if ident in seen:
            _Checker.fail(file, f"{what} entry {n}", f"duplicate id {ident!r}")
        seen.add(ident)


def _check_industries(
    industries: IndustriesFile, choices: list[str], option_ids: list[str], check: _Checker
) -> None:
    ids = [i.id for i in industries.industries]
    _check_unique("industries.yaml", "industries", ids)
    check.same_keys("industries.yaml", "industries", ids, choices)
    for n, industry in enumerate(industries.industries, start=1):
        for k, use in enumerate(industry.uses, start=1):
            where = f"industries entry {n} (id '{industry.id}'), uses entry {k}"
            check.subset("industries.yaml", f"{where}, field options", use.options, option_ids)
            check.citations("industries.yaml", where, use)


def _check(
    criteria: CriteriaFile,
    questionnaire: QuestionnaireFile,
    options: OptionsFile,
    model: ModelFile,
    sources: SourcesFile,
    industries: IndustriesFile,
) -> None:
    check = _Checker(sources)
    ids = [c.id for c in criteria.criteria]
    if tuple(ids) != CRITERIA:
        check.fail("criteria.yaml", "criteria", f"must be exactly {', '.join(CRITERIA)} in order")

    fields = [q.id for q in questionnaire.fields]
    _check_unique("questionnaire.yaml", "fields", fields)
    missing = [f for f in ANSWER_FIELDS if f not in fields]
    extra = [f for f in fields if f not in ANSWER_FIELDS]
    if missing or extra:
        check.fail(
            "questionnaire.yaml",
            "fields",
            f"must define every answers field of the spec; missing {missing}, unknown {extra}",
        )
    steps = [s.id for s in questionnaire.steps]
    questions = {q.id: q for q in questionnaire.fields}
    for n, q in enumerate(questionnaire.fields, start=1):
        check.subset(
            "questionnaire.yaml", f"fields entry {n} (id '{q.id}'), field step", [q.step], steps
        )
    modalities = [c.id for c in questions["output_modalities"].choices]
    tasks = [c.id for c in questions["tasks"].choices]

    option_ids = [o.id for o in options.options]
    _check_unique("options.yaml", "options", option_ids)
    absent = [o for o in SPEC_OPTIONS if o not in option_ids]
    if absent:
        check.fail("options.yaml", "options", f"the spec's options {absent} are missing")
    for n, option in enumerate(options.options, start=1):
        where = f"options entry {n} (id '{option.id}')"
        check.subset("options.yaml", f"{where}, field reads", option.reads, modalities)
        check.subset("options.yaml", f"{where}, field writes", option.writes, modalities)
        check.subset("options.yaml", f"{where}, field tasks", option.tasks, tasks)
        check.citations("options.yaml", f"{where}, field traits_basis", option.traits_basis)
        check.citations("options.yaml", f"{where}, field capabilities", option.capabilities)
        for key, score in option.scores:
            check.citations("options.yaml", f"{where}, field scores.{key}", score)

    _check_industries(industries, [c.id for c in questions["industry"].choices], option_ids, check)
    check.same_keys("model.yaml", "base_points.values", model.base_points.values, CRITERIA)
    check.citations("model.yaml", "base_points", model.base_points)
    check.same_keys(
        "model.yaml", "modality_fit.values", model.modality_fit.values, MODALITY_FIT_PARTS
    )
    if abs(sum(model.modality_fit.values.values()) - 1) > 1e-9:
        check.fail("model.yaml", "modality_fit.values", "shares must sum to 1")
    check.citations("model.yaml", "modality_fit", model.modality_fit)
    volumes = [c.id for c in questions["volume"].choices]
    check.same_keys(
        "model.yaml", "cost_per_use_share.values", model.cost_per_use_share.values, volumes
    )
    if not all(0 <= v <= 1 for v in model.cost_per_use_share.values.values()):
        check.fail("model.yaml", "cost_per_use_share.values", "shares must lie in [0, 1]")
    check.citations("model.yaml", "cost_per_use_share", model.cost_per_use_share)
    for group in ("weight_rules", "score_rules"):
        for n, rule in enumerate(getattr(model, group), start=1):
            where = f"{group} entry {n}"
            ((field, value),) = rule.when.items()
            question = questions.get(field)
            if question is None or question.kind not in ("choice", "multi"):
                check.fail("model.yaml", f"{where}, field when", f"{field!r} is not a choice field")
            check.subset(
                "model.yaml",
                f"{where}, field when.{field}",
                [value],
                [c.id for c in question.choices],
            )
            check.subset("model.yaml", f"{where}, field add", rule.add, CRITERIA)
            if group == "score_rules":
                check.subset(
                    "model.yaml",
                    f"{where}, field options_with",
                    [rule.options_with or ""],
                    Traits.model_fields,
                )
            elif rule.options_with is not None:
                check.fail("model.yaml", f"{where}, field options_with", "only score rules take it")
            check.citations("model.yaml", where, rule)


# --- compiling --------------------------------------------------------------------------------------


def _multi_hot(
    options: tuple[Option, ...], get: Callable[[Option], Iterable[str]], universe: list[str]
) -> np.ndarray:
    return np.array([[item in set(get(o)) for item in universe] for o in options], dtype=bool)


def _bits(hot: np.ndarray) -> np.ndarray:
    """(rows, k) bool -> (rows,) uint64 bit masks; the same encoding as the answers' masks."""
    return hot.astype(np.uint64) @ (np.uint64(1) << np.arange(hot.shape[1], dtype=np.uint64))


def _compile_rules(
    rules: Iterable[Rule], questions: Mapping[str, Question], traits: Mapping[str, np.ndarray]
) -> tuple[CompiledRule, ...]:
    compiled = []
    for rule in rules:
        ((field, value),) = rule.when.items()
        ids = [c.id for c in questions[field].choices]
        everyone = np.ones_like(next(iter(traits.values())))
        compiled.append(
            CompiledRule(
                field=field,
                value_index=ids.index(value),
                add=np.array([rule.add.get(c, 0.0) for c in CRITERIA]),
                options=traits[rule.options_with] if rule.options_with else everyone,
            )
        )
    return tuple(compiled)


def _compile(
    options: tuple[Option, ...], questions: Mapping[str, Question], model: ModelFile
) -> KbArrays:
    modalities = [c.id for c in questions["output_modalities"].choices]
    tasks = [c.id for c in questions["tasks"].choices]
    base = np.zeros((len(options), len(CRITERIA)))
    for i, option in enumerate(options):
        for criterion in ("efficiency", "accuracy", "data_privacy"):
            base[i, CRITERIA.index(criterion)] = getattr(option.scores, criterion).value
    traits = {t: np.array([getattr(o.traits, t) for o in options]) for t in Traits.model_fields}
    reads = _multi_hot(options, lambda o: o.reads, modalities)
    writes = _multi_hot(options, lambda o: o.writes, modalities)
    served = _multi_hot(options, lambda o: o.tasks, tasks)
    volumes = [c.id for c in questions["volume"].choices]
    arrays = KbArrays(
        reads=reads,
        writes=writes,
        tasks=served,
        masks={"reads": _bits(reads), "writes": _bits(writes), "tasks": _bits(served)},
        traits=traits,
        base_scores=base,
        cost_to_adopt=np.array([o.scores.cost_to_adopt.value for o in options]),
        cost_per_use=np.array([o.scores.cost_per_use.value for o in options]),
        base_points=np.array([model.base_points.values[c] for c in CRITERIA]),
        modality_fit=dict(model.modality_fit.values),
        cost_per_use_share=np.array([model.cost_per_use_share.values[v] for v in volumes]),
        weight_rules=_compile_rules(model.weight_rules, questions, traits),
        score_rules=_compile_rules(model.score_rules, questions, traits),
    )
    for array in (arrays.reads, arrays.writes, arrays.tasks, arrays.base_scores):
        array.setflags(write=False)
    return arrays


def load_knowledge_base(data_dir: Path | str = DATA_DIR) -> KnowledgeBase:
    """Read and validate every file of ``data_dir``; raise :class:`KnowledgeBaseError` if broken."""
    data_dir = Path(data_dir)
    manifest = _parse(ManifestFile, data_dir / "manifest.yaml")
    sources = _parse(SourcesFile, data_dir / "sources.yaml")
    criteria = _parse(CriteriaFile, data_dir / "criteria.yaml")
    questionnaire = _parse(QuestionnaireFile, data_dir / "questionnaire.yaml")
    options = _parse(OptionsFile, data_dir / "options.yaml")
    model = _parse(ModelFile, data_dir / "model.yaml")
    industries = _parse(IndustriesFile, data_dir / "industries.yaml")
    _check(criteria, questionnaire, options, model, sources, industries)
    questions = {q.id: q for q in questionnaire.fields}
    return KnowledgeBase(
        version=manifest.version,
        reviewed=manifest.reviewed,
        criteria=criteria.criteria,
        options=options.options,
        questions=questionnaire.fields,  # the order of the questionnaire file is the order asked
        steps=tuple((s.id, s.title) for s in questionnaire.steps),
        model=model,
        sources=sources,
        industries={i.id: i.uses for i in industries.industries},
        arrays=_compile(options.options, questions, model),
    )


@cache
def default_knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process (the pages also cache it)."""
    return load_knowledge_base(DATA_DIR)
