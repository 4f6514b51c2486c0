"""Legends below a plot, outside the data, as many entries a row as fit its width."""

from __future__ import annotations

import math

import pyqtgraph as pg

from dlviz.ui.views.base import PlotView


def legend_below(view: PlotView) -> pg.LegendItem:
    """A legend under ``view``'s plot (outside the data) across the whole width of
    the view, styled by the view's ``style_legend``; :func:`fit_legend` sets how
    many entries share a row."""
    legend = pg.LegendItem(colCount=1)
    view.plot_item.legend = legend
    view.plot_item.layout.addItem(legend, 5, 0, 1, 6)
    view.style_legend()
    return legend


def fit_legend(view: PlotView) -> None:
    """As many legend entries a row as fit the view's width (rows balanced), so the
    legend never widens the plot beyond its panel."""
    plot_item = vars(view).get("plot_item")  # None while the view is being built
    legend = plot_item.legend if plot_item is not None else None
    if legend is None or not legend.items or view.width() < 10:
        return
    space = legend.layout.horizontalSpacing() + 2
    widths = [sample.boundingRect().width() + label.minimumWidth() + 2 * space
              for sample, label in legend.items]
    room = view.width() - view.plot_item.getAxis("left").width() - 24
    n = len(widths)
    best = 1
    for columns in range(n, 0, -1):
        need = sum(max(widths[c::columns]) for c in range(columns))
        if need <= room:
            best = columns
            break
    rows = math.ceil(n / best)
    best = math.ceil(n / rows)
    if best != legend.columnCount:
        legend.setColumnCount(best)


class FitsLegend:
    """Mixin of a :class:`PlotView` with a :func:`legend_below`: the entries a row
    follow the view's width and the text size."""

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        fit_legend(self)

    def style_legend(self) -> None:
        super().style_legend()
        fit_legend(self)


def swatch(color: str) -> pg.ScatterPlotItem:
    """A square legend sample of ``color`` (for bars and filled areas)."""
    return pg.ScatterPlotItem(
        symbol="s", size=12, brush=pg.mkBrush(color), pen=pg.mkPen(None)
    )


def relabel(legend: pg.LegendItem | None, item, text: str) -> bool:
    """Set the text of ``legend``'s entry for ``item`` (legend labels are set once,
    when added: a language change relabels them here); True when it changed."""
    if legend is None:
        return False
    for sample, label in legend.items:
        if sample.item is item and label.text != text:
            label.setText(text)
            return True
    return False
