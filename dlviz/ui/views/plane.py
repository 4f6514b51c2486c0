"""The plane of the 2-D playground: class probabilities (a decision boundary) or a
value over the plane (a regression's output, one neuron's output) under the data,
with a marker on the selected point; a click reports where."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal
from PySide6.QtWidgets import QGraphicsItem

from dlviz.ui import theme
from dlviz.ui.views.decision import DecisionMapView, level_segments
from dlviz.ui.views.legend import arrange, legend_below


def value_brushes(values: np.ndarray, levels: tuple[float, float]) -> list:
    """One brush per value, coloured by the diverging map over ``levels``."""
    lut = theme.lookup_table(diverging=True)
    lo, hi = levels
    idx = np.clip((np.asarray(values, np.float64) - lo) / (hi - lo or 1.0) * 255,
                  0, 255).astype(np.int64)
    cache: dict[int, pg.QtGui.QBrush] = {}
    out = []
    for i in idx:
        brush = cache.get(int(i))
        if brush is None:
            brush = cache[int(i)] = pg.mkBrush(*lut[i])
        out.append(brush)
    return out


class PlaneView(DecisionMapView):
    """``set_map(probs, extent)`` as the decision map; ``set_values(values,
    extent, levels)`` draws a number over the plane in the diverging map with a
    colour bar. ``clicked(x, y)`` reports a click in data coordinates."""

    clicked = Signal(float, float)

    def __init__(self, title: str = "", parent=None):
        super().__init__(title, parent)
        self._mode = "classes"
        self.bar = self.add_colorbar(
            pg.colormap.get(theme.STYLE.diverging), (-1.0, 1.0))
        self.bar.setVisible(False)
        layout = self.plot_item.layout
        layout.removeItem(self.plot_item.titleLabel)
        layout.addItem(self.plot_item.titleLabel, 0, 0, 1, layout.columnCount())
        self.zero_line = pg.PlotCurveItem(pen=theme.pen(theme.role("map_outline"), 2),
                                          connect="pairs")
        self.zero_line.setParentItem(self.image)
        self.marker = pg.ScatterPlotItem(
            symbol="o", size=theme.STYLE.marker_size * 2.4,
            brush=pg.mkBrush(None), pen=theme.pen("mark", 3))
        self.marker.setZValue(30)
        self.plot_item.addItem(self.marker)
        self.plot_item.getViewBox().setMouseEnabled(False, False)
        self.scene().sigMouseClicked.connect(self._on_click)
        # the class legend's row exists, visible, from the start (a legend added
        # or shown later was drawn over the title: the layout kept its old place)
        self.class_legend = legend_below(self)
        for item in (self.bar, self.bar.axis, self.class_legend):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._class_samples: list[pg.ScatterPlotItem] = []

    def set_map(self, probs: np.ndarray, extent) -> None:
        if self._mode != "classes":
            self._mode = "classes"
            self.image.setLookupTable(None)
            self.bar.setVisible(False)
            self.zero_line.setVisible(False)
        super().set_map(probs, extent)

    def set_values(self, values: np.ndarray, extent, levels: tuple[float, float],
                   line_at_zero: bool = True) -> None:
        """A value over the plane in the diverging map (``levels``: its ends), with
        the line where it crosses zero."""
        if self._mode != "values":
            self._mode = "values"
            self.boundary.setVisible(False)
            self.bar.setVisible(True)
        self.image.setLookupTable(theme.lookup_table(diverging=True))
        self.image.setImage(values, autoLevels=False, levels=levels)
        if tuple(self.bar.levels()) != tuple(levels):
            self.bar.setLevels(levels)
        if line_at_zero and values.min() < 0 < values.max():
            points = level_segments(values, 0.0)
            self.zero_line.setData(points[:, 0], points[:, 1], connect="pairs")
            self.zero_line.setVisible(True)
        else:
            self.zero_line.setVisible(False)
        if extent != self._extent:
            self._extent = extent
            x0, x1, y0, y1 = extent
            self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
            self.set_range(x0, x1, y0, y1)

    def set_value_points(self, name: str, xy: np.ndarray, values: np.ndarray,
                         levels: tuple[float, float], symbol: str = "o",
                         outline: str | None = None) -> None:
        """Points ``xy`` coloured by ``values`` in the diverging map."""
        item = self.layers.get(name)
        if item is None:
            item = pg.ScatterPlotItem()
            item.setZValue(10)
            self.plot_item.addItem(item)
            self.layers[name] = item
        xy = np.asarray(xy, np.float32).reshape(-1, 2)
        size = theme.STYLE.marker_size + (3 if symbol == "x" else 0)
        item.setData(x=xy[:, 0], y=xy[:, 1], brush=value_brushes(values, levels),
                     symbol=symbol, size=size,
                     pen=pg.mkPen(outline or theme.STYLE.foreground, width=1))

    def set_class_legend(self, names: list[str] | None, columns: int = 0) -> None:
        """A legend of the class colours below the plot, one row (the right side
        is the colour bar's)."""
        legend = self.class_legend
        legend.clear()
        for i, name in enumerate(names or []):
            if i >= len(self._class_samples):
                self._class_samples.append(pg.ScatterPlotItem(
                    symbol="o", size=theme.STYLE.marker_size,
                    brush=pg.mkBrush(theme.class_color(i)),
                    pen=pg.mkPen(theme.PALETTE[8], width=1)))
            legend.addItem(self._class_samples[i], name)
        arrange(legend, max(1, len(names or [])))
        self.style_legend()
        self.relayout()

    def relayout(self) -> None:
        """Place the plot's parts again: a legend filled while the view was moved
        between panels (or hidden) was otherwise left where it was, over the title."""
        layout = self.plot_item.layout
        layout.invalidate()
        layout.activate()

    def show_layer(self, name: str, visible: bool) -> None:
        item = self.layers.get(name)
        if item is not None:
            item.setVisible(visible)

    def set_marker(self, point: tuple[float, float] | None) -> None:
        """Ring the selected point (None: no selection)."""
        if point is None:
            self.marker.setData([], [])
        else:
            self.marker.setData([point[0]], [point[1]])

    def apply_style(self) -> None:
        super().apply_style()
        bar = getattr(self, "bar", None)
        if bar is not None:
            bar.setColorMap(pg.colormap.get(theme.STYLE.diverging))
            self.style_colorbar(bar)

    def _on_click(self, event) -> None:
        vb = self.plot_item.getViewBox()
        pos = event.scenePos()
        if not vb.sceneBoundingRect().contains(pos):
            return
        p = vb.mapSceneToView(pos)
        self.clicked.emit(float(p.x()), float(p.y()))
