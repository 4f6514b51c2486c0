"""Target distributions for the toy GANs, and how many of their modes a generator hits.

One-dimensional targets are Gaussian mixtures with a known density (so the optimal
discriminator can be drawn). Two-dimensional targets carry a list of mode centres and a
radius: a mode counts as covered when enough generated samples fall inside its radius
(three standard deviations for the Gaussian targets).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

TARGETS_1D: tuple[str, ...] = ("gaussian", "mixture")
TARGETS_2D: tuple[str, ...] = ("ring", "grid", "spiral", "moons", "drawn")

#: Plot range of every 2-D target (x_min, x_max, y_min, y_max).
EXTENT_2D: tuple[float, float, float, float] = (-3.0, 3.0, -3.0, 3.0)


@dataclass(frozen=True)
class Mixture1D:
    """A 1-D Gaussian mixture with weights summing to one."""

    means: tuple[float, ...]
    stds: tuple[float, ...]
    weights: tuple[float, ...]

    def pdf(self, x: np.ndarray) -> np.ndarray:
        """Density at ``x`` (any shape)."""
        x = np.asarray(x, dtype=np.float64)
        total = np.zeros_like(x)
        for m, s, w in zip(self.means, self.stds, self.weights):
            total += w * np.exp(-0.5 * ((x - m) / s) ** 2) / (s * np.sqrt(2 * np.pi))
        return total

    def sample(self, n: int, generator: torch.Generator) -> torch.Tensor:
        """``n`` samples as an (n, 1) float tensor."""
        weights = torch.tensor(self.weights, dtype=torch.float64)
        comp = torch.multinomial(weights, n, replacement=True, generator=generator)
        means = torch.tensor(self.means, dtype=torch.float32)[comp]
        stds = torch.tensor(self.stds, dtype=torch.float32)[comp]
        noise = torch.randn(n, generator=generator)
        return (means + stds * noise).unsqueeze(1)

    def support(self, n_std: float = 2.0) -> tuple[float, float]:
        """The interval holding every component's mean ± ``n_std`` std."""
        lo = min(m - n_std * s for m, s in zip(self.means, self.stds))
        hi = max(m + n_std * s for m, s in zip(self.means, self.stds))
        return lo, hi

    @property
    def centres(self) -> np.ndarray:
        return np.asarray(self.means, dtype=np.float32).reshape(-1, 1)

    @property
    def radius(self) -> float:
        return 3.0 * max(self.stds)


def make_target_1d(name: str) -> Mixture1D:
    """``"gaussian"``: N(1.5, 0.5²); ``"mixture"``: two equal bumps at ±1.5, σ = 0.4."""
    if name == "gaussian":
        return Mixture1D((1.5,), (0.5,), (1.0,))
    if name == "mixture":
        return Mixture1D((-1.5, 1.5), (0.4, 0.4), (0.5, 0.5))
    raise ValueError(
        f"unknown 1-D target {name!r}; choose from {', '.join(TARGETS_1D)}"
    )


class Target2D:
    """A 2-D target: a sampler plus mode centres and the radius that counts as a hit.

    Parameters
    ----------
    name
        One of :data:`TARGETS_2D`.
    points
        For ``"drawn"``: the (N, 2) points the user drew (at least one).
    """

    def __init__(self, name: str, points: np.ndarray | None = None):
        if name not in TARGETS_2D:
            raise ValueError(
                f"unknown 2-D target {name!r}; choose from {', '.join(TARGETS_2D)}"
            )
        self.name = name
        self.noise = 0.05
        self.points: np.ndarray | None = None
        if name == "ring":
            angles = 2 * np.pi * np.arange(8) / 8
            self.centres = 2.0 * np.stack([np.cos(angles), np.sin(angles)], 1)
            self.sigma = 0.1
            self.radius = 3 * self.sigma
        elif name == "grid":
            ticks = np.arange(-2.0, 2.01, 1.0)
            self.centres = np.stack(np.meshgrid(ticks, ticks), -1).reshape(-1, 2)
            self.sigma = 0.07
            self.radius = 3 * self.sigma
        elif name in ("spiral", "moons"):
            self.points = _curve_points(name, 4000)
            self._anchors_from_points(10 if name == "spiral" else 12)
        else:
            if points is None or len(points) == 0:
                points = np.zeros((1, 2))
            self.points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
            self._anchors_from_points(min(10, len(self.points)))
        self.centres = np.asarray(self.centres, dtype=np.float32)

    def _anchors_from_points(self, n_anchors: int) -> None:
        """Spread ``n_anchors`` mode centres over the points (farthest points)."""
        self.sigma = self.noise
        self.centres = farthest_points(self.points, n_anchors)
        if len(self.centres) > 1:
            d = np.linalg.norm(self.centres[:, None] - self.centres[None], axis=-1)
            np.fill_diagonal(d, np.inf)
            self.radius = float(max(0.15, 0.5 * d.min(1).max()))
        else:
            self.radius = 0.3

    @property
    def n_modes(self) -> int:
        return len(self.centres)

    def sample(self, n: int, generator: torch.Generator) -> torch.Tensor:
        """``n`` samples as an (n, 2) float tensor."""
        if self.points is None:
            idx = torch.randint(len(self.centres), (n,), generator=generator)
            centres = torch.from_numpy(self.centres)[idx]
            return centres + self.sigma * torch.randn(n, 2, generator=generator)
        pts = torch.from_numpy(self.points.astype(np.float32))
        idx = torch.randint(len(pts), (n,), generator=generator)
        return pts[idx] + self.noise * torch.randn(n, 2, generator=generator)


#: Decimals kept when a drawing is written into the settings (a thousandth of the
#: plot's unit: far below the target's noise).
POINT_DECIMALS = 3


def encode_points(points: np.ndarray) -> str:
    """Drawn points as settings text: ``"x,y;x,y;…"`` (rounded to
    :data:`POINT_DECIMALS` decimals)."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    return ";".join(
        f"{x:.{POINT_DECIMALS}f},{y:.{POINT_DECIMALS}f}".replace("-0.000", "0.000")
        for x, y in points
    )


def decode_points(text: str) -> np.ndarray:
    """The (N, 2) points of :func:`encode_points`' text (N = 0 for empty text).

    Raises ValueError naming the first pair that is not two finite numbers.
    """
    pairs = [p for p in (text or "").replace(" ", "").split(";") if p]
    out = np.zeros((len(pairs), 2))
    for i, pair in enumerate(pairs):
        parts = pair.split(",")
        try:
            values = [float(v) for v in parts]
        except ValueError:
            values = []
        if len(values) != 2 or not np.isfinite(values).all():
            raise ValueError(f"drawn target: {pair!r} is not a point x,y")
        out[i] = values
    return out


def _curve_points(name: str, n: int) -> np.ndarray:
    """Evenly spaced points on a spiral arm or on two interleaved moons (no noise)."""
    if name == "spiral":
        t = np.linspace(0.6, 3.2 * np.pi, n)
        r = 0.25 * t
        return np.stack([r * np.cos(t), r * np.sin(t)], 1) * 1.0
    half = n // 2
    t = np.linspace(0, np.pi, half)
    upper = np.stack([np.cos(t), np.sin(t)], 1)
    lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1)
    return (np.concatenate([upper, lower]) - np.array([0.5, 0.25])) * 1.6


def farthest_points(points: np.ndarray, k: int) -> np.ndarray:
    """``k`` points chosen greedily far from each other, starting at the first point."""
    points = np.asarray(points, dtype=np.float64)
    k = max(1, min(k, len(points)))
    chosen = [0]
    dist = np.linalg.norm(points - points[0], axis=1)
    for _ in range(k - 1):
        nxt = int(dist.argmax())
        chosen.append(nxt)
        dist = np.minimum(dist, np.linalg.norm(points - points[nxt], axis=1))
    return points[chosen]


def mode_counts(samples: np.ndarray, centres: np.ndarray, radius: float) -> np.ndarray:
    """How many samples lie within ``radius`` of each centre (nearest centre only)."""
    samples = np.asarray(samples, dtype=np.float64).reshape(len(samples), -1)
    centres = np.asarray(centres, dtype=np.float64).reshape(len(centres), -1)
    d = np.linalg.norm(samples[:, None, :] - centres[None], axis=-1)
    nearest = d.argmin(1)
    hit = d[np.arange(len(samples)), nearest] <= radius
    return np.bincount(nearest[hit], minlength=len(centres))


def covered_modes(
    samples: np.ndarray,
    centres: np.ndarray,
    radius: float,
    min_share: float = 0.2,
) -> np.ndarray:
    """Boolean mask of covered modes.

    A mode is covered when at least ``min_share`` of a fair share of the samples
    (``min_share · N / n_modes``, and at least one sample) lie within ``radius`` of it.
    With 1000 samples and 8 modes, that is 25 samples.
    """
    counts = mode_counts(samples, centres, radius)
    need = max(1.0, min_share * len(samples) / max(1, len(centres)))
    return counts >= need


def high_quality_share(
    samples: np.ndarray, centres: np.ndarray, radius: float
) -> float:
    """Share of samples within ``radius`` of some mode centre."""
    if len(samples) == 0:
        return 0.0
    return float(mode_counts(samples, centres, radius).sum() / len(samples))
