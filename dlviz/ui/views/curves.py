"""Named curves against a shared x axis (loss and accuracy against step)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView


class CurvesView(PlotView):
    """Curves created on first use and updated in place with ``setData``."""

    def __init__(
        self,
        title: str = "",
        x_label: str = "",
        y_label: str = "",
        log_y: bool = False,
        parent=None,
    ):
        super().__init__(title, x_label, y_label, parent)
        self.legend = self.plot_item.addLegend(offset=(-10, 10))
        self._style_legend()
        self.curves: dict[str, pg.PlotDataItem] = {}
        self._labels: dict[str, str] = {}
        self.plot_item.showGrid(x=True, y=True, alpha=0.25)
        if log_y:
            self.plot_item.setLogMode(y=True)
        self.plot_item.setClipToView(True)
        self.plot_item.setDownsampling(auto=True, mode="peak")

    def set_curve(
        self,
        name: str,
        x: np.ndarray,
        y: np.ndarray,
        color: str | None = None,
        dashed: bool = False,
        label: str | None = None,
    ) -> None:
        curve = self.curves.get(name)
        if curve is None:
            color = color or theme.PALETTE[len(self.curves) % len(theme.PALETTE)]
            style = Qt.PenStyle.DashLine if dashed else None
            curve = self.plot_item.plot(
                [], [], pen=theme.pen(color, style=style), name=label or name
            )
            curve.setProperty("dlviz_color", color)
            curve.setProperty("dlviz_dashed", dashed)
            self.curves[name] = curve
        curve.setData(np.asarray(x), np.asarray(y))

    def clear_curves(self) -> None:
        for curve in self.curves.values():
            curve.setData([], [])

    def _style_legend(self) -> None:
        self.legend.setLabelTextColor(theme.STYLE.foreground)
        self.legend.setLabelTextSize(f"{theme.STYLE.font_pt:.0f}pt")
        background = pg.mkColor(theme.STYLE.background)
        background.setAlpha(200)
        self.legend.setBrush(pg.mkBrush(background))

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "legend"):
            self._style_legend()
        for curve in getattr(self, "curves", {}).values():
            style = Qt.PenStyle.DashLine if curve.property("dlviz_dashed") else None
            curve.setPen(theme.pen(curve.property("dlviz_color"), style=style))
