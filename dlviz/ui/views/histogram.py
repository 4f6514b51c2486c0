"""The distribution of a tensor's values (or any samples) as a step histogram."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView


class HistogramView(PlotView):
    """Step histograms of one or more named sample sets, and vertical marker lines."""

    def __init__(self, title: str = "", x_label: str = "", parent=None):
        super().__init__(title, x_label, parent=parent)
        self.items: dict[str, pg.PlotDataItem] = {}
        self.lines: dict[str, pg.InfiniteLine] = {}

    def set_samples(
        self,
        name: str,
        values: np.ndarray,
        bins: int = 40,
        color: str | None = None,
        value_range=None,
    ) -> None:
        values = np.asarray(values, dtype=np.float64).ravel()
        values = values[np.isfinite(values)]
        if values.size == 0:
            values = np.zeros(1)
        counts, edges = np.histogram(values, bins=bins, range=value_range)
        item = self.items.get(name)
        if item is None:
            color = color or theme.PALETTE[len(self.items) % len(theme.PALETTE)]
            fill = pg.mkBrush(pg.mkColor(color).lighter(130))
            fill.setStyle(pg.QtCore.Qt.BrushStyle.SolidPattern)
            item = self.plot_item.plot(
                [], [], stepMode="center", fillLevel=0, pen=theme.pen(color), name=name
            )
            col = pg.mkColor(color)
            col.setAlpha(90)
            item.setBrush(pg.mkBrush(col))
            self.items[name] = item
        item.setData(edges, counts)

    def set_line(self, name: str, x: float, color: str = "#D55E00") -> None:
        line = self.lines.get(name)
        if line is None:
            line = pg.InfiniteLine(angle=90, pen=theme.pen(color))
            self.plot_item.addItem(line)
            self.lines[name] = line
        line.setValue(float(x))
