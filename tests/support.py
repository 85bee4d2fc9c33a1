"""Helpers several test modules share, defined once so they cannot drift apart."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

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


def unescape_cell(value: Any) -> Any:
    """Undo the report's formula escaping (a leading ``'`` before a trigger character)."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] in ("=", "+", "-", "@", "\t", "\r", "\n"):
        return value[1:]
    return value


def read_report(data: bytes) -> pd.DataFrame:
    """A CSV report (bytes with a BOM) as a DataFrame, text cells kept as text."""
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


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
