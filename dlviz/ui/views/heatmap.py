"""A 2-D array as a heatmap, with optional tick labels and a colour bar."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView


class HeatmapView(PlotView):
    """Shows a (rows, cols) array; row 0 at the top.

    ``diverging`` picks a zero-centred map for signed data (gradients, weights).
    ``extent`` (x0, x1, y0, y1) places the image in data coordinates instead of cells.
    """

    def __init__(
        self,
        title: str = "",
        x_label: str = "",
        y_label: str = "",
        diverging: bool = False,
        colorbar: bool = True,
        parent=None,
    ):
        super().__init__(title, x_label, y_label, parent)
        self.diverging = diverging
        self.image = pg.ImageItem()
        self.image.setLookupTable(theme.lookup_table(diverging=diverging))
        self.plot_item.addItem(self.image)
        self.plot_item.invertY(True)
        self.plot_item.setAspectLocked(False)
        self.colorbar = None
        if colorbar:
            self.colorbar = pg.ColorBarItem(
                colorMap=pg.colormap.get(
                    theme.STYLE.diverging if diverging else theme.STYLE.sequential
                ),
                interactive=False,
                width=14,
            )
            self.colorbar.setImageItem(self.image, insert_in=self.plot_item)
        self._shape: tuple[int, int] | None = None
        self._extent = None
        self._ticks: tuple | None = None

    def set_data(
        self,
        values: np.ndarray,
        levels: tuple[float, float] | None = None,
        extent: tuple[float, float, float, float] | None = None,
    ) -> None:
        values = np.asarray(values, dtype=np.float32)
        if values.ndim == 1:
            values = values[None, :]
        if levels is None:
            levels = (
                theme.symmetric_levels(values)
                if self.diverging
                else theme.range_levels(values)
            )
        self.image.setImage(values, autoLevels=False, levels=levels)
        if self.colorbar is not None:
            self.colorbar.setLevels(levels)
        if values.shape != self._shape or extent != self._extent:
            self._shape, self._extent = values.shape, extent
            rows, cols = values.shape
            if extent is None:
                rect = QRectF(0, 0, cols, rows)
            else:
                x0, x1, y0, y1 = extent
                rect = QRectF(x0, y0, x1 - x0, y1 - y0)
            self.image.setRect(rect)
            self.plot_item.setRange(rect=rect, padding=0)

    def set_ticks(
        self,
        x: Sequence[str] | None = None,
        y: Sequence[str] | None = None,
        max_ticks: int = 40,
    ) -> None:
        """Label the columns (bottom axis) and rows (left axis) at cell centres."""
        if (x, y) == self._ticks:
            return
        self._ticks = (x, y)
        for axis_name, labels in (("bottom", x), ("left", y)):
            axis = self.plot_item.getAxis(axis_name)
            if labels is None:
                axis.setTicks(None)
                continue
            step = max(1, int(np.ceil(len(labels) / max_ticks)))
            ticks = [(i + 0.5, str(labels[i])) for i in range(0, len(labels), step)]
            axis.setTicks([ticks, []])

    def set_diverging(self, diverging: bool) -> None:
        self.diverging = diverging
        self.image.setLookupTable(theme.lookup_table(diverging=diverging))
        if self.colorbar is not None:
            self.colorbar.setColorMap(
                pg.colormap.get(
                    theme.STYLE.diverging if diverging else theme.STYLE.sequential
                )
            )

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "image"):
            self.set_diverging(self.diverging)
