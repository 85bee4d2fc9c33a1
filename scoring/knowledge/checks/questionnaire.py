"""data/questionnaire.yaml: every answers field of the spec, once, in a known step."""

from __future__ import annotations

from scoring.knowledge.checks.context import Checker

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
    "monthly_requests",
    "latency",
    "budget",
    "in_house_ml_expertise",
    "domain_specialization",
    "priorities",
)
"""The answers schema of SPEC.md (version 2), in its order."""

CHOICE_FIELDS_THE_ENGINE_READS = (
    "input_modalities",
    "output_modalities",
    "tasks",
    "data_sensitivity",
    "deployment",
    "volume",
    "budget",
    "in_house_ml_expertise",
)

CHOICES_THE_REQUIREMENTS_NAME = {
    "deployment": "must_be_on_premises",
    "data_sensitivity": "regulated",
}
"""Answer values that switch on hard requirements 4 and 5 of SPEC.md."""


def check_questionnaire(check: Checker) -> None:
    questionnaire = check.files.questionnaire
    fields = [q.id for q in questionnaire.fields]
    check.unique("questionnaire.yaml", "fields", fields)
    missing = [f for f in ANSWER_FIELDS if f not in fields]
    extra = [f for f in fields if f not in ANSWER_FIELDS]
    if missing or extra:
        check.fail(
            "questionnaire.yaml",
            "fields",
            f"must define every answers field of the spec; missing {missing}, unknown {extra}",
        )
    steps = [s.id for s in questionnaire.steps]
    for n, question in enumerate(questionnaire.fields, start=1):
        where = f"fields entry {n} (id '{question.id}'), field step"
        check.subset("questionnaire.yaml", where, [question.step], steps)
    for name in CHOICE_FIELDS_THE_ENGINE_READS:
        question = check.files.question(name)
        if question is None or question.kind not in ("choice", "multi"):
            check.fail("questionnaire.yaml", f"field {name}", "must be a choice or multi question")
    if check.files.choices("input_modalities") != check.files.choices("output_modalities"):
        check.fail(
            "questionnaire.yaml",
            "field input_modalities",
            "must offer the same modalities as output_modalities",
        )
    for name, value in CHOICES_THE_REQUIREMENTS_NAME.items():
        if value not in check.files.choices(name):
            check.fail(
                "questionnaire.yaml",
                f"field {name}",
                f"must offer {value!r}: a hard requirement of the spec depends on it",
            )
    inputs = check.files.choices("input_modalities")
    for question in questionnaire.fields:
        for choice in question.choices:
            if not choice.works_from:
                continue
            where = f"field {question.id}, choice {choice.id}, field works_from"
            if question.id != "tasks":
                check.fail("questionnaire.yaml", where, "only a task works from inputs")
            check.subset("questionnaire.yaml", where, list(choice.works_from), inputs)
