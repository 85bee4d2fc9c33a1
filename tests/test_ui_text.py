"""Markdown escaping and number formats (ui/common/text.py), pure."""

from __future__ import annotations

import re
import string

from hypothesis import given
from hypothesis import strategies as st
from support import unescape

from ui.common.text import ELLIPSIS, clip, md, percent, points


@given(st.text())
def test_escaped_text_reads_back_as_the_original_on_one_line(text: str) -> None:
    assert unescape(md(text)) == " ".join(text.splitlines())


@given(st.text())
def test_no_punctuation_is_left_unescaped(text: str) -> None:
    escaped = iter(md(text))
    for char in escaped:
        if char == "\\":
            assert next(escaped) in string.punctuation
        else:
            assert char not in string.punctuation, char


def test_markup_of_every_kind_is_neutralised() -> None:
    hostile = "**b** [l](javascript:x) ![i](u) <script> $x$ :red[r] `c` # h\n- item | t |"
    escaped = md(hostile)
    assert "\n" not in escaped
    for token in ("**", "[l]", "](", "<script>", "$x$", ":red[", "`c`", "# h"):
        assert not re.search(r"(?<!\\)" + re.escape(token), escaped), token
    assert escaped.startswith("\\*\\*b\\*\\* \\[l\\]")


def test_plain_words_are_unchanged() -> None:
    assert md("Hosted LLM API") == "Hosted LLM API"
    assert md("Text LLM, public API + image generation") == (
        "Text LLM\\, public API \\+ image generation"
    )
    assert md("Übersetzung 東京") == "Übersetzung 東京"


def test_clip() -> None:
    assert clip("short") == "short"
    assert clip("x" * 20, 20) == "x" * 20
    long = clip("x" * 500, 20)
    assert len(long) == 20 and long.endswith(ELLIPSIS)


def test_number_formats() -> None:
    assert percent(0.314) == "31 %"
    assert percent(1.0) == "100 %"
    assert points(80.06) == "80.1"
    assert points(0) == "0.0"


def test_a_price_in_a_sentence_is_not_latex() -> None:
    escaped = md("from $0.15 to $2 per 1M tokens")
    assert not re.search(r"(?<!\\)\$", escaped)


def test_clip_at_a_word_keeps_whole_words_and_marks_the_cut() -> None:
    text = "Both articles list the same language tasks, for answering questions"
    assert clip(text, 30, at_word=True) == "Both articles list the same" + ELLIPSIS
    assert clip(text, 30) == text[:29] + ELLIPSIS
    assert clip(text, len(text), at_word=True) == text
