"""Legends below a plot, outside the data, as many entries a row as fit its width."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy

from dlviz.ui.views.base import PlotView

#: The least height a plot's data keeps when the legend sits below it; below this the
#: legend moves beside the data, where the panel has the width (a 428×220 loss panel
#: at 1024×768 ×1.5 with four entries kept a 6-px strip of curve under its legend).
MIN_DATA_HEIGHT = 80
#: The least width the data keeps beside a legend (px, and share of the panel).
MIN_DATA_WIDTH = 140
MIN_DATA_SHARE = 0.45
#: Where each placement puts the legend in the plot item's grid: below every row of
#: the plot, or in the data's row right of the axes and any colour bar.
BELOW_CELL = (5, 0, 1, 6)
SIDE_CELL = (2, 6, 1, 1)


def legend_below(view: PlotView) -> pg.LegendItem:
    """A legend under ``view``'s plot (outside the data) across the whole width of
    the view, styled by the view's ``style_legend``; :func:`fit_legend` sets how
    many entries share a row, and moves it beside the data when below it would
    leave the data too little height."""
    legend = pg.LegendItem(colCount=1)
    legend.placement = "below"
    view.plot_item.legend = legend
    view.plot_item.layout.addItem(legend, *BELOW_CELL)
    view.style_legend()
    return legend


def _columns_within(widths: list[float], room: float) -> int:
    """The most columns (rows then balanced) whose widest entries fit ``room``."""
    n = len(widths)
    best = 1
    for columns in range(n, 0, -1):
        if sum(max(widths[c::columns]) for c in range(columns)) <= room:
            best = columns
            break
    return math.ceil(n / math.ceil(n / best))


def _fixed_height(plot_item) -> float:
    """The plot's height that is neither data nor legend: title, axes, margins."""
    height = 12.0
    if plot_item.titleLabel.isVisible():
        height += plot_item.titleLabel.boundingRect().height()
    for name in ("top", "bottom"):
        axis = plot_item.getAxis(name)
        if axis.isVisible():
            height += axis.height()
    return height


def _axis_label_height(plot_item) -> float:
    """The height of the bottom axis's label ("step"), 0 when it has none."""
    axis = plot_item.getAxis("bottom")
    if not axis.isVisible() or not axis.labelText:
        return 0.0
    return axis.label.boundingRect().height()


def legend_placement(view: PlotView) -> tuple[str, int, bool] | None:
    """Where ``view``'s legend goes for its size and entries: ``(placement, columns,
    axis_label)``. In order, the first that keeps the data :data:`MIN_DATA_HEIGHT`
    tall and :data:`MIN_DATA_WIDTH` wide (and :data:`MIN_DATA_SHARE` of the room):
    below the data; below it with the x axis's label left out (its tick numbers
    stay); beside the data. When none does, the one whose data falls least short."""
    plot_item = vars(view).get("plot_item")  # None while the view is being built
    legend = plot_item.legend if plot_item is not None else None
    if legend is None or not legend.items or view.width() < 10:
        return None
    widths = _entry_widths(legend)
    row = max(max(label.boundingRect().height(), sample.boundingRect().height())
              for sample, label in legend.items)
    row += max(0.0, legend.layout.verticalSpacing())
    n = len(widths)
    room = _room(view)
    label = _axis_label_height(plot_item)
    # the height above and below the data, with the x axis label shown
    free = view.height() - _fixed_height(plot_item)
    if label and not plot_item.getAxis("bottom").label.isVisible():
        free -= label  # measured while left out: count it as shown
    below = _columns_within(widths, room)
    below_height = math.ceil(n / below) * row
    options = [  # (placement, columns, axis label, data width, data height)
        ("below", below, True, room, free - below_height),
        ("below", below, False, room, free + label - below_height),
        ("side", 1, True, room - max(widths), free),
    ]
    if n * row > free:
        del options[2]  # beside the data, one entry a row, they must fit its height
    if not label:
        del options[1]
    least_width = max(MIN_DATA_WIDTH, MIN_DATA_SHARE * room)
    for placement, columns, axis_label, width, height in options:
        if height >= MIN_DATA_HEIGHT and width >= least_width:
            return placement, columns, axis_label
    # none does: the one whose data falls least short in its worse dimension (a
    # column 55 px wide is no better than a strip 55 px tall)
    placement, columns, axis_label, _w, _h = max(
        options, key=lambda o: min(o[3] / least_width, o[4] / MIN_DATA_HEIGHT))
    return placement, columns, axis_label


def fit_legend(view: PlotView) -> None:
    """Place ``view``'s legend (below the data, or beside it when the panel is short)
    with as many entries a row as fit, so the legend never widens the plot beyond
    its panel nor squeezes its data to a strip."""
    plot_item = vars(view).get("plot_item")  # None while the view is being built
    legend = plot_item.legend if plot_item is not None else None
    if legend is None or not legend.items or view.width() < 10:
        return
    kit_placed = hasattr(legend, "placement")  # set by legend_below
    if kit_placed:
        placement, columns, axis_label = legend_placement(view)
    else:
        # a legend placed by its view (a class legend right of a scatter): only
        # its entries a row follow the width
        placement, columns, axis_label = "below", _below_columns(view), True
    if kit_placed and placement != legend.placement:
        layout = plot_item.layout
        layout.removeItem(legend)
        side = placement == "side"
        layout.addItem(legend, *(SIDE_CELL if side else BELOW_CELL))
        # beside the data: as tall as its entries, at the top (stretched to the
        # data's height its rows would part each sample from its label)
        legend.setSizePolicy(QSizePolicy.Policy.Preferred,
                             QSizePolicy.Policy.Fixed if side
                             else QSizePolicy.Policy.Preferred)
        layout.setAlignment(legend, Qt.AlignmentFlag.AlignTop if side
                            else Qt.AlignmentFlag(0))  # below: as legend_below
        legend.placement = placement
    if (columns, len(legend.items)) != getattr(legend, "arranged", None):
        arrange(legend, columns)
    axis = plot_item.getAxis("bottom")
    if axis.labelText and axis.label.isVisible() != axis_label:
        axis.showLabel(axis_label)


def arrange(legend: pg.LegendItem, columns: int) -> None:
    """Lay ``legend``'s entries out ``columns`` a row, each sample beside its label,
    at explicit places in its grid (pyqtgraph's ``setColumnCount`` places them by
    the grid's current counts). The grid itself is kept: replacing a layout that
    Qt deletes and Python also owns crashed the window's teardown."""
    grid = legend.layout
    for i in range(grid.count() - 1, -1, -1):
        grid.removeAt(i)
    for i, (sample, label) in enumerate(legend.items):
        row, column = divmod(i, columns)
        grid.addItem(sample, row, 2 * column, Qt.AlignmentFlag.AlignVCenter)
        grid.addItem(label, row, 2 * column + 1)
    legend.columnCount = columns
    legend.rowCount = max(1, math.ceil(len(legend.items) / columns))
    legend.arranged = (columns, len(legend.items))
    legend.updateSize()


def _entry_widths(legend: pg.LegendItem) -> list[float]:
    space = legend.layout.horizontalSpacing() + 2
    return [sample.boundingRect().width() + label.minimumWidth() + 2 * space
            for sample, label in legend.items]


def _room(view: PlotView) -> float:
    """The width a legend below the data may take."""
    return view.width() - view.plot_item.getAxis("left").width() - 24


def _below_columns(view: PlotView) -> int:
    return _columns_within(_entry_widths(view.plot_item.legend), _room(view))


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
