"""A 2-D array as a heatmap, with optional tick labels and a colour bar."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QImage, qRgb, qRgba

from dlviz.ui import theme
from dlviz.ui.views.base import PlotView

try:  # pyqtgraph's own rescaling (a private helper: any other version falls back)
    from pyqtgraph.functions_qimage import _rescale_and_lookup_float
except ImportError:  # pragma: no cover - another pyqtgraph version
    _rescale_and_lookup_float = None

#: Colour tables of indexed images, by the bytes of their lookup table.
_COLOR_TABLES: dict[bytes, list[int]] = {}


def color_table(lut: np.ndarray) -> list[int]:
    """The QImage colour table of a (n, 3 or 4) uint8 lookup table, made once."""
    key = lut.tobytes() + repr(lut.shape).encode()
    table = _COLOR_TABLES.get(key)
    if table is None:
        if lut.shape[1] == 3:
            table = [qRgb(*rgb) for rgb in lut.tolist()]
        else:
            table = [qRgba(*rgba) for rgba in lut.tolist()]
        if len(_COLOR_TABLES) > 64:
            _COLOR_TABLES.clear()
        _COLOR_TABLES[key] = table
    return table


class IndexedImageItem(pg.ImageItem):
    """An :class:`pg.ImageItem` that reuses the colour table of its lookup table.

    pyqtgraph turns a float image with levels and a 256-colour lookup table into an
    indexed QImage, building the 256-entry colour table in Python at every render
    (about half of a small heatmap's render). This does the same steps (pyqtgraph's
    own rescaling, so the same indices and colours) with the table made once; any
    other case (NaNs, a callable or long table, downsampling, colour images) is
    pyqtgraph's."""

    def render(self):
        try:
            done = self._render_indexed()
        except (AttributeError, TypeError, ValueError):  # another pyqtgraph version
            done = False
        if not done:
            super().render()

    def _render_indexed(self) -> bool:
        """Render as an indexed image with a cached colour table; False when this
        case is left to pyqtgraph."""
        if _rescale_and_lookup_float is None:
            return False
        image, lut, levels = self.image, self.lut, self.levels
        if (image is None or image.ndim != 2 or image.size == 0
                or image.dtype.kind != "f" or self.autoDownsample
                or self._xp is not np or levels is None or np.ndim(levels) != 1
                or not isinstance(lut, np.ndarray) or lut.dtype != np.uint8
                or lut.ndim != 2 or lut.shape[1] not in (3, 4)
                or not 2 <= lut.shape[0] <= 256):
            return False
        if self._imageHasNans is None:
            self._imageHasNans = bool(np.isnan(image.min()))
            self._imageNanLocations = None
        if self._imageHasNans:
            return False
        if self.axisOrder == "col-major":
            image = image.swapaxes(0, 1)
        index, table = _rescale_and_lookup_float(
            np, image, np.asarray(levels), lut, forceApplyLut=False)
        if table is None or index.dtype != np.uint8:
            return False
        qimage = pg.functions.ndarray_to_qimage(
            np.ascontiguousarray(index), QImage.Format.Format_Indexed8)
        qimage.setColorTable(color_table(table))
        self._processingBuffer = None
        self._displayBuffer = None
        self.qimage = qimage
        self._renderRequired = False
        self._unrenderable = False
        return True


class HeatmapView(PlotView):
    """Shows a (rows, cols) array; row 0 at the top.

    ``diverging`` picks a zero-centred map for signed data (gradients, weights).
    ``extent`` (x0, x1, y0, y1) places the image in data coordinates instead of cells.
    ``lift_dark`` starts the sequential map above its near-black end in the dark
    theme, so that low values (most of an attention matrix) stay visible on the
    black background.
    """

    def __init__(
        self,
        title: str = "",
        x_label: str = "",
        y_label: str = "",
        diverging: bool = False,
        colorbar: bool = True,
        parent=None,
        lift_dark: bool = False,
    ):
        super().__init__(title, x_label, y_label, parent)
        self.lift_dark = lift_dark
        self.diverging = diverging
        self.image = IndexedImageItem()
        self.image.setLookupTable(self._lookup_table())
        self.plot_item.addItem(self.image)
        self.plot_item.invertY(True)
        self.plot_item.setAspectLocked(False)
        self.colorbar = None
        if colorbar:
            self.colorbar = pg.ColorBarItem(
                colorMap=self._colormap(),
                interactive=False,
                width=14,
            )
            self.colorbar.setImageItem(self.image, insert_in=self.plot_item)
        # the title spans the axes and the colour bar: a title wider than the
        # image column would otherwise push the colour bar out of the widget
        layout = self.plot_item.layout
        layout.removeItem(self.plot_item.titleLabel)
        layout.addItem(self.plot_item.titleLabel, 0, 0, 1, layout.columnCount())
        self._shape: tuple[int, int] | None = None
        self._extent = None
        self._ticks: tuple | None = None
        self._fit_steps: tuple | None = None  # the tick indices shown
        self.plot_item.getViewBox().sigResized.connect(self._refit_ticks)
        if hasattr(self, "style_colorbar"):
            self.style_colorbar(self.colorbar)

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
            levels = self._steady_levels(
                theme.symmetric_levels(values)
                if self.diverging
                else theme.range_levels(values)
            )
        levels = (float(levels[0]), float(levels[1]))
        self.image.setImage(values, autoLevels=False, levels=levels)
        # the colour bar's axis is drawn again whenever its range is set: only
        # when the levels change
        if self.colorbar is not None and levels != tuple(self.colorbar.levels()):
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

    #: Automatic levels are kept while the data stay inside them and span at least
    #: this share of them: live data whose range jitters a little do not redraw the
    #: colour bar's axis every frame (data outside the levels update them at once).
    STEADY_SHARE = 0.9

    def _steady_levels(self, levels: tuple[float, float]) -> tuple[float, float]:
        lo, hi = float(levels[0]), float(levels[1])
        previous = getattr(self, "_auto_levels", None)
        if previous is not None:
            p_lo, p_hi = previous
            inside = p_lo <= lo and hi <= p_hi
            if inside and (hi - lo) >= self.STEADY_SHARE * (p_hi - p_lo):
                return previous
        self._auto_levels = (lo, hi)
        return lo, hi

    def set_ticks(
        self,
        x: Sequence[str] | None = None,
        y: Sequence[str] | None = None,
        max_ticks: int = 40,
        fit: bool = False,
    ) -> None:
        """Label the columns (bottom axis) and rows (left axis) at cell centres.

        ``fit`` thins the labels to what the plot's size has room for (again when
        it is resized), so they never run together; integer labels are then shown
        at round multiples (0, 5, 10 …).
        """
        key = (x, y, max_ticks, fit)
        if key == self._ticks:
            return
        self._ticks = key
        self._fit_steps = None
        self._apply_ticks()

    def _apply_ticks(self) -> None:
        x, y, max_ticks, fit = self._ticks
        shown = (self._shown_ticks(x, True), self._shown_ticks(y, False))
        if fit and shown == self._fit_steps:
            return
        self._fit_steps = shown
        for axis_name, labels, indices in (("bottom", x, shown[0]),
                                           ("left", y, shown[1])):
            axis = self.plot_item.getAxis(axis_name)
            if labels is None:
                axis.setTicks(None)
                continue
            axis.setTicks([[(i + 0.5, str(labels[i])) for i in indices], []])
            if fit and axis_name == "bottom":
                # the first and last cells' labels may stand out half a label
                # beyond the image (pyqtgraph hides them otherwise)
                axis.setStyle(hideOverlappingLabels=40)

    def _shown_ticks(self, labels: Sequence[str] | None,
                     horizontal: bool) -> tuple[int, ...]:
        """The indices of the labels shown along one axis."""
        if labels is None:
            return ()
        n = len(labels)
        _x, _y, max_ticks, fit = self._ticks
        step = max(1, int(np.ceil(n / max_ticks)))
        if not fit or not n:
            return tuple(range(0, n, step))
        font = QFont(self.font())
        font.setPointSizeF(theme.STYLE.font_pt)
        metrics = QFontMetricsF(font)
        size = self.plot_item.getViewBox().size()
        room = (size.width() if horizontal else size.height()) / n
        if room <= 1:
            return ()
        if horizontal:
            gap = 0.3 * metrics.height()
            widths = [metrics.horizontalAdvance(str(s)) for s in labels]
        else:
            gap = 0.05 * metrics.height()
            widths = [metrics.height()] * n
        # the smallest step at which neighbouring labels of ordinary width are
        # apart (a few long ones, like ‹bos›, are checked one by one below)
        typical = sorted(widths)[n // 2] * 1.5
        for fitted in range(step, n + 1):
            if all(fitted * room >= (widths[i] + widths[i + fitted]) / 2 + gap
                   for i in range(0, n - fitted, fitted)
                   if widths[i] <= typical and widths[i + fitted] <= typical):
                break
        if fitted > 1 and all(str(s).lstrip("-").isdigit() for s in labels):
            fitted = _round_step(fitted)
            indices = [i for i, s in enumerate(labels) if int(s) % fitted == 0]
        else:
            indices = list(range(0, n, fitted))
        kept: list[int] = []
        for i in indices:  # drop a label that would overlap the one before it
            if kept:
                j = kept[-1]
                if (i - j) * room < (widths[i] + widths[j]) / 2 + gap:
                    continue
            kept.append(i)
        return tuple(kept)

    def _refit_ticks(self, *_args) -> None:
        if self._ticks is not None and self._ticks[3]:
            self._apply_ticks()

    def set_diverging(self, diverging: bool) -> None:
        self.diverging = diverging
        self.image.setLookupTable(self._lookup_table())
        if self.colorbar is not None:
            self.colorbar.setColorMap(self._colormap())

    def _lifted(self) -> bool:
        return self.lift_dark and theme.STYLE.dark and not self.diverging

    def _colormap(self) -> pg.ColorMap:
        name = theme.STYLE.diverging if self.diverging else theme.STYLE.sequential
        return lifted_colormap(name) if self._lifted() else pg.colormap.get(name)

    def _lookup_table(self) -> np.ndarray:
        if self._lifted():
            return lifted_colormap(theme.STYLE.sequential).getLookupTable(
                nPts=256, alpha=True)
        return theme.lookup_table(diverging=self.diverging)

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "image"):
            self.set_diverging(self.diverging)
            if hasattr(self, "style_colorbar"):
                self.style_colorbar(self.colorbar)
            if getattr(self, "_ticks", None) is not None and self._ticks[3]:
                self._fit_steps = None
                self._apply_ticks()


#: The darkest colour (luminance, 0…1) that a lifted map starts with.
LIFTED_LUMINANCE = 0.16
_LIFTED: dict[str, pg.ColorMap] = {}


def lifted_colormap(name: str) -> pg.ColorMap:
    """``name`` without its near-black low end (for heatmaps on a black background):
    the map starts where its luminance reaches :data:`LIFTED_LUMINANCE`."""
    if name not in _LIFTED:
        colors = pg.colormap.get(name).getLookupTable(nPts=256, alpha=True)
        rgb = colors[:, :3].astype(np.float64) / 255.0
        luminance = rgb @ np.array([0.2126, 0.7152, 0.0722])
        bright = np.nonzero(luminance >= LIFTED_LUMINANCE)[0]
        start = int(bright[0]) if bright.size else 0
        kept = colors[start:]
        _LIFTED[name] = pg.ColorMap(np.linspace(0.0, 1.0, len(kept)), kept)
    return _LIFTED[name]


def _round_step(step: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 25, 50, 100 … that is at least ``step``."""
    base = 1
    while True:
        for m in (1, 2, 2.5, 5) if base >= 10 else (1, 2, 5):
            if base * m >= step:
                return int(base * m)
        base *= 10
