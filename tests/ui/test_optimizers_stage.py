"""The optimizer-race stage with real snapshots of the optimizers lab."""

from __future__ import annotations

import os

import numpy as np
import torch
from PySide6.QtCore import QPoint, Qt

from dlviz.core.labs import get_lab
from dlviz.ui.stages import stage_class
from dlviz.ui.stages.optimizers import PATH_POINTS, optimizer_color

torch.set_num_threads(1)
SHOTS = os.environ.get("DLVIZ_SHOTS", "")


def deliver(stage, kind: str, result: dict) -> None:
    """A task's answer as the session delivers it: a snapshot that came with it
    becomes the live one (``show_snapshot``), the rest goes to ``show_result``."""
    result = dict(result)
    snapshot = result.pop("snapshot", None)
    if snapshot is not None:
        stage.show_snapshot(snapshot)
    stage.show_result(kind, result)


def _task(steps: int = 40, **hp):
    task = get_lab("optimizers").create(hp, torch.device("cpu"))
    for _ in range(steps):
        task.train_step()
    return task


def _stage(qtbot):
    spec = get_lab("optimizers")
    stage = stage_class(spec.stage)(spec)
    qtbot.addWidget(stage)
    stage.resize(1280, 800)
    stage.show()
    qtbot.waitExposed(stage)
    return stage


def test_paths_markers_bars_and_rule(qtbot):
    task = _task()
    stage = _stage(qtbot)
    snap = task.snapshot()
    stage.show_snapshot(snap)
    assert stage.surface.image.image.shape == (128, 128)
    assert list(stage.paths) == snap["names"]
    for name, path in zip(snap["names"], snap["paths"]):
        xs, ys = stage.paths[name].getData()
        np.testing.assert_allclose(xs, path[:, 0])
        np.testing.assert_allclose(ys, path[:, 1])
    assert len(snap["paths"][0]) == 41
    spots = stage.markers.data
    np.testing.assert_allclose(np.c_[spots["x"], spots["y"]], snap["points"])
    gaps = np.log10(snap["losses"] - snap["loss_floor"])
    bars = stage.bars.bars.opts
    np.testing.assert_allclose(bars["y0"] + bars["height"], gaps, rtol=1e-6)
    assert bars["brushes"][0] == optimizer_color("SGD")
    # the chosen optimizer's rule is shown, with the numbers of the task
    assert stage.rule_combo.currentData() == "Adam"
    text = stage.rule_text.toPlainText()
    assert text == snap["rules"][snap["names"].index("Adam")]
    assert text.startswith("Adam   t = 40")
    assert "Rosenbrock" in stage.surface.plot_item.titleLabel.text
    legend = [label.text for _sample, label in stage.legend.items]
    assert legend == snap["names"]
    # the formula and the marks are explained in the caption; the title is short
    assert snap["formula"] in stage.caption.text()
    assert "stopped" in stage.caption.text()
    # every step of a short path is a dot on its polyline
    assert stage.paths["Adam"].opts["symbol"] == "o"
    # the task has no metric but losses: the deck declines the metric curves
    from dlviz.ui.views.curves import CurvesView

    loss, metrics = CurvesView(), CurvesView()
    stage.curves_deck().add(loss, "curves", "loss curves", "Loss")
    stage.curves_deck().add(metrics, "curves", "metric curves", "Metrics")
    assert stage.deck.owns(loss) and not stage.deck.owns(metrics)
    assert set(stage.panels()) == {"loss surface", "update rule", "losses",
                                   "loss curves"}


def test_choosing_another_rule_in_the_combo(qtbot):
    task = _task(steps=3)
    stage = _stage(qtbot)
    snap = task.snapshot()
    stage.show_snapshot(snap)
    combo = stage.rule_combo
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    combo.setCurrentIndex(combo.findData("SGD+momentum"))
    text = stage.rule_text.toPlainText()
    assert text.startswith("SGD+momentum   t = 3")
    assert "b = μ·b + g" in text
    # the choice survives the next snapshot
    task.train_step()
    stage.show_snapshot(task.snapshot())
    assert stage.rule_text.toPlainText().startswith("SGD+momentum   t = 4")


def test_click_on_the_map_restarts_there(qtbot):
    task = _task(steps=5)
    stage = _stage(qtbot)
    stage.show_snapshot(task.snapshot())
    qtbot.wait(50)
    view = stage.surface
    target = view.plot_item.vb.mapViewToScene(pg_point(0.5, 2.0))
    pos = view.mapFromScene(target)
    with qtbot.waitSignal(stage.requested) as blocker:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y())
        )
    kind, data = blocker.args
    assert kind == "restart"
    assert abs(data["x"] - 0.5) < 0.05 and abs(data["y"] - 2.0) < 0.05
    deliver(stage, kind, task.handle(kind, data))
    xs, ys = stage.paths["Adam"].getData()
    assert len(xs) == 1 and abs(xs[0] - data["x"]) < 1e-6
    assert not stage.restart_at(50.0, 0.0)  # off the map: no request


def test_stopped_racer_and_saddle(qtbot):
    task = _task(steps=30, surface="saddle", optimizer="SGD", lr=0.05)
    snap = task.snapshot()
    assert "left the map" in snap["status"]
    stage = _stage(qtbot)
    stage.show_snapshot(snap)
    name = snap["names"][snap["status"].index("left the map")]
    stage.rule_combo.setCurrentIndex(stage.rule_combo.findData(name))
    assert stage.status_label.text() == "Stopped: it left the map."
    assert "saddle point" in stage.caption.text()
    assert list(stage.markers.data["symbol"]).count("x") == snap["status"].count(
        "left the map"
    )
    for w, h in ((1024, 768), (1920, 1080)):
        stage.resize(w, h)
        qtbot.wait(50)
        if SHOTS:
            os.makedirs(SHOTS, exist_ok=True)
            assert stage.grab().save(os.path.join(SHOTS, f"optimizers_{w}x{h}.png"))
    stage.close()


def pg_point(x: float, y: float):
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


def test_long_paths_are_drawn_thinned_and_short_ones_step_by_step(qtbot):
    task, stage = _task(), _stage(qtbot)
    snap = task.snapshot()
    stage.show_snapshot(snap)
    name = snap["names"][0]
    xs, _ = stage.paths[name].getData()
    assert len(xs) == len(snap["paths"][0])  # short: a dot at every step
    assert stage.paths[name].opts["symbol"] is not None
    long = dict(snap)
    n = 1500
    t = np.linspace(0, 1, n)[:, None]
    long["paths"] = [np.hstack([t * 0.5, t * 0.3]).astype(np.float32)
                     for _ in snap["paths"]]
    stage.show_snapshot(long)
    xs, ys = stage.paths[name].getData()
    assert 2 <= len(xs) <= PATH_POINTS
    assert stage.paths[name].opts["symbol"] is None
    assert (xs[0], ys[0]) == (0.0, 0.0) and abs(xs[-1] - 0.5) < 1e-6


def _pixels_of(stage, color: str) -> int:
    """How many pixels of the map are (almost) ``color``."""
    from PySide6.QtGui import QColor

    image = stage.surface.grab().toImage()
    width, height = image.width(), image.height()
    ptr = image.constBits()
    rgba = np.frombuffer(ptr, np.uint8).reshape(height, image.bytesPerLine())
    bgr = rgba[:, : width * 4].reshape(height, width, 4)[..., :3].astype(int)
    target = QColor(color)
    diff = np.abs(bgr - [target.blue(), target.green(), target.red()]).sum(axis=2)
    return int((diff < 12).sum())


def test_every_path_is_painted_and_a_legend_click_hides_it(qtbot):
    task, stage = _task(steps=120), _stage(qtbot)
    stage.show_snapshot(task.snapshot())
    qtbot.wait(50)
    color = optimizer_color("Nesterov")
    shown = _pixels_of(stage, color)
    assert shown > 200  # the line and its dots
    sample = next(s for s, _label in stage.legend.items
                  if s.item is stage.paths["Nesterov"])
    view = stage.surface
    pos = view.mapFromScene(sample.mapToScene(sample.boundingRect().center()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert not stage.paths["Nesterov"].isVisible()
    qtbot.wait(50)
    # only the marker of its position (and the legend's eye) is left of its colour
    assert _pixels_of(stage, color) < shown / 3
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert stage.paths["Nesterov"].isVisible()
