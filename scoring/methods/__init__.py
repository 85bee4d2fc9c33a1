"""Aggregation methods, registered in one place: the CLI, batch, pages and analyses offer exactly
the methods listed here. A new method is one module with a class following
:class:`~scoring.methods.base.Method` and one call to :func:`register`."""

from __future__ import annotations

from scoring.methods.base import Method
from scoring.methods.topsis import NORMALIZATION_NAMES, Topsis
from scoring.methods.weighted_sum import WeightedSum

METHODS: dict[str, Method] = {}
DEFAULT_METHOD = "wsm"


def register(method: Method) -> None:
    """Add a method under its name (the last registration of a name wins)."""
    METHODS[method.name] = method


def get_method(name: str) -> Method:
    """The registered method called ``name``; a clear error naming the known ones otherwise."""
    try:
        return METHODS[name]
    except KeyError:
        raise ValueError(f"unknown method {name!r}; use one of {', '.join(METHODS)}") from None


def method_names() -> tuple[str, ...]:
    return tuple(METHODS)


def resolve_normalization(method: Method, normalization: str | None) -> str | None:
    """The normalisation a method uses: the one asked for, or its default; None when it needs none."""
    if not method.normalizations:
        return None
    if normalization is None:
        return method.normalizations[0]
    if normalization not in method.normalizations:
        raise ValueError(
            f"unknown normalisation {normalization!r} for {method.label}; use "
            f"{', '.join(method.normalizations)}"
        )
    return normalization


register(WeightedSum())
register(Topsis())

__all__ = [
    "DEFAULT_METHOD",
    "METHODS",
    "NORMALIZATION_NAMES",
    "Method",
    "get_method",
    "method_names",
    "register",
    "resolve_normalization",
]
