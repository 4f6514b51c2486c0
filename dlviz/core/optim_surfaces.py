"""Two-dimensional loss surfaces on which optimizers race.

Each :class:`Surface` is a differentiable torch function of a point ``(x, y)`` with
the rectangle it is drawn on, a usual start point and its critical points. The
values on a grid are computed once (:func:`surface_grid`) and shown log-scaled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

Extent = tuple[float, float, float, float]


def rosenbrock(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """``(1 − x)² + 100·(y − x²)²``: a curved, flat-bottomed valley; minimum (1, 1)."""
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def saddle(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """``x² − y²``: downhill along y, uphill along x; the origin is a saddle point."""
    return x**2 - y**2


def beale(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Beale's function: flat plateaus and steep walls; minimum (3, 0.5)."""
    return (
        (1.5 - x + x * y) ** 2
        + (2.25 - x + x * y**2) ** 2
        + (2.625 - x + x * y**3) ** 2
    )


def elongated_bowl(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """``1.5·x² + 30·y²``: curvature 20 times larger across the valley than along."""
    return 1.5 * x**2 + 30 * y**2


def round_bowl(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """``5·(x² + y²)``: the easiest surface, used with noisy gradients."""
    return 5 * (x**2 + y**2)


@dataclass(frozen=True)
class Surface:
    """A loss surface and how to show it.

    Attributes
    ----------
    name
        English name, also the value of the lab's ``surface`` parameter.
    function
        ``function(x, y)`` on tensors of any (equal) shape.
    extent
        ``(x0, x1, y0, y1)`` of the drawn rectangle.
    start
        The usual start point.
    critical_points
        Minima (or the saddle point) marked on the map.
    critical_kind
        ``"minimum"`` or ``"saddle"``.
    gradient_noise
        Standard deviation of the noise added to every gradient by the surface itself
        (the noisy bowl stands for mini-batch gradients).
    log_offset
        ``log10(f − lowest + log_offset)`` is drawn, so the minimum is not −∞.
    formula
        The function as plain text, for titles.
    """

    name: str
    function: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
    extent: Extent
    start: tuple[float, float]
    critical_points: tuple[tuple[float, float], ...]
    critical_kind: str = "minimum"
    gradient_noise: float = 0.0
    log_offset: float = 1e-2
    formula: str = ""

    def value(self, xy: torch.Tensor) -> torch.Tensor:
        """The loss at ``xy`` (shape ``(..., 2)``)."""
        return self.function(xy[..., 0], xy[..., 1])

    def numpy_value(self, x: float, y: float) -> float:
        """The loss at one point, as a Python float (float64 arithmetic)."""
        t = torch.tensor([x, y], dtype=torch.float64)
        return float(self.value(t))

    def contains(self, x: float, y: float, margin: float = 0.5) -> bool:
        """True when ``(x, y)`` is inside the extent grown by ``margin`` of its size."""
        x0, x1, y0, y1 = self.extent
        dx, dy = (x1 - x0) * margin, (y1 - y0) * margin
        return x0 - dx <= x <= x1 + dx and y0 - dy <= y <= y1 + dy


SURFACES: dict[str, Surface] = {
    s.name: s
    for s in (
        Surface(
            "Rosenbrock",
            rosenbrock,
            (-2.0, 2.0, -1.0, 3.0),
            (-1.2, 1.0),
            ((1.0, 1.0),),
            formula="(1 − x)² + 100·(y − x²)²",
        ),
        Surface(
            "saddle",
            saddle,
            (-2.0, 2.0, -2.0, 2.0),
            (-1.8, 0.01),
            ((0.0, 0.0),),
            critical_kind="saddle",
            log_offset=0.1,
            formula="x² − y²",
        ),
        Surface(
            "Beale",
            beale,
            (-4.5, 4.5, -4.5, 4.5),
            (1.0, 1.5),
            ((3.0, 0.5),),
            formula="(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
        ),
        Surface(
            "elongated bowl",
            elongated_bowl,
            (-10.0, 10.0, -4.0, 4.0),
            (-9.0, 3.0),
            ((0.0, 0.0),),
            formula="1.5·x² + 30·y²",
        ),
        Surface(
            "noisy bowl",
            round_bowl,
            (-3.0, 3.0, -3.0, 3.0),
            (-2.5, 2.0),
            ((0.0, 0.0),),
            gradient_noise=5.0,
            formula="5·(x² + y²)",
        ),
    )
}


@dataclass(frozen=True)
class SurfaceGrid:
    """The log-scaled surface on a grid; row ``i`` is ``y = ys[i]`` (bottom first)."""

    log_values: np.ndarray
    extent: Extent
    lowest: float
    levels: tuple[float, float]


def surface_grid(surface: Surface, size: int = 128) -> SurfaceGrid:
    """Evaluate ``surface`` on a ``size × size`` grid over its extent, log-scaled.

    The lowest value used for the log is the known minimum for a surface with one,
    else the lowest value on the grid (the saddle has no minimum).
    """
    x0, x1, y0, y1 = surface.extent
    xs = torch.linspace(x0, x1, size, dtype=torch.float64)
    ys = torch.linspace(y0, y1, size, dtype=torch.float64)
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    values = surface.function(gx, gy).numpy()
    lowest = float(values.min())
    if surface.critical_kind == "minimum":
        lowest = min(
            lowest, *(surface.numpy_value(*p) for p in surface.critical_points)
        )
    log_values = np.log10(values - lowest + surface.log_offset).astype(np.float32)
    levels = (float(log_values.min()), float(log_values.max()))
    return SurfaceGrid(log_values, surface.extent, lowest, levels)
