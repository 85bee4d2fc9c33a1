"""Shared fixtures of the tests: the shipped knowledge base, an answers builder, and a writable
copy of the knowledge base for tests that change the data."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from scoring.answers import Answers, parse_answers
from scoring.knowledge import DATA_DIR, KnowledgeBase, default_knowledge_base, load_knowledge_base


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


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped ``data/`` folder (edit it, then load it)."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture(scope="session")
def six(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The shipped knowledge base with a sixth criterion, loaded (for pure UI text and charts)."""
    from support import add_sixth_criterion

    data = Path(tmp_path_factory.mktemp("kb")) / "data"
    shutil.copytree(DATA_DIR, data)
    add_sixth_criterion(data)
    return load_knowledge_base(data)


@pytest.fixture
def sixth_criterion_data(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The pages' knowledge base with a sixth criterion (``ADVISOR_DATA_DIR`` on a copy), for tests
    that no page hard-codes the five; the cached knowledge base is dropped before and after."""
    import streamlit
    from support import add_sixth_criterion, use_data_dir

    add_sixth_criterion(data_copy)
    use_data_dir(monkeypatch, data_copy)
    yield data_copy
    streamlit.cache_resource.clear()
