"""An image with rectangles drawn over it (ground truth, anchors, detections).

Rectangles are grouped in named layers; each layer is one curve item whose outline
path is rebuilt with ``setData`` (NaN-separated rectangles), and its captions are text
items created once and reused, so a redraw at 30 Hz touches no widget. The image is
gray (H, W) in [0, 1] or colour (H, W, 3) uint8 (a per-class mask).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView


def _gray_lookup_table() -> np.ndarray:
    ramp = np.arange(256)
    return np.stack([ramp, ramp, ramp, np.full(256, 255)], 1).astype(np.uint8)


def rectangle_path(boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x and y of the outlines of (K, 4) corner boxes, one closed loop per box with a
    NaN between boxes (for ``connect="finite"``)."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    if not len(boxes):
        return np.zeros(0), np.zeros(0)
    x0, y0, x1, y1 = boxes.T
    nan = np.full(len(boxes), np.nan)
    xs = np.stack((x0, x1, x1, x0, x0, nan), 1).reshape(-1)
    ys = np.stack((y0, y0, y1, y1, y0, nan), 1).reshape(-1)
    return xs, ys


class _Layer:
    def __init__(self, plot: pg.PlotItem, z: float):
        self.plot = plot
        self.z = z
        self.curves: list[pg.PlotCurveItem] = []
        self.texts: list[pg.TextItem] = []
        # per curve: its pen's key, x, y it shows (None: hidden)
        self.shown: list[tuple | None] = []
        # per caption: (text, colour, font key, x, y) it shows (None: hidden)
        self.captions: list[tuple | None] = []


class BoxesView(PlotView):
    """A gray or colour image with layers of labelled rectangles on top."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(title, parent=parent)
        self.image = pg.ImageItem()
        self.image.setLookupTable(_gray_lookup_table())
        self.plot_item.addItem(self.image)
        self.plot_item.invertY(True)
        self.plot_item.setAspectLocked(True)
        self.plot_item.hideAxis("left")
        self.plot_item.hideAxis("bottom")
        self.plot_item.setMouseEnabled(x=False, y=False)
        self._shape: tuple[int, int] | None = None
        self._rgb = False
        self._layers: dict[str, _Layer] = {}
        # what the image item shows now: a frame with the same picture sets nothing
        self._shown: tuple[np.ndarray, tuple[float, float]] | None = None

    # -- the image ------------------------------------------------------------------
    def set_image(
        self, image: np.ndarray, levels: tuple[float, float] = (0.0, 1.0)
    ) -> None:
        """Show a gray (H, W) image between ``levels`` or a colour (H, W, 3) one."""
        image = np.asarray(image)
        levels = (float(levels[0]), float(levels[1]))
        shown = self._shown
        if (shown is not None and shown[1] == levels and shown[0].shape == image.shape
                and np.array_equal(shown[0], image)):
            return
        self._shown = (image.copy(), levels)
        rgb = image.ndim == 3
        if rgb != self._rgb:
            self._rgb = rgb
            self.image.setLookupTable(None if rgb else _gray_lookup_table())
        if rgb:
            self.image.setImage(image.astype(np.uint8), autoLevels=False,
                                levels=(0, 255))
        else:
            self.image.setImage(image.astype(np.float32), autoLevels=False,
                                levels=levels)
        shape = image.shape[:2]
        if shape != self._shape:
            self._shape = shape
            rect = QRectF(0, 0, shape[1], shape[0])
            self.image.setRect(rect)
            self.plot_item.setRange(rect=rect, padding=0.02)

    # -- the rectangles -------------------------------------------------------------
    def set_boxes(
        self,
        layer: str,
        boxes: np.ndarray,
        colors: Sequence[str] | str,
        captions: Sequence[str] | None = None,
        width: float | None = None,
        dashed: bool = False,
        opacity: float = 1.0,
    ) -> None:
        """Draw (K, 4) corner boxes in pixels as layer ``layer`` (replacing what it
        showed). ``colors`` is one colour or one per box; boxes of one colour share
        one curve item. ``captions`` are written at the top-left corners."""
        boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
        group = self._layers.get(layer)
        if group is None:
            group = self._layers[layer] = _Layer(self.plot_item, 2 + len(self._layers))
        per_box = [colors] * len(boxes) if isinstance(colors, str) else list(colors)
        palette = list(dict.fromkeys(per_box))
        width = theme.STYLE.line_width if width is None else width
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        while len(group.curves) < len(palette):
            # not antialiased: the outlines are axis-aligned, antialiasing only
            # blurs their edges and costs most of the view's paint
            curve = pg.PlotCurveItem(connect="finite", antialias=False)
            curve.setZValue(group.z)
            self.plot_item.addItem(curve)
            group.curves.append(curve)
            group.shown.append(None)
        for i, curve in enumerate(group.curves):
            if i >= len(palette):
                if group.shown[i] is not None:
                    group.shown[i] = None
                    curve.setData([], [])
                    curve.setVisible(False)
                continue
            mine = np.array([c == palette[i] for c in per_box], dtype=bool)
            xs, ys = rectangle_path(boxes[mine])
            # the theme's state too: a role's colour and the line width it scales
            pen = (palette[i], width, style, opacity, theme.STYLE.dark,
                   theme.STYLE.line_width)
            shown = group.shown[i]
            if shown is not None and shown[0] == pen and np.array_equal(
                    shown[1], xs, equal_nan=True) and np.array_equal(
                    shown[2], ys, equal_nan=True):
                continue  # the same outlines in the same pen: nothing to redraw
            group.shown[i] = (pen, xs, ys)
            if shown is None or shown[0] != pen:
                curve.setPen(theme.pen(palette[i], width=width, style=style))
                curve.setOpacity(opacity)
            curve.setData(xs, ys, connect="finite")
            curve.setVisible(True)
        self._set_captions(group, boxes, per_box, captions or [])

    def _set_captions(self, group: _Layer, boxes: np.ndarray, colors: list[str],
                      captions: Sequence[str]) -> None:
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt)
        font.setBold(True)
        while len(group.texts) < len(captions):
            item = pg.TextItem(anchor=(0.0, 1.0), fill=pg.mkBrush(0, 0, 0, 150))
            item.setZValue(group.z + 0.5)
            item.setVisible(False)  # until it has a caption to show
            self.plot_item.addItem(item)
            group.texts.append(item)
            group.captions.append(None)
        font_key = font.key()
        clear = self._clear_of_each_other(boxes, captions, font)
        for i, item in enumerate(group.texts):
            if i >= len(captions) or i >= len(boxes) or not clear[i]:
                if group.captions[i] is not None:
                    group.captions[i] = None
                    item.setVisible(False)
                continue
            x, y = float(boxes[i, 0]), float(boxes[i, 1])
            shown = group.captions[i]
            # a caption laid out again only when its text, colour or font changed
            if shown is None or shown[2] != font_key:
                item.setFont(font)
            if shown is None or shown[:3] != (captions[i], colors[i], font_key):
                item.setText(captions[i], color=colors[i])
            if shown is None or shown[3:] != (x, y):
                item.setPos(x, y)
            group.captions[i] = (captions[i], colors[i], font_key, x, y)
            item.setVisible(True)

    def _clear_of_each_other(self, boxes: np.ndarray, captions: Sequence[str],
                             font) -> list[bool]:
        """Which captions are shown: in order, each one whose label would not
        overlap a label already shown (boxes of similar proposals sit on top of
        each other; their scores would be unreadable)."""
        n = min(len(captions), len(boxes))
        if n <= 1:
            return [True] * n
        dx, dy = (abs(v) for v in self.plot_item.getViewBox().viewPixelSize())
        if not (dx > 0 and dy > 0):
            return [True] * n
        metrics = QFontMetricsF(font)
        height = metrics.height()
        placed: list[QRectF] = []
        clear = []
        for i in range(n):
            x, y = boxes[i, 0] / dx, boxes[i, 1] / dy
            rect = QRectF(x, y - height, metrics.horizontalAdvance(captions[i]) + 6,
                          height)
            free = not any(rect.intersects(other) for other in placed)
            if free:
                placed.append(rect)
            clear.append(free)
        return clear

    def clear_boxes(self, layer: str) -> None:
        if layer in self._layers:
            self.set_boxes(layer, np.zeros((0, 4)), [])

    def box_count(self, layer: str) -> int:
        """Rectangles layer ``layer`` shows now (for tests)."""
        group = self._layers.get(layer)
        if group is None:
            return 0
        total = 0
        for curve in group.curves:
            if curve.isVisible() and curve.xData is not None:
                total += int(np.isnan(curve.xData).sum())
        return total

    def captions(self, layer: str) -> list[str]:
        """Captions layer ``layer`` shows now (for tests)."""
        group = self._layers.get(layer)
        if group is None:
            return []
        return [t.toPlainText() for t in group.texts if t.isVisible()]
