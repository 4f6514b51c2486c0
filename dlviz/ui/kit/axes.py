"""Tick labels that read from the back row: at most four significant digits, powers
of ten on log axes, and sensible ranges for flat data.

pyqtgraph's default axis prints as many digits as the tick spacing needs
(``8.50503349313`` on a flat curve) and labels log axes ``(x0.001)``; this axis
prints ``8.505`` and ``10⁻³``.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

#: Most significant digits on a tick label.
MAX_DIGITS = 4
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def format_tick(value: float, spacing: float) -> str:
    """``value`` with only the digits that ``spacing`` between ticks makes
    meaningful, and never more than :data:`MAX_DIGITS` significant ones."""
    if not math.isfinite(value):
        return str(value)
    if spacing > 0 and abs(value) < spacing * 1e-6:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e5 or (0 < magnitude < 1e-3):
        return _scientific(value)
    decimals = 0
    if spacing > 0:
        decimals = max(0, -int(math.floor(math.log10(spacing))))
        if abs(round(spacing, decimals) - spacing) > spacing * 1e-6:
            decimals += 1  # 0.025 apart needs three decimals, not two
    if magnitude > 0:
        integer_digits = max(1, int(math.floor(math.log10(magnitude))) + 1)
        decimals = min(decimals, max(0, MAX_DIGITS - integer_digits))
    text = f"{value:.{decimals}f}"
    return "0" if text in ("-0", "-0.0") or float(text) == 0 else text


def _scientific(value: float) -> str:
    exponent = int(math.floor(math.log10(abs(value))))
    mantissa = value / 10**exponent
    power = "10" + str(exponent).translate(_SUPERSCRIPT)
    if abs(mantissa - round(mantissa)) < 1e-9 and round(mantissa) == 1:
        return ("−" if value < 0 else "") + power
    return f"{mantissa:.2g}×{power}"


def power_of_ten(exponent: float) -> str:
    """A log axis tick: ``10⁻³`` for -3; non-integer exponents as plain numbers."""
    if abs(exponent - round(exponent)) < 1e-6:
        return "10" + str(int(round(exponent))).translate(_SUPERSCRIPT)
    return format_tick(10**exponent, 10**exponent / 10)


def readable_range(lo: float, hi: float) -> tuple[float, float]:
    """A range that shows flat data (lo == hi) as a line in the middle of a sensible
    span instead of ±1e-11 of noise."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return 0.0, 1.0
    span = hi - lo
    # only data flatter than 0.2 % of their size count as flat (a loss going from
    # 44.5 to 43.2 is a real change and keeps its own range)
    floor = max(abs(lo), abs(hi)) * 0.002 or 0.5
    if span < floor:
        middle = 0.5 * (lo + hi)
        return middle - floor, middle + floor
    return lo, hi


class ReadableAxis(pg.AxisItem):
    """An axis item whose labels follow :func:`format_tick` / :func:`power_of_ten`."""

    def __init__(self, orientation: str, **kwargs):
        super().__init__(orientation, **kwargs)
        # the "(x0.001)" SI prefix of pyqtgraph's axis label is never wanted
        self.enableAutoSIPrefix(False)
        # fewer labels than pyqtgraph's default on short axes, so large (presentation)
        # text never piles up: a level of labels is shown only while it fills at
        # most this share of the axis
        self.setStyle(textFillLimits=[(0, 0.6), (2, 0.4), (4, 0.2)])

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph API
        """pyqtgraph always labels its first tick level; on a short axis with large
        (presentation) text that level alone can pile labels on each other. Widen
        its spacing (×2, ×5, ×10 …) until the labels have room."""
        levels = super().tickSpacing(minVal, maxVal, size)
        span = abs(maxVal - minVal)
        if not levels or span <= 0 or size <= 0:
            return levels
        font = self.style.get("tickFont")
        height = QFontMetricsF(font).height() if font is not None else 14.0
        # labels across a horizontal axis are a few characters wide
        room = height * (1.4 if self.orientation in ("left", "right") else 3.0)
        most = max(3, int(size // room))  # never fewer than three labels
        spacing, offset = levels[0]
        if self.logMode:
            # log axes: logTickValues keeps only whole decades, and thins them
            return levels
        for factor in (1, 2, 5, 10, 20, 50, 100):
            if span / (spacing * factor) <= most:
                break
        if factor > 1:
            return [(spacing * factor, offset)]
        # a short range on a long axis: at least two labelled ticks (2, 2.5, 2 …
        # times finer, staying on round numbers)
        finer = spacing
        for divisor in (2, 2.5, 2, 2, 2.5, 2):
            if span / finer >= 2 or span / (finer / divisor) > most:
                break
            finer /= divisor
        if finer == spacing:
            return levels
        return [(finer, offset)]

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802
        """Only the major levels on a log axis: pyqtgraph adds 2…9 × 10ⁿ minor
        ticks whose labels pile on each other on a short axis."""
        major = stdTicks[:1]
        if not major:
            return major
        spacing, values = major[0]
        font = self.style.get("tickFont")
        height = QFontMetricsF(font).height() if font is not None else 14.0
        most = max(2, int(size // (height * 1.6)))
        step = 1
        while len(values) > most * step and step < 100:
            step += 1
        return [(spacing * step, list(values)[::step])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        if self.logMode:
            return [power_of_ten(v) for v in values]
        return [format_tick(v * scale, spacing * scale) for v in values]


def readable_axes() -> dict[str, ReadableAxis]:
    """Axis items for ``pg.PlotWidget(axisItems=...)``."""
    return {name: ReadableAxis(name) for name in ("left", "bottom")}
