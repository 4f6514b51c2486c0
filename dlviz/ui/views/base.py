"""Shared plumbing of the pyqtgraph views: a titled plot with fixed ranges."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from dlviz.ui import theme


class PlotView(pg.PlotWidget):
    """A plot widget with a title, optional axis labels and theme colours.

    Subclasses create their plot items once in ``__init__`` and update them in place.
    """

    def __init__(
        self,
        title: str = "",
        x_label: str = "",
        y_label: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent=parent, background=theme.STYLE.background)
        self.plot_item: pg.PlotItem = self.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self._title = title
        self.set_title(title)
        if x_label:
            self.plot_item.setLabel("bottom", x_label)
        if y_label:
            self.plot_item.setLabel("left", y_label)
        self.apply_style()

    def set_title(self, title: str) -> None:
        self._title = title
        size = f"{theme.STYLE.font_pt + 1:.0f}pt"
        self.plot_item.setTitle(title, size=size, color=theme.STYLE.foreground)

    def apply_style(self) -> None:
        """Re-read the theme (presentation mode, dark/light)."""
        self.setBackground(theme.STYLE.background)
        font = self.font()
        font.setPointSizeF(theme.STYLE.font_pt)
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setTickFont(font)
            axis.setPen(theme.STYLE.foreground)
            axis.setTextPen(theme.STYLE.foreground)
            axis.label.setFont(font)
        self.set_title(self._title)
