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

    def set_line(
        self,
        name: str,
        x: float,
        color: str = "#D55E00",
        label: str | None = None,
        label_position: float = 0.9,
    ) -> None:
        """A vertical line at ``x``; ``label`` (optional) is written beside it, at
        ``label_position`` (0 bottom … 1 top) of the view's height, and may hold
        ``{value}`` (e.g. ``"margin {value:.2f}"``). Call again with a new label to
        translate it."""
        line = self.lines.get(name)
        if line is None:
            line = pg.InfiniteLine(angle=90, pen=theme.pen(color))
            self.plot_item.addItem(line)
            self.lines[name] = line
        if label is not None:
            if getattr(line, "label", None) is None:
                line.label = pg.InfLineLabel(line, text=label, position=label_position)
                line.label.setZValue(30)
                self._style_line_label(line.label)
            elif line.label.format != label:
                line.label.format = label
                line.label.valueChanged()
        line.setValue(float(x))

    def _style_line_label(self, label: pg.InfLineLabel) -> None:
        """Line labels in the theme's text colour and size, on a backdrop that keeps
        them readable over the bars."""
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt * 0.9)
        label.setFont(font)
        label.setColor(theme.STYLE.foreground)
        backdrop = pg.mkColor(theme.STYLE.background)
        backdrop.setAlpha(200)
        label.fill = pg.mkBrush(backdrop)
        label.update()

    def apply_style(self) -> None:
        super().apply_style()
        for line in getattr(self, "lines", {}).values():
            if getattr(line, "label", None) is not None:
                self._style_line_label(line.label)
