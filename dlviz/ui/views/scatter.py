"""Labelled 2-D points: one scatter item per class, updated in place."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView


class ScatterView(PlotView):
    """Points coloured by integer label; several named layers (train, validation)."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(title, parent=parent)
        self.layers: dict[str, pg.ScatterPlotItem] = {}
        self.plot_item.setAspectLocked(True)

    def set_points(
        self,
        name: str,
        xy: np.ndarray,
        labels: np.ndarray | None = None,
        symbol: str = "o",
        size: float | None = None,
        outline: str | None = None,
        z: float = 10,
        brush: str | None = None,
    ) -> None:
        """Points ``xy`` of layer ``name``: coloured by ``labels`` (class colours),
        else all in ``brush`` (a colour; the theme's first by default)."""
        item = self.layers.get(name)
        if item is None:
            item = pg.ScatterPlotItem()
            item.setZValue(z)
            self.plot_item.addItem(item)
            self.layers[name] = item
        xy = np.asarray(xy, dtype=np.float32).reshape(-1, 2)
        size = size or theme.STYLE.marker_size
        if labels is None:
            brushes = pg.mkBrush(brush or theme.PALETTE[0])
        else:
            palette = [pg.mkBrush(theme.class_color(i)) for i in range(10)]
            brushes = [palette[int(c) % 10] for c in labels]
        pen = pg.mkPen(outline or theme.STYLE.background, width=1)
        item.setData(
            x=xy[:, 0], y=xy[:, 1], brush=brushes, symbol=symbol, size=size, pen=pen
        )

    def set_range(self, x0: float, x1: float, y0: float, y1: float) -> None:
        self.plot_item.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def set_class_legend(self, names: list[str] | None, columns: int = 1) -> None:
        """A legend of the class colours (``names[i]`` for label ``i``) to the
        right of the plot, outside the data; ``None`` removes it. Call it again
        with new names to translate it."""
        legend = getattr(self, "class_legend", None)
        if legend is None and names:
            legend = pg.LegendItem(colCount=columns, verSpacing=-4)
            self.plot_item.layout.addItem(legend, 2, 3)
            # as tall as its entries, at the top (not spread over the plot's height)
            legend.setSizePolicy(pg.QtWidgets.QSizePolicy.Policy.Preferred,
                                 pg.QtWidgets.QSizePolicy.Policy.Fixed)
            self.plot_item.layout.setAlignment(legend,
                                               pg.QtCore.Qt.AlignmentFlag.AlignTop)
            self.plot_item.legend = legend
            self.class_legend = legend
            self._class_samples: list[pg.ScatterPlotItem] = []
        if legend is None:
            return
        legend.clear()
        legend.setVisible(bool(names))
        for i, name in enumerate(names or []):
            if i >= len(self._class_samples):
                self._class_samples.append(pg.ScatterPlotItem(
                    symbol="o", size=theme.STYLE.marker_size,
                    brush=pg.mkBrush(theme.class_color(i)),
                    # grey rim: a black class stays visible on the dark theme
                    pen=pg.mkPen(theme.PALETTE[8], width=1)))
            legend.addItem(self._class_samples[i], name)
        self.style_legend()
