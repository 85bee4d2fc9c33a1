"""Reading the knowledge base's YAML files, with errors that name the file, entry and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError


class KnowledgeBaseError(ValueError):
    """A data file is missing, malformed or inconsistent; the message says where, in one line."""


M = TypeVar("M", bound=BaseModel)

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML was built with it (about six times faster), else the pure one."""


def display_name(path: Path, data_dir: Path) -> str:
    """``data/x.yaml`` (or ``data/components/x.yaml``) for the shipped folder, else the path."""
    try:
        return f"data/{path.relative_to(data_dir).as_posix()}"
    except ValueError:
        return str(path)


def read_yaml(path: Path, name: str) -> Any:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KnowledgeBaseError(f"{name}: missing (the knowledge base needs it)") from None
    except OSError as exc:
        raise KnowledgeBaseError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise KnowledgeBaseError(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "is it a binary file?"
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise KnowledgeBaseError(f"{name}: holds a NUL byte on line {line}; is it a binary file?")
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = " ".join((getattr(exc, "problem", None) or str(exc)).split())
        raise KnowledgeBaseError(f"{name}: not valid YAML{where}: {problem}") from None


def describe_location(raw: Any, loc: tuple[Any, ...]) -> str:
    """Turn a pydantic error location into ``entry 3 (id 'x'), field a.b``."""
    parts: list[str] = []
    node = raw
    field_path: list[str] = []
    for key in loc:
        if isinstance(key, int) and isinstance(node, list):
            entry = node[key] if key < len(node) else None
            label = f"entry {key + 1}" + _identity(entry)
            if field_path:
                parts.append(".".join(field_path) + f" {label}")
                field_path = []
            else:
                parts.append(label)
            node = entry
        else:
            field_path.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    if field_path:
        parts.append("field " + ".".join(field_path))
    return ", ".join(parts) or "top level"


def _identity(entry: Any) -> str:
    if not isinstance(entry, dict):
        return ""
    if "id" in entry:
        return f" (id '{entry['id']}')"
    if "approach" in entry and "deployment" in entry:
        return f" (id '{entry['approach']}:{entry['deployment']}')"
    if "name" in entry:
        return f" (name '{entry['name']}')"
    return ""


def parse_file(model: type[M], path: Path, data_dir: Path) -> M:
    """Read ``path`` and validate it against ``model``; raise a one-line error naming the place."""
    name = display_name(path, data_dir)
    raw = read_yaml(path, name)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = describe_location(raw, tuple(first["loc"]))
        message = first["msg"].removeprefix("Value error, ")
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise KnowledgeBaseError(f"{name}: {where}: {message}{more}") from None
