"""One value per label as bars (class probabilities, per-layer norms)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView


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
    ):
        super().__init__(title, y_label=y_label, parent=parent)
        self.log = log
        self.y_range = y_range
        self.bars = pg.BarGraphItem(
            x=[], height=[], width=0.7, brush=theme.PALETTE[0], pen=None
        )
        self.plot_item.addItem(self.bars)
        self.plot_item.setMouseEnabled(x=False, y=False)
        self._labels: tuple[str, ...] = ()
        if log:
            self.plot_item.getAxis("left").setLabel(y_label + " (log₁₀)")

    def set_values(
        self,
        values: Sequence[float],
        labels: Sequence[str] | None = None,
        highlight: int | None = None,
        colors: Sequence[str] | None = None,
    ) -> None:
        values = np.asarray(values, dtype=np.float64)
        n = len(values)
        heights = values
        if self.log:
            heights = np.log10(np.clip(values, 1e-30, None))
        brushes = list(colors) if colors else [theme.PALETTE[0]] * n
        if highlight is not None and 0 <= highlight < n:
            brushes[highlight] = theme.PALETTE[3]
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
            step = max(1, int(np.ceil(n / 30)))
            ticks = [(i, labels[i]) for i in range(0, n, step)]
            self.plot_item.getAxis("bottom").setTicks([ticks, []])
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
