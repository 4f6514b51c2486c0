"""Colours, colormaps and line widths shared by every view.

Heatmaps default to colour-blind-safe sequential maps (viridis family); signed values
(gradients, weights, deltas) use a diverging map centred on zero. Presentation mode
scales line widths and marker sizes through :data:`STYLE`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)

#: Colour-blind-safe, perceptually uniform maps for magnitudes (viridis family).
SEQUENTIAL_MAPS = ("viridis", "cividis", "magma", "inferno", "plasma")
#: Maps for signed values, white or grey at zero: blue-red, its brighter variant,
#: green-magenta and the colour-blind-safe blue-yellow.
DIVERGING_MAPS = ("CET-D1", "CET-D1A", "CET-D3", "CET-D10")

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
        return "#f4f4f4" if self.dark else "#000000"

    @property
    def background(self) -> str:
        return "#000000" if self.dark else "#ffffff"


STYLE = Style()
#: The sizes of normal (not presentation) mode.
BASE_STYLE = Style()


def set_presentation_scale(scale: float) -> None:
    """Scale fonts, line widths and marker sizes of :data:`STYLE` (1.0 = normal).

    Lines and markers grow a little faster than the text so thin curves stay visible
    on a projector. Views pick the new sizes up in ``apply_style()``.
    """
    scale = max(1.0, float(scale))
    emphasis = 1.0 if scale == 1.0 else max(1.5, scale)
    STYLE.font_pt = BASE_STYLE.font_pt * scale
    STYLE.line_width = BASE_STYLE.line_width * emphasis
    STYLE.marker_size = BASE_STYLE.marker_size * emphasis


def set_colormaps(sequential: str | None = None, diverging: str | None = None) -> None:
    """Choose the heatmap maps; unknown names raise ``ValueError``."""
    if sequential is not None:
        if sequential not in SEQUENTIAL_MAPS:
            raise ValueError(f"unknown sequential colormap {sequential!r}")
        STYLE.sequential = sequential
    if diverging is not None:
        if diverging not in DIVERGING_MAPS:
            raise ValueError(f"unknown diverging colormap {diverging!r}")
        STYLE.diverging = diverging


def palette(dark: bool) -> QPalette:
    """A high-contrast application palette (black on white, or white on black)."""
    pal = QPalette()
    if dark:
        window, base, alt, text = "#101010", "#000000", "#1c1c1c", "#ffffff"
        button, highlight, disabled, link = "#262626", "#56B4E9", "#8a8a8a", "#56B4E9"
        tooltip_base = "#262626"
    else:
        window, base, alt, text = "#f2f2f2", "#ffffff", "#eaeaea", "#000000"
        button, highlight, disabled, link = "#e4e4e4", "#0072B2", "#6e6e6e", "#0058a0"
        tooltip_base = "#ffffdc"
    role = QPalette.ColorRole
    for r, c in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, alt),
        (role.Text, text),
        (role.Button, button),
        (role.ButtonText, text),
        (role.BrightText, "#ff5050"),
        (role.Highlight, highlight),
        (role.HighlightedText, "#000000" if dark else "#ffffff"),
        (role.ToolTipBase, tooltip_base),
        (role.ToolTipText, text),
        (role.PlaceholderText, disabled),
        (role.Link, link),
        (role.Mid, "#5a5a5a" if dark else "#a0a0a0"),
        (role.Midlight, "#3a3a3a" if dark else "#d0d0d0"),
        (role.Dark, "#050505" if dark else "#8a8a8a"),
        (role.Light, "#4a4a4a" if dark else "#ffffff"),
        (role.Shadow, "#000000"),
    ):
        pal.setColor(r, QColor(c))
    group = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(group, r, QColor(disabled))
    return pal


#: Fusion draws check box and radio indicators with an outline darker than the
#: window: on the dark theme they vanish. These rules draw them light on dark.
DARK_INDICATORS = """
QCheckBox::indicator, QRadioButton::indicator, QGroupBox::indicator {
    width: 15px; height: 15px; border: 2px solid #c8c8c8; background: #000000;
}
QRadioButton::indicator { border-radius: 9px; }
QCheckBox::indicator:checked, QRadioButton::indicator:checked,
QGroupBox::indicator:checked {
    background: #56B4E9; border-color: #ffffff;
}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {
    border-color: #6e6e6e;
}
"""


def set_dark(dark: bool, app: QApplication | None = None) -> None:
    """Switch :data:`STYLE` and the application palette to the dark or light theme.

    Plot widgets follow when their ``apply_style()`` is called.
    """
    STYLE.dark = bool(dark)
    app = app or QApplication.instance()
    if app is not None:
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")  # the one style that honours a full palette
        app.setPalette(palette(STYLE.dark))
        app.setStyleSheet(DARK_INDICATORS if STYLE.dark else "")


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


#: Colours of meanings the stages share, by name: (light theme, dark theme). Ask
#: :func:`role` for the one of the theme in force (never copy a hex code into a
#: stage). Where both entries are equal the colour is meant to look the same on
#: either theme: it is drawn on a background of its own (the black detection
#: scene, the white "paper" of the convolution calculator's grids).
ROLES: dict[str, tuple[str, str]] = {
    # a right and a wrong prediction (captions, labels under digits)
    "right": (PALETTE[2], PALETTE[2]),
    "wrong": (PALETTE[3], PALETTE[3]),
    # marks drawn over a heat map: a true alignment, the query token's row
    "mark": (PALETTE[3], PALETTE[3]),
    # a refused input and its reason
    "error": (PALETTE[3], PALETTE[3]),
    # true boxes, thin and white on the (black) detection scene
    "truth_box": ("#FFFFFF", "#FFFFFF"),
    # the background class of a segmentation mask: mid grey reads on white and black
    "mask_background": ("#707070", "#707070"),
    # the calculator's grids, drawn like a textbook page: cells, numbers, padding
    "paper": ("#FFFFFF", "#FFFFFF"),
    "paper_ink": ("#141414", "#141414"),
    "paper_padding": ("#E1E1E1", "#E1E1E1"),
    # outlines and fills of marks drawn over a colour map (the optimizers' paths
    # and markers): dark and light whatever the theme, as the map looks the same
    "map_outline": ("#000000", "#000000"),
    "map_fill": ("#FFFFFF", "#FFFFFF"),
}


def role(name: str, dark: bool | None = None) -> str:
    """The colour of role ``name`` (see :data:`ROLES`) for the theme in force, or
    for the dark (``dark=True``) or light theme; unknown names raise KeyError."""
    light, dark_color = ROLES[name]
    return dark_color if (STYLE.dark if dark is None else dark) else light


def pen(color: str, width: float | None = None, style=None) -> pg.QtGui.QPen:
    """A pen of ``color`` (a colour, or a role name of :data:`ROLES`), the style's
    line width unless ``width`` is given."""
    if isinstance(color, str) and color in ROLES:
        color = role(color)
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
