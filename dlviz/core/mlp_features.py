"""Input features of the 2-D MLP playground (as TensorFlow Playground's): the
network reads any of x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂ of each point, and the
hidden widths "4,2" of its layers.

``sin`` reads the coordinate scaled by π (``sin πx₁``): the playground's plane spans
about [-2, 2], where ``sin x`` would be nearly a straight line; ``sin πx`` makes one
full wave on it, as Playground's ``sin x`` does on its wider plane.
"""

from __future__ import annotations

import math

import torch

#: Feature keys in drawing order, and their names (shown as such: math, not words).
FEATURES: tuple[str, ...] = ("x1", "x2", "x1sq", "x2sq", "x1x2", "sin_x1", "sin_x2")
FEATURE_NAMES: dict[str, str] = {
    "x1": "x₁",
    "x2": "x₂",
    "x1sq": "x₁²",
    "x2sq": "x₂²",
    "x1x2": "x₁x₂",
    "sin_x1": "sin πx₁",
    "sin_x2": "sin πx₂",
}
DEFAULT_FEATURES = "x1,x2"
#: The most hidden layers and units per layer the playground builds.
MAX_LAYERS = 8
MAX_WIDTH = 256


def parse_features(text: str) -> tuple[str, ...]:
    """``"x1, x1x2"`` → ``("x1", "x1x2")`` in :data:`FEATURES` order; raises
    ValueError for an unknown name or none at all."""
    names = [t.strip() for t in str(text).replace(";", ",").split(",") if t.strip()]
    unknown = [n for n in names if n not in FEATURES]
    if unknown:
        raise ValueError(
            f"unknown input feature(s) {', '.join(unknown)}; choose from "
            f"{', '.join(FEATURES)}"
        )
    if not names:
        raise ValueError("choose at least one input feature")
    return tuple(f for f in FEATURES if f in names)


def format_features(features) -> str:
    """The setting's text for ``features`` (in :data:`FEATURES` order)."""
    return ",".join(f for f in FEATURES if f in set(features))


def parse_widths(text: str) -> list[int]:
    """``"4, 2"`` → ``[4, 2]``; ``""`` → ``[]`` (no override). Raises ValueError for
    a width that is not a whole number in 1 … :data:`MAX_WIDTH` or too many layers."""
    if str(text).strip().startswith("-"):
        raise ValueError("hidden widths must be positive")
    text = str(text).replace(";", ",").replace("-", ",")
    parts = [t.strip() for t in text.split(",")]
    parts = [p for p in parts if p]
    widths = []
    for p in parts:
        if not p.isdigit() or not 1 <= int(p) <= MAX_WIDTH:
            raise ValueError(f"hidden width {p!r} must be a whole number 1–{MAX_WIDTH}")
        widths.append(int(p))
    if len(widths) > MAX_LAYERS:
        raise ValueError(f"at most {MAX_LAYERS} hidden layers")
    return widths


def format_widths(widths) -> str:
    return ",".join(str(int(w)) for w in widths)


def feature_columns(x: torch.Tensor, features) -> torch.Tensor:
    """The (n, len(features)) matrix of ``features`` of the points ``x`` (n, 2)."""
    x1, x2 = x[:, 0], x[:, 1]
    make = {
        "x1": lambda: x1,
        "x2": lambda: x2,
        "x1sq": lambda: x1 * x1,
        "x2sq": lambda: x2 * x2,
        "x1x2": lambda: x1 * x2,
        "sin_x1": lambda: torch.sin(math.pi * x1),
        "sin_x2": lambda: torch.sin(math.pi * x2),
    }
    return torch.stack([make[f]() for f in features], 1)
