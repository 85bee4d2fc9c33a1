"""``python -m scoring``: the same engine as the dashboard, on the command line.

Bad input of any kind ends with exit status 2 and one line on stderr naming the file, row and field;
never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import IO, Literal, NoReturn

import pandas as pd

from scoring.answers import AnswersError, parse_answers
from scoring.batch import BatchFileError, read_rows, score_chunks
from scoring.csv_io import CsvEncodingError, frame_to_bytes
from scoring.engine import Recommendation, recommend
from scoring.knowledge import KnowledgeBase, KnowledgeBaseError, default_knowledge_base
from scoring.methods import METHODS, get_method
from scoring.report import report_bytes

EXIT_BAD_INPUT = 2


class InputError(Exception):
    """Bad input (or output that cannot be written): printed as one line, exit status 2."""


def _read_bytes(path: str) -> bytes:
    if path == "-":
        stream = sys.stdin
        if stream is None:
            raise InputError("<stdin>: standard input is closed")
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text-only stand-in (e.g. main() called with sys.stdin replaced)
            return stream.read().encode("utf-8", "surrogateescape")
        return buffer.read()
    if not path:
        raise InputError("no file name given (use - for standard input)")
    return Path(path).read_bytes()


def _read_text(path: str) -> str:
    """The whole file (or standard input for ``-``) as text: UTF-8, with or without a BOM."""
    name = _name(path)
    try:
        data = _read_bytes(path)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8-sig")  # Excel's "CSV UTF-8" and our own report start with a BOM
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
        hint = "it looks like UTF-16" if utf16 else f"byte 0x{data[exc.start]:02x} on line {line}"
        raise InputError(f"{name}: not UTF-8 text ({hint}); save it as UTF-8") from None


def _name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def run_recommend(args: argparse.Namespace) -> int:
    _brief_format(args.brief)  # a bad file name is reported before any work
    text = _read_text(args.answers)  # bad input is reported before the knowledge base loads
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{_name(args.answers)}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise InputError(f"{_name(args.answers)}: invalid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        reason = str(exc).split(";")[0]
        raise InputError(f"{_name(args.answers)}: invalid JSON: {reason}") from None
    kb = default_knowledge_base()
    try:
        answers = parse_answers(kb, raw)
    except AnswersError as problem:
        raise InputError(f"{_name(args.answers)}: {problem}") from None
    result = recommend(kb, answers, args.method, _normalization(args))
    if args.brief:
        _write_brief(args.brief, kb, result)
    if args.format == "json":
        text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
        _write_stdout(_encode(text, _name(args.answers)))
    else:
        try:
            data = report_bytes(result, datetime.now().astimezone()).removeprefix(b"\xef\xbb\xbf")
        except (UnicodeEncodeError, CsvEncodingError):
            where = _not_text(answers.to_flat()) or "a value is not valid Unicode text"
            raise InputError(f"{_name(args.answers)}: the CSV cannot be written: {where}") from None
        _write_stdout(data)
    return 0


BriefFormat = Literal["html", "pdf"]
BRIEF_SUFFIXES: dict[str, BriefFormat] = {".html": "html", ".htm": "html", ".pdf": "pdf"}


def _brief_format(path: str | None) -> BriefFormat | None:
    """``html`` or ``pdf`` from the brief's file name; None without ``--brief``."""
    if path is None:
        return None
    fmt = BRIEF_SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"--brief {path}: name the file .html or .pdf (that picks the format)")
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(f"{path}: cannot be written (non-existent directory)")
    return fmt


def _write_brief(path: str, kb: KnowledgeBase, result: Recommendation) -> None:
    """The one-page brief of ``result`` with its robustness analysis, written whole or not at all
    (brief/ is imported here: most runs do not need its PDF library)."""
    from brief.export import brief_bytes
    from scoring.trust import analyse_trust

    fmt = _brief_format(path)
    assert fmt is not None  # checked before any work
    data = brief_bytes(kb, result, analyse_trust(result), datetime.now().astimezone(), fmt)
    _publish(io.BytesIO(data), Path(path), path)


def _not_text(values: dict[str, str]) -> str | None:
    """Which field holds a lone surrogate (JSON's ``"\\ud800"``): valid JSON, but not text, so
    it cannot be written as UTF-8."""
    for field, value in values.items():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return (
                f"field {field!r} holds {value[exc.start]!r} (character {exc.start + 1}), a lone "
                "surrogate that is not text; remove it"
            )
    return None


def _encode(text: str, source: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{source}: the output cannot be written as UTF-8: it holds "
            f"{text[exc.start]!r}, a lone surrogate that is not text"
        ) from None


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's final flush of what could not be
    written (a full disk, a closed pipe) does not print a second error at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _write_stdout(data: bytes) -> None:
    """Write the whole output to standard output, or fail with one line: a closed or full stdout
    is exit status 2, never a traceback (a reader closing a pipe early is not an error)."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed (`>&-`)
        raise InputError("standard output is closed; nothing was written (batch: use -o FILE)")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text-only stand-in (e.g. main() called with sys.stdout replaced)
            stream.write(data.decode("utf-8"))
        else:
            stream.flush()
            buffer.write(data)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # ENOSPC, EBADF, EIO; ValueError: closed file
        _silence_stdout()
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"standard output cannot be written ({reason})") from None


def run_batch(args: argparse.Namespace) -> int:
    text = _read_text(args.input)
    try:
        rows = read_rows(text)
    except BatchFileError as problem:
        raise InputError(f"{_name(args.input)}: {problem}") from None
    first = next(rows, None)
    if first is None:
        raise InputError(f"{_name(args.input)}: no data rows; the file has only a header")
    kb = default_knowledge_base()
    chunks = score_chunks(kb, chain([first], rows), args.method, _normalization(args))
    target = None if args.output in (None, "-") else Path(args.output)
    if target is not None and not target.parent.is_dir():
        raise InputError(f"{args.output}: cannot be written (non-existent directory)")
    # The output goes to a spool first: a file that turns out bad half-way (a quote never
    # closed) writes nothing, and memory stays flat however many rows there are.
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        failed, first_error = _spool(args, chunks, spool)
        spool.seek(0)
        if target is None:
            _write_stdout(spool.read())
        else:
            _publish(spool, target, args.output)
    if failed:
        more = f" ({failed} rows failed; all other rows were scored)" if failed > 1 else ""
        raise InputError(f"{_name(args.input)}: {first_error}{more}")
    return 0


SPOOL_BYTES = 32 * 1024 * 1024
"""Output kept in memory up to this size; beyond it, on disk until written out."""


def _spool(
    args: argparse.Namespace, chunks: Iterator[pd.DataFrame], spool: IO[bytes]
) -> tuple[int, str]:
    """Write every chunk's CSV to ``spool``; return the failed rows' count and the first error."""
    failed, first_error = 0, ""
    try:
        for number, table in enumerate(chunks):
            try:
                spool.write(frame_to_bytes(table, header=number == 0))
            except CsvEncodingError as problem:
                raise InputError(f"{_name(args.input)}: the output CSV {problem}") from None
            errors = [e for e in table["error"] if e]
            failed += len(errors)
            first_error = first_error or (errors[0] if errors else "")
    except BatchFileError as problem:  # found while reading on, e.g. a quote never closed
        raise InputError(f"{_name(args.input)}: {problem}") from None
    return failed, first_error


def _publish(spool: IO[bytes], target: Path, shown: str) -> None:
    """Copy the spooled output to ``target`` through a file beside it, renamed at the end, so a
    reader never sees half of it."""
    try:
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as out:
            shutil.copyfileobj(spool, out)
        os.replace(out.name, target)
    except OSError as exc:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(out.name)
        raise InputError(f"{shown}: cannot be written ({exc.strerror or exc})") from None


def _normalization(args: argparse.Namespace) -> str | None:
    """The normalisation asked for, if the method uses one (the method's default otherwise)."""
    method = get_method(args.method)
    if args.normalization is None or not method.normalizations:
        return None
    if args.normalization not in method.normalizations:
        raise InputError(
            f"--normalization {args.normalization}: {method.label} offers "
            f"{', '.join(method.normalizations)}"
        )
    return args.normalization


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit status 2, like all bad input."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m scoring", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    normalizations = sorted({n for m in METHODS.values() for n in m.normalizations})
    rec = commands.add_parser("recommend", help="rank every listed solution for one answers file")
    rec.add_argument("answers", help="answers JSON file, or - for standard input")
    batch = commands.add_parser("batch", help="score a CSV of answer sets, one row each")
    batch.add_argument("input", help="CSV with one column per answers field, or - for stdin")
    batch.add_argument("-o", "--output", help="output CSV (default: standard output)")
    for command in (rec, batch):
        command.add_argument("--method", choices=tuple(METHODS), default="wsm")
        command.add_argument(
            "--normalization",
            choices=normalizations,
            default=None,
            help="normalisation of a method that needs one (TOPSIS: vector by default)",
        )
    rec.add_argument("--format", choices=("json", "csv"), default="json")
    rec.add_argument(
        "--brief",
        metavar="FILE",
        help="also write the one-page brief to FILE.html (self-contained) or FILE.pdf",
    )
    rec.set_defaults(run=run_recommend)
    batch.set_defaults(run=run_batch)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KnowledgeBaseError as problem:
        print(f"error: knowledge base: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (e.g. `head`) closed the pipe early: not an error of ours.
        _silence_stdout()
        return 0
