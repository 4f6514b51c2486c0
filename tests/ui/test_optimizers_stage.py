"""The optimizer-race stage with real snapshots of the optimizers lab."""

from __future__ import annotations

import os

import numpy as np
import torch
from PySide6.QtCore import QPoint, Qt

from dlviz.core.labs import get_lab
from dlviz.ui.stages import stage_class
from dlviz.ui.stages.optimizers import PATH_POINTS, optimizer_color, thin_path

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


def _distance_to_polyline(points: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Distance of each point to the nearest segment of ``line``."""
    a, b = line[:-1][None], line[1:][None]
    p = points[:, None]
    ab = b - a
    t = np.clip(((p - a) * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-300), 0, 1)
    return np.linalg.norm(p - (a + t[..., None] * ab), axis=-1).min(axis=1)


def test_thin_path_keeps_the_line_near_the_path_and_at_most_the_cap():
    rng = np.random.default_rng(0)
    # a zigzag of big steps, then thousands of sub-cell steps converging
    big = np.cumsum(rng.normal(scale=0.2, size=(60, 2)), axis=0)
    tail = big[-1] + np.cumsum(np.full((1900, 2), 1e-4), axis=0)
    path = np.vstack([big, tail])
    cell = (0.01, 0.01)
    shown = thin_path(path, cell)
    assert len(shown) <= PATH_POINTS
    np.testing.assert_array_equal(shown[0], path[0])
    np.testing.assert_array_equal(shown[-1], path[-1])  # where it is now
    assert len(shown) < 70  # the straight tail needs almost no points
    # every point of the path lies within two cells of the drawn line (a cell of
    # grid, half a cell per straightening pass), the zigzag's corners included
    assert _distance_to_polyline(path, shown).max() <= 3 * 0.01
    assert _distance_to_polyline(big, shown).max() <= 3 * 0.01
    # a path that scribbles over one spot keeps at most the cap
    scribble = rng.normal(scale=1.0, size=(2000, 2))
    assert len(thin_path(scribble, cell)) <= PATH_POINTS
    assert len(thin_path(path[:2], cell)) == 2
    # a reversal (out and back along one line) keeps its far end
    out_back = np.r_[np.c_[np.linspace(0, 1, 50), np.zeros(50)],
                     np.c_[np.linspace(1, 0, 50), np.zeros(50)]]
    assert thin_path(out_back, cell)[:, 0].max() == 1.0


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
