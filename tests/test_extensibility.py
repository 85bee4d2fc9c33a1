"""Seams (issue "Seams"): a criterion is data, a method is one registration.

(a) A copy of the knowledge base with a sixth criterion (tests/support.py, add_sixth_criterion)
is ranked on six criteria by the engine, the batch path, the trust analyses and the command line
(``ADVISOR_DATA_DIR`` names the copy), and the CSV report has its columns.
(b) A toy third method, a weighted product model registered with scoring.methods.register,
is offered by the command line (recommend and batch), batch scoring and the trust analyses
(SMAA, and numeric stability since it is not linear), and is unregistered afterwards.
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from support import (
    TOSS_UP_FIELDS,
    add_sixth_criterion,
    by_option,
    read_report,
    run_cli,
    run_module,
    sample_answers,
)

from scoring.answers import parse_answers
from scoring.cli import build_parser
from scoring.encoding import encode_answers
from scoring.engine import recommend, score_arrays, score_batch
from scoring.knowledge import DATA_DIR, DATA_DIR_ENV, KnowledgeBase, load_knowledge_base
from scoring.methods import METHODS, get_method, register
from scoring.methods.base import apportioned
from scoring.ranking import rank_order
from scoring.trust import analyse_trust

SIXTH = "explainability"
FIELDS = {"output_modalities": ["text", "image"], "budget": "substantial"}


# --- (a) a sixth criterion -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def six_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy for the module (the conftest's data_copy is per test; this copy is only read)."""
    target = tmp_path_factory.mktemp("six") / "data"
    shutil.copytree(DATA_DIR, target)
    add_sixth_criterion(target, SIXTH)
    return target


@pytest.fixture(scope="module")
def six(six_dir: Path) -> KnowledgeBase:
    return load_knowledge_base(six_dir)


def test_a_sixth_criterion_in_data_loads(kb, six) -> None:
    assert six.criterion_ids == (*kb.criterion_ids, SIXTH)
    assert six.criterion(SIXTH).kind == "reviewed"
    assert six.arrays.reviewed.shape == (len(six.components), len(kb.criterion_ids) + 1)
    assert six.component_ids == kb.component_ids


def test_the_engine_ranks_on_six_criteria(kb, six) -> None:
    count = len(kb.criterion_ids) + 1
    for method in METHODS:
        rec = recommend(six, parse_answers(six, FIELDS), method)
        assert list(rec.weights) == list(six.criterion_ids) and len(rec.weights) == count
        assert sum(rec.weights.values()) == pytest.approx(1.0) and rec.weights[SIXTH] > 0
        ranked = by_option(rec)
        for r in rec.ranking:
            assert list(r.criteria) == list(six.criterion_ids)
            assert list(r.contributions) == list(six.criterion_ids)
            assert sum(r.contributions.values()) == pytest.approx(r.score)
            expected = min(six.score_of(six.component(c), SIXTH).value for c in r.components)
            assert r.criteria[SIXTH] == expected, r.option
            if len(r.components) > 1:
                assert r.criteria[SIXTH] == min(ranked[c].criteria[SIXTH] for c in r.components)
        data = json.loads(json.dumps(rec.to_dict()))
        assert all(len(row["criteria"]) == count for row in data["ranking"])


def test_the_sixth_criterion_alone_decides_when_it_has_all_the_weight(six) -> None:
    only = {c: 1.0 if c == SIXTH else 0.0 for c in six.criterion_ids}
    rec = recommend(six, parse_answers(six, FIELDS), weights=only)
    assert rec.top.score == max(r.criteria[SIXTH] for r in rec.qualifying)
    cared = recommend(six, parse_answers(six, FIELDS | {"priorities": {SIXTH: 5}}))
    assert max(cared.weights, key=cared.weights.get) == SIXTH


def test_batch_scoring_and_trust_use_six_criteria(kb, six) -> None:
    count = len(kb.criterion_ids) + 1
    sample = sample_answers(six, 12, seed=1)
    for group in score_arrays(six, encode_answers(six, sample)):
        assert group.scores.shape[-1] == count and group.weights.shape[-1] == count
        for position, row in enumerate(group.rows):
            rec = recommend(six, sample[row])
            assert rec.top.score == pytest.approx(group.totals[position, group.order[position, 0]])
    trust = analyse_trust(recommend(six, parse_answers(six, FIELDS)), samples=400)
    assert len(trust.intervals) == count and len(trust.sentences) == count


def test_the_command_line_prints_six_criteria_per_solution(kb, six_dir: Path, tmp_path) -> None:
    """A real ``python -m scoring recommend`` with ADVISOR_DATA_DIR naming the copy."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(FIELDS), encoding="utf-8")
    env = dict(os.environ, **{DATA_DIR_ENV: str(six_dir)})
    result = run_module("recommend", str(answers), env=env)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert list(output["weights"]) == [*kb.criterion_ids, SIXTH]
    for row in output["ranking"]:
        assert list(row["criteria"]) == [*kb.criterion_ids, SIXTH]
        assert list(row["contributions"]) == [*kb.criterion_ids, SIXTH]


def test_without_the_variable_the_command_line_uses_the_shipped_data(kb, tmp_path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(FIELDS), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}
    result = run_module("recommend", str(answers), env=env)
    assert result.returncode == 0, result.stderr
    assert list(json.loads(result.stdout)["weights"]) == list(kb.criterion_ids)


def test_the_csv_report_has_columns_for_the_sixth(
    six_dir: Path, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(FIELDS), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(six_dir))
    result = run_cli("recommend", str(answers), "--format", "csv")
    assert result.returncode == 0, result.stderr
    six = load_knowledge_base(six_dir)
    report = read_report(result.stdout_bytes, six)
    for prefix in ("score_", "weight_", "contribution_"):
        assert f"{prefix}{SIXTH}" in report.columns, prefix
    rec = recommend(six, parse_answers(six, FIELDS))
    assert report["option"].tolist() == [r.option for r in rec.ranking]
    assert report[f"score_{SIXTH}"].tolist() == pytest.approx(
        [r.criteria[SIXTH] for r in rec.ranking]
    )
    assert report[f"weight_{SIXTH}"].tolist() == pytest.approx(
        [rec.weights[SIXTH]] * len(rec.ranking), abs=1e-6
    )


def test_a_broken_copy_named_by_the_variable_is_one_clear_line(
    six_dir: Path, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(six_dir, broken)
    (broken / "criteria.yaml").write_bytes(b"\x00\xff")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(FIELDS), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(broken))
    result = run_cli("recommend", str(answers))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "criteria.yaml" in result.stderr


# --- (b) a toy third method -------------------------------------------------------------------------


FLOOR = 1e-6
"""A score of 0 would make every product 0; the toy floors it (a weighted product's convention)."""


@dataclass(frozen=True)
class WeightedProduct:
    """The weighted product model: 100 times the product of (score / 100) ** weight."""

    name: str = "toy"
    label: str = "Weighted product (test)"
    normalizations: tuple[str, ...] = ()
    exact_stability: bool = False
    describe: str = "Weighted product: each score to the power of its weight, multiplied."

    def totals(
        self,
        scores: np.ndarray,
        weights: np.ndarray,
        reference: np.ndarray,
        normalization: str | None = None,
    ) -> np.ndarray:
        logs = np.log(np.maximum(scores, FLOOR) / 100.0)
        return 100.0 * np.exp(np.einsum("...sc,...c->...s", logs, weights))

    def contributions(
        self, scores: np.ndarray, weights: np.ndarray, totals: np.ndarray
    ) -> np.ndarray:
        return apportioned(scores, weights, totals)


def wpm(criteria: dict[str, float], weights: dict[str, float]) -> float:
    """The same total, by hand, from a ranked solution's output."""
    return 100.0 * math.prod((max(criteria[c], FLOOR) / 100.0) ** w for c, w in weights.items())


@contextmanager
def registered(method: WeightedProduct) -> Iterator[WeightedProduct]:
    """Register ``method`` for the block, then restore the registry exactly as it was."""
    saved = dict(METHODS)
    register(method)
    try:
        yield method
    finally:
        METHODS.clear()
        METHODS.update(saved)


@pytest.fixture
def toy() -> Iterator[WeightedProduct]:
    with registered(WeightedProduct()) as method:
        yield method


def test_the_toy_reproduces_the_published_weighted_product_example(toy) -> None:
    """facts.md: on the weighted-sum textbook data the weighted product model ranks A1 first,
    A1/A2 = 1.007 and A1/A3 = 1.067 (the ratios do not depend on the 0-100 scale)."""
    matrix = np.array([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]], dtype=float)
    weights = np.array([0.2, 0.15, 0.4, 0.25])
    totals = toy.totals(matrix, weights, np.ones(3, bool))
    assert int(np.argmax(totals)) == 0
    assert totals[0] / totals[1] == pytest.approx(1.007, abs=5e-4)
    assert totals[0] / totals[2] == pytest.approx(1.067, abs=5e-4)


def test_registering_a_method_offers_it_everywhere_and_unregistering_restores(kb) -> None:
    before = dict(METHODS)
    with registered(WeightedProduct()) as toy:
        assert get_method("toy") is toy
        args = build_parser().parse_args(["recommend", "x.json", "--method", "toy"])
        assert args.method == "toy"
    assert before == METHODS
    with pytest.raises(ValueError, match="unknown method 'toy'"):
        get_method("toy")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["recommend", "x.json", "--method", "toy"])


def test_recommend_with_the_toy_method(kb, toy) -> None:
    rec = recommend(kb, parse_answers(kb, FIELDS), "toy")
    assert rec.method == "toy" and rec.normalization is None
    for r in rec.ranking:
        assert r.score == pytest.approx(wpm(r.criteria, rec.weights))
        assert sum(r.contributions.values()) == pytest.approx(r.score)
    keys = [(r.failed_count, -round(r.score, 9)) for r in rec.ranking]
    assert keys == sorted(keys)


def test_the_command_line_offers_the_toy_method(kb, toy, tmp_path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(FIELDS), encoding="utf-8")
    result = run_cli("recommend", str(answers), "--method", "toy")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["method"] == "toy"
    for row in output["ranking"]:
        assert row["score"] == pytest.approx(wpm(row["criteria"], output["weights"]))
    expected = recommend(kb, parse_answers(kb, FIELDS), "toy")
    assert [row["option"] for row in output["ranking"]] == [r.option for r in expected.ranking]
    csv = run_cli("recommend", str(answers), "--method", "toy", "--format", "csv")
    assert csv.returncode == 0, csv.stderr
    assert set(read_report(csv.stdout_bytes)["method"]) == {toy.label}


def test_batch_scoring_with_the_toy_method(kb, toy, tmp_path) -> None:
    sample = sample_answers(kb, 15, seed=6)
    for group in score_batch(kb, sample, "toy"):
        assert group.method == "toy"
        np.testing.assert_allclose(
            group.totals,
            toy.totals(group.scores, group.weights, np.ones(group.totals.shape, bool)),
        )
    rows = pd.DataFrame([a.to_flat() for a in sample])
    path = tmp_path / "in.csv"
    rows.to_csv(path, index=False)
    result = run_cli("batch", str(path), "--method", "toy")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert set(table["method"]) == {"toy"}
    tops = [recommend(kb, a, "toy").top.option for a in sample]
    assert table["top_option"].tolist() == tops


def moved(weights: np.ndarray, criterion: int, t: float) -> np.ndarray:
    """Weights with one criterion's set to ``t`` and the others keeping their proportions."""
    out = weights * (1 - t) / (1 - weights[criterion])
    out[criterion] = t
    return out


def test_trust_analyses_run_the_toy_method(kb, toy) -> None:
    rec = recommend(kb, parse_answers(kb, TOSS_UP_FIELDS), "toy")
    trust = analyse_trust(rec, samples=3000, seed=1)
    assert trust.method == "toy" and trust.exact is False
    robustness = trust.robustness
    np.testing.assert_allclose(robustness.acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(robustness.acceptability.sum(axis=0), 1.0)
    assert robustness.top_index == rec.top.index
    assert len(trust.intervals) == len(kb.criterion_ids) == len(trust.sentences)
    group = rec.group
    scores, weights, failed = group.scores[0], group.weights[0], group.failure_key[0]
    changes = 0
    for interval in trust.intervals:
        assert interval.low <= interval.weight <= interval.high
        assert interval.top == rec.top.index
        c = interval.criterion
        # Numeric stability under the toy's own totals: inside the interval the top holds,
        # past its end the named solution takes over.
        if interval.taker_above is not None and interval.high < 0.99:
            past = moved(weights, c, min(interval.high + 1e-3, 1.0))
            order = rank_order(toy.totals(scores, past, np.ones(len(scores), bool)), failed)
            assert order[0] == interval.taker_above
            changes += 1
        if interval.taker_below is not None and interval.low > 0.01:
            past = moved(weights, c, max(interval.low - 1e-3, 0.0))
            order = rank_order(toy.totals(scores, past, np.ones(len(scores), bool)), failed)
            assert order[0] == interval.taker_below
            changes += 1
        middle = moved(weights, c, (interval.low + interval.high) / 2)
        order = rank_order(toy.totals(scores, middle, np.ones(len(scores), bool)), failed)
        assert order[0] == rec.top.index
    assert changes, "the toss-up business changes its top solution somewhere"
