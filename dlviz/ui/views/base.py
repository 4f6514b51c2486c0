"""Shared plumbing of the pyqtgraph views: a titled plot with fixed ranges."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem, QWidget

from dlviz.ui import theme
from dlviz.ui.kit.axes import readable_axes

#: pyqtgraph's initial room for tick labels (width of a vertical axis, height of
#: a horizontal one); the axes grow from it to fit their labels.
_AXIS_TEXT_SPACE = (30, 18)


class PlotView(pg.PlotWidget):
    """A plot widget with a title, optional axis labels and theme colours.

    Subclasses create their plot items once in ``__init__`` and update them in place.
    Tick labels use the kit's readable axis (at most four significant digits).
    """

    #: True for small decorations that the layout contract does not size (icons).
    decorative = False

    def __init__(
        self,
        title: str = "",
        x_label: str = "",
        y_label: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent=parent, background=theme.STYLE.background,
                         axisItems=readable_axes())
        self.plot_item: pg.PlotItem = self.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        # Axes repaint with every frame of the plot; drawing their text costs far
        # more than the data. Cache them as pixmaps until their ticks change.
        for name in ("left", "bottom", "right", "top"):
            axis = self.plot_item.getAxis(name)
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            # Axes only grow to fit their labels (apply_style starts them afresh).
            # Shrinking too made aspect-locked plots oscillate: a narrower left axis
            # widens the view, the locked aspect changes the y ticks, wider labels
            # widen the axis again … ~130 relayouts and repaints a second, forever.
            axis.setStyle(autoReduceTextSpace=False)
        self._title = title
        self._applied_sizes = (theme.STYLE.line_width, theme.STYLE.marker_size)
        self.set_title(title)
        if x_label:
            self.plot_item.setLabel("bottom", x_label)
        if y_label:
            self.plot_item.setLabel("left", y_label)
        self.apply_style()

    def set_title(self, title: str) -> None:
        """Show ``title`` in the theme's size and colour. Setting a title lays the
        plot out again (~1 ms): the same title in the same style sets nothing, so
        a stage may set its titles with every snapshot."""
        self._title = title
        size = f"{theme.STYLE.font_pt + 1:.0f}pt"
        key = (title, size, theme.STYLE.foreground)
        if key == self.__dict__.get("_title_shown"):
            return
        self._title_shown = key
        self.plot_item.setTitle(title, size=size, color=theme.STYLE.foreground)

    def apply_style(self) -> None:
        """Re-read the theme (presentation mode, dark/light)."""
        self.setBackground(theme.STYLE.background)
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt)
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            # a new font size: the label space is measured again from the next paint
            axis.textWidth, axis.textHeight = _AXIS_TEXT_SPACE
            axis.setTickFont(font)
            axis.setPen(theme.STYLE.foreground)
            axis.setTextPen(theme.STYLE.foreground)
            axis.label.setFont(font)
        self.set_title(self._title)
        self._rescale_items()
        self.style_legend()

    def style_legend(self) -> None:
        """Legend entries in the theme's text size and colour."""
        legend = self.plot_item.legend
        if legend is None:
            return
        legend.setLabelTextColor(theme.STYLE.foreground)
        legend.setLabelTextSize(f"{theme.STYLE.font_pt * 0.9:.1f}pt")
        for _sample, label in legend.items:
            label.setText(
                label.text,
                size=f"{theme.STYLE.font_pt * 0.9:.1f}pt",
                color=theme.STYLE.foreground,
            )

    def _rescale_items(self) -> None:
        """Scale the pens and markers of existing items by the change of the style's
        line width and marker size since the last call (presentation mode)."""
        old_line, old_marker = self._applied_sizes
        line = theme.STYLE.line_width / old_line if old_line else 1.0
        marker = theme.STYLE.marker_size / old_marker if old_marker else 1.0
        self._applied_sizes = (theme.STYLE.line_width, theme.STYLE.marker_size)
        if line == 1.0 and marker == 1.0:
            return
        for item in self.plot_item.items:
            if isinstance(item, pg.ScatterPlotItem):
                sizes = np.asarray(item.data["size"], dtype=float)
                if len(sizes):  # -1 means "the item's default size"
                    sizes = np.where(sizes < 0, item.opts["size"], sizes)
                    item.setSize(sizes * marker)
            elif isinstance(item, (pg.PlotDataItem, pg.PlotCurveItem)):
                spec = item.opts.get("pen")
                if spec is None:
                    continue
                pen = pg.mkPen(spec)
                if pen.style() == pg.QtCore.Qt.PenStyle.NoPen:
                    continue
                pen.setWidthF(max(1.0, pen.widthF()) * line)
                item.setPen(pen)
                if isinstance(item, pg.PlotDataItem) and item.opts.get("symbol"):
                    item.setSymbolSize(item.opts["symbolSize"] * marker)

    def add_colorbar(
        self,
        colormap: pg.ColorMap,
        levels: tuple[float, float] = (0.0, 1.0),
        below: bool = False,
    ) -> pg.ColorBarItem:
        """A colour bar showing ``colormap`` over ``levels``, right of the plot (or
        ``below`` it: for wide content that is short of width, not of height).

        It is not linked to an image item, so it never changes the lookup tables
        this view sets itself (gray, translucent heat); update it with
        ``bar.setLevels`` / ``bar.setColorMap``. Call :meth:`style_colorbar` from
        ``apply_style`` to keep its labels in the theme's size and colour.
        """
        bar = pg.ColorBarItem(values=levels, colorMap=colormap, interactive=False,
                              width=14,
                              orientation="horizontal" if below else "vertical")
        layout = self.plot_item.layout
        if below:
            layout.addItem(bar, 5, 1)
            layout.setRowFixedHeight(4, 6)
        else:
            layout.addItem(bar, 2, 5)
            layout.setColumnFixedWidth(4, 5)
        self.style_colorbar(bar)
        return bar

    def style_colorbar(self, bar: pg.ColorBarItem | None) -> None:
        """Tick labels of a colour bar in the theme's text size and colour, with
        room for the end labels (they stand out half beyond the bar)."""
        if bar is None:
            return
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt * 0.9)
        bar.axis.setTickFont(font)
        bar.axis.setPen(theme.STYLE.foreground)
        bar.axis.setTextPen(theme.STYLE.foreground)
        metrics = QFontMetricsF(font)
        layout = self.plot_item.layout
        if bar.horizontal:
            half = metrics.horizontalAdvance("−0.00") / 2 + 2
            layout.setColumnMinimumWidth(0, half)
            layout.setColumnMinimumWidth(2, half)
        else:
            half = metrics.height() / 2 + 2
            layout.setRowMinimumHeight(4, half)
            # room for labels like "−0.5" from the start (pyqtgraph widens the
            # axis only after drawing them, and clips them until then)
            axis = bar.axis
            axis.textWidth = max(axis.textWidth, metrics.horizontalAdvance("-0.00"))
            axis._updateWidth()
            left, top, right, bottom = layout.getContentsMargins()
            layout.setContentsMargins(left, top, max(right, 8), bottom)
        # the labels at both ends may stand out this far (default: dropped)
        bar.axis.setStyle(hideOverlappingLabels=int(half) + 2)


def label_colorbar(bar: pg.ColorBarItem, text: str) -> None:
    """Name what a colour bar measures on the bar's side that faces its own plot
    (the left of a vertical bar): a label on the far side would stand next to the
    neighbouring panel and read as that panel's axis."""
    axis = bar.getAxis("bottom" if bar.horizontal else "left")
    axis.setLabel(text)
