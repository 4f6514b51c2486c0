"""A curve panel's legend never squeezes its data to a strip: below the data while
the data keeps its height, then without the x axis's label, then beside the data."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QWidget

from dlviz.ui.views.curves import CurvesView
from dlviz.ui.views.legend import MIN_DATA_HEIGHT, legend_placement

NAMES = ("validation loss", "training loss", "classification loss", "box loss")


def _view(qtbot, names=NAMES, size=(430, 230)):
    # inside a plain widget, as in a stage (pyqtgraph's own close() of a bare plot
    # widget clears its scene under the items)
    holder = QWidget()
    qtbot.addWidget(holder)
    view = CurvesView("Loss", x_label="step", parent=holder)
    view.resize(*size)
    holder.resize(*size)
    holder.show()
    view.holder = holder  # qtbot keeps only a weak reference
    for i, name in enumerate(names):
        view.set_curve(name, np.arange(6), np.arange(6) * 0.1 + i)
    qtbot.wait(30)
    return view


def _data_height(view) -> float:
    return view.plot_item.getViewBox().sceneBoundingRect().height()


def test_roomy_panel_keeps_the_legend_below_with_the_axis_label(qtbot):
    view = _view(qtbot, size=(430, 520))
    assert view.legend.placement == "below"
    assert view.plot_item.getAxis("bottom").label.isVisible()
    assert _data_height(view) >= MIN_DATA_HEIGHT


def test_short_panel_moves_the_legend_beside_the_data(qtbot):
    # six long entries: below they would take every row of a 440×250 panel
    view = _view(qtbot, names=NAMES + ("validation box loss",
                                       "validation classification loss"),
                 size=(440, 250))
    placement, columns, _label = legend_placement(view)
    assert placement == "side" and view.legend.placement == "side"
    assert view.legend.columnCount == columns
    assert _data_height(view) >= MIN_DATA_HEIGHT - 5
    assert view.plot_item.getAxis("bottom").label.isVisible()
    box = view.plot_item.getViewBox().sceneBoundingRect()
    legend = view.legend.sceneBoundingRect()
    assert legend.left() >= box.right() - 1  # beside, not over the curves
    # roomy again: back below
    view.resize(800, 700)
    view.holder.resize(800, 700)
    qtbot.wait(30)
    assert view.legend.placement == "below"


def test_an_entry_named_elsewhere_takes_no_legend_row(qtbot):
    view = _view(qtbot, names=("training loss",), size=(430, 300))
    view.set_curve("loss_SGD", np.arange(6), np.arange(6.0), label="")
    assert [label.text for _s, label in view.legend.items] == ["training loss"]
    assert "loss_SGD" in view.curves


def test_fewer_columns_keep_each_sample_beside_its_label(qtbot):
    """Three entries a row, then one: each label stays on its sample's row and the
    entries stack (pyqtgraph's own re-layout put them on different rows)."""
    from dlviz.ui.views.legend import arrange

    view = _view(qtbot, names=NAMES[:3], size=(900, 500))
    legend = view.legend
    arrange(legend, 3)
    qtbot.wait(20)
    arrange(legend, 1)
    qtbot.wait(20)
    rows = []
    for sample, label in legend.items:
        s, t = sample.mapRectToScene(sample.boundingRect()), label.mapRectToScene(
            label.boundingRect())
        assert abs(s.center().y() - t.center().y()) < 8  # side by side
        assert s.right() <= t.left() + 2
        rows.append(t.center().y())
    assert rows == sorted(rows) and min(b - a for a, b in zip(rows, rows[1:])) > 10


def test_a_legend_beside_the_data_keeps_samples_beside_labels(qtbot):
    view = _view(qtbot, names=NAMES + ("validation box loss",
                                       "validation classification loss"),
                 size=(440, 250))
    assert view.legend.placement == "side"
    for sample, label in view.legend.items:
        s = sample.mapRectToScene(sample.boundingRect())
        t = label.mapRectToScene(label.boundingRect())
        assert abs(s.center().y() - t.center().y()) < 8
