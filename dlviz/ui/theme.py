"""Colours, colormaps and line widths shared by every view.

Heatmaps default to colour-blind-safe sequential maps (viridis family); signed values
(gradients, weights, deltas) use a diverging map centred on zero. Presentation mode
scales line widths and marker sizes through :data:`STYLE`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)

SEQUENTIAL_MAPS = ("viridis", "cividis", "magma", "inferno")
DIVERGING_MAPS = ("CET-D1", "CET-D1A", "CET-D3")

#: Okabe-Ito: colour-blind-safe colours for classes and curves.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#999999",
    "#8C564B",
)


@dataclass
class Style:
    """Sizes that presentation mode scales up."""

    line_width: float = 2.0
    marker_size: float = 7.0
    font_pt: float = 11.0
    sequential: str = "viridis"
    diverging: str = "CET-D1"
    dark: bool = False

    @property
    def foreground(self) -> str:
        return "#e8e8e8" if self.dark else "#202020"

    @property
    def background(self) -> str:
        return "#121212" if self.dark else "#ffffff"


STYLE = Style()


def lookup_table(name: str | None = None, diverging: bool = False) -> np.ndarray:
    """A 256-entry RGBA lookup table for ``name`` (default: the style's choice)."""
    name = name or (STYLE.diverging if diverging else STYLE.sequential)
    return _lut(name)


_LUTS: dict[str, np.ndarray] = {}


def _lut(name: str) -> np.ndarray:
    if name not in _LUTS:
        cmap = pg.colormap.get(name)
        _LUTS[name] = cmap.getLookupTable(nPts=256, alpha=True)
    return _LUTS[name]


def class_color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def pen(color: str, width: float | None = None, style=None) -> pg.QtGui.QPen:
    p = pg.mkPen(color, width=width if width is not None else STYLE.line_width)
    if style is not None:
        p.setStyle(style)
    return p


def symmetric_levels(values: np.ndarray) -> tuple[float, float]:
    """Levels centred on zero so a diverging map shows the sign."""
    finite = values[np.isfinite(values)] if values.size else values
    m = float(np.abs(finite).max()) if finite.size else 1.0
    m = m if m > 0 else 1.0
    return -m, m


def range_levels(values: np.ndarray) -> tuple[float, float]:
    finite = values[np.isfinite(values)] if values.size else values
    if not finite.size:
        return 0.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    if hi <= lo:
        hi = lo + 1e-6
    return lo, hi
