"""Generated two-dimensional data sets: nothing is downloaded.

Classification (:data:`DATASETS`: class labels) and regression
(:data:`REGRESSION_DATASETS`: a value in [-1, 1] at each point, as TensorFlow
Playground's "plane" and "multi-Gaussian" data).
"""

from __future__ import annotations

import numpy as np

DATASETS: tuple[str, ...] = ("moons", "circles", "xor", "spirals", "blobs")
#: Sets whose target is a number, not a class.
REGRESSION_DATASETS: tuple[str, ...] = ("plane", "gaussians")

#: The square the regression sets fill: x₁, x₂ ∈ [-RADIUS, RADIUS].
RADIUS = 1.5
#: Centres and signs of the bumps of the "gaussians" set.
_BUMPS = np.array([[-0.8, 0.8, 1.0], [0.8, 0.8, -1.0], [-0.8, -0.8, -1.0],
                   [0.8, -0.8, 1.0], [0.0, 0.0, 1.0]])
_BUMP_WIDTH = 0.35


def make_toy2d(
    name: str, n: int = 600, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(x, y)``: ``x`` float32 of shape (n, 2) in roughly [-1.5, 1.5]², ``y``
    int64 class labels.

    ``noise`` is the standard deviation of Gaussian jitter added to every point.
    """
    rng = np.random.default_rng(seed)
    if name == "moons":
        x, y = _moons(n, rng)
    elif name == "circles":
        x, y = _circles(n, rng)
    elif name == "xor":
        x = rng.uniform(-1.0, 1.0, size=(n, 2))
        y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(np.int64)
    elif name == "spirals":
        x, y = _spirals(n, rng)
    elif name == "blobs":
        x, y = _blobs(n, rng)
    else:
        raise ValueError(f"unknown dataset {name!r}; choose from {', '.join(DATASETS)}")
    x = x + rng.normal(0.0, noise, size=x.shape)
    return x.astype(np.float32), y.astype(np.int64)


def _moons(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    half = n // 2
    t1 = rng.uniform(0, np.pi, half)
    t2 = rng.uniform(0, np.pi, n - half)
    upper = np.stack([np.cos(t1), np.sin(t1)], 1)
    lower = np.stack([1 - np.cos(t2), 0.5 - np.sin(t2)], 1)
    x = np.concatenate([upper, lower]) - np.array([0.5, 0.25])
    y = np.concatenate([np.zeros(half), np.ones(n - half)])
    return x, y


def _circles(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    half = n // 2
    t = rng.uniform(0, 2 * np.pi, n)
    radius = np.where(np.arange(n) < half, 1.0, 0.45)
    x = np.stack([radius * np.cos(t), radius * np.sin(t)], 1)
    y = (np.arange(n) >= half).astype(np.int64)
    return x, y


def _spirals(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    half = n // 2
    t = np.sqrt(rng.uniform(0.02, 1.0, n)) * 3 * np.pi
    arm = (np.arange(n) >= half).astype(np.int64)
    angle = t + arm * np.pi
    r = t / (3 * np.pi) * 1.4
    x = np.stack([r * np.cos(angle), r * np.sin(angle)], 1)
    return x, arm


def _blobs(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    centres = np.array([[-0.8, -0.6], [0.8, -0.6], [0.0, 0.8]])
    y = rng.integers(0, len(centres), n)
    x = centres[y] + rng.normal(0.0, 0.25, size=(n, 2))
    return x, y


def split(
    x: np.ndarray, y: np.ndarray, val_fraction: float, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle and split into train and validation parts (at least one of each)."""
    rng = np.random.default_rng(seed + 1)
    order = rng.permutation(len(x))
    n_val = int(round(len(x) * val_fraction))
    n_val = min(max(n_val, 1), len(x) - 1)
    val, train = order[:n_val], order[n_val:]
    return x[train], y[train], x[val], y[val]


def regression_target(name: str, x: np.ndarray) -> np.ndarray:
    """The noiseless value of regression set ``name`` at the points ``x`` (n, 2):
    "plane" rises linearly along x₁ + x₂; "gaussians" sums bumps of height ±1."""
    x = np.asarray(x, np.float64)
    if name == "plane":
        y = (x[:, 0] + x[:, 1]) / (2 * RADIUS)
    elif name == "gaussians":
        d2 = ((x[:, None, :] - _BUMPS[None, :, :2]) ** 2).sum(-1)
        y = (_BUMPS[:, 2] * np.exp(-d2 / (2 * _BUMP_WIDTH**2))).sum(1)
    else:
        raise ValueError(
            f"unknown regression set {name!r}; choose from "
            f"{', '.join(REGRESSION_DATASETS)}"
        )
    return np.clip(y, -1.0, 1.0)


def make_regression2d(
    name: str, n: int = 600, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(x, y)``: ``x`` float32 (n, 2) uniform in [-1.5, 1.5]², ``y`` float32
    (n,) in [-1, 1]. As in TensorFlow Playground, ``noise`` jitters the point at
    which the target is read (standard deviation ``noise``), not the point shown."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-RADIUS, RADIUS, size=(n, 2))
    y = regression_target(name, x + rng.normal(0.0, noise, size=x.shape))
    return x.astype(np.float32), y.astype(np.float32)
