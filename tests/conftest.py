"""Shared fixtures of the engine tests: the shipped knowledge base and an answers builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from scoring.answers import Answers, parse_answers
from scoring.knowledge_base import KnowledgeBase, default_knowledge_base


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return default_knowledge_base()


@pytest.fixture
def answers(kb: KnowledgeBase) -> Callable[..., Answers]:
    """``answers(**fields)``: validated answers; ``output_modalities`` defaults to ``["text"]``."""

    def build(**fields: Any) -> Answers:
        fields.setdefault("output_modalities", ["text"])
        return parse_answers(kb, fields)

    return build
