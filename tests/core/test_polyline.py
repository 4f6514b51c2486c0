"""Thinning long polylines: fewer points, the same line."""

from __future__ import annotations

import numpy as np

from dlviz.core.polyline import grid_thin, grid_thin_to, thin_path

CAP = 400


def _distance_to_polyline(points: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Distance of each point to the nearest segment of ``line``."""
    a, b = line[:-1][None], line[1:][None]
    p = points[:, None]
    ab = b - a
    t = np.clip(((p - a) * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-300), 0, 1)
    return np.linalg.norm(p - (a + t[..., None] * ab), axis=-1).min(axis=1)


def test_thin_path_keeps_the_line_near_the_path_and_at_most_the_cap():
    rng = np.random.default_rng(0)
    # a zigzag of big steps, then thousands of sub-cell steps converging
    big = np.cumsum(rng.normal(scale=0.2, size=(60, 2)), axis=0)
    tail = big[-1] + np.cumsum(np.full((1900, 2), 1e-4), axis=0)
    path = np.vstack([big, tail])
    cell = (0.01, 0.01)
    shown = thin_path(path, cell, CAP)
    assert len(shown) <= CAP
    np.testing.assert_array_equal(shown[0], path[0])
    np.testing.assert_array_equal(shown[-1], path[-1])  # where it is now
    assert len(shown) < 70  # the straight tail needs almost no points
    # every point of the path lies within two cells of the drawn line (a cell of
    # grid, half a cell per straightening pass), the zigzag's corners included
    assert _distance_to_polyline(path, shown).max() <= 3 * 0.01
    assert _distance_to_polyline(big, shown).max() <= 3 * 0.01
    # a path that scribbles over one spot keeps at most the cap
    scribble = rng.normal(scale=1.0, size=(2000, 2))
    assert len(thin_path(scribble, cell, CAP)) <= CAP
    assert len(thin_path(path[:2], cell, CAP)) == 2
    # a reversal (out and back along one line) keeps its far end
    out_back = np.r_[np.c_[np.linspace(0, 1, 50), np.zeros(50)],
                     np.c_[np.linspace(1, 0, 50), np.zeros(50)]]
    assert thin_path(out_back, cell, CAP)[:, 0].max() == 1.0


def test_grid_thin_to_keeps_points_of_the_path_and_is_stable() -> None:
    rng = np.random.default_rng(1)
    path = np.cumsum(rng.normal(scale=0.05, size=(3000, 2)), axis=0)
    cell = np.array([0.01, 0.01])
    kept = grid_thin_to(path, cell, 500)
    assert len(kept) <= 500
    np.testing.assert_array_equal(kept[0], path[0])
    np.testing.assert_array_equal(kept[-1], path[-1])
    # only points of the path, in their order
    index = [int(np.flatnonzero((path == p).all(axis=1))[0]) for p in kept]
    assert index == sorted(index)
    # thinning what was thinned with the same cells keeps every point
    once = grid_thin(path, cell)
    np.testing.assert_array_equal(grid_thin(once, cell), once)
