"""One value per label as bars (class probabilities, per-layer norms)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView

#: One QBrush per colour name: pyqtgraph makes a brush of every bar's colour name
#: on every update (~4 µs a bar) but takes QBrush objects as they are.
_BRUSHES: dict[str, pg.QtGui.QBrush] = {}


def _brushes(colors: Sequence, n: int, highlight: int | None) -> list:
    """The brush of each of ``n`` bars (``colors``, else the theme's first colour;
    the highlighted one in the highlight colour)."""
    names = list(colors) if colors else [theme.PALETTE[0]] * n
    if highlight is not None and 0 <= highlight < n:
        names[highlight] = theme.PALETTE[3]
    out = []
    for name in names:
        if isinstance(name, str):
            brush = _BRUSHES.get(name)
            if brush is None:
                brush = _BRUSHES[name] = pg.mkBrush(name)
            out.append(brush)
        else:
            out.append(name)
    return out


class BarsView(PlotView):
    """Bars with text labels; one bar can be highlighted (the prediction, the
    current layer). ``log`` plots log10 of the values (for gradient norms)."""

    def __init__(
        self,
        title: str = "",
        y_label: str = "",
        log: bool = False,
        y_range: tuple[float, float] | None = None,
        parent=None,
        horizontal: bool = False,
    ):
        super().__init__(title, y_label=y_label, parent=parent)
        self.log = log
        self.y_range = y_range
        #: bars grow to the right, one labelled row each (long labels never run
        #: together); ``y_range`` is then the range of the value (bottom) axis
        self.horizontal = horizontal
        self.bars = pg.BarGraphItem(
            x=[], height=[], width=0.7, brush=theme.PALETTE[0], pen=None
        )
        self.plot_item.addItem(self.bars)
        self.plot_item.setMouseEnabled(x=False, y=False)
        self._labels: tuple[str, ...] = ()
        if log:
            # heights are log10 values; the axis labels them as the values
            # themselves (0.01, 0.1, 1 …), and says the scale is logarithmic
            self.plot_item.getAxis("left").setLogMode(True)
            self.plot_item.getAxis("left").setLabel(y_label)

    def set_values(
        self,
        values: Sequence[float],
        labels: Sequence[str] | None = None,
        highlight: int | None = None,
        colors: Sequence[str] | None = None,
    ) -> None:
        if self.horizontal:
            self._set_rows(values, labels, highlight, colors)
            return
        values = np.asarray(values, dtype=np.float64)
        n = len(values)
        heights = values
        if self.log:
            heights = np.log10(np.clip(values, 1e-30, None))
        brushes = _brushes(colors, n, highlight)
        x = np.arange(n)
        if self.log:
            base = float(np.floor(heights.min())) - 0.5 if n else 0.0
            self.bars.setOpts(x=x, y0=base, height=heights - base, brushes=brushes)
        else:
            self.bars.setOpts(x=x, height=heights, brushes=brushes)
        labels = (
            tuple(labels) if labels is not None else tuple(str(i) for i in range(n))
        )
        if labels != self._labels:
            self._labels = labels
            self._label_ticks()
            self.plot_item.setXRange(-0.6, n - 0.4, padding=0)
        if self.y_range is not None:
            self.plot_item.setYRange(*self.y_range, padding=0)
        elif n:
            lo = (
                float(min(0.0, heights.min()))
                if not self.log
                else float(np.floor(heights.min())) - 0.5
            )
            hi = float(heights.max())
            self.plot_item.setYRange(lo, hi + 0.05 * (abs(hi - lo) or 1.0), padding=0)

    def _label_ticks(self) -> None:
        """Label every bar whose label has room; thin them (every 2nd, 5th …) so
        neighbouring labels never run together."""
        labels = self._labels
        n = len(labels)
        if not n or self.horizontal:
            return
        axis = self.plot_item.getAxis("bottom")
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        widest = max(metrics.horizontalAdvance(str(t)) for t in labels) + 8
        room = max(1.0, self.plot_item.getViewBox().width() or self.width() * 0.8)
        need = int(np.ceil(n * widest / room))
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if s >= need), need)
        ticks = [(i, labels[i]) for i in range(0, n, step)]
        self.plot_item.getAxis("bottom").setTicks([ticks, []])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if getattr(self, "_labels", None):
            self._label_ticks()

    def _set_rows(self, values, labels, highlight, colors) -> None:
        """Horizontal bars (linear scale): row ``i`` from the top is ``labels[i]``."""
        values = np.asarray(values, dtype=np.float64)
        n = len(values)
        brushes = _brushes(colors, n, highlight)
        rows = np.arange(n)
        self.bars.setOpts(x=None, x0=np.zeros(n), width=values, y=rows, height=0.7,
                          brushes=brushes)
        labels = (
            tuple(labels) if labels is not None else tuple(str(i) for i in range(n))
        )
        if labels != self._labels:
            self._labels = labels
            self.plot_item.invertY(True)
            self.plot_item.getAxis("bottom").setTicks(None)
            self.plot_item.getAxis("left").setTicks(
                [[(i, labels[i]) for i in range(n)], []])
            self.plot_item.setYRange(-0.6, n - 0.4, padding=0)
        if self.y_range is not None:
            lo, hi = self.y_range
        elif n:
            lo, hi = float(min(0.0, values.min())), float(max(0.0, values.max()))
        else:
            return
        room = abs(hi - lo) or 1.0  # the end ticks' labels stay inside the view
        self.plot_item.setXRange(lo - 0.03 * room, hi + 0.1 * room, padding=0)
