"""Helpers several test modules share, defined once so they cannot drift apart."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from hypothesis import strategies as st

SCENARIOS_DIR = Path(__file__).resolve().parent / "scenarios"

TOSS_UP_FIELDS = {
    "output_modalities": ["text"],
    "tasks": ["draft_documents"],
    "data_sensitivity": "internal",
    "deployment": "cloud_ok",
    "budget": "substantial",
    "volume": "medium",
}
"""A text business where the public API and the enterprise cloud come out close: trust tests use
it for a recommendation that is not a foregone conclusion."""

ONLY_OPTION_FIELDS = {
    "output_modalities": ["audio"],
    "tasks": ["transcribe_speech", "speak_text"],
    "deployment": "must_be_on_premises",
    "budget": "moderate",
}
"""A business with a single qualifying solution (self-hosted speech AI)."""
NO_FIT_FIELDS = {"output_modalities": ["3d"], "input_modalities": ["3d"]}
"""A business no solution qualifies for."""

V2_TASKS = (
    "answer_from_company_documents",
    "extract_from_documents",
    "transcribe_speech",
    "speak_text",
    "classify_or_predict",
)
"""The tasks version 2 of SPEC added to the questionnaire."""

PRODUCT_KEYS = frozenset(
    {"name", "vendor", "licence", "commercial_use", "price", "price_unit", "price_date", "source"}
)
"""SPEC's keys of a named product in the JSON output and the report."""

# Saaty's "relative consumption of drinks in the United States" judgements, from Saaty,
# "Decision making with the analytic hierarchy process", Int. J. Services Sciences 1(1), 2008,
# pp. 83-98 (as transcribed in AHPy's test suite). Row item vs column item.
DRINKS = ("coffee", "wine", "tea", "beer", "soda", "milk", "water")
DRINKS_MATRIX = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]
DRINKS_WEIGHTS = {
    "water": 0.327,
    "soda": 0.190,
    "coffee": 0.177,
    "milk": 0.129,
    "beer": 0.116,
    "tea": 0.042,
    "wine": 0.019,
}
"""facts.md: the weights Saaty reports for the drinks judgements."""


def outputs_made_by(approaches: Any, inputs: Any) -> set[str]:
    """What approaches make from these inputs, read from the knowledge base's words one approach
    at a time: a generator (no ``makes``) all it writes, a tool that transforms content what it
    makes from a given input or, where that is enough, from its prompt. The oracle of
    ``scoring.solutions.outputs_made``."""
    made: set[str] = set()
    for approach in approaches:
        if not approach.makes:
            made |= set(approach.writes)
        for making in approach.makes:
            if making.from_prompt or set(inputs) & set(making.reads):
                made |= set(making.writes)
    return made


def inputs_used_by(approaches: Any, outputs: Any) -> set[str]:
    """The inputs approaches put to use for these required outputs: one reads the input and
    makes from it a required output or text (a transcript, a prompt) another part takes on. The
    oracle of ``scoring.solutions.inputs_used``."""
    wanted = set(outputs) | {"text"}
    used: set[str] = set()
    for approach in approaches:
        for source in approach.reads:
            made = (
                {w for m in approach.makes if source in m.reads for w in m.writes}
                if approach.makes
                else set(approach.writes)
            )
            if made & wanted:
                used.add(source)
    return used


def unescape_cell(value: Any) -> Any:
    """Undo the report's formula escaping (a leading ``'`` before a trigger character)."""
    if (
        isinstance(value, str)
        and value.startswith("'")
        and value[1:2] in ("=", "+", "-", "@", "\t", "\r", "\n")
    ):
        return value[1:]
    return value


def read_report(data: bytes, kb: Any = None) -> pd.DataFrame:
    """A CSV report (bytes with a BOM) as a DataFrame with the column ids the code uses (readable
    headers mapped back through ``kb``'s criterion names), text cells kept as text."""
    from scoring.knowledge import default_knowledge_base
    from scoring.report_headers import column_id

    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    names = {c.id: c.name for c in (kb or default_knowledge_base()).criteria}
    return frame.set_axis([column_id(h, names) for h in frame.columns], axis=1)


_LOADER = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)  # libyaml when built in: several times faster
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


def write_yaml(path: Path, data: Any) -> None:
    text = yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")


def add_sixth_criterion(data_dir: Path, criterion: str = "explainability") -> None:
    """Give a copied knowledge base a sixth, reviewed criterion that every component scores."""
    criteria = load_yaml(data_dir / "criteria.yaml")
    criteria["criteria"].append(
        {
            "id": criterion,
            "name": "Explainability",
            "short": "Explain",
            "kind": "reviewed",
            "computation": "weakest_component",
            "definition": "How well a person can see why the system produced its output.",
        }
    )
    write_yaml(data_dir / "criteria.yaml", criteria)
    model = load_yaml(data_dir / "model.yaml")
    model["base_points"]["values"][criterion] = 1
    write_yaml(data_dir / "model.yaml", model)
    for path in sorted((data_dir / "components").glob("*.yaml")):
        content = load_yaml(path)
        for n, component in enumerate(content["components"]):
            component["scores"][criterion] = {
                "value": 40 + 5 * (n % 5),
                "band": 15,
                "basis": "judgement",
                "rationale": "A test's made-up score for a sixth criterion.",
                "sources": [{"source": "team_judgement"}],
            }
        write_yaml(path, content)


# --- the command line, in process and as a real subprocess ------------------------------------------

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
CLOSED = object()
"""``stdin=CLOSED`` runs the command line with no standard input at all (``sys.stdin is None``)."""


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str
    stdout_bytes: bytes


def run_cli(*args: str, stdin: bytes | object | None = None) -> CliResult:
    """``python -m scoring ARGS`` in this process (``scoring.cli.main``): fast, same code path.

    Standard input, output and error are swapped for in-memory streams for the call; an argparse
    exit (``SystemExit``) becomes the return code, as it would in a real process.
    """
    from scoring.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    saved = (sys.stdin, sys.stdout, sys.stderr)
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    stderr = io.TextIOWrapper(err, encoding="utf-8", newline="\n")
    if stdin is CLOSED:
        sys.stdin = None  # type: ignore[assignment]
    else:
        data = stdin if isinstance(stdin, bytes) else b""
        sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    sys.stdout, sys.stderr = stdout, stderr
    try:
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        stdout.flush()
        stderr.flush()
        raw_out, raw_err = out.getvalue(), err.getvalue()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return CliResult(
        code, raw_out.decode("utf-8", "replace"), raw_err.decode("utf-8", "replace"), raw_out
    )


def run_module(
    *args: str,
    stdin: bytes | None = None,
    close_stdin: bool = False,
    env: dict[str, str] | None = None,
) -> CliResult:
    """``python -m scoring ARGS`` as a real subprocess, from the repository root; with
    ``close_stdin`` the process starts with file descriptor 0 closed; ``env`` replaces the
    environment (e.g. to set ``ADVISOR_DATA_DIR``)."""
    options: dict[str, Any] = {"input": stdin}
    if close_stdin:
        options = {"stdin": subprocess.DEVNULL, "preexec_fn": lambda: os.close(0)}
    if env is not None:
        options["env"] = env
    result = subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        cwd=REPO,
        capture_output=True,
        timeout=120,
        check=False,
        **options,
    )
    return CliResult(
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
        result.stdout,
    )


def assert_bad_input(result: CliResult, *needles: str) -> str:
    """SPEC, Command line: exit status 2 and one line on stderr (naming ``needles``), no traceback.

    Returns the line.
    """
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def method_choices() -> list[tuple[str, str | None]]:
    """Every registered method with each normalisation it offers (None when it needs none)."""
    from scoring.methods import METHODS

    return [(m.name, n) for m in METHODS.values() for n in (m.normalizations or (None,))]


# --- hypothesis: any valid answer set, from the questionnaire definition ---------------------------


def field_strategies(kb: Any, list_size: int = 3) -> dict[str, st.SearchStrategy[Any]]:
    """One strategy per questionnaire field, from its kind, choices and limits, so a field or a
    choice added to data/questionnaire.yaml is covered without touching the tests."""
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for q in kb.questions:
        ids = [c.id for c in q.choices]
        if q.kind == "choice":
            fields[q.id] = st.sampled_from(ids)
        elif q.kind == "multi":
            fields[q.id] = st.lists(
                st.sampled_from(ids), min_size=1 if q.required else 0, max_size=list_size
            )
        elif q.kind == "text":
            fields[q.id] = st.text(max_size=20)
        elif q.kind == "count":
            fields[q.id] = st.none() | st.integers(q.min, q.max)
        elif q.kind == "priorities":
            fields[q.id] = st.none() | st.dictionaries(
                st.sampled_from(kb.criterion_ids), st.integers(q.min, q.max), min_size=1
            )
        else:  # pragma: no cover - a new kind of question needs a strategy here
            raise AssertionError(f"no strategy for question kind {q.kind!r} ({q.id})")
    return fields


def answer_objects(kb: Any, list_size: int = 3) -> st.SearchStrategy[dict[str, Any]]:
    """Raw JSON answers objects: the required fields always, the others sometimes."""
    fields = field_strategies(kb, list_size)
    required = {q.id: fields.pop(q.id) for q in kb.questions if q.required}
    return st.fixed_dictionaries(required, optional=fields)


# --- knowledge-base copies: break one thing, load, read the message -------------------------------


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    """Load a YAML data file, let ``change`` mutate it in place, and write it back."""
    data = load_yaml(path)
    change(data)
    write_yaml(path, data)


def corrupt(data_dir: Path, file: str, old: str, new: str) -> None:
    """Replace the first ``old`` in a data file's text by ``new`` (``old`` must be there)."""
    path = data_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def knowledge_base_error(data_dir: Path) -> str:
    """The one-line message of loading a knowledge base that must fail to load."""
    import pytest

    from scoring.knowledge import KnowledgeBaseError, load_knowledge_base

    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(data_dir)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message, message
    return message


# --- answer sets and recommendations --------------------------------------------------------------


def sample_answers(kb: Any, count: int, seed: int = 0, **fixed: Any) -> list[Any]:
    """``count`` valid answer sets drawn with a seeded generator from the questionnaire definition
    (every kind of field, the new ``monthly_requests`` included); ``fixed`` fields are kept."""
    import numpy as np

    from scoring.answers import parse_answers

    rng = np.random.default_rng(seed)
    sets = []
    for _ in range(count):
        raw: dict[str, Any] = {}
        for q in kb.questions:
            ids = [c.id for c in q.choices]
            if q.kind == "choice":
                raw[q.id] = str(rng.choice(ids))
            elif q.kind == "multi":
                size = int(rng.integers(1 if q.required else 0, 4))
                raw[q.id] = [str(v) for v in rng.choice(ids, size=size, replace=False)]
            elif q.kind == "count" and rng.random() < 0.3:
                raw[q.id] = int(10 ** rng.uniform(np.log10(q.min), 7))
            elif q.kind == "priorities" and rng.random() < 0.2:
                raw[q.id] = {c: int(rng.integers(q.min, q.max + 1)) for c in kb.criterion_ids}
        raw.update(fixed)
        sets.append(parse_answers(kb, raw))
    return sets


def by_option(recommendation: Any) -> dict[str, Any]:
    """A recommendation's ranked solutions keyed by solution id."""
    return {r.option: r for r in recommendation.ranking}


# --- pages under AppTest ----------------------------------------------------------------------------

APP_FILE = REPO / "app.py"
PAGES_DIR = REPO / "pages"


def unescape(markdown: str) -> str:
    """Undo ``ui.common.text.md`` (a backslash before each punctuation mark) to compare shown text
    with knowledge-base or engine text."""
    import re

    return re.sub(r"\\(.)", r"\1", markdown)


def open_page(
    page: str = "recommendation",
    query: dict[str, str] | None = None,
    *,
    answers: Any = None,
    method: str = "wsm",
    normalization: str | None = None,
    weights: dict[str, float] | None = None,
    context: dict[str, Any] | None = None,
    tab: str | None = None,
) -> Any:
    """Run one page (``pages/<page>.py``, or ``"app"`` for the entry point) under AppTest, with a
    link made from ``answers`` (validated ``Answers``) or with a raw ``query``, opened on ``tab``
    (an id of ``ui.common.page_view.TABS``); returns the AppTest after its first run."""
    from streamlit.testing.v1 import AppTest

    from ui.common.links import encode_query

    script = APP_FILE if page == "app" else PAGES_DIR / f"{page}.py"
    at = AppTest.from_file(str(script), default_timeout=60)
    if answers is not None:
        at.query_params = encode_query(answers.to_dict(), method, normalization, weights)
    if query is not None:
        at.query_params = dict(query)
    if tab is not None:  # the recommendation page's tab, as a link names it
        at.query_params = {**at.query_params, "tab": tab}
    if context is not None:
        at.context = context
    return at.run()


def show_tab(at: Any, tab: str) -> Any:
    """Open a tab of the recommendation page (``ui.common.page_view.TABS`` id) as a click does,
    and rerun; only the open tab is drawn."""
    from ui.common import state
    from ui.common.page_view import TABS
    from ui.recommendation.view import TAB_WIDGET

    at.session_state[state.TAB] = tab
    at.session_state[TAB_WIDGET] = TABS[tab]
    return at.run()


def page_text(at: Any) -> str:
    """Every text element of a page run (headings, markdown, captions, alerts), unescaped."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "warning", "error", "info")
    return "\n".join(unescape(str(e.value)) for kind in kinds for e in at.get(kind))


def use_data_dir(monkeypatch: Any, folder: Path) -> None:
    """Point the pages at another knowledge-base folder (``ADVISOR_DATA_DIR``, as the app reads
    it) and drop the cached knowledge base so the next run loads it."""
    import streamlit

    from scoring.knowledge import DATA_DIR_ENV

    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    streamlit.cache_resource.clear()


def record_downloads(monkeypatch: Any) -> list[dict[str, Any]]:
    """Record the download buttons' deferred files (``data=`` a callable, built only when clicked)
    as the page registers them: ``{"build", "mimetype", "file_name"}``; call ``build()`` for the
    bytes a click would download."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    captured: list[dict[str, Any]] = []
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        captured.append({"build": data_callable, "mimetype": mimetype, "file_name": file_name})
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return captured


LINK_WARNING_ICON = ":material/link_off:"


def link_warnings(at: Any) -> list[str]:
    """The warnings about a link's bad values (unescaped), not the page's other warnings (such as
    the how-sure verdict of a toss-up)."""
    return [unescape(w.value) for w in at.warning if w.icon == LINK_WARNING_ICON]
