"""Shareable links: answers, method, normalisation and what-if weights <-> URL query parameters
(pure).

Each answers field is one parameter with the flat text form of ``scoring.answers`` (lists joined by
``;``, priorities as ``criterion=N;...``), plus ``method``, for TOPSIS ``normalization``, and, when
the person set what-if weights, ``weights`` (``criterion=N;...`` for every criterion, N from 0 to
100, divided by their total). Decoding is lenient: a bad field falls back to its default and is
reported, so a tampered link still opens.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from scoring.answers import Answers, format_flat, parse_flat_answers_leniently
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.checks.questionnaire import ANSWER_FIELDS
from scoring.methods import DEFAULT_METHOD, METHODS, get_method
from ui.common import guard
from ui.common.fields import fit_text
from ui.common.text import clip

METHOD_PARAM = "method"
NORMALIZATION_PARAM = "normalization"
WEIGHTS_PARAM = "weights"
TAB_PARAM = "tab"
CERTAINTY_PARAM = "certainty"
PAIR_PARAM = "pair"
AHP_PARAM = "ahp"
VIEW_PARAMS: tuple[str, ...] = (TAB_PARAM, CERTAINTY_PARAM, PAIR_PARAM, AHP_PARAM)
"""What the recommendation page shows beyond the answers: the open tab, how sure the person is of
the weights, the head-to-head pair they picked and their pairwise (AHP) judgements."""
LINK_PARAMS: tuple[str, ...] = (
    *ANSWER_FIELDS,
    METHOD_PARAM,
    NORMALIZATION_PARAM,
    WEIGHTS_PARAM,
    *VIEW_PARAMS,
)
IMPORTANCE_MIN = 0.0
IMPORTANCE_MAX = 100.0
WEIGHTS_EXAMPLE = "modality=30;efficiency=20;accuracy=20;data_privacy=15;cost=15"

Importance = dict[str, float]
"""What-if weights as the person set them: criterion -> importance 0-100 (weights are these divided
by their total, so percentages summing to 100 read as themselves)."""


@dataclass(frozen=True)
class LinkProblem:
    """One bad parameter of a link: which one and why (the value is clipped for display)."""

    field: str
    message: str


@dataclass(frozen=True)
class PageView:
    """The page's own choices a link carries; None is the page's default for each."""

    tab: str | None = None
    certainty: str | None = None
    pair: tuple[str, str] | None = None  # None: the top solution against its runner-up
    # AHP pair id (``a__b``) -> code, for the answered pairs only ("equal" is an answer, ``1``);
    # a pair left out is unanswered, never "equal". None: no pair answered.
    judgements: dict[str, int] | None = None


@dataclass(frozen=True)
class ViewOptions:
    """What a link's view parameters may hold (the page's tabs and certainty levels, the AHP pair
    ids and codes): passed in, so this module knows no page."""

    tabs: tuple[str, ...]
    certainties: tuple[str, ...]
    judgement_pairs: tuple[str, ...]
    judgement_codes: tuple[int, ...]


@dataclass(frozen=True)
class DecodedLink:
    answers: Answers
    method: str
    normalization: str | None
    problems: tuple[LinkProblem, ...]
    weights: Importance | None = None
    view: PageView = PageView()


def _number(value: float) -> str:
    """``30.0`` -> ``30``, ``12.5`` -> ``12.5``: the shortest text that reads back the same."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def format_weights(importance: Mapping[str, float]) -> str:
    """``modality=30;efficiency=20;...`` in the criteria order (the mapping's order)."""
    return ";".join(f"{c}={_number(value)}" for c, value in importance.items())


def parse_weights(
    text: str, criteria: tuple[str, ...]
) -> tuple[Importance | None, LinkProblem | None]:
    """What-if weights from a link: every criterion once, numbers 0-100, not all zero.

    Empty text means no what-if weights. Anything else that does not fit is a problem, and the
    weights from the answers apply.
    """
    if text == "":
        return None, None
    found: Importance = {}
    problem = None
    for part in text.split(";"):
        name, separator, value = part.partition("=")
        name = name.strip()
        if not separator or name not in criteria:
            problem = f"{clip(repr(part), 40)} is not criterion=number"
            break
        if name in found:
            problem = f"{name} is given twice"
            break
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or not IMPORTANCE_MIN <= number <= IMPORTANCE_MAX:
            problem = f"{name} must be a number from 0 to 100; got {clip(repr(value), 30)}"
            break
        found[name] = number
    else:
        missing = [c for c in criteria if c not in found]
        if missing:
            problem = f"missing {', '.join(missing)}"
        elif not any(found.values()):
            problem = "at least one weight must be above 0"
    if problem is not None:
        return None, LinkProblem(
            WEIGHTS_PARAM,
            clip(
                f"{problem}, so the weights from the answers apply (expected e.g. "
                f"{WEIGHTS_EXAMPLE})",
                240,
            ),
        )
    return {c: found[c] for c in criteria}, None


def encode_view(view: PageView) -> dict[str, str]:
    """The view's parameters, only those that differ from the page's defaults."""
    params = {}
    if view.tab:
        params[TAB_PARAM] = view.tab
    if view.certainty:
        params[CERTAINTY_PARAM] = view.certainty
    if view.pair:
        params[PAIR_PARAM] = ";".join(view.pair)
    if view.judgements:
        params[AHP_PARAM] = ";".join(f"{k}={v}" for k, v in view.judgements.items())
    return params


def _parse_judgements(
    text: str, options: ViewOptions
) -> tuple[dict[str, int] | None, LinkProblem | None]:
    found: dict[str, int] = {}
    for part in text.split(";"):
        pair, separator, value = part.partition("=")
        code = int(value) if value.strip().lstrip("-").isdigit() else None
        if not separator or pair not in options.judgement_pairs or code is None:
            problem = f"{clip(repr(part), 40)} is not a criteria pair=judgement"
        elif code not in options.judgement_codes or pair in found:
            problem = f"{clip(repr(part), 40)}: a judgement is given twice or off the scale"
        else:
            found[pair] = code
            continue
        return None, LinkProblem(AHP_PARAM, f"{problem}, so every pair starts unanswered")
    return found, None


def decode_view(
    params: Mapping[str, str], options: ViewOptions
) -> tuple[PageView, list[LinkProblem]]:
    """The view a link carries; a bad part takes the page's default and is reported."""
    problems = []
    tab, problem = _choice(params, TAB_PARAM, options.tabs, "")
    problems += [problem] if problem else []
    certainty, problem = _choice(params, CERTAINTY_PARAM, options.certainties, "")
    problems += [problem] if problem else []
    pair = None
    text = params.get(PAIR_PARAM, "")
    if text:
        parts = tuple(text.split(";"))
        if len(parts) == 2 and parts[0] != parts[1] and all(len(p) <= 200 for p in parts):
            pair = (parts[0], parts[1])
        else:
            problems.append(
                LinkProblem(PAIR_PARAM, "expected two different solutions joined by ';'")
            )
    judgements, problem = (None, None)
    if params.get(AHP_PARAM):
        judgements, problem = _parse_judgements(params[AHP_PARAM], options)
    problems += [problem] if problem else []
    view = PageView(tab or None, certainty or None, pair, judgements)
    return view, problems


def encode_query(
    raw_answers: Mapping[str, Any],
    method: str,
    normalization: str | None,
    weights: Mapping[str, float] | None = None,
    view: PageView | None = None,
) -> dict[str, str]:
    """Query parameters for answers in JSON form (possibly not yet valid, e.g. no output chosen),
    when set the what-if weights, and what the page shows beyond its defaults."""
    params = {name: format_flat(raw_answers.get(name)) for name in ANSWER_FIELDS}
    params[METHOD_PARAM] = method
    if get_method(method).normalizations and normalization:
        params[NORMALIZATION_PARAM] = normalization
    if weights is not None:
        params[WEIGHTS_PARAM] = format_weights(weights)
    if view is not None:
        params.update(encode_view(view))
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


UNKNOWN_PARAMS = "other parameters"
UNKNOWN_SHOWN = 8


def unknown_parameters_problem(names: list[str]) -> LinkProblem:
    """One line for every parameter the advisor does not know, however many a link carries."""
    shown = ", ".join(clip(repr(name), 40) for name in names[:UNKNOWN_SHOWN])
    more = len(names) - UNKNOWN_SHOWN
    listed = f"{shown} and {more} more" if more > 0 else shown
    return LinkProblem(UNKNOWN_PARAMS, f"ignored, not part of the questionnaire: {listed}")


def _fit_and_fill(kb: KnowledgeBase, answer_params: dict[str, str]) -> list[LinkProblem]:
    """The two things a link decoder would otherwise do without a word: text over its limit keeps
    what fits (characters counted as everywhere, see ``ui.common.fields.fit_text``), and a
    required list given empty (``output_modalities=``) takes the suggested choices. Both are
    reported; ``answer_params`` is changed in place."""
    problems = []
    for question in kb.questions:
        value = answer_params.get(question.id)
        if not isinstance(value, str):
            continue
        if question.kind == "text":
            kept, cut = fit_text(question, value)
            if cut:
                answer_params[question.id] = kept
                problems.append(
                    LinkProblem(
                        question.id,
                        f"is {len(value):,} characters long, more than the "
                        f"{question.max_length:,} allowed, so the first {len(kept):,} are kept",
                    )
                )
        elif question.kind == "multi" and question.required and not value.strip(" ;"):
            suggested = ", ".join(question.suggested or ())
            problems.append(
                LinkProblem(
                    question.id,
                    f"is empty, but at least one is needed, so the suggested {suggested} is "
                    "selected; choose on the questionnaire",
                )
            )
    return problems


def decode_query(
    kb: KnowledgeBase, params: Mapping[str, str], options: ViewOptions | None = None
) -> DecodedLink:
    """Answers, method, normalisation, what-if weights and (given the page's options) the view
    from a link; bad parts take their defaults (for the weights: none, so the answers set them)."""
    own = (METHOD_PARAM, NORMALIZATION_PARAM, WEIGHTS_PARAM, *VIEW_PARAMS)
    answer_params = {k: v for k, v in params.items() if k not in own}
    problems = _fit_and_fill(kb, answer_params)
    answers, errors = parse_flat_answers_leniently(kb, answer_params)
    problems += [
        LinkProblem(clip(e.field, 60), clip(e.message, 240))
        for e in errors
        if e.field in ANSWER_FIELDS
    ]
    unknown = [e.field for e in errors if e.field not in ANSWER_FIELDS]
    if unknown:
        problems.append(unknown_parameters_problem(unknown))
    method, problem = _choice(params, METHOD_PARAM, tuple(METHODS), DEFAULT_METHOD)
    problems += [problem] if problem else []
    offered = get_method(method).normalizations
    normalization: str | None = None
    if offered:
        normalization, problem = _choice(params, NORMALIZATION_PARAM, offered, offered[0])
        problems += [problem] if problem else []
    weights, problem = parse_weights(params.get(WEIGHTS_PARAM, ""), kb.criterion_ids)
    problems += [problem] if problem else []
    view = PageView()
    if options is not None:
        view, view_problems = decode_view(params, options)
        problems += view_problems
    return DecodedLink(answers, method, normalization, tuple(problems), weights, view)


NOTICE_PARAM = guard.NOTICE_PARAM
"""What the server in front of the app did with an odd address (``ui.common.guard``); not a link field."""
PAGE_NAMES = {
    "/": "the questionnaire",
    "/recommendation": "the recommendation",
    "/knowledge-base": "the knowledge base",
}


def describe_notice(notice: str) -> str | None:
    """A sentence (plain text, to be escaped) for a server ``notice``, or None if it is not one.

    ``moved:/recommendation/x`` (an address that is no page, sent to the page it names),
    ``dropped:parameters:1203`` or ``dropped:characters:600000`` (a link over Streamlit's caps,
    whose query was ignored).
    """
    kind, _, detail = notice.partition(":")
    if kind == "moved" and detail.strip("/") == guard.QUESTIONNAIRE_NAME:
        return (
            f"The questionnaire is the advisor's first page, at /, so {clip(detail, 40)} brought "
            "you here; whatever the link carried is kept."
        )
    if kind == "moved" and detail.startswith("/"):
        where = PAGE_NAMES.get(guard.page_for(detail), "the questionnaire")
        return (
            f"The address {clip(detail, 120)} is not a page of the advisor, so you are on "
            f"{where} instead; whatever the link carried is kept."
        )
    if kind == "dropped":
        what, _, count = detail.partition(":")
        limits = {"parameters": guard.MAX_QUERY_FIELDS, "characters": guard.MAX_QUERY_CHARS}
        if what in limits and count.isdigit():
            return (
                f"This link had {int(count):,} {what}, more than the {limits[what]:,} a link may "
                "carry, so none of it could be read: the answers start from the defaults."
            )
    return None


def share_url(base_url: str | None, params: Mapping[str, str]) -> str:
    """The link to share: the page URL (when the browser told us) plus the encoded query string."""
    query = urlencode(dict(params), quote_via=quote, safe="")
    return f"{base_url or ''}?{query}"
