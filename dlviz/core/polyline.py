"""Fewer points for long polylines that look the same: a path of thousands of
steps, most of them far under a pixel, drawn (or kept) through the few that show.

Used by the optimizer race: its task keeps each optimizer's whole path from the
start in bounded memory (:func:`grid_thin_to` on the older part), and its stage
draws at most a few hundred points of it (:func:`thin_path`).
"""

from __future__ import annotations

import numpy as np


def straighten(points: np.ndarray, scale: tuple[float, float], tolerance: float,
               passes: int = 4) -> np.ndarray:
    """Drop the points of a polyline that lie within ``tolerance`` (after dividing
    x and y by ``scale``: pixels) of the straight piece between their neighbours,
    and between them: a smooth stretch keeps few points, a turn or a reversal keeps
    its corner. Each pass drops every other such point (never two neighbours), so
    the line moves by at most ``passes × tolerance``."""
    size = np.asarray(scale, dtype=np.float64)
    for k in range(passes):
        if len(points) <= 3:
            break
        p = points / size
        a, b, c = p[:-2], p[1:-1], p[2:]
        ac, ab = c - a, b - a
        length2 = (ac * ac).sum(axis=1)
        cross = ac[:, 0] * ab[:, 1] - ac[:, 1] * ab[:, 0]
        along = (ab * ac).sum(axis=1)
        straight = ((cross * cross <= tolerance * tolerance * length2)
                    & (along >= 0) & (along <= length2) & (length2 > 0))
        straight[(k % 2)::2] = False  # every other point: never two neighbours
        if not straight.any():
            continue
        keep = np.ones(len(points), dtype=bool)
        keep[1:-1] = ~straight
        points = points[keep]
    return points


def grid_thin(points: np.ndarray, size: np.ndarray) -> np.ndarray:
    """The first and last points and each point in another cell of a grid of
    ``size`` (x, y) than the point before it. The kept points are points of the
    path; thinning again with the same cells keeps them all."""
    if len(points) <= 2:
        return points
    grid = np.floor(points / size)
    keep = np.empty(len(points), dtype=bool)
    keep[0] = keep[-1] = True
    keep[1:-1] = (grid[1:-1] != grid[:-2]).any(axis=1)
    return points[keep]


def _cell(path: np.ndarray, cell) -> np.ndarray:
    size = np.asarray(cell, dtype=np.float64)
    if not (np.isfinite(size).all() and (size > 0).all()):
        span = np.ptp(path, axis=0)
        size = np.full(2, max(float(span.max()), 1e-9) / 1000)  # no scale known
    return size


def grid_thin_to(path: np.ndarray, cell, most: int) -> np.ndarray:
    """:func:`grid_thin` with cells of ``cell``, grown by half while more than
    ``most`` points remain (a path that scribbles over one spot loses detail there
    first); a path that still has too many then keeps ``most`` evenly spaced ones.
    The first and the last point are always kept."""
    kept = np.asarray(path, dtype=np.float64).reshape(-1, 2)
    size = _cell(kept, cell)
    for _ in range(13):  # cells up to 130 times the first
        kept = grid_thin(kept, size)
        if len(kept) <= most:
            return kept
        size = size * 1.5
    # a scribble that crosses cell edges at every step: evenly spaced points
    index = np.unique(np.linspace(0, len(kept) - 1, most).round().astype(int))
    return kept[index]


def thin_path(path: np.ndarray, cell: tuple[float, float],
              most: int, tolerance: float = 0.5) -> np.ndarray:
    """The points of ``path`` that are drawn: the first and the last, and each point
    that enters another cell of a grid of ``cell`` (x, y) than the point before it;
    then the points of smooth stretches within ``tolerance`` cells of a straight
    line through their neighbours are dropped (:func:`straighten`). The drawn line
    stays within about a cell of the path; with cells under a pixel it looks the
    same. While more than ``most`` points remain, the cells grow
    (:func:`grid_thin_to`)."""
    path = np.asarray(path, dtype=np.float64).reshape(-1, 2)
    if len(path) <= 2:
        return path
    size = _cell(path, cell)
    kept = straighten(grid_thin(path, size), size, tolerance)
    if len(kept) <= most:
        return kept
    return grid_thin_to(kept, size * 1.5, most)
