"""The 2-D playground's stage: the network drawn neuron by neuron from a real
snapshot, its +/− buttons, input toggles, clicks and the selected point's table."""

from __future__ import annotations

import dataclasses

import numpy as np
import torch
from PySide6.QtCore import Qt

from dlviz.core.labs import get_lab
from dlviz.ui import theme
from dlviz.ui.stages import stage_class
from dlviz.ui.views.network import COL, NODE_PX
from tests.ui.stage_helpers import make_stage, save_shots, trained_task

torch.set_num_threads(1)


def _shown(qtbot, task):
    stage = make_stage(qtbot, "mlp2d")
    stage.resize(1280, 800)
    stage.show()
    qtbot.waitExposed(stage)
    sent = []
    stage.settings_requested.connect(lambda values: sent.append(("settings", values)))
    stage.requested.connect(lambda kind, data: sent.append((kind, data)))
    snap = task.snapshot()
    stage.show_snapshot(snap)
    qtbot.wait(20)  # the view's new range is applied (and the buttons follow)
    return stage, snap, sent


def test_network_is_drawn_from_the_snapshot(qtbot):
    task = trained_task("mlp2d", steps=30, widths="3,2", layers=2,
                        features="x1,x2,x1x2")
    stage, snap, _sent = _shown(qtbot, task)
    net = stage.network
    assert [len(c) for c in net._nodes] == [3, 3, 2, 2]
    # every node's pixels are its map, scaled by its largest |value|, in the
    # diverging colours (row 0 of the image is the plane's top)
    lut = theme.lookup_table(diverging=True)
    values = snap["network"]["maps"][1][2]
    expected = lut[((values / np.abs(values).max() + 1) * 127.5).astype(np.uint8)]
    top = net._rows[1][2]
    shown = net.images[1].image[top : top + NODE_PX]
    np.testing.assert_array_equal(shown, expected[::-1])
    # one segment per weight, split by sign between the two colours' curves
    n_edges = 3 * 3 + 3 * 2 + 2 * 2
    counts = [0 if c.getData()[0] is None else len(c.getData()[0]) // 2
              for c in net.edges]
    assert sum(counts) == n_edges
    positive = sum(counts[:4])
    weights = np.concatenate([w.ravel() for w in snap["network"]["weights"]])
    assert positive == int((weights >= 0).sum())
    # hovering an edge names its weight; a node its range
    w = snap["network"]["weights"][0][1, 2]  # x₁x₂ → layer 1, neuron 2
    (x0, y0), (x1, y1) = net._nodes[0][2], net._nodes[1][1]
    hit = net.hit((x0 + 1 + x1) / 2, (y0 + y1) / 2 + 0.5)
    assert hit == ("edge", 0, 1, 2)
    assert f"{w:.3g}".replace("-", "−") in net.tooltip(hit)
    assert "x₁x₂" in net.tooltip(hit)
    assert net.hit(x1 + 0.5, y1 + 0.5) == ("node", 1, 1)
    assert f"{values.max():.3g}".replace("-", "−") in net.tooltip(("node", 1, 2))
    assert stage.feature_buttons["x1x2"].isChecked()
    assert not stage.feature_buttons["sin_x1"].isChecked()
    save_shots(qtbot, stage, "mlp2d_network")


def test_buttons_and_toggles_ask_for_new_settings(qtbot):
    task = trained_task("mlp2d", steps=2, widths="4,2", layers=2)
    stage, _snap, sent = _shown(qtbot, task)
    buttons = {(kind, layer): b for b, kind, layer in stage.network.buttons()}
    assert set(buttons) == {("remove_layer", -1), ("add_layer", -1),
                            ("remove_unit", 0), ("add_unit", 0),
                            ("remove_unit", 1), ("add_unit", 1)}
    qtbot.mouseClick(buttons[("add_unit", 0)], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons[("remove_unit", 1)], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons[("add_layer", -1)], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons[("remove_layer", -1)], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(stage.feature_buttons["x1sq"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(stage.show_test, Qt.MouseButton.LeftButton)
    assert [v for k, v in sent if k == "settings"] == [
        {"widths": "5,2", "layers": 2},
        {"widths": "4,1", "layers": 2},
        {"widths": "4,2,2", "layers": 3},
        {"widths": "4", "layers": 1},
        {"features": "x1,x2,x1sq"},
        {"show_test": True},
    ]
    # the last input cannot be switched off
    sent.clear()
    for key in ("x1", "x1sq"):
        stage.feature_buttons[key].setChecked(False)
    qtbot.mouseClick(stage.feature_buttons["x2"], Qt.MouseButton.LeftButton)
    assert stage.feature_buttons["x2"].isChecked() and sent == []
    # the buttons sit over their layer's column
    view = stage.network
    x = buttons[("add_unit", 0)].geometry().left()
    centre = view.mapFromScene(view.plot_item.getViewBox().mapViewToScene(
        pg_point(COL + 0.5, 0))).x()
    assert 0 <= x - centre <= 3  # "+" right of the column's centre, "−" left
    assert buttons[("remove_unit", 0)].geometry().right() < centre


def pg_point(x, y):
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


def test_clicks_focus_a_neuron_and_select_a_point(qtbot):
    task = trained_task("mlp2d", steps=20, seed=2)
    stage, snap, sent = _shown(qtbot, task)
    # no point selected yet: the table says how to select one
    assert stage.probe_table.rowCount() == 1
    assert stage.probe_table.item(0, 0).text() == stage.probe_table.hint
    stage.network.node_clicked.emit(1, 4)
    stage.network.node_clicked.emit(3, 0)  # the output: back
    stage.map.clicked.emit(0.25, -0.5)
    assert sent == [("focus", {"column": 1, "unit": 4}), ("focus", {}),
                    ("probe", {"point": [0.25, -0.5]})]
    # the task's answers: the neuron's map is the main plot, the point's numbers
    task.handle("focus", {"column": 1, "unit": 4})
    answer = task.handle("probe", {"point": [0.25, -0.5]})["snapshot"]
    stage.show_snapshot(answer)
    np.testing.assert_allclose(stage.map.image.image, answer["focus"]["map"])
    assert stage.map.bar.isVisible()
    assert "Layer 1, neuron 5" in stage.map.plot_item.titleLabel.text
    probe = answer["probe"]
    rows = stage.probe_table.rowCount()
    assert rows == sum(len(c["a"]) for c in probe["columns"]) == 2 + 16 + 16 + 2
    z = probe["columns"][1]["z"][4]
    assert stage.probe_table.item(2 + 4, 1).text() == f"{z:.3g}".replace("-", "−")
    assert stage.probe_table.item(2 + 4, 0).text() == "L1 #5"
    xs, ys = stage.map.marker.getData()
    assert (xs[0], ys[0]) == probe["point"]


def test_regression_output_is_continuous_with_a_colour_bar(qtbot):
    task = trained_task("mlp2d", steps=20, dataset="gaussians", discretize=True)
    stage, snap, _sent = _shown(qtbot, task)
    assert stage.map.bar.isVisible()
    np.testing.assert_array_equal(stage.map.image.image, np.sign(snap["values"]))
    assert tuple(stage.map.bar.levels()) == (-1.0, 1.0)
    assert len(stage.network._nodes[-1]) == 1
    assert not stage.map.layers["val"].isVisible()  # test data hidden by default
    task.handle("set_hparams", {"show_test": True, "discretize": False})
    stage.show_snapshot(task.snapshot())
    assert stage.map.layers["val"].isVisible() and stage.show_test.isChecked()
    np.testing.assert_allclose(stage.map.image.image, task.snapshot()["values"])


def test_other_models_on_the_plane_show_the_map_alone(qtbot):
    spec = dataclasses.replace(get_lab("mlp2d"), params=())
    stage = stage_class("classifier2d")(spec)
    qtbot.addWidget(stage)
    assert stage.network is None and list(stage.panels()) == ["decision boundary"]
    task = trained_task("mlp2d", steps=2)
    snap = {k: v for k, v in task.snapshot().items()
            if k in ("probs", "extent", "n_classes", "train_x", "train_y", "val_x",
                     "val_y")}
    stage.show_snapshot(snap)
    assert stage.map.layers["val"].isVisible()


def test_a_narrow_stage_makes_the_output_map_the_main_view(qtbot):
    """At 1024×768 with the side docks shown the stage is ~575 px wide: the output
    map is the main view there, the drawing a panel beside it; wide again, the
    drawing is the main view."""
    task = trained_task("mlp2d", steps=2)
    stage, _snap, _sent = _shown(qtbot, task)
    assert stage.deck.main_view() is stage.network and not stage.narrow()
    stage.resize(575, 560)
    qtbot.waitUntil(lambda: stage.deck.main_view() is stage.map)
    assert stage.narrow() and stage.network.plot_item.titleLabel.isVisible() is False
    assert stage.deck.owns(stage.network)
    qtbot.waitUntil(lambda: stage.map.width() > stage.network.width())
    stage.deck.reveal(stage.network)
    net = stage.network
    # its colour bar, ticks included, stays inside the narrow panel
    qtbot.waitUntil(lambda: net.isVisible() and net.width() > 100)
    qtbot.waitUntil(
        lambda: net.bar.axis.sceneBoundingRect().right() <= net.width() + 0.5)

    def unit_buttons():
        return {b.isVisibleTo(net) for b, kind, _ in net.buttons()
                if kind.endswith("unit")}

    assert unit_buttons() == {False}  # no room for a − and + over each column
    stage.resize(1000, 560)
    qtbot.waitUntil(lambda: stage.deck.main_view() is stage.network)
    assert stage.network.plot_item.titleLabel.isVisible()
    assert stage.network.width() > stage.map.width()
    qtbot.waitUntil(lambda: unit_buttons() == {True})
    # the map's class legend is back below its plot, not over the title
    stage.show_snapshot(task.snapshot())
    legend, box = stage.map.class_legend, stage.map.plot_item.getViewBox()
    qtbot.waitUntil(lambda: legend.sceneBoundingRect().top()
                    >= box.sceneBoundingRect().bottom())
