"""Class probabilities over the plane (a decision boundary) under labelled points."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from dlviz.ui import theme
from dlviz.ui.views.scatter import ScatterView


@lru_cache(maxsize=64)
def _rgb(color: str) -> np.ndarray:
    c = pg.mkColor(color)
    rgb = np.array([c.red(), c.green(), c.blue()], np.float32)
    rgb.flags.writeable = False  # shared by the cache
    return rgb


@lru_cache(maxsize=16)
def _class_colors(colors: tuple[str, ...]) -> np.ndarray:
    stacked = np.stack([_rgb(c) for c in colors])
    stacked.flags.writeable = False
    return stacked


def blend_classes(probs: np.ndarray, background: str = "#ffffff") -> np.ndarray:
    """Mix class colours by probability over a light background → (H, W, 3) uint8.

    Confident regions take the class colour at 55%; the boundary (p ≈ 1/k) stays pale.
    """
    h, w, k = probs.shape
    colors = _class_colors(tuple(theme.class_color(i) for i in range(k)))
    mixed = probs.reshape(-1, k) @ colors
    confidence = (probs.max(-1).reshape(-1, 1) - 1.0 / k) / (1.0 - 1.0 / k)
    alpha = 0.15 + 0.45 * np.clip(confidence, 0, 1)
    base = _rgb(background)
    out = base * (1 - alpha) + mixed * alpha
    return out.reshape(h, w, 3).clip(0, 255).astype(np.uint8)


def level_segments(values: np.ndarray, level: float) -> np.ndarray:
    """Where the (H, W) ``values`` cross ``level``: line segments by marching
    squares, vectorized, as (2·m, 2) points (x, y) taken in pairs.

    Coordinates are the image's pixels (row-major data: x is the column); a value
    sits at its pixel's centre, and the lines are extended to the image's edges
    (as pyqtgraph's IsocurveItem with ``extendToEdge``, which loops over the cells
    in Python: ~5 ms a frame for 72×72, this ~0.3 ms).
    """
    v = np.pad(np.asarray(values, np.float64), 1, mode="edge")
    rows, cols = v.shape
    below = v < level
    with np.errstate(divide="ignore", invalid="ignore"):
        # crossings on the horizontal edges (r, c)-(r, c+1) and vertical (r, c)-(r+1, c)
        th = (level - v[:, :-1]) / (v[:, 1:] - v[:, :-1])
        tv = (level - v[:-1, :]) / (v[1:, :] - v[:-1, :])
    r_h, c_h = np.mgrid[0:rows, 0:cols - 1]
    r_v, c_v = np.mgrid[0:rows - 1, 0:cols]
    # padded vertex (r, c) is the centre of pixel (r-1, c-1): at (c-0.5, r-0.5)
    hx, hy = c_h + th - 0.5, r_h - 0.5
    vx, vy = c_v - 0.5, r_v + tv - 0.5
    cross_h = below[:, :-1] != below[:, 1:]
    cross_v = below[:-1, :] != below[1:, :]
    # the four edges of each cell (r, c): top, bottom, left, right
    edges = [
        (cross_h[:-1, :], hx[:-1, :], hy[:-1, :]),
        (cross_h[1:, :], hx[1:, :], hy[1:, :]),
        (cross_v[:, :-1], vx[:, :-1], vy[:, :-1]),
        (cross_v[:, 1:], vx[:, 1:], vy[:, 1:]),
    ]
    count = sum(e[0].astype(np.int8) for e in edges)
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    starts, ends = [], []
    for a, b in pairs:
        cells = (count == 2) & edges[a][0] & edges[b][0]
        starts.append(np.stack([edges[a][1][cells], edges[a][2][cells]], -1))
        ends.append(np.stack([edges[b][1][cells], edges[b][2][cells]], -1))
    saddle = count == 4
    if saddle.any():
        centre = (v[:-1, :-1] + v[:-1, 1:] + v[1:, :-1] + v[1:, 1:]) / 4
        # the centre on the top-left corner's side joins it to the bottom-right:
        # the lines cut off the other two corners, and the other way round
        joined = saddle & ((centre < level) == below[:-1, :-1])
        split = saddle & ~joined
        for cells, (a, b), (c, d) in (
            (joined, (0, 3), (1, 2)),
            (split, (0, 2), (1, 3)),
        ):
            for e, f in ((a, b), (c, d)):
                starts.append(np.stack([edges[e][1][cells], edges[e][2][cells]], -1))
                ends.append(np.stack([edges[f][1][cells], edges[f][2][cells]], -1))
    start, end = np.concatenate(starts), np.concatenate(ends)
    out = np.empty((2 * len(start), 2))
    out[0::2], out[1::2] = start, end
    # the edge rows and columns of the padding extend the lines to the image's edge
    out[:, 0] = out[:, 0].clip(0, cols - 2)
    out[:, 1] = out[:, 1].clip(0, rows - 2)
    return out


class DecisionMapView(ScatterView):
    """``set_map(probs, extent)`` draws the (H, W, classes) probabilities; the
    inherited ``set_points`` draws the data on top."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(title, parent)
        self.image = pg.ImageItem()
        self.image.setZValue(-10)
        self.plot_item.addItem(self.image)
        # the p = ½ line of two classes, as segments in the image's pixels
        self.boundary = pg.PlotCurveItem(pen=theme.pen("#202020", 2),
                                         connect="pairs")
        self.boundary.setParentItem(self.image)
        self._extent = None

    def set_map(
        self, probs: np.ndarray, extent: tuple[float, float, float, float]
    ) -> None:
        self.image.setImage(
            blend_classes(probs, theme.STYLE.background),
            autoLevels=False,
            levels=(0, 255),
        )
        if probs.shape[-1] == 2:
            points = level_segments(probs[..., 1], 0.5)
            self.boundary.setData(points[:, 0], points[:, 1], connect="pairs")
            self.boundary.setVisible(True)
        else:
            self.boundary.setVisible(False)
        if extent != self._extent:
            self._extent = extent
            x0, x1, y0, y1 = extent
            # the isocurve is a child of the image: it follows the image's transform
            self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
            self.set_range(x0, x1, y0, y1)
