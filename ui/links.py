"""Shareable links: answers, method and normalisation <-> URL query parameters (pure).

Each answers field is one parameter with the flat text form of ``scoring.answers`` (lists joined by
``;``, priorities as ``criterion=N;...``), plus ``method`` and, for TOPSIS, ``normalization``. Decoding
is lenient: a bad field falls back to its default and is reported, so a tampered link still opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from scoring.aggregation import NORMALIZATIONS, Normalization
from scoring.answers import Answers, format_flat, parse_flat_answers_leniently
from scoring.engine import METHODS, Method
from scoring.knowledge_base import ANSWER_FIELDS, KnowledgeBase
from ui.text import clip

METHOD_PARAM = "method"
NORMALIZATION_PARAM = "normalization"
DEFAULT_METHOD: Method = "wsm"
DEFAULT_NORMALIZATION: Normalization = "vector"
LINK_PARAMS: tuple[str, ...] = (*ANSWER_FIELDS, METHOD_PARAM, NORMALIZATION_PARAM)


@dataclass(frozen=True)
class LinkProblem:
    """One bad parameter of a link: which one and why (the value is clipped for display)."""

    field: str
    message: str


@dataclass(frozen=True)
class DecodedLink:
    answers: Answers
    method: Method
    normalization: Normalization
    problems: tuple[LinkProblem, ...]


def encode_query(
    raw_answers: Mapping[str, Any], method: Method, normalization: Normalization
) -> dict[str, str]:
    """Query parameters for answers in JSON form (possibly not yet valid, e.g. no output chosen)."""
    params = {name: format_flat(raw_answers.get(name)) for name in ANSWER_FIELDS}
    params[METHOD_PARAM] = method
    if method == "topsis":
        params[NORMALIZATION_PARAM] = normalization
    return params


def is_link(params: Mapping[str, Any]) -> bool:
    """Does the URL carry anything of ours (as opposed to a bare page address)?"""
    return any(name in params for name in LINK_PARAMS)


def _choice(
    params: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str
) -> tuple[str, LinkProblem | None]:
    value = params.get(name)
    if value is None or value == "":
        return default, None
    if value in allowed:
        return value, None
    return default, LinkProblem(
        name, f"unknown value {clip(repr(value), 60)}; allowed: {', '.join(allowed)}"
    )


def decode_query(kb: KnowledgeBase, params: Mapping[str, str]) -> DecodedLink:
    """Answers, method and normalisation from a link; bad parts take their defaults."""
    answer_params = {
        k: v for k, v in params.items() if k not in (METHOD_PARAM, NORMALIZATION_PARAM)
    }
    answers, errors = parse_flat_answers_leniently(kb, answer_params)
    problems = [LinkProblem(clip(e.field, 60), clip(e.message, 240)) for e in errors]
    method, problem = _choice(params, METHOD_PARAM, METHODS, DEFAULT_METHOD)
    problems += [problem] if problem else []
    normalization, problem = _choice(
        params, NORMALIZATION_PARAM, NORMALIZATIONS, DEFAULT_NORMALIZATION
    )
    problems += [problem] if problem else []
    return DecodedLink(answers, method, normalization, tuple(problems))  # type: ignore[arg-type]


def share_url(base_url: str | None, params: Mapping[str, str]) -> str:
    """The link to share: the page URL (when the browser told us) plus the encoded query string."""
    query = urlencode(dict(params), quote_via=quote, safe="")
    return f"{base_url or ''}?{query}"
