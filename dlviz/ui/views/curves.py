"""Named curves against a shared x axis (loss and accuracy against step)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from dlviz.ui import theme
from dlviz.ui.kit.axes import readable_range
from dlviz.ui.views.base import PlotView
from dlviz.ui.views.legend import FitsLegend, fit_legend, legend_below

#: Curves longer than this are drawn without antialiasing: a dense, noisy line (a
#: loss over thousands of steps) costs 10–50 ms a frame antialiased and 1–2 ms not,
#: and at that density looks the same. Shorter curves stay smooth.
LONG_CURVE = 500
#: Auto-downsampling keeps this many samples per pixel (pyqtgraph's default is 5);
#: with the "peak" method each kept sample is a min and a max, so the envelope of
#: the data is still drawn exactly at pixel resolution.
SAMPLES_PER_PIXEL = 1.0


class CurvesView(FitsLegend, PlotView):
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
        # the legend sits below the plot, outside the data, as many entries a row
        # as fit the plot's width
        self.legend = legend_below(self)
        self._style_legend()
        self.curves: dict[str, pg.PlotDataItem] = {}
        self._labels: dict[str, str] = {}
        self.plot_item.showGrid(x=True, y=True, alpha=0.25)
        self.log_y = log_y
        if log_y:
            self.plot_item.setLogMode(y=True)
        # Ranges are managed here, with hysteresis: pyqtgraph's auto-range would
        # re-layout the axes on every update, which costs far more than the curve.
        self.plot_item.enableAutoRange(False)
        self._range: tuple[float, float, float, float] | None = None
        self._initial_view = self._view()
        # an axis whose range a stage sets itself is left alone
        self._managed = [True, True]
        self.plot_item.setClipToView(True)
        self.plot_item.setDownsampling(auto=True, mode="peak")
        self._antialias = bool(pg.getConfigOption("antialias"))
        #: id(curve) -> (xData, yData, bounds): bounds of data already seen
        self._bounds: dict[int, tuple] = {}

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
            style = _style(dashed)
            # label "": no legend entry (another legend on the stage names it)
            curve = self.plot_item.plot(
                [], [], pen=theme.pen(color, style=style),
                name=None if label == "" else label or name,
                autoDownsampleFactor=SAMPLES_PER_PIXEL,
            )
            curve.setProperty("dlviz_color", color)
            curve.setProperty("dlviz_dashed", dashed)
            self.curves[name] = curve
            fit_legend(self)
        x, y = np.asarray(x), np.asarray(y)
        if len(x) > 2000 and curve.opts["pen"].widthF() > 1:
            curve.setPen(theme.pen(curve.property("dlviz_color"), width=1))
        antialias = self._antialias and len(x) <= LONG_CURVE
        if curve.opts["antialias"] != antialias:
            curve.setData(x, y, antialias=antialias)
        else:
            curve.setData(x, y)
        self._update_range()

    def _data_bounds(self, curve) -> tuple[float, float, float, float] | None:
        """(first x, last x, min y, max y) of the finite data (log10 y on a log
        axis), computed once per data set: an update of one curve does not rescan
        the others."""
        x, y = curve.xData, curve.yData
        if x is None or not len(x):
            return None
        seen = self._bounds.get(id(curve))
        if seen is not None and seen[0] is x and seen[1] is y:
            return seen[2]
        xs, ys = x, y
        if self.log_y:
            keep = ys > 0
            xs, ys = xs[keep], np.log10(ys[keep])
        finite = np.isfinite(ys)
        bounds = None
        if finite.any():
            values = ys if finite.all() else ys[finite]
            bounds = (float(xs[0]), float(xs[-1]), float(values.min()),
                      float(values.max()))
        self._bounds[id(curve)] = (x, y, bounds)
        return bounds

    def _update_range(self) -> None:
        """Grow the view as soon as data leave it; shrink only when the data use
        less than half of it. Most updates leave the axes untouched."""
        xs, ys = [], []
        for curve in self.curves.values():
            bounds = self._data_bounds(curve)
            if bounds is None:
                continue
            xs += bounds[:2]
            ys += bounds[2:]
        if not xs:
            return
        self._notice_external_ranges()
        if not any(self._managed):
            return
        x0, x1 = min(xs), max(xs)
        y0, y1 = readable_range(min(ys), max(ys))
        span_y = max(y1 - y0, 1e-9)
        if self._range is not None:
            rx0, rx1, ry0, ry1 = self._range
            inside = rx0 <= x0 and x1 <= rx1 and ry0 <= y0 and y1 <= ry1
            tight = (x1 - x0) >= 0.5 * (rx1 - rx0) and span_y >= 0.5 * (ry1 - ry0)
            if inside and tight:
                return
        width = max(x1 - x0, 1.0)
        new = (x0, x0 + width * 1.25, y0 - 0.05 * span_y, y1 + 0.1 * span_y)
        self._range = new
        ranges = {}
        if self._managed[0]:
            ranges["xRange"] = new[:2]
        if self._managed[1]:
            ranges["yRange"] = new[2:]
        self.plot_item.setRange(padding=0, **ranges)
        self._set_view = self._view()

    def _view(self) -> tuple[tuple[float, float], tuple[float, float]]:
        (a, b), (c, d) = self.plot_item.getViewBox().viewRange()
        return (a, b), (c, d)

    def _notice_external_ranges(self) -> None:
        reference = self._initial_view if self._range is None else self._set_view
        current = self._view()
        for axis in (0, 1):
            if not self._managed[axis]:
                continue
            if not np.allclose(current[axis], reference[axis], rtol=1e-6, atol=1e-9):
                self._managed[axis] = False

    def clear_curves(self) -> None:
        """Forget the run: no curves, and the next data sets the range afresh
        (a new lab or run never inherits the old one's axes)."""
        for name in list(self.curves):
            self.legend.removeItem(self.curves[name])
            self.plot_item.removeItem(self.curves[name])
        self.curves.clear()
        self._bounds.clear()
        self._range = None
        self._managed = [True, True]
        self.plot_item.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self._initial_view = self._view()

    def _style_legend(self) -> None:
        self.legend.setLabelTextColor(theme.STYLE.foreground)
        self.legend.setLabelTextSize(f"{theme.STYLE.font_pt * 0.9:.0f}pt")
        self.style_legend()

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "legend"):
            self._style_legend()
        for curve in getattr(self, "curves", {}).values():
            many = curve.xData is not None and len(curve.xData) > 2000
            curve.setPen(theme.pen(curve.property("dlviz_color"),
                                   width=1 if many else None,
                                   style=_style(curve.property("dlviz_dashed"))))


def _style(dashed: bool):
    return Qt.PenStyle.DashLine if dashed else None
