"""Tables the pages show (ui/tables.py), pure."""

from __future__ import annotations

import pytest

from scoring.answers import default_answers, parse_answers
from scoring.engine import recommend
from scoring.knowledge_base import CRITERIA, default_knowledge_base
from ui.tables import (
    FLAG_COLUMN,
    MEETS_COLUMN,
    answers_frame,
    facts_frame,
    option_numbers_frame,
    ranking_frame,
    seeds_frame,
    weights_frame,
)

KB = default_knowledge_base()


def test_ranking_frame_is_best_first_with_flags_and_reasons() -> None:
    rec = recommend(KB, parse_answers(KB, {"output_modalities": ["audio"]}))
    frame = ranking_frame(KB, rec)
    assert frame.index.tolist() == list(range(1, len(KB.options) + 1))
    assert frame["Option"].tolist() == [r.label for r in rec.ranking]
    assert frame[MEETS_COLUMN].tolist() == [r.meets_requirements for r in rec.ranking]
    assert all(
        bool(reason) != meets
        for reason, meets in zip(frame[FLAG_COLUMN], frame[MEETS_COLUMN], strict=True)
    )
    assert [c for c in frame.columns][-5:] == [KB.criterion(c).short for c in CRITERIA]


def test_weights_frame_for_priorities() -> None:
    rec = recommend(
        KB,
        parse_answers(
            KB, {"output_modalities": ["text"], "priorities": {"cost": 5, "accuracy": 3}}
        ),
    )
    frame = weights_frame(KB, rec)
    assert frame["Your importance (1-5)"].tolist() == [rec.answers.priorities[c] for c in CRITERIA]
    assert frame["Weight (%)"].sum() == pytest.approx(100, abs=0.3)


def test_weights_frame_with_what_if_weights_shows_both() -> None:
    answers = parse_answers(KB, {"output_modalities": ["text"], "data_sensitivity": "regulated"})
    base = recommend(KB, answers)
    custom = recommend(KB, answers, weights=dict.fromkeys(CRITERIA, 1.0))
    frame = weights_frame(KB, custom, base)
    assert "Weight (%)" not in frame.columns
    assert frame["What-if weight (%)"].tolist() == [20.0] * 5
    assert frame["From your answers (%)"].tolist() == [
        round(100 * base.weights[c], 1) for c in CRITERIA
    ]
    assert "Added by your answers" in frame.columns, "how the answers' weights were reached"
    assert (
        weights_frame(KB, base, base).columns.tolist() == weights_frame(KB, base).columns.tolist()
    )


def test_option_numbers_frame_has_every_number_with_sources() -> None:
    option = KB.options[0]
    frame = option_numbers_frame(KB, option)
    assert len(frame) == 5
    assert frame["Value (0-100)"].tolist() == [s.value for _, s in option.scores]
    assert all(frame["Sources"])


def test_source_frames_list_every_seed_and_fact() -> None:
    assert seeds_frame(KB).index.tolist() == [s.id for s in KB.sources.seeds]
    assert facts_frame(KB).index.tolist() == [f.id for f in KB.sources.facts]


def test_answers_frame_shows_labels_and_plain_text() -> None:
    answers = parse_answers(
        KB, {"output_modalities": ["text", "image"], "organization": "**Acme**"}
    )
    frame = answers_frame(KB, answers)
    assert frame.loc[KB.question("output_modalities").question, "Answer"] == "Text, Images"
    assert frame.loc[KB.question("organization").question, "Answer"] == "**Acme**"
    defaults = answers_frame(KB, default_answers(KB))
    assert defaults.loc[KB.question("priorities").question, "Answer"].startswith("(derived")
