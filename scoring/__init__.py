"""Scoring engine of the Generative AI vs LLM decision advisor (pure Python, no Streamlit).

Typical use::

    kb = default_knowledge_base()
    answers = parse_answers(kb, {"output_modalities": ["text"], "data_sensitivity": "regulated"})
    recommendation = recommend(kb, answers, method="wsm")
"""

from scoring.answers import (
    Answers,
    AnswersError,
    default_answers,
    parse_answers,
    parse_flat_answers,
    parse_flat_answers_leniently,
)
from scoring.engine import (
    METHODS,
    BatchScores,
    Recommendation,
    recommend,
    score_arrays,
    score_batch,
)
from scoring.knowledge_base import (
    CRITERIA,
    KnowledgeBase,
    KnowledgeBaseError,
    default_knowledge_base,
    load_knowledge_base,
)

__all__ = [
    "CRITERIA",
    "METHODS",
    "Answers",
    "AnswersError",
    "BatchScores",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Recommendation",
    "default_answers",
    "default_knowledge_base",
    "load_knowledge_base",
    "parse_answers",
    "parse_flat_answers",
    "parse_flat_answers_leniently",
    "recommend",
    "score_arrays",
    "score_batch",
]
