"""The detection and segmentation stages with real snapshots of their labs."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt

from dlviz.core.labs import get_lab
from dlviz.ui.stages.vision import MASK_TABLE, colour_mask
from dlviz.ui.views.boxes import BoxesView, rectangle_path
from tests.ui.stage_helpers import make_stage as _stage
from tests.ui.stage_helpers import save_shots as _shots

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def detection_task():
    task = get_lab("detection").create({"scenes": 200}, torch.device("cpu"))
    for _ in range(3):
        task.train_step()
    task.evaluate()
    return task


@pytest.fixture(scope="module")
def segmentation_task():
    task = get_lab("segmentation").create({"scenes": 100}, torch.device("cpu"))
    for _ in range(3):
        task.train_step()
    task.evaluate()
    return task




def test_rectangle_path_draws_closed_loops() -> None:
    xs, ys = rectangle_path(np.array([[1, 2, 3, 4], [5, 6, 7, 8]]))
    np.testing.assert_array_equal(xs[:5], [1, 3, 3, 1, 1])
    np.testing.assert_array_equal(ys[:5], [2, 2, 4, 4, 2])
    assert np.isnan(xs[5]) and np.isnan(xs[11]) and len(xs) == 12


def test_boxes_view_updates_layers_in_place(qtbot) -> None:
    view = BoxesView()
    qtbot.addWidget(view)
    view.set_image(np.zeros((8, 8), np.float32))
    view.set_boxes("a", np.array([[0, 0, 2, 2], [3, 3, 5, 5]]), ["#ff0000", "#00ff00"],
                   ["x", "y"])
    curves = list(view._layers["a"].curves)
    assert view.box_count("a") == 2 and view.captions("a") == ["x", "y"]
    view.set_boxes("a", np.array([[0, 0, 1, 1]]), "#ff0000")
    assert view._layers["a"].curves == curves  # reused, not recreated
    assert view.box_count("a") == 1 and view.captions("a") == []
    view.set_image(np.zeros((8, 8, 3), np.uint8))  # a colour image
    assert view.image.image.shape == (8, 8, 3)


def test_detection_stage_draws_boxes_from_a_snapshot(qtbot, detection_task) -> None:
    stage = _stage(qtbot, "detection")
    snap = detection_task.handle("set_thresholds", {"score": 0.05, "nms": 0.45})
    stage.show_snapshot(snap)
    assert stage.truth.box_count("truth") == len(snap["gt_boxes"])
    assert stage.truth.captions("truth") == [
        snap["class_names"][int(c)] for c in snap["gt_labels"]
    ]
    assert stage.anchors.box_count("anchors") == len(snap["matched_anchors"])
    assert stage.before.box_count("boxes") == len(snap["pred_boxes"])
    assert stage.after.box_count("boxes") == len(snap["pred_keep"])
    assert stage.score_slider.value() == 5
    np.testing.assert_allclose(stage.objectness.image.image, snap["objectness"])
    assert "256" in stage.info.text()
    # a looser NMS keeps more boxes; the stage asks the task and shows its answer
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.nms_slider.setValue(100)
    kind, data = blocker.args
    assert kind == "set_thresholds" and data["nms"] == 1.0
    answer = detection_task.handle(kind, data)
    stage.show_result(kind, answer)
    assert stage.after.box_count("boxes") == len(answer["pred_boxes"])
    with qtbot.waitSignal(stage.requested) as blocker:
        qtbot.mouseClick(stage.next_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["select_scene", {"index": 1}]
    stage.show_result("select_scene", detection_task.handle(*blocker.args))
    assert stage.scene.value() == 1
    _shots(qtbot, stage, "detection")


def test_segmentation_stage_shows_masks_and_calculator(qtbot, segmentation_task):
    stage = _stage(qtbot, "segmentation")
    snap = segmentation_task.snapshot()
    stage.show_snapshot(snap)
    np.testing.assert_array_equal(stage.truth.image.image, MASK_TABLE[snap["mask"]])
    np.testing.assert_array_equal(stage.predicted.image.image,
                                  colour_mask(snap["predicted"]))
    assert stage.class_combo.count() == 4
    stage.class_combo.setCurrentIndex(3)
    np.testing.assert_allclose(stage.probability.image.image, snap["probs"][3])
    assert "up2: 6 → 12" in stage.calculator.network.text()
    # the calculator: n = 3, k = 4, s = 2, p = 1 → 6, then n = 6 → 12
    calc = stage.calculator
    assert calc.output_size == 6
    calc.spins["n"].setValue(6)
    assert calc.output_size == 12 and calc.formula.text().endswith("+ 4 = 12")
    assert calc.coverage.image.image.shape == (12, 12)
    with qtbot.waitSignal(stage.requested) as blocker:
        qtbot.mouseClick(stage.next_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["select_sample", {"index": 1}]
    stage.show_result("select_sample", segmentation_task.handle(*blocker.args))
    assert stage.sample.value() == 1
    _shots(qtbot, stage, "segmentation")
