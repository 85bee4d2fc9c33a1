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
    OUTCOMES,
    GroupScores,
    Recommendation,
    recommend,
    score_arrays,
    score_batch,
)
from scoring.knowledge import (
    KnowledgeBase,
    KnowledgeBaseError,
    default_knowledge_base,
    load_knowledge_base,
)
from scoring.methods import METHODS

__all__ = [
    "METHODS",
    "OUTCOMES",
    "Answers",
    "AnswersError",
    "GroupScores",
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
