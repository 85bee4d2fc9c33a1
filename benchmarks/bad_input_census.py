"""Census of bad input, and load: every class of bad input tried against the real thing.

Run: ``.venv/bin/python benchmarks/bad_input_census.py [--sessions 40] [--json PATH]``

Five classes of bad input, each case tried for real and judged by what a person would see:

- **links**: tampered, over-long, over-cap, empty, odd-path and markup links opened in headless
  Chromium against ``streamlit run serve.py`` (as ``scripts/run-app.sh`` runs it). Failed: an
  exception or JavaScript error on the page, a blank page, a script dialog, or a changed or dropped
  value without a message.
- **typed input**: over-long pastes, emoji, markup, formulas, invisible characters and fast
  typing in the questionnaire. Failed: the same, or input lost.
- **CSV**: batch files with carriage returns, stray or unclosed quotes, NUL, BOMs, other encodings,
  huge cells, bad headers. Failed: a traceback, not exit status 0 or 2 with one line on stderr, or
  an output whose row count is not the number of input records.
- **knowledge base**: a copy of ``data/`` with one file corrupted. Failed: it loads anyway, or the
  error is not one line naming the file (a traceback counts).
- **CLI**: bad arguments, files, JSON and output streams. Failed: a traceback, or not exit status 2
  with one line on stderr (0 and nothing for a reader that stops early).

Load: ``--sessions`` browser sessions open a recommendation link at once, then all switch the
method at once; reports how many were held with 0 errors and the server's CPU time per session
(user + system time of the server process, from /proc, divided by the sessions).

Prints one line per class ("tried N, failed M"), every failure with its reason, and the load line.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scoring.knowledge import DATA_DIR, KnowledgeBaseError, load_knowledge_base  # noqa: E402
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402

TIMEOUT_MS = 60_000
EXAMPLE = REPO_ROOT / "examples" / "clinic_documentation.json"
EMOJI = "\N{GRINNING FACE}"
OUTPUTS_QUESTION = "What must the system produce?"


@dataclass
class Case:
    kind: str
    name: str
    failed: bool
    why: str = ""


# --- helpers ----------------------------------------------------------------------------------------


def run_cli(*args: str, stdin: bytes | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        cwd=kwargs.pop("cwd", REPO_ROOT),
        input=stdin,
        capture_output=kwargs.pop("capture", True),
        timeout=120,
        **kwargs,
    )


def judge_exit(result: subprocess.CompletedProcess, expected: int = 2) -> str:
    """Why a command-line result is wrong ("" when it is right)."""
    stderr = (result.stderr or b"").decode("utf-8", "replace")
    if "Traceback" in stderr or "Exception ignored" in stderr:
        return "traceback: " + stderr.strip().splitlines()[-1][:120]
    if result.returncode != expected:
        return f"exit {result.returncode}, expected {expected}: {stderr.strip()[:120]}"
    lines = stderr.strip().splitlines()
    if expected == 2 and len(lines) != 1:
        return f"{len(lines)} lines on stderr"
    if expected == 0 and lines:
        return f"stderr not empty: {lines[0][:120]}"
    return ""


# --- CLI --------------------------------------------------------------------------------------------


def census_cli(tmp: Path) -> list[Case]:
    good_json = EXAMPLE.read_bytes()
    (tmp / "nested.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp / "bigint.json").write_text('{"monthly": ' + "9" * 5000 + "}")
    (tmp / "surrogate.json").write_text(
        '{"organization": "A\\ud800", "output_modalities": ["text"]}'
    )
    (tmp / "unknown.json").write_text('{"colour": "red", "output_modalities": ["text"]}')
    (tmp / "latin1.json").write_bytes('{"organization": "Café"}'.encode("latin-1"))
    (tmp / "list.json").write_text("[1, 2]")
    (tmp / "empty.json").write_text("")
    cases: list[tuple[str, Callable[[], str]]] = [
        ("no arguments", lambda: judge_exit(run_cli())),
        ("unknown command", lambda: judge_exit(run_cli("frobnicate"))),
        ("unknown option", lambda: judge_exit(run_cli("recommend", str(EXAMPLE), "--colour"))),
        ("bad --method", lambda: judge_exit(run_cli("recommend", str(EXAMPLE), "--method", "x"))),
        ("missing file", lambda: judge_exit(run_cli("recommend", str(tmp / "nope.json")))),
        ("a directory", lambda: judge_exit(run_cli("recommend", str(tmp)))),
        ("empty name", lambda: judge_exit(run_cli("recommend", ""))),
        ("empty file", lambda: judge_exit(run_cli("recommend", str(tmp / "empty.json")))),
        (
            "JSON nested 100,000 deep",
            lambda: judge_exit(run_cli("recommend", str(tmp / "nested.json"))),
        ),
        (
            "a 5,000-digit number",
            lambda: judge_exit(run_cli("recommend", str(tmp / "bigint.json"))),
        ),
        ("a JSON list", lambda: judge_exit(run_cli("recommend", str(tmp / "list.json")))),
        ("unknown field", lambda: judge_exit(run_cli("recommend", str(tmp / "unknown.json")))),
        ("latin-1 file", lambda: judge_exit(run_cli("recommend", str(tmp / "latin1.json")))),
        (
            "UTF-16 on stdin",
            lambda: judge_exit(
                run_cli("recommend", "-", stdin=good_json.decode().encode("utf-16"))
            ),
        ),
        (
            "lone surrogate, --format csv",
            lambda: judge_exit(
                run_cli("recommend", str(tmp / "surrogate.json"), "--format", "csv")
            ),
        ),
        ("stdin closed", lambda: judge_exit(_run_closed_stdin(["recommend", "-"]))),
    ]
    for command in (
        ["recommend", str(EXAMPLE)],
        ["batch", str(REPO_ROOT / "examples" / "batch.csv")],
    ):
        label = command[0]
        cases.append((f"{label} > /dev/full", lambda c=command: _to_dev_full(c)))
        cases.append((f"{label} with stdout closed", lambda c=command: _stdout_closed(c)))
        cases.append((f"{label} | head -c 10", lambda c=command: _head(c)))
    out: list[Case] = []
    for name, check in cases:
        try:
            why = check()
        except Exception as error:  # the census itself must not stop
            why = f"census error: {error!r}"
        out.append(Case("CLI", name, bool(why), why))
    return out


def _run_closed_stdin(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        cwd=REPO_ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        preexec_fn=lambda: os.close(0),
    )


def _to_dev_full(command: list[str]) -> str:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "scoring", *command],
            cwd=REPO_ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    return judge_exit(result)


def _stdout_closed(command: list[str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "scoring", *command],
        cwd=REPO_ROOT,
        stderr=subprocess.PIPE,
        timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    return judge_exit(result)


def _head(command: list[str]) -> str:
    process = subprocess.Popen(
        [sys.executable, "-m", "scoring", *command],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    stderr = process.stderr.read()
    code = process.wait(timeout=120)
    return judge_exit(subprocess.CompletedProcess([], code, b"", stderr), expected=0)


# --- CSV ----------------------------------------------------------------------------------------------

HEADER = "organization,use_case,output_modalities\r\n"


def census_csv(tmp: Path) -> list[Case]:
    """(name, file bytes, records expected in the output or None for a file-level exit 2)."""
    big = "x" * 131_073
    cases: list[tuple[str, bytes, int | None]] = [
        (
            "CR inside an unquoted cell",
            (HEADER + "Acme\r=cmd|' /C calc'!A0,x,text\r\n").encode(),
            2,
        ),
        ("CR inside a quoted cell", (HEADER + '"Acme\r=cmd",x,text\r\n').encode(), 1),
        ("LF inside a quoted cell", (HEADER + '"two\nlines",x,text\r\n').encode(), 1),
        (
            "unclosed quote, rows after",
            (HEADER + 'Acme,"never closed,text\r\nB,x,text\r\nC,y,text\r\n').encode(),
            None,
        ),
        ("unclosed quote in the header", (b'"organization,use_case\r\nA,b\r\n'), None),
        ("stray quote mid-cell", (HEADER + 'Ac"me,x,text\r\n').encode(), 1),
        ("quote after a closed quote", (HEADER + '"Ac"me,x,text\r\n').encode(), 1),
        ("NUL in a cell", (HEADER + "Ac\x00me,x,text\r\n").encode(), 1),
        ("UTF-8 BOM", ("\ufeff" + HEADER + "Acme,x,text\r\n").encode(), 1),
        ("two BOMs", ("\ufeff\ufeff" + HEADER + "Acme,x,text\r\n").encode(), 1),
        ("UTF-16", (HEADER + "Acme,x,text\r\n").encode("utf-16"), None),
        ("latin-1", (HEADER + "Café,x,text\r\n").encode("latin-1"), None),
        ("blank lines everywhere", ("\r\n" + HEADER + "\r\n\r\nAcme,x,text\r\n\r\n").encode(), 1),
        ("mixed line ends", (HEADER + "A,x,text\nB,y,text\rC,z,text\r\n").encode(), 3),
        ("no line end at the end", (HEADER + "Acme,x,text").encode(), 1),
        (
            "a cell over 131,072 characters",
            (HEADER + f"Acme,{big},text\r\nB,y,text\r\n").encode(),
            2,
        ),
        ("more cells than columns", (HEADER + "A,x,text,extra\r\nB,y,text\r\n").encode(), 2),
        ("formula cells", (HEADER + "=1+1,@SUM(A1),text\r\n-2,+3,text\r\n").encode(), 2),
        ("unknown column", b"colour\r\nred\r\n", None),
        ("column twice", b"organization,organization\r\na,b\r\n", None),
        ("header only", HEADER.encode(), None),
        ("empty file", b"", None),
        ("a binary file", bytes(range(256)) * 8, None),
    ]
    out: list[Case] = []
    for number, (name, data, records) in enumerate(cases):
        source, target = tmp / f"in{number}.csv", tmp / f"out{number}.csv"
        source.write_bytes(data)
        result = run_cli("batch", str(source), "-o", str(target))
        why = judge_exit(result, expected=result.returncode if result.returncode in (0, 2) else 2)
        if not why and records is None and (result.returncode != 2 or target.exists()):
            why = "a file-level problem must exit 2 and write nothing"
        if not why and records is not None:
            if not target.exists():
                why = f"no output (exit {result.returncode})"
            else:
                saved = csv.field_size_limit(10**9)
                try:
                    text = target.read_bytes().decode("utf-8")
                    written = list(csv.reader(io.StringIO(text, newline="")))
                finally:
                    csv.field_size_limit(saved)
                if len(written) - 1 != records:
                    why = f"{len(written) - 1} output rows for {records} records"
                elif any(r[1].startswith(("=", "+", "-", "@")) for r in written[1:]):
                    why = "an organisation cell starts like a formula"
        out.append(Case("CSV", name, bool(why), why))
    return out


# --- knowledge base ---------------------------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise RuntimeError(f"{path.name}: {old!r} not found")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def census_kb(tmp: Path) -> list[Case]:
    def write(name: str, data: bytes) -> Callable[[Path], None]:
        return lambda d: (d / name).write_bytes(data)

    def edit(name: str, old: str, new: str) -> Callable[[Path], None]:
        return lambda d: _edit(d / name, old, new)

    def remove(name: str) -> Callable[[Path], None]:
        return lambda d: (d / name).unlink()

    def directory(name: str) -> Callable[[Path], None]:
        def make(d: Path) -> None:
            (d / name).unlink()
            (d / name).mkdir()

        return make

    cases: list[tuple[str, str, Callable[[Path], None]]] = [
        ("binary file", "criteria.yaml", write("criteria.yaml", bytes(range(256)) * 4)),
        (
            "NUL character",
            "components/text_llm.yaml",
            edit("components/text_llm.yaml", "components:", "components:\x00"),
        ),
        (
            "UTF-16 file",
            "sources.yaml",
            lambda d: (d / "sources.yaml").write_bytes(
                (d / "sources.yaml").read_text().encode("utf-16")
            ),
        ),
        (
            "invalid YAML",
            "model.yaml",
            edit("model.yaml", "base_points:", "base_points: [unclosed"),
        ),
        ("empty file", "sources.yaml", write("sources.yaml", b"")),
        ("missing file", "industries.yaml", remove("industries.yaml")),
        ("a directory", "manifest.yaml", directory("manifest.yaml")),
        ("a list, not a mapping", "questionnaire.yaml", write("questionnaire.yaml", b"- 1\n- 2\n")),
        (
            "unknown field",
            "criteria.yaml",
            edit(
                "criteria.yaml", "    short: Modality\n", "    short: Modality\n    colour: red\n"
            ),
        ),
        (
            "duplicate component",
            "components/text_llm.yaml",
            edit("components/text_llm.yaml", "deployment: private_cloud", "deployment: hosted_api"),
        ),
        (
            "score over 100",
            "components/text_llm.yaml",
            edit("components/text_llm.yaml", "value: 85", "value: 150"),
        ),
        (
            "score as text",
            "components/text_llm.yaml",
            edit("components/text_llm.yaml", "value: 85", "value: high"),
        ),
        (
            "score as true",
            "components/text_llm.yaml",
            edit("components/text_llm.yaml", "value: 85", "value: true"),
        ),
        (
            "unknown source",
            "components/text_llm.yaml",
            edit("components/text_llm.yaml", "{source: westlink,", "{source: nowhere,"),
        ),
        (
            "price without a date",
            "components/text_llm.yaml",
            edit("components/text_llm.yaml", '        price_date: "2026-09-22"\n', ""),
        ),
        (
            "criterion missing",
            "criteria.yaml",
            edit("criteria.yaml", "  - id: cost\n", "  - id: costs\n"),
        ),
        ("tab indentation", "model.yaml", lambda d: (d / "model.yaml").write_text("a:\n\tb: 1\n")),
        (
            "alias bomb",
            "sources.yaml",
            write(
                "sources.yaml",
                b"a: &a [x, x, x, x, x, x, x, x, x]\n"
                + b"".join(
                    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode()
                    for i in range(8)
                ),
            ),
        ),
    ]
    out: list[Case] = []
    for number, (name, file, corrupt) in enumerate(cases):
        data = tmp / f"kb{number}"
        shutil.copytree(DATA_DIR, data)
        why = ""
        try:
            corrupt(data)
            started = time.monotonic()
            load_knowledge_base(data)
            why = "loads without an error"
        except KnowledgeBaseError as problem:
            message = str(problem)
            if "\n" in message:
                why = "the error is more than one line"
            elif file not in message:
                why = f"the error does not name {file}: {message[:100]}"
            elif time.monotonic() - started > 10:
                why = "took over 10 s"
        except Exception as error:
            why = f"{type(error).__name__} instead of a clear message: {str(error)[:100]}"
        out.append(Case("knowledge base", f"{name} ({file})", bool(why), why))
    return out


# --- links and typed input (browser) ----------------------------------------------------------------


def _page_problems(page, errors: list[str], dialogs: list[str]) -> str:
    if dialogs:
        return f"a script dialog opened: {dialogs[0][:60]}"
    if errors:
        return f"JavaScript error: {errors[0][:100]}"
    if page.locator('[data-testid="stException"]').count():
        return "an exception on the page"
    main = page.locator('[data-testid="stMain"]')
    if not main.count() or not main.inner_text().strip():
        return "a blank page"
    return ""


def _open(browser, url: str):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=TIMEOUT_MS
        )
        page.wait_for_timeout(700)
    except Exception:  # judged below: a blank or unfinished page is a failure
        pass
    return context, page, errors, dialogs


def _alerts(page) -> str:
    return "\n".join(page.locator('[data-testid="stAlert"]').all_inner_texts())


def census_links(browser, server: StreamlitServer) -> list[Case]:
    junk = "&".join(f"j{i}=1" for i in range(40))
    over_cap = "&".join(f"j{i}=1" for i in range(1001))
    cases: list[tuple[str, str, str | None]] = [
        # (name, path and query, a text some alert must contain, or None: no message needed)
        ("tampered values", "/recommendation?volume=huge&output_modalities=banana", "volume"),
        ("40 unknown parameters", f"/recommendation?output_modalities=text&{junk}", "32 more"),
        (
            "bytes that are not UTF-8",
            "/recommendation?organization=%FF%FE%3Dcmd&output_modalities=text",
            None,
        ),
        (
            "a repeated parameter",
            "/recommendation?volume=low&volume=huge&output_modalities=text",
            None,
        ),
        ("organization of 250 characters", "/?organization=" + "y" * 250, "first 200 are kept"),
        ("use case of 2,001 characters", "/?use_case=" + "x" * 2001, "first 2,000 are kept"),
        ("150 emoji (valid)", "/?organization=" + "%F0%9F%98%80" * 150, None),
        ("empty output_modalities=", "/recommendation?output_modalities=&volume=low", "is empty"),
        ("/questionnaire", "/questionnaire?organization=Acme", "first page"),
        ("/recommendation/x", "/recommendation/x?organization=Acme", "/recommendation/x"),
        ("an unknown page", "/pricing", "/pricing"),
        ("a trailing slash", "/recommendation/?output_modalities=text", None),
        ("1,001 parameters (over the cap)", f"/?{over_cap}", "parameters, more than"),
        (
            "markup and script",
            "/recommendation?organization=%2A%2Abold%2A%2A%3Cscript%3Ealert(1)%3C/script%3E&output_modalities=text",
            None,
        ),
        (
            "a formula",
            "/recommendation?organization=%3Dcmd%7C%27%20%2FC%20calc%27%21A0&output_modalities=text",
            None,
        ),
        (
            "weights not numbers",
            "/recommendation?output_modalities=text&weights=modality=lots",
            "What-if weights",
        ),
        (
            "weights all zero",
            "/recommendation?output_modalities=text&weights=modality=0;efficiency=0;accuracy=0;data_privacy=0;cost=0",
            "above 0",
        ),
        ("unknown method", "/recommendation?output_modalities=text&method=magic", "method"),
        (
            "priorities out of range",
            "/recommendation?output_modalities=text&priorities=cost=9",
            "priorities",
        ),
        ("percent garbage", "/recommendation?output_modalities=text&%%%=%%", None),
        ("a notice forged in the link", "/?notice=%3Cb%3Ehi%3C/b%3E", None),
    ]
    out: list[Case] = []
    for name, path, needle in cases:
        context, page, errors, dialogs = _open(browser, server.url + path)
        try:
            why = _page_problems(page, errors, dialogs)
            if not why and needle is not None and needle not in _alerts(page):
                why = f"no message saying {needle!r}"
            if not why and "Page not found" in page.locator("body").inner_text():
                why = "a 'Page not found' dialog"
        except Exception as error:
            why = f"census error: {error!r}"[:160]
        finally:
            context.close()
        out.append(Case("links", name, bool(why), why))
    return out


def census_typed(browser, server: StreamlitServer) -> list[Case]:
    cases: list[tuple[str, str, str, str, str | None]] = [
        # (name, field label, typed, expected value shown afterwards, message expected)
        ("250 characters pasted", "Organization name", "n" * 250, "n" * 200, "were cut"),
        (
            "2,500 characters pasted",
            "Describe the use case in a sentence or two",
            "u" * 2500,
            "u" * 2000,
            "were cut",
        ),
        ("150 emoji", "Organization name", EMOJI * 150, EMOJI * 150, None),
        (
            "markup and an onerror image",
            "Organization name",
            "**x** <img src=x onerror=alert(1)>",
            "**x** <img src=x onerror=alert(1)>",
            None,
        ),
        ("a formula", "Organization name", "=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0", None),
        (
            "zero-width and right-to-left marks",
            "Organization name",
            "Ac\u200bme \u202eevil",
            "Ac\u200bme \u202eevil",
            None,
        ),
        ("only spaces", "Organization name", "   ", "   ", None),
        (
            "LaTeX and a colour directive",
            "Describe the use case in a sentence or two",
            "$x$ :red[alert] :smile:",
            "$x$ :red[alert] :smile:",
            None,
        ),
    ]
    out: list[Case] = []
    for name, label, typed, expected, needle in cases:
        context, page, errors, dialogs = _open(browser, server.url + "/")
        try:
            box = page.get_by_label(label, exact=True)
            box.fill(typed)
            box.press("Tab")
            page.wait_for_timeout(400)
            page.wait_for_selector(
                '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=TIMEOUT_MS
            )
            page.wait_for_timeout(600)
            why = _page_problems(page, errors, dialogs)
            shown = box.input_value()
            if not why and shown != expected:
                why = f"shows {shown[:40]!r}..., expected {expected[:40]!r}"
            if not why and needle is not None and needle not in _alerts(page):
                why = f"no message saying {needle!r}"
            if not why:  # and the recommendation page draws it without running it
                page.get_by_role("button", name="See recommendation").click()
                page.wait_for_url(re.compile(r"/recommendation"), timeout=TIMEOUT_MS)
                page.wait_for_selector('[data-testid="stHeading"]', timeout=TIMEOUT_MS)
                page.wait_for_timeout(500)
                why = _page_problems(page, errors, dialogs)
        except Exception as error:
            why = f"census error: {error!r}"[:160]
        finally:
            context.close()
        out.append(Case("typed input", name, bool(why), why))
    out.append(_fast_typing(browser, server))
    return out


def _shows(url: str, want: dict[str, str]) -> bool:
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    return all(query.get(field) == [value] for field, value in want.items())


def _fast_typing(browser, server: StreamlitServer, rounds: int = 5) -> Case:
    """Organisation, Tab, use case, Tab and three pills at once, ``rounds`` times."""
    lost = 0
    for number in range(rounds):
        context, page, errors, dialogs = _open(browser, server.url + "/")
        try:
            for label, text in (
                ("Organization name", f"Org {number}"),
                ("Describe the use case in a sentence or two", f"Use {number}"),
            ):
                box = page.get_by_label(label, exact=True)
                box.fill(text)
                box.press("Tab")
            label = page.get_by_test_id("stWidgetLabel").filter(has_text=OUTPUTS_QUESTION)
            outputs = page.get_by_test_id("stButtonGroup").filter(has=label)
            for choice in ("Images", "Audio (speech, music, sound)", "Video"):
                outputs.locator("button[data-variant=pills]").filter(has_text=choice).click()
            want = {
                "organization": f"Org {number}",
                "use_case": f"Use {number}",
                "output_modalities": "text;image;audio;video",
            }
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not _shows(page.url, want):
                page.wait_for_timeout(250)
            if not _shows(page.url, want) or _page_problems(page, errors, dialogs):
                lost += 1
        finally:
            context.close()
    why = f"input lost in {lost} of {rounds} rounds" if lost else ""
    return Case("typed input", f"fast typing and clicking, {rounds} rounds", bool(why), why)


# --- load -----------------------------------------------------------------------------------------------


def load(browser, server: StreamlitServer, sessions: int) -> dict[str, float | int]:
    """``sessions`` pages open a recommendation link at once, then all switch to TOPSIS at once."""
    volumes = ("low", "medium", "high", "very_high")
    contexts, pages, errors = [], [], []
    cpu_before = server.cpu_seconds()
    started = time.monotonic()
    for number in range(sessions):
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(180_000)
        page.on("pageerror", lambda error: errors.append(str(error)))
        link = (
            f"{server.url}/recommendation?organization=Session%20{number}"
            f"&output_modalities=text;image&volume={volumes[number % 4]}"
        )
        page.goto(link, wait_until="commit")
        contexts.append(context)
        pages.append(page)
    failed = 0
    for page in pages:
        try:
            page.locator('[data-testid="stHeading"]').filter(has_text="Adopt: ").wait_for()
        except Exception:
            failed += 1
    for page in pages:  # the method sits under "Advanced", closed until opened
        page.get_by_test_id("stExpander").filter(has_text="Advanced: method").locator(
            "summary"
        ).click()
        page.locator("button[data-variant=segmented_control]").filter(has_text="TOPSIS").click()
    for page in pages:
        try:
            page.wait_for_url(re.compile(r"method=topsis"), timeout=180_000)
            page.wait_for_selector(
                '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=180_000
            )
            if page.locator('[data-testid="stException"]').count():
                failed += 1
        except Exception:
            failed += 1
    elapsed = time.monotonic() - started
    cpu = server.cpu_seconds() - cpu_before
    for context in contexts:
        context.close()
    return {
        "sessions": sessions,
        "sessions_with_errors": failed + len(set(errors)),
        "seconds": round(elapsed, 1),
        "server_cpu_seconds": round(cpu, 2),
        "server_cpu_seconds_per_session": round(cpu / sessions, 3),
    }


# --- main -------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=40, help="0: no load test")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--skip-browser", action="store_true", help="CLI, CSV and KB only")
    args = parser.parse_args(argv)

    cases: list[Case] = []
    figures: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        cases += census_cli(tmp)
        cases += census_csv(tmp)
        cases += census_kb(tmp)
    if not args.skip_browser:
        from playwright.sync_api import sync_playwright

        server = StreamlitServer(REPO_ROOT / "serve.py")
        try:
            server.start()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
                )
                cases += census_links(browser, server)
                cases += census_typed(browser, server)
                if args.sessions > 0:
                    figures = load(browser, server, args.sessions)
                browser.close()
            if "Traceback" in server.output(tail=None):
                cases.append(Case("links", "server log", True, "a traceback in the server log"))
        finally:
            server.stop()

    for kind in ("links", "typed input", "CSV", "knowledge base", "CLI"):
        mine = [c for c in cases if c.kind == kind]
        if mine:
            failed = [c for c in mine if c.failed]
            print(f"{kind}: tried {len(mine)}, failed {len(failed)}")
            for case in failed:
                print(f"  FAILED {case.name}: {case.why}")
    if figures:
        print(
            f"load: {figures['sessions']} concurrent sessions, "
            f"{figures['sessions_with_errors']} with errors, {figures['seconds']} s; server CPU "
            f"{figures['server_cpu_seconds']} s, {figures['server_cpu_seconds_per_session']} s per "
            "session"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"cases": [asdict(c) for c in cases], "load": figures}, indent=2)
        )
    return 1 if any(c.failed for c in cases) else 0


if __name__ == "__main__":
    sys.exit(main())
