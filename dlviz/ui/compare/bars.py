"""The gradient norm of each layer of both runs, A and B bars side by side on one
logarithmic scale (the vanishing gradient of a deep sigmoid net against a ReLU one
is a difference of orders of magnitude)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg

from dlviz.ui import theme
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.legend import FitsLegend, legend_below, relabel

#: Bar colours of the two sides (the legend names them).
SIDE_COLORS = {"A": 0, "B": 1}
#: Width of one side's bar and its offset from the layer's tick.
_WIDTH, _OFFSET = 0.38, 0.2


def shared_base(*values: np.ndarray) -> float:
    """The bottom of the log axis for every bar of both sides: half a decade below
    the smallest power of ten reached."""
    finite = [v[np.isfinite(v) & (v > 0)] for v in values]
    finite = [v for v in finite if len(v)]
    if not finite:
        return 0.0
    return float(np.floor(np.log10(min(float(v.min()) for v in finite)))) - 0.5


class PairBarsView(FitsLegend, BarsView):
    """Two bars a layer: A on the left, B on the right of its tick, both against
    one log axis (the shared range is what makes them comparable)."""

    def __init__(self, title: str = "", y_label: str = "", parent=None):
        super().__init__(title, y_label=y_label, log=True, parent=parent)
        self.bars.setOpts(brush=theme.PALETTE[SIDE_COLORS["A"]])
        self.bars_b = pg.BarGraphItem(x=[], height=[], width=_WIDTH,
                                      brush=theme.PALETTE[SIDE_COLORS["B"]], pen=None)
        self.plot_item.addItem(self.bars_b)
        self.legend = legend_below(self)
        self._samples = {}
        for side in SIDE_COLORS:
            item = self.bars if side == "A" else self.bars_b
            self.legend.addItem(item, side)
            self._samples[side] = item
        #: the heights (log10) last drawn, by side
        self.heights: dict[str, np.ndarray] = {}

    def set_side_names(self, names: dict[str, str]) -> None:
        """The legend's text for each side (retranslation)."""
        for side, text in names.items():
            relabel(self.legend, self._samples[side], text)
        self.style_legend()

    def set_pair(self, values_a: Sequence[float], values_b: Sequence[float],
                 labels: Sequence[str]) -> None:
        """The norms of A's and B's layers (the same layers, same order)."""
        a = np.asarray(values_a, dtype=np.float64)
        b = np.asarray(values_b, dtype=np.float64)
        n = min(len(a), len(b), len(labels))
        a, b = a[:n], b[:n]
        base = shared_base(a, b)
        x = np.arange(n, dtype=np.float64)
        heights = {}
        for side, item, values, shift in (("A", self.bars, a, -_OFFSET),
                                          ("B", self.bars_b, b, _OFFSET)):
            h = np.log10(np.clip(np.nan_to_num(values, nan=0.0), 1e-30, None))
            h = np.maximum(h, base)
            heights[side] = h
            item.setOpts(x=x + shift, y0=base, height=h - base, width=_WIDTH,
                         brush=theme.PALETTE[SIDE_COLORS[side]], brushes=None)
        self.heights = heights
        labels = tuple(labels[:n])
        if labels != self._labels:
            self._labels = labels
            self._label_ticks()
            self.plot_item.setXRange(-0.6, n - 0.4, padding=0)
        if n:
            hi = float(max(heights["A"].max(), heights["B"].max()))
            self.plot_item.setYRange(base, hi + 0.05 * (abs(hi - base) or 1.0),
                                     padding=0)

    def clear_pair(self) -> None:
        for item in (self.bars, self.bars_b):
            item.setOpts(x=[], height=[], y0=0)
        self.heights = {}
