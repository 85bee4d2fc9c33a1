"""AppTest: over-long text and odd links say what they did; characters count the same everywhere.

A text longer than its field allows keeps what fits and the page says what was cut (the browser's
``max_chars`` used to drop such a paste without a word). Characters are Unicode code points in the
browser (checked on the server), in a link and on the command line alike, so 150 emoji fit a
200-character field everywhere.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scoring.answers import AnswersError, parse_answers
from scoring.knowledge import default_knowledge_base
from ui.common.fields import cut_message, fit_text
from ui.questionnaire.form import widget_key

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "pages" / "questionnaire.py"
KB = default_knowledge_base()
ORGANIZATION = KB.question("organization")
USE_CASE = KB.question("use_case")
EMOJI = "\N{GRINNING FACE}"


def open_page(query: dict[str, str] | None = None, path: Path = PAGE) -> AppTest:
    at = AppTest.from_file(str(path), default_timeout=60)
    if query is not None:
        at.query_params = dict(query)
    return at.run()


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_fit_text_keeps_the_first_characters_and_names_the_rest() -> None:
    assert fit_text(ORGANIZATION, "Acme") == ("Acme", "")
    kept, cut = fit_text(ORGANIZATION, "a" * 200 + "b" * 50)
    assert (kept, cut) == ("a" * 200, "b" * 50)
    message = cut_message(ORGANIZATION, kept, cut)
    assert "at most 200" in message and "had 250" in message and "last 50 were cut" in message
    assert fit_text(ORGANIZATION, EMOJI * 200) == (EMOJI * 200, "")


def test_an_over_long_paste_keeps_what_fits_and_says_what_was_cut() -> None:
    at = open_page()
    pasted = "Acme " * 49 + "Clinic"  # 251 characters
    at.text_input(key=widget_key("organization")).input(pasted).run()
    assert not at.exception
    assert at.session_state["answers"]["organization"] == pasted[:200]
    assert at.text_input(key=widget_key("organization")).value == pasted[:200]
    warnings = [unescape(w.value) for w in at.warning]
    assert any("51 were cut: “Acme Acme" in w for w in warnings), warnings
    assert at.query_params["organization"] == pasted[:200]
    # Fixing the text takes the message away.
    at.text_input(key=widget_key("organization")).input("Acme Clinic").run()
    assert not [w for w in at.warning if "were cut" in w.value]


def test_a_long_use_case_keeps_its_first_2000_characters() -> None:
    at = open_page()
    at.text_area(key=widget_key("use_case")).input("x" * 2500).run()
    assert at.session_state["answers"]["use_case"] == "x" * 2000
    assert any("500 were cut" in unescape(w.value) for w in at.warning)


def test_150_emoji_fit_a_200_character_field_in_the_browser_a_link_and_the_cli(
    tmp_path: Path,
) -> None:
    name = EMOJI * 150  # 150 code points, 300 UTF-16 units (what a browser's maxlength counts)
    at = open_page()
    at.text_input(key=widget_key("organization")).input(name).run()
    assert at.session_state["answers"]["organization"] == name
    assert not [w for w in at.warning if "were cut" in w.value]
    linked = open_page({"organization": name, "output_modalities": "text"})
    assert linked.session_state["answers"]["organization"] == name
    assert not linked.warning
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"organization": name, "output_modalities": ["text"]}))
    result = subprocess.run(
        [sys.executable, "-m", "scoring", "recommend", str(answers)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with pytest.raises(AnswersError, match="201 characters long; at most 200"):
        parse_answers(KB, {"organization": EMOJI * 201, "output_modalities": ["text"]})


def test_an_over_long_text_in_a_link_keeps_what_fits_and_says_so() -> None:
    at = open_page({"organization": "y" * 250, "output_modalities": "text"})
    assert at.session_state["answers"]["organization"] == "y" * 200
    warning = unescape(at.warning[0].value)
    assert "250 characters long, more than the 200 allowed, so the first 200 are kept" in warning


def test_an_empty_required_list_in_a_link_is_reported() -> None:
    at = open_page({"output_modalities": "", "volume": "low"})
    assert at.session_state["answers"]["output_modalities"] == ["text"]
    warning = unescape(at.warning[0].value)
    assert "output_modalities" in warning and "is empty" in warning and "suggested text" in warning
