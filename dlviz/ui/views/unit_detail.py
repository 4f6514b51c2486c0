"""One unit of a CNN worked out on screen (the answer of ``explain_unit``).

* :class:`UnitView` — a convolution unit as one row per input channel: the input
  patch × the kernel = the element-wise products, each cell with its number while
  the cells are big enough, each row's sum on the right axis; under each column
  its colour strip (a colour bar aligned with it). A pooling unit: its window with
  the winning cell outlined (max) and the result on the right axis.
* :class:`UnitPanel` — the view between a heading (which unit, the layer's
  settings) and the sum line: ``Σ = … + b = … → ReLU → …`` with the layer's own
  output beside it.
* :class:`MarkedMapView` — one map with a rectangle on it (the receptive window on
  the input, the unit on its output map); a click says which cell.
* :class:`SoftmaxPanel` — logits → ``e^z`` → probabilities, every number.
* :class:`RgbTilesView` — RGB kernels as colour tiles.
* :func:`grid_unit` — which map and cell of a tiled grid a point falls in.

Strings go through ``_tr`` (context ``UnitView``); call
``retranslate()`` on a language change.
"""

from __future__ import annotations

import html
import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QGraphicsRectItem,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView

#: Rows of input channels drawn at most (the ones with the largest |Σ|).
MAX_ROWS = 3
#: Gap between the rows and between the columns of the arithmetic (cells).
ROW_GAP, COLUMN_GAP = 0.45, 1.2
#: Cells brighter than this (luminance 0…1) get dark numbers.
LIGHT_CELL = 0.5
#: Numbers on dark and on light cells.
INK_ON_DARK, INK_ON_LIGHT = theme.BASE_STYLE.background, theme.BASE_STYLE.foreground
#: Names of RGB input channels (a first layer on colour images).
RGB = ("R", "G", "B")


#: The translation context of this module's strings (found by the translation
#: tool through ``_tr``).
_CONTEXT = "UnitView"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def fmt(value: float) -> str:
    """A cell's number: two decimals, one from 10, none from 100."""
    if value is None or not math.isfinite(value):
        return "–"
    a = abs(value)
    text = f"{value:.0f}" if a >= 100 else f"{value:.1f}" if a >= 10 else f"{value:.2f}"
    return text.replace("-", "−")


def fmt_exp(value: float) -> str:
    """An exponential e^z, short: 3 significant digits, or 2 and a power of ten
    outside 0.01 … 99,999 (``4.9e−5``)."""
    if value == 0 or 0.01 <= abs(value) < 1e5:
        return f"{value:.3g}"
    exponent = int(math.floor(math.log10(abs(value))))
    return f"{value / 10 ** exponent:.1f}e{exponent}".replace("-", "−")


def grid_unit(x: float, y: float, n: int, h: int, w: int, columns: int,
              gap: int, row_gap: int | None = None) -> tuple[int, int, int] | None:
    """The (map, row, column) of the cell at (``x``, ``y``) of ``n`` maps of
    ``h`` × ``w`` tiled ``columns`` wide with ``gap`` between them (as
    :func:`dlviz.ui.views.image_grid.tile` lays them out); None off the maps."""
    row_gap = gap if row_gap is None else row_gap
    if x < 0 or y < 0:
        return None
    tile_col, dx = divmod(x, w + gap)
    tile_row, dy = divmod(y, h + row_gap)
    if dx >= w or dy >= h or tile_col >= columns:
        return None
    index = int(tile_row) * columns + int(tile_col)
    if index >= n:
        return None
    return index, int(dy), int(dx)


def channel_name(channel: int, n_inputs: int, image: bool) -> str:
    """How an input channel is named: R, G, B of an RGB image, "image" for a
    gray one, else the channel's index."""
    if image and n_inputs == 3:
        return RGB[channel]
    if image and n_inputs == 1:
        return _tr("image")
    return _tr("in {0}").format(channel)


def shown_rows(unit: dict[str, Any], rows: int = MAX_ROWS) -> list[int]:
    """Positions (into the unit's input channels) of the rows drawn: the ``rows``
    with the largest |Σ|, in channel order."""
    sums = np.abs(np.asarray(unit["channel_sums"], dtype=np.float64))
    top = np.argsort(-sums, kind="stable")[:rows]
    return sorted(int(i) for i in top)


#: The least size of a drawn cell (pixels) when the numbers do not fit anyway.
MIN_CELL = 18
#: Height of a colour strip under a column, and the room kept for its numbers
#: below it (cells).
STRIP, STRIP_ROOM = 0.4, 1.3


class UnitView(PlotView):
    """Patch × kernel = products per input channel, or a pooling window. Under each
    column a colour strip with its end values (and 0 for a signed one) is that
    column's colour bar, aligned with it. A click on a cell emits
    ``cell_clicked(row, i, j)`` (the drawn row, the cell)."""

    cell_clicked = Signal(int, int, int)
    #: the unit was drawn again (its rows may have changed with the size)
    drawn = Signal()

    def __init__(self, parent=None):
        super().__init__("", parent=parent)
        self.plot_item.invertY(True)
        self.plot_item.setAspectLocked(True)
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.hideAxis("bottom")
        for name in ("left", "right", "top"):
            self.plot_item.showAxis(name)
            axis = self.plot_item.getAxis(name)
            axis.setStyle(tickLength=0)
            axis.setPen(theme.pen(theme.STYLE.background, width=1))  # no axis line
        self.images = [pg.ImageItem() for _ in range(3 * MAX_ROWS)]
        self.strips = [pg.ImageItem() for _ in range(3)]
        for item in self.images + self.strips:
            self.plot_item.addItem(item)
        self._strip_texts: list[pg.TextItem] = []
        self._texts: list[pg.TextItem] = []
        self._ops: list[pg.TextItem] = []
        self._mark = QGraphicsRectItem()
        self._mark.setZValue(3)
        self.plot_item.addItem(self._mark)
        self._mark.setVisible(False)
        self.plot_item.getViewBox().sigResized.connect(self._on_resized)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.unit: dict[str, Any] | None = None
        self.rows: list[int] = []
        #: (x, y, level 0…1, text, diverging) of every cell drawn
        self._cells: list[tuple[float, float, float, str, bool]] = []
        #: (x0, width, y, levels, diverging) of every colour strip drawn
        self._legend: list[tuple[float, float, float, tuple[float, float], bool]] = []
        self._columns = 3

    # -- colours -----------------------------------------------------------------------
    @staticmethod
    def _cmap(diverging: bool) -> pg.ColorMap:
        return pg.colormap.get(theme.STYLE.diverging if diverging
                               else theme.STYLE.sequential)

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "strips"):
            for name in ("left", "right", "top"):
                self.plot_item.getAxis(name).setPen(
                    theme.pen(theme.STYLE.background, width=1))
            if self.unit is not None:
                self.set_unit(self.unit)

    def retranslate(self) -> None:
        if self.unit is not None:
            self.set_unit(self.unit)

    # -- drawing -----------------------------------------------------------------------
    def set_unit(self, unit: dict[str, Any]) -> None:
        """Draw the arithmetic of ``unit`` (an ``explain_unit`` answer)."""
        self.unit = unit
        if unit.get("kind") == "conv":
            self._draw_conv(unit)
        else:
            self._draw_pool(unit)
        self._show_numbers()
        self.drawn.emit()

    def _place(self, item: pg.ImageItem, values: np.ndarray, x: float, y: float,
               levels: tuple[float, float], diverging: bool) -> None:
        item.setLookupTable(theme.lookup_table(diverging=diverging))
        item.setImage(np.nan_to_num(values, nan=levels[0]), autoLevels=False,
                      levels=levels)
        item.setRect(QRectF(x, y, values.shape[1], values.shape[0]))
        item.setVisible(True)

    def _op(self, index: int, text: str, x: float, y: float) -> None:
        while len(self._ops) <= index:
            item = pg.TextItem(anchor=(0.5, 0.5))
            self.plot_item.addItem(item)
            self._ops.append(item)
        item = self._ops[index]
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt * 1.3)
        item.setFont(font)
        item.setText(text, color=theme.STYLE.foreground)
        item.setPos(x, y)
        item.setVisible(True)

    def _strips(self, columns: list[tuple[float, float, tuple[float, float], bool]],
                y: float) -> None:
        """A colour strip under each column: (x0, width, levels, diverging)."""
        self._legend = []
        for item, (x0, width, levels, diverging) in zip(self.strips, columns):
            ramp = np.linspace(levels[0], levels[1], 128, dtype=np.float32)[None, :]
            self._place(item, ramp, x0, y, levels, diverging)
            item.setRect(QRectF(x0, y, width, STRIP))
            self._legend.append((x0, width, y + STRIP, levels, diverging))
        for item in self.strips[len(columns):]:
            item.setVisible(False)

    def fit_rows(self, unit: dict[str, Any]) -> int:
        """How many input channels to draw: the most (up to :data:`MAX_ROWS`) whose
        cells still hold their numbers; else the most whose cells are at least
        :data:`MIN_CELL` pixels (the readout gives a clicked cell's numbers);
        else one."""
        n = min(MAX_ROWS, len(unit["in_channels"]))
        kh, kw = np.asarray(unit["patches"]).shape[-2:]
        size = self.plot_item.getViewBox().size()
        metrics = QFontMetricsF(self._number_font())
        need = max(metrics.horizontalAdvance("−0.00") + 3, metrics.height())
        width = 3 * kw + 2 * COLUMN_GAP

        def cell(rows: int) -> float:  # setRange pads by 2 % on each side
            height = rows * kh + (rows - 1) * ROW_GAP + STRIP_ROOM
            return min(size.width() / width, size.height() / height) / 1.04

        # a strip's centred label ("0.00…0.00", "±0.00") must not run into the next
        legend_metrics = QFontMetricsF(self._legend_font())
        legend = (legend_metrics.horizontalAdvance("0.00…0.00") + 6) / (kw + COLUMN_GAP)
        for least in (need, max(MIN_CELL, legend)):
            for rows in range(n, 0, -1):
                if cell(rows) >= least:
                    return rows
        return 1

    def _on_resized(self, *_args) -> None:
        unit = self.unit
        if unit is not None and unit.get("kind") == "conv" \
                and self.fit_rows(unit) != len(self.rows):
            self.set_unit(unit)
            return
        self._show_numbers()

    def _draw_conv(self, unit: dict[str, Any]) -> None:
        patches = np.asarray(unit["patches"])
        kernels = np.asarray(unit["kernels"])
        products = np.asarray(unit["products"])
        channels = list(np.asarray(unit["in_channels"]))
        self.rows = shown_rows(unit, self.fit_rows(unit))
        kh, kw = patches.shape[-2:]
        x_cols = (0.0, kw + COLUMN_GAP, 2 * (kw + COLUMN_GAP))
        shown = [patches[self.rows], kernels[self.rows], products[self.rows]]
        levels = [theme.range_levels(shown[0]), theme.symmetric_levels(shown[1]),
                  theme.symmetric_levels(shown[2])]
        self._cells = []
        left_ticks, right_ticks = [], []
        image = bool(unit.get("reads_image", False))
        for r, row in enumerate(self.rows):
            y = r * (kh + ROW_GAP)
            for c in range(3):
                values = shown[c][r]
                self._place(self.images[3 * r + c], values, x_cols[c], y, levels[c],
                            diverging=c > 0)
                lo, hi = levels[c]
                for i in range(kh):
                    for j in range(kw):
                        v = float(values[i, j])
                        level = (v - lo) / (hi - lo) if hi > lo else 0.5
                        self._cells.append((x_cols[c] + j + 0.5, y + i + 0.5, level,
                                            fmt(v), c > 0))
            self._op(2 * r, "×", kw + COLUMN_GAP / 2, y + kh / 2)
            self._op(2 * r + 1, "=", 2 * kw + 1.5 * COLUMN_GAP, y + kh / 2)
            name = channel_name(int(channels[row]), len(channels), image)
            left_ticks.append((y + kh / 2, name))
            total = fmt(float(unit["channel_sums"][row]))
            right_ticks.append((y + kh / 2, f"Σ {total}"))
        for item in self.images[3 * len(self.rows):]:
            item.setVisible(False)
        for item in self._ops[2 * len(self.rows):]:
            item.setVisible(False)
        height = len(self.rows) * kh + (len(self.rows) - 1) * ROW_GAP
        strips = [(x, kw, lv, c > 0) for c, (x, lv) in enumerate(zip(x_cols, levels))]
        self._strips(strips, height + 0.3)
        self._columns = 3
        names = (_tr("input"), _tr("kernel"), _tr("product"))
        self._axes(left_ticks, right_ticks,
                   [(x + kw / 2, name) for x, name in zip(x_cols, names)])
        width = 3 * kw + 2 * COLUMN_GAP
        self._mark.setVisible(False)
        self.plot_item.setRange(QRectF(0, 0, width, height + STRIP_ROOM), padding=0.02)

    def _draw_pool(self, unit: dict[str, Any]) -> None:
        patch = np.asarray(unit["patch"], dtype=np.float32)
        kh, kw = patch.shape
        levels = theme.range_levels(patch)
        self.rows = [0]
        self._place(self.images[0], patch, 0.0, 0.0, levels, diverging=False)
        for item in self.images[1:]:
            item.setVisible(False)
        for item in self._ops:
            item.setVisible(False)
        lo, hi = levels
        self._cells = []
        for i in range(kh):
            for j in range(kw):
                v = float(patch[i, j])
                level = (v - lo) / (hi - lo) if hi > lo and math.isfinite(v) else 0.0
                self._cells.append((j + 0.5, i + 0.5, level, fmt(v), False))
        self._strips([(0.0, kw, levels, False)], kh + 0.3)
        self._columns = 1
        if unit["kind"] == "maxpool":
            i, j = unit["argmax"]
            self._mark.setRect(QRectF(j, i, 1, 1))
            self._mark.setPen(theme.pen("mark", width=3))
            self._mark.setVisible(True)
            result = _tr("max {0}").format(fmt(unit["value"]))
        else:
            self._mark.setVisible(False)
            result = _tr("mean {0}").format(fmt(unit["value"]))
        name = channel_name(int(unit["channel"]), int(unit["in_shape"][0]),
                            bool(unit.get("reads_image", False)))
        self._axes([(kh / 2, name)], [(kh / 2, result)], [(kw / 2, _tr("window"))])
        self.plot_item.setRange(QRectF(0, 0, kw, kh + STRIP_ROOM), padding=0.02)

    def _axes(self, left, right, top) -> None:
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt)
        for name, ticks in (("left", left), ("right", right), ("top", top)):
            axis = self.plot_item.getAxis(name)
            axis.setTicks([ticks, []])
            axis.setTickFont(font)
            axis.setTextPen(theme.STYLE.foreground)

    def _cell_px(self) -> float:
        box = self.plot_item.getViewBox()
        (x0, x1), (y0, y1) = box.viewRange()
        size = box.size()
        return min(size.width() / max(x1 - x0, 1e-9),
                   size.height() / max(y1 - y0, 1e-9))

    def numbers_fit(self) -> bool:
        """Whether every cell's number fits its cell at the theme's text size."""
        if not self._cells:
            return False
        metrics = QFontMetricsF(self._number_font())
        widest = max(metrics.horizontalAdvance(t) for *_, t, _d in self._cells)
        return self._cell_px() >= max(widest + 3, metrics.height())

    def _number_font(self):
        font = self.font()
        font.setPointSizeF(max(theme.STYLE.font_pt * 0.75, 7.0))
        return font

    def _legend_font(self):
        font = self.font()
        font.setPointSizeF(max(theme.STYLE.font_pt * 0.65, 7.0))
        return font

    def _on_click(self, event) -> None:
        unit = self.unit
        if unit is None or not self.rows:
            return
        point = self.plot_item.getViewBox().mapSceneToView(event.scenePos())
        x, y = point.x(), point.y()
        if unit.get("kind") == "conv":
            kh, kw = np.asarray(unit["patches"]).shape[-2:]
            r, dy = divmod(y, kh + ROW_GAP)
            column, dx = divmod(x, kw + COLUMN_GAP)
        else:
            kh, kw = np.asarray(unit["patch"]).shape
            r, dy, column, dx = 0, y, 0, x
        if 0 <= r < len(self.rows) and 0 <= column < self._columns \
                and 0 <= dy < kh and 0 <= dx < kw:
            self.cell_clicked.emit(int(r), int(dy), int(dx))

    def _show_numbers(self, *_args) -> None:
        fits = self.numbers_fit()
        font = self._number_font()
        while len(self._texts) < len(self._cells):
            item = pg.TextItem(anchor=(0.5, 0.5))
            item.setZValue(2)
            self.plot_item.addItem(item)
            self._texts.append(item)
        seq, div = self._cmap(False), self._cmap(True)
        for i, item in enumerate(self._texts):
            if not fits or i >= len(self._cells):
                item.setVisible(False)
                continue
            x, y, level, text, diverging = self._cells[i]
            red, green, blue = (div if diverging else seq).map(
                min(max(level, 0.0), 1.0), mode="float")[:3]
            light = 0.2126 * red + 0.7152 * green + 0.0722 * blue > LIGHT_CELL
            item.setFont(font)
            item.setText(text, color=INK_ON_LIGHT if light else INK_ON_DARK)
            item.setPos(x, y)
            item.setVisible(True)
        self._show_legend()

    def _show_legend(self) -> None:
        """The numbers of the colour strips: both ends, and 0 on a signed strip
        when there is room for it."""
        font = self._legend_font()
        metrics = QFontMetricsF(font)
        cell = self._cell_px()
        labels: list[tuple[float, float, str, tuple[float, float]]] = []
        for x0, width, y, (lo, hi), diverging in self._legend:
            ends = (fmt(lo), fmt(hi))
            room = width * cell
            text_width = sum(metrics.horizontalAdvance(t) for t in ends)
            if room < text_width + 8:  # no room for both ends: one centred label
                symmetric = diverging and math.isclose(-lo, hi)
                text = f"±{fmt(hi)}" if symmetric else f"{ends[0]}…{ends[1]}"
                labels.append((x0 + width / 2, y, text, (0.5, 0.0)))
                continue
            labels.append((x0, y, ends[0], (0.0, 0.0)))
            labels.append((x0 + width, y, ends[1], (1.0, 0.0)))
            if diverging and lo < 0 < hi and room > 2 * text_width + 20:
                labels.append((x0 + width * (-lo) / (hi - lo), y, "0", (0.5, 0.0)))
        while len(self._strip_texts) < len(labels):
            item = pg.TextItem()
            self.plot_item.addItem(item)
            self._strip_texts.append(item)
        for i, item in enumerate(self._strip_texts):
            if i >= len(labels):
                item.setVisible(False)
                continue
            x, y, text, anchor = labels[i]
            item.setAnchor(anchor)
            item.setFont(font)
            item.setText(text, color=theme.STYLE.foreground)
            item.setPos(x, y)
            item.setVisible(True)

    def shown_numbers(self) -> list[str]:
        """The numbers written in the cells now (for tests)."""
        return [t.toPlainText() for t in self._texts if t.isVisible()]

    def legend_numbers(self) -> list[str]:
        """The numbers of the colour strips now (for tests)."""
        return [t.toPlainText() for t in self._strip_texts if t.isVisible()]


class UnitPanel(QWidget):
    """Heading, :class:`UnitView`, and the sum line under it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.view = UnitView()
        self.view.cell_clicked.connect(self.show_cell)
        self.view.drawn.connect(self._texts)
        self.readout = QLabel()
        self.readout.setWordWrap(True)
        self.sum_line = QLabel()
        self.sum_line.setWordWrap(True)
        self.sum_line.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.sum_line)
        self.unit: dict[str, Any] | None = None
        #: the cell whose numbers the readout gives: (drawn row, i, j) or None
        #: for the default (the largest product, the window's winner)
        self.cell: tuple[int, int, int] | None = None
        self.retranslate()

    def set_unit(self, unit: dict[str, Any]) -> None:
        same = (self.unit is not None and unit.get("layer") == self.unit.get("layer")
                and unit.get("kind") == self.unit.get("kind"))
        if not same:
            self.cell = None
        self.unit = unit
        self.view.set_unit(unit)  # the texts follow (drawn)

    def show_cell(self, row: int, i: int, j: int) -> None:
        """Give the numbers of one cell in the readout line."""
        self.cell = (row, i, j)
        self._texts()

    def _readout(self) -> str:
        unit = self.unit
        if unit is None:
            return ""
        if unit["kind"] != "conv":
            patch = np.asarray(unit["patch"])
            i, j = self.cell[1:] if self.cell else np.unravel_index(
                int(np.nanargmax(np.where(np.isnan(patch), -np.inf, patch))),
                patch.shape)
            return _tr("window ({i}, {j}): {v}").format(
                i=i, j=j, v=f"{float(patch[i, j]):.4g}").replace("-", "−")
        rows = self.view.rows or shown_rows(unit)
        products = np.asarray(unit["products"])
        if self.cell is not None and self.cell[0] < len(rows):
            r, i, j = self.cell
            row = rows[r]
        else:
            flat = int(np.argmax(np.abs(products[rows]).reshape(-1)))
            r, rest = divmod(flat, products.shape[-2] * products.shape[-1])
            i, j = divmod(rest, products.shape[-1])
            row = rows[r]
        channels = list(unit["in_channels"])
        name = channel_name(int(channels[row]), len(channels),
                            bool(unit.get("reads_image", False)))
        x = float(unit["patches"][row, i, j])
        w = float(unit["kernels"][row, i, j])
        text = _tr("{name} ({i}, {j}): {x} × {w} = {p}").format(
            name=name, i=i, j=j, x=f"{x:.4g}", w=f"{w:.4g}", p=f"{x * w:.4g}")
        return text.replace("-", "−")

    def retranslate(self) -> None:
        self.view.retranslate()
        self._texts()

    def _texts(self) -> None:
        unit = self.unit
        if unit is None:
            self.heading.setText(_tr("Click a unit in any feature map to see how its "
                                    "value is computed."))
            self.sum_line.setText("")
            self.readout.setText("")
            return
        rows = self.view.rows if unit.get("kind") == "conv" else []
        self.heading.setText(heading(unit, rows))
        self.readout.setText(self._readout())
        self.sum_line.setText(sum_line(unit, rows))


def heading(unit: dict[str, Any], rows: list[int] | None = None) -> str:
    """Which unit and how its layer slides (one plain sentence); ``rows``: the
    input channels drawn (default: :func:`shown_rows`)."""
    rows = shown_rows(unit) if rows is None and unit["kind"] == "conv" else rows
    where = _tr("{layer}, channel {channel}, row {row}, column {col}").format(
        layer=unit["layer"], channel=unit["channel"], row=unit["row"],
        col=unit["col"])
    kh, kw = unit["kernel_size"]
    if unit["kind"] == "conv":
        n = len(unit["in_channels"])
        how = _tr("{kh}×{kw} × {n} channels, stride {s}, padding {p}").format(
            kh=kh, kw=kw, n=n, s=unit["stride"][0], p=unit["padding"][0])
        if n > len(rows):
            hidden = float(np.sum(unit["channel_sums"])) - float(
                np.sum(np.asarray(unit["channel_sums"])[rows]))
            how += " · " + _tr("drawn: {0} with the largest |Σ|, the others add "
                              "{1}").format(len(rows), fmt(hidden))
        padded = int(np.sum(unit["padding_mask"]))
        if padded:
            how += " · " + _tr("{0} cells are padding (0)").format(padded)
    else:
        how = _tr("{kh}×{kw} window, stride {s}").format(kh=kh, kw=kw,
                                                        s=unit["stride"][0])
    return f"{where} · {how}"


def _after_text(step: dict[str, Any]) -> str:
    kind = step["kind"]
    out = fmt(step["output"])
    if kind == "BatchNorm2d":
        return _tr("BN (x − {mean}) / √({var} + ε) × {gamma} + {beta} = {out}").format(
            mean=fmt(step["mean"]), var=fmt(step["var"]), gamma=fmt(step["gamma"]),
            beta=fmt(step["beta"]), out=out)
    names = {"ReLU": "ReLU", "ReLU6": "ReLU6", "LeakyReLU": "LeakyReLU",
             "Sigmoid": "sigmoid", "Tanh": "tanh"}
    if kind in names:
        return f"{names[kind]} → <b>{out}</b>"
    return ""


def sum_line(unit: dict[str, Any], rows: list[int] | None = None) -> str:
    """The arithmetic in one line (rich text): the sum, the bias, the result, what
    the next element-wise layers make of it, and the layer's own output; ``rows``
    are the input channels drawn (default: :func:`shown_rows`)."""
    value = fmt(unit["value"])
    if unit["kind"] == "conv":
        text = _tr("Σ = {sum} + b ({bias}) = <b>{value}</b>").format(
            sum=fmt(unit["sum"]), bias=fmt(unit["bias"]), value=value)
    elif unit["kind"] == "maxpool":
        i, j = unit["argmax"]
        text = _tr("max of the window = <b>{value}</b> (row {i}, column {j})").format(
            value=value, i=i, j=j)
    else:
        text = _tr("mean = Σ {sum} / {n} = <b>{value}</b>").format(
            sum=fmt(unit["sum"]), n=unit["divisor"], value=value)
    for step in unit.get("after", []):
        part = _after_text(step)
        if part:
            text += " → " + part
    check = _tr("layer: {0}").format(fmt(unit["actual"]))
    return f"<big>{text}</big> &nbsp;({html.escape(check)})"


class MarkedMapView(PlotView):
    """One map (sequential colours, colour bar) with a rectangle drawn on it; a
    click emits the cell (row, column)."""

    clicked = Signal(int, int)

    def __init__(self, title: str = "", parent=None):
        super().__init__(title, parent=parent)
        self.image = pg.ImageItem()
        self.image.setLookupTable(theme.lookup_table())
        self.plot_item.addItem(self.image)
        self.plot_item.invertY(True)
        self.plot_item.setAspectLocked(True)
        self.plot_item.hideAxis("left")
        self.plot_item.hideAxis("bottom")
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.mark = QGraphicsRectItem()
        self.mark.setZValue(2)
        self.plot_item.addItem(self.mark)
        self.colorbar = self.add_colorbar(pg.colormap.get(theme.STYLE.sequential))
        self._shape: tuple[int, int] | None = None
        self._mark_rect: tuple[float, float, float, float] | None = None
        self.scene().sigMouseClicked.connect(self._on_click)

    def set_map(self, values: np.ndarray, mark: tuple[float, float, float, float]
                | None = None) -> None:
        """Show ``values`` (H, W); ``mark`` is (top, left, height, width) in cells."""
        values = np.asarray(values, dtype=np.float32)
        levels = theme.range_levels(values)
        self.image.setImage(values, autoLevels=False, levels=levels)
        self.colorbar.setLevels(levels)
        shape = values.shape
        top, left = 0.0, 0.0
        bottom, right = float(shape[0]), float(shape[1])
        if mark is not None:
            t, lft, mh, mw = mark
            top, left = min(top, t), min(left, lft)
            bottom, right = max(bottom, t + mh), max(right, lft + mw)
            self.mark.setRect(QRectF(lft, t, mw, mh))
            self.mark.setPen(theme.pen("mark", width=3))
        self.mark.setVisible(mark is not None)
        rect = (top, left, bottom, right)
        if (shape, rect) != (self._shape, self._mark_rect):
            self._shape, self._mark_rect = shape, rect
            self.image.setRect(QRectF(0, 0, shape[1], shape[0]))
            self.plot_item.setRange(QRectF(left, top, right - left, bottom - top),
                                    padding=0.03)

    def _on_click(self, event) -> None:
        if self._shape is None:
            return
        point = self.plot_item.getViewBox().mapSceneToView(event.scenePos())
        row, col = int(math.floor(point.y())), int(math.floor(point.x()))
        if 0 <= row < self._shape[0] and 0 <= col < self._shape[1]:
            self.clicked.emit(row, col)

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "image"):
            self.image.setLookupTable(theme.lookup_table())
            self.colorbar.setColorMap(pg.colormap.get(theme.STYLE.sequential))
            self.style_colorbar(self.colorbar)
            if self.mark.isVisible():
                self.mark.setPen(theme.pen("mark", width=3))


class SoftmaxPanel(QScrollArea):
    """The output layer's softmax with every number: z, e^z, Σ, p."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                 QSizePolicy.Policy.Preferred)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.numbers: dict[str, Any] | None = None
        self.names: list[str] = []
        self.retranslate()

    def set_softmax(self, numbers: dict[str, Any], names: list[str]) -> None:
        self.numbers, self.names = numbers, list(names)
        self.retranslate()

    def retranslate(self) -> None:
        numbers = self.numbers
        if numbers is None:
            self.label.setText(_tr("The softmax of the output appears with a unit."))
            return
        z, exps, probs = numbers["logits"], numbers["exp"], numbers["probs"]
        best = int(np.argmax(probs))
        exp_head = "e<sup>z − max</sup>" if numbers["shifted"] else "e<sup>z</sup>"
        formula = _tr("p = {exp} / Σ {exp}, Σ = {total}").format(
            exp=exp_head, total=f"{numbers['exp_sum']:.4g}")
        head = (f"<tr><th align='left'>{html.escape(_tr('class'))}</th>"
                f"<th align='right'>z</th><th align='right'>{exp_head}</th>"
                f"<th align='right'>p</th></tr>")
        rows = []
        right = theme.role("right")
        for i, (zi, ei, pi) in enumerate(zip(z, exps, probs)):
            name = html.escape(self.names[i] if i < len(self.names) else str(i))
            cells = (f"<td>{name}</td><td align='right'>{fmt(float(zi))}</td>"
                     f"<td align='right'>{fmt_exp(float(ei))}</td>"
                     f"<td align='right'>{float(pi):.3f}</td>")
            if i == best:
                cells = cells.replace("<td", f"<td style='color:{right}'")
                cells = f"<b>{cells}</b>"
            rows.append(f"<tr>{cells}</tr>")
        table = ("<table cellspacing='5' cellpadding='0'>" + head + "".join(rows)
                 + "</table>")
        self.label.setText(f"{formula}<br>{table}")


class RgbTilesView(PlotView):
    """RGB tiles (kernels of a first layer on colour images): each tile (3, k, k)
    stretched to 0…1 over its own range, so a tile's colour is the input colour
    its kernel responds to most; :meth:`legend` says so (for the title)."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(title, parent=parent)
        self.image = pg.ImageItem()
        self.plot_item.addItem(self.image)
        self.plot_item.invertY(True)
        self.plot_item.setAspectLocked(True)
        self.plot_item.hideAxis("left")
        self.plot_item.hideAxis("bottom")
        self.plot_item.setMouseEnabled(x=False, y=False)
        self._layout: tuple | None = None

    def set_tiles(self, tiles: np.ndarray) -> None:
        tiles = np.asarray(tiles, dtype=np.float32)  # (n, 3, k, k)
        n, _, kh, kw = tiles.shape
        lo = tiles.reshape(n, -1).min(1)[:, None, None, None]
        hi = tiles.reshape(n, -1).max(1)[:, None, None, None]
        scaled = (tiles - lo) / np.where(hi > lo, hi - lo, 1.0)
        columns = max(1, int(np.ceil(np.sqrt(n))))
        rows = int(np.ceil(n / columns))
        gap = 1
        out = np.zeros((rows * (kh + gap) - gap, columns * (kw + gap) - gap, 3),
                       np.float32)
        out[:] = 0.5
        for i in range(n):
            r, c = divmod(i, columns)
            out[r * (kh + gap): r * (kh + gap) + kh,
                c * (kw + gap): c * (kw + gap) + kw] = scaled[i].transpose(1, 2, 0)
        self.image.setImage(out, autoLevels=False, levels=(0.0, 1.0))
        layout = (out.shape, n)
        if layout != self._layout:
            self._layout = layout
            self.plot_item.setRange(QRectF(0, 0, out.shape[1], out.shape[0]),
                                    padding=0.02)

    @staticmethod
    def legend() -> str:
        """What the colours mean (for the view's title)."""
        return _tr("R, G, B = the kernel's weights on R, G, B, each kernel 0…1")
