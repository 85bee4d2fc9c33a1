"""Markdown escaping and number formats (ui/text.py), pure."""

from __future__ import annotations

import re
import string

from hypothesis import given
from hypothesis import strategies as st

from ui.text import clip, md, percent, points


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


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
    assert md("Übersetzung 東京") == "Übersetzung 東京"


def test_clip() -> None:
    assert clip("short") == "short"
    long = clip("x" * 500, 20)
    assert len(long) == 20 and long.endswith("…")


def test_number_formats() -> None:
    assert percent(0.314) == "31 %"
    assert points(80.06) == "80.1"
