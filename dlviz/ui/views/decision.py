"""Class probabilities over the plane (a decision boundary) under labelled points."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from dlviz.ui import theme
from dlviz.ui.views.scatter import ScatterView


def _rgb(color: str) -> np.ndarray:
    c = pg.mkColor(color)
    return np.array([c.red(), c.green(), c.blue()], np.float32)


def blend_classes(probs: np.ndarray, background: str = "#ffffff") -> np.ndarray:
    """Mix class colours by probability over a light background → (H, W, 3) uint8.

    Confident regions take the class colour at 55%; the boundary (p ≈ 1/k) stays pale.
    """
    h, w, k = probs.shape
    colors = np.stack([_rgb(theme.class_color(i)) for i in range(k)])
    mixed = probs.reshape(-1, k) @ colors
    confidence = (probs.max(-1).reshape(-1, 1) - 1.0 / k) / (1.0 - 1.0 / k)
    alpha = 0.15 + 0.45 * np.clip(confidence, 0, 1)
    base = _rgb(background)
    out = base * (1 - alpha) + mixed * alpha
    return out.reshape(h, w, 3).clip(0, 255).astype(np.uint8)


class DecisionMapView(ScatterView):
    """``set_map(probs, extent)`` draws the (H, W, classes) probabilities; the
    inherited ``set_points`` draws the data on top."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(title, parent)
        self.image = pg.ImageItem()
        self.image.setZValue(-10)
        self.plot_item.addItem(self.image)
        self.boundary = pg.IsocurveItem(level=0.5, pen=theme.pen("#202020", 2))
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
            self.boundary.setData(probs[..., 1].astype(np.float32))
            self.boundary.setVisible(True)
        else:
            self.boundary.setVisible(False)
        if extent != self._extent:
            self._extent = extent
            x0, x1, y0, y1 = extent
            # the isocurve is a child of the image: it follows the image's transform
            self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
            self.set_range(x0, x1, y0, y1)
