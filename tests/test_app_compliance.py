"""The Why tab names the legal duties that apply to the recommended solution (data/compliance.yaml),
and only those: a chatbot's disclosure duty where the business chats with customers, none for an
internal summariser."""

from __future__ import annotations

from collections.abc import Callable
from html import unescape

from support import open_page

from scoring.answers import Answers

MakeAnswers = Callable[..., Answers]


def _compliance_text(at) -> str:
    expanders = [e for e in at.expander if str(e.label).startswith("Compliance notes")]
    text = "\n".join(str(m.value) for e in expanders for m in e.markdown)
    return unescape(text).replace("\\", "")  # markdown escapes off: the words a reader sees


def test_a_customer_chatbot_is_told_to_disclose_it_is_an_ai(answers: MakeAnswers) -> None:
    at = open_page(answers=answers(tasks=["chat_with_customers"], industry="retail_ecommerce"))
    assert not at.exception
    text = _compliance_text(at)
    assert "Art. 50" in text and "talking to an AI" in text


def test_an_internal_summariser_gets_no_chatbot_duty(answers: MakeAnswers) -> None:
    at = open_page(answers=answers(tasks=["summarize_documents"], industry="manufacturing"))
    assert not at.exception
    assert "talking to an AI" not in _compliance_text(at)
    risks = [str(m.value) for e in at.expander if e.label == "Main risks" for m in e.markdown]
    assert not any("talking to AI" in r for r in risks), "the duty is conditional, not a risk"
