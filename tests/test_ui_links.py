"""Shareable links (ui/common/links.py), pure: round trip, lenient decoding, the URL itself, what-if
weights. Answer sets come from the questionnaire definition (tests/support.py), so a field or a
choice added to data/ is round-tripped without touching this file."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import answer_objects, method_choices

from scoring.answers import Answers, default_answers, parse_answers
from scoring.knowledge import default_knowledge_base
from scoring.knowledge.checks.questionnaire import ANSWER_FIELDS
from scoring.methods import DEFAULT_METHOD, METHODS
from ui.common.links import (
    UNKNOWN_PARAMS,
    PageView,
    decode_query,
    decode_view,
    encode_query,
    format_weights,
    is_link,
    parse_weights,
    share_url,
)
from ui.common.page_view import view_options

KB = default_knowledge_base()
CRITERIA = KB.criterion_ids
answers_strategy = answer_objects(KB).map(lambda raw: parse_answers(KB, raw))


def through_url(params: dict[str, str]) -> dict[str, str]:
    """What a browser gives back after the link was encoded into a URL and opened."""
    return dict(parse_qsl(urlsplit(share_url("http://h/p", params)).query, keep_blank_values=True))


@settings(max_examples=150, deadline=None)
@given(answers_strategy, st.sampled_from(method_choices()))
def test_round_trip_through_a_url(answers: Answers, choice: tuple[str, str | None]) -> None:
    method, normalization = choice
    params = encode_query(answers.to_dict(), method, normalization)
    decoded = decode_query(KB, through_url(params))
    assert decoded.problems == ()
    assert decoded.answers == answers
    assert decoded.method == method
    assert decoded.normalization == normalization


def test_every_answers_field_and_the_method_are_parameters() -> None:
    params = encode_query(default_answers(KB).to_dict(), "wsm", None)
    assert list(params) == [*ANSWER_FIELDS, "method"]
    assert params["output_modalities"] == "text"
    assert params["monthly_requests"] == ""
    assert params["priorities"] == ""
    topsis = encode_query(default_answers(KB).to_dict(), "topsis", "minmax")
    assert topsis["normalization"] == "minmax"
    assert "normalization" not in encode_query(default_answers(KB).to_dict(), "wsm", "minmax")


def test_lists_counts_and_priorities_use_the_flat_form() -> None:
    answers = parse_answers(
        KB,
        {
            "output_modalities": ["image", "text"],
            "monthly_requests": 1_500_000,
            "priorities": {"cost": 5, "accuracy": 2},
        },
    )
    params = encode_query(answers.to_dict(), "wsm", None)
    assert params["output_modalities"] == "text;image"
    assert params["monthly_requests"] == "1500000"
    assert params["priorities"] == "modality=1;efficiency=1;accuracy=2;data_privacy=1;cost=5"


def test_an_unfinished_questionnaire_still_encodes() -> None:
    raw = default_answers(KB).to_dict() | {"output_modalities": []}
    assert encode_query(raw, "wsm", None)["output_modalities"] == ""


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ({"volume": "huge"}, {"volume"}),
        ({"output_modalities": "banana"}, {"output_modalities"}),
        ({"tasks": "write_poems"}, {"tasks"}),
        ({"monthly_requests": "abc"}, {"monthly_requests"}),
        ({"monthly_requests": "0"}, {"monthly_requests"}),
        ({"monthly_requests": str(10**9 + 1)}, {"monthly_requests"}),
        ({"monthly_requests": "2.5"}, {"monthly_requests"}),
        ({"priorities": "cost=9"}, {"priorities"}),
        ({"priorities": "cost"}, {"priorities"}),
        ({"method": "magic"}, {"method"}),
        ({"method": "topsis", "normalization": "zscore"}, {"normalization"}),
        ({"nonsense": "1", "budget": "lots"}, {UNKNOWN_PARAMS, "budget"}),
    ],
)
def test_bad_fields_are_reported_and_take_their_defaults(
    query: dict[str, str], fields: set[str]
) -> None:
    decoded = decode_query(KB, query)
    assert {p.field for p in decoded.problems} == fields
    defaults = default_answers(KB)
    for field in fields & set(ANSWER_FIELDS):
        assert getattr(decoded.answers, field) == getattr(defaults, field)
    assert decoded.method in METHODS


def test_over_long_text_keeps_what_fits_and_is_reported() -> None:
    decoded = decode_query(KB, {"organization": "x" * 201})
    assert decoded.answers.organization == "x" * 200
    assert [p.field for p in decoded.problems] == ["organization"]
    assert "first 200 are kept" in decoded.problems[0].message


def test_good_fields_survive_next_to_bad_ones() -> None:
    decoded = decode_query(
        KB,
        {"volume": "huge", "budget": "enterprise", "monthly_requests": "77", "method": "topsis"},
    )
    assert decoded.answers.budget == "enterprise"
    assert decoded.answers.monthly_requests == 77
    assert decoded.method == "topsis"
    assert [p.field for p in decoded.problems] == ["volume"]


def test_a_version_1_link_without_the_new_fields_decodes_cleanly() -> None:
    old = encode_query(default_answers(KB).to_dict(), "topsis", "vector")
    del old["monthly_requests"]
    decoded = decode_query(KB, old)
    assert decoded.problems == ()
    assert decoded.answers.monthly_requests is None
    assert decoded.method == "topsis"


def test_problem_messages_are_clipped() -> None:
    decoded = decode_query(
        KB, {"industry": "x" * 10_000, "monthly_requests": "9" * 5_000, "y" * 500: "1"}
    )
    assert len(decoded.problems) == 3
    assert all(len(p.message) <= 240 and len(p.field) <= 60 for p in decoded.problems)


def test_is_link() -> None:
    assert not is_link({})
    assert not is_link({"utm_source": "mail"})
    assert is_link({"method": "wsm"})
    assert is_link({"volume": "low"})
    assert is_link({"monthly_requests": "10"})


def test_share_url_is_relative_without_a_host_and_encodes_everything() -> None:
    params = {"organization": "A&B = C;D?#", "method": "wsm"}
    relative = share_url(None, params)
    assert relative.startswith("?")
    assert "&B" not in relative and "#" not in relative
    assert dict(parse_qsl(relative[1:], keep_blank_values=True)) == params
    assert share_url("https://x.example/recommendation", params).startswith(
        "https://x.example/recommendation?organization=A%26B"
    )


def test_the_default_method_is_registered() -> None:
    assert DEFAULT_METHOD in METHODS
    assert decode_query(KB, {"volume": "low"}).method == DEFAULT_METHOD


# --- what-if weights ----------------------------------------------------------------------------


WEIGHTS = dict(zip(CRITERIA, (30, 20, 20, 15, 15), strict=True))


def test_weights_round_trip_through_a_url() -> None:
    params = encode_query(default_answers(KB).to_dict(), "wsm", None, WEIGHTS)
    assert params["weights"] == "modality=30;efficiency=20;accuracy=20;data_privacy=15;cost=15"
    decoded = decode_query(KB, through_url(params))
    assert decoded.problems == ()
    assert decoded.weights == WEIGHTS


def test_no_weights_means_no_parameter_and_none() -> None:
    params = encode_query(default_answers(KB).to_dict(), "wsm", None)
    assert "weights" not in params
    assert decode_query(KB, params).weights is None
    assert decode_query(KB, {**params, "weights": ""}).weights is None
    assert is_link({"weights": "modality=1"})


def test_weights_keep_decimals_and_any_order() -> None:
    parsed, problem = parse_weights(
        "cost=12.5;modality=0;efficiency=1;accuracy=2;data_privacy=3", CRITERIA
    )
    assert problem is None
    assert parsed == {
        "modality": 0,
        "efficiency": 1,
        "accuracy": 2,
        "data_privacy": 3,
        "cost": 12.5,
    }
    assert list(parsed) == list(CRITERIA)
    assert format_weights(parsed) == "modality=0;efficiency=1;accuracy=2;data_privacy=3;cost=12.5"


def test_weights_follow_the_knowledge_bases_criteria() -> None:
    six = (*CRITERIA, "explainability")
    text = format_weights({**WEIGHTS, "explainability": 10})
    parsed, problem = parse_weights(text, six)
    assert problem is None and parsed is not None and parsed["explainability"] == 10
    parsed, problem = parse_weights(format_weights(WEIGHTS), six)
    assert parsed is None and problem is not None
    assert "missing explainability" in problem.message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("modality=30", "missing efficiency"),
        ("modality=30;efficiency=20;accuracy=20;data_privacy=15", "missing cost"),
        ("modality=0;efficiency=0;accuracy=0;data_privacy=0;cost=0", "at least one"),
        ("modality=101;efficiency=20;accuracy=20;data_privacy=15;cost=15", "0 to 100"),
        ("modality=-1;efficiency=20;accuracy=20;data_privacy=15;cost=15", "0 to 100"),
        ("modality=nan;efficiency=20;accuracy=20;data_privacy=15;cost=15", "0 to 100"),
        ("modality=inf;efficiency=20;accuracy=20;data_privacy=15;cost=15", "0 to 100"),
        ("modality=abc;efficiency=20;accuracy=20;data_privacy=15;cost=15", "0 to 100"),
        ("modality=1;modality=2;efficiency=20;accuracy=20;data_privacy=15;cost=15", "twice"),
        ("speed=1;efficiency=20;accuracy=20;data_privacy=15;cost=15", "criterion=number"),
        ("modality;efficiency=20", "criterion=number"),
        (";;;", "criterion=number"),
        ("<script>" * 200, "criterion=number"),
    ],
    ids=lambda value: repr(value)[:40],
)
def test_bad_weights_are_a_problem_and_fall_back(text: str, says: str) -> None:
    decoded = decode_query(KB, {"weights": text, "budget": "enterprise"})
    assert decoded.weights is None
    assert [p.field for p in decoded.problems] == ["weights"]
    message = decoded.problems[0].message
    assert says in message
    assert "weights from the answers apply" in message
    assert len(message) <= 240
    assert decoded.answers.budget == "enterprise", "the answers are unaffected"


def test_unknown_parameters_are_one_short_problem_however_many() -> None:
    params = {f"junk{i}": "1" for i in range(300)}
    decoded = decode_query(KB, {**params, "volume": "high"})
    assert decoded.answers.volume == "high"
    assert len(decoded.problems) == 1
    problem = decoded.problems[0]
    assert problem.field == UNKNOWN_PARAMS
    assert "'junk0'" in problem.message and "and 292 more" in problem.message
    assert len(problem.message) < 300


# --- what the page shows beyond the answers -------------------------------------------------------

OPTIONS = view_options(KB)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from((None, *OPTIONS.tabs)),
    st.sampled_from((None, *OPTIONS.certainties)),
    st.one_of(st.none(), st.tuples(st.sampled_from(("a:x", "b:y+c:z")), st.just("d:w"))),
    st.one_of(
        st.none(),
        st.dictionaries(
            st.sampled_from(OPTIONS.judgement_pairs),
            st.sampled_from(OPTIONS.judgement_codes),  # "equal" (1) is an answer too
            min_size=1,
        ),
    ),
)
def test_the_view_round_trips_through_a_url(tab, certainty, pair, judgements) -> None:
    view = PageView(tab, certainty, pair, judgements)
    params = through_url(encode_query(default_answers(KB).to_dict(), "wsm", None, None, view))
    decoded = decode_query(KB, params, OPTIONS)
    assert decoded.view == view
    assert not decoded.problems


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"tab": "secrets"}, "tab"),
        ({"certainty": "100%"}, "certainty"),
        ({"pair": "only-one"}, "pair"),
        ({"pair": "same;same"}, "pair"),
        ({"ahp": "modality__cost=10"}, "ahp"),
        ({"ahp": "nonsense"}, "ahp"),
        ({"ahp": "modality__cost=3;modality__cost=5"}, "ahp"),
    ],
)
def test_a_bad_view_part_takes_its_default_and_is_named(params, field) -> None:
    view, problems = decode_view(params, OPTIONS)
    assert [p.field for p in problems] == [field]
    assert view == PageView()
