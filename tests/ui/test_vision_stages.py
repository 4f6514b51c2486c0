"""The detection and segmentation stages with real snapshots of their labs."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt

from dlviz.core.labs import get_lab
from dlviz.ui.stages.vision import MASK_TABLE, overlay_mask
from dlviz.ui.views.bars import BarsView
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


def test_box_captions_that_would_overlap_are_left_out(qtbot) -> None:
    """Proposals of one object sit on top of each other: only the first of their
    scores is written (in the given order: the best first), the others' boxes stay."""
    view = BoxesView()
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_image(np.zeros((64, 64), np.float32))
    boxes = np.array([[10, 10, 30, 30], [10.5, 10.4, 30, 31], [11, 9.8, 29, 30],
                      [40, 40, 60, 60]])
    view.set_boxes("kept", boxes, "#ffffff", ["0.91", "0.90", "0.88", "0.75"])
    assert view.box_count("kept") == 4
    assert view.captions("kept") == ["0.91", "0.75"]


def test_detection_stage_draws_boxes_from_a_snapshot(qtbot, detection_task) -> None:
    stage = _stage(qtbot, "detection")
    snap = detection_task.handle("set_thresholds", {"score": 0.05, "nms": 0.45})[
        "snapshot"]
    stage.show_snapshot(snap)
    assert stage.truth.box_count("truth") == len(snap["gt_boxes"])
    assert stage.truth.captions("truth") == [
        snap["class_names"][int(c)] for c in snap["gt_labels"]
    ]
    assert stage.anchors.box_count("anchors") == len(snap["matched_anchors"])
    assert stage.before.box_count("boxes") == len(snap["pred_boxes"])
    assert stage.after.box_count("boxes") == len(snap["pred_keep"])
    assert stage.score_slider.value() == 5
    assert stage.score_value.text() == "0.05" and stage.nms_value.text() == "0.45"
    np.testing.assert_allclose(stage.objectness.image.image, snap["objectness"])
    assert stage.objectness.colorbar is not None
    assert "256" in stage.caption.text()
    # the boxes after NMS are the main view; the lesson names are kept
    stage.deck.relayout()
    assert stage.deck.main_view() is stage.after
    assert set(stage.panels()) == {"ground truth", "matched anchors", "before NMS",
                                   "after NMS", "objectness", "metrics"}
    assert stage.after.box_count("truth") == len(snap["gt_boxes"])
    # a looser NMS keeps more boxes; the stage asks the task and shows its answer
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.nms_slider.setValue(100)
    kind, data = blocker.args
    assert kind == "set_hparams" and data == {"nms_threshold": 1.0}
    answer = detection_task.handle(kind, data)
    assert answer["applied_hparams"] == {"nms_threshold": 1.0}
    # as the session delivers it: the snapshot as the live one, the rest as the result
    live = answer.pop("snapshot")
    stage.show_snapshot(live)
    stage.show_result(kind, answer)
    assert stage.after.box_count("boxes") == len(live["pred_boxes"])
    with qtbot.waitSignal(stage.requested) as blocker:
        qtbot.mouseClick(stage.next_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["select_scene", {"index": 1}]
    stage.show_snapshot(detection_task.handle(*blocker.args)["snapshot"])
    assert stage.scene.value() == 1
    stage.score_slider.setValue(30)
    assert stage.score_value.text() == "0.30"
    _shots(qtbot, stage, "detection")


def test_segmentation_stage_shows_masks_and_calculator(qtbot, segmentation_task):
    stage = _stage(qtbot, "segmentation")
    snap = segmentation_task.snapshot()
    stage.show_snapshot(snap)
    np.testing.assert_array_equal(stage.truth.image.image, MASK_TABLE[snap["mask"]])
    np.testing.assert_array_equal(stage.predicted.image.image,
                                  overlay_mask(snap["image"], snap["predicted"]))
    stage.deck.relayout()
    assert stage.deck.main_view() is stage.predicted
    assert stage.probability.colorbar is not None
    # the legend of the class colours, and the network's upsampling, in the caption
    for name in ("background", "disc", "square", "triangle"):
        assert name in stage.caption.text()
    assert stage.class_combo.count() == 4
    stage.class_combo.setCurrentIndex(3)
    np.testing.assert_allclose(stage.probability.image.image, snap["probs"][3])
    assert "up2" not in stage.caption.text()
    stage.pages.setCurrentIndex(1)  # the calculator's page explains the network
    assert "up2: 6 → 12" in stage.caption.text()
    assert set(stage.panels()) == {"input", "true mask", "predicted mask",
                                   "probability", "class IoU",
                                   "transposed convolution"}
    # the calculator: n = 3, k = 4, s = 2, p = 1 → 6, then n = 6 → 12
    calc = stage.calculator
    assert calc.output_size == 6
    calc.spins["n"].setValue(6)
    assert calc.output_size == 12 and calc.formula.text().endswith("+ 4 = 12")
    assert calc.coverage.image.image.shape == (12, 12)
    with qtbot.waitSignal(stage.requested) as blocker:
        qtbot.mouseClick(stage.next_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["select_sample", {"index": 1}]
    stage.show_snapshot(segmentation_task.handle(*blocker.args)["snapshot"])
    assert stage.sample.value() == 1
    _shots(qtbot, stage, "segmentation")


def test_overlay_mask_paints_classes_over_the_gray_input() -> None:
    image = np.array([[0.0, 1.0]], np.float32)
    mask = np.array([[0, 1]])
    out = overlay_mask(image, mask, alpha=0.5)
    np.testing.assert_array_equal(out[0, 0], [0, 0, 0])  # background: the input
    expected = 255 * 0.5 + MASK_TABLE[1] * 0.5
    np.testing.assert_allclose(out[0, 1], expected, atol=1)


def test_horizontal_bars_label_rows(qtbot) -> None:
    view = BarsView(y_range=(0.0, 1.0), horizontal=True)
    qtbot.addWidget(view)
    view.set_values([0.2, 0.5, 0.9], ["mAP", "recall", "precision"])
    ticks = view.plot_item.getAxis("left")._tickLevels[0]
    assert [t[1] for t in ticks] == ["mAP", "recall", "precision"]
    x0, y0, x1, y1 = view.bars._getNormalizedCoords()
    np.testing.assert_allclose(x1 - x0, [0.2, 0.5, 0.9])


def test_best_anchor_of_each_box_comes_first() -> None:
    from dlviz.ui.stages.vision import best_first

    assert best_first(np.array([0, 0, 1, 1, 0]),
                      np.array([0.5, 0.7, 0.6, 0.55, 0.6])) == [1, 2, 0, 3, 4]


def test_captions_follow_the_language(qtbot, detection_task, tmp_path, monkeypatch):
    from dlviz.ui.classroom import language

    monkeypatch.setenv("DLVIZ_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    stage = _stage(qtbot, "detection")
    stage.show_snapshot(detection_task.snapshot())
    assert "Colour = class" in stage.caption.text()
    try:
        assert language.set_application_language("zh_CN")
        assert "颜色 = 类别" in stage.caption.text()  # at once, without a redraw
        assert stage.score_label.text() == "得分 ≥"
    finally:
        language.set_application_language("en")
    assert "Colour = class" in stage.caption.text()


def test_no_stray_windows(qtbot) -> None:
    """A control row shows itself when widgets are added: one made without a
    parent would pop up as a window of its own and steal the keyboard focus."""
    from PySide6.QtWidgets import QApplication

    for key in ("detection", "segmentation"):
        _stage(qtbot, key)
        stray = [w for w in QApplication.topLevelWidgets()
                 if w.isVisible() and type(w).__module__.startswith("dlviz")]
        assert stray == []


# -- issue 13: one source of truth for the thresholds; lesson scenes say what they set -
def _enter(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _open_detection(qtbot, window):
    window.open_lab("detection")
    qtbot.waitUntil(lambda: window.session.snapshot is not None
                    and window.session.state == "ready", timeout=60000)
    return window.stage


def test_detection_settings_panel_moves_the_sliders(qtbot, window) -> None:
    stage = _open_detection(qtbot, window)
    _enter(qtbot, window.hyperparams.line_edit("score_threshold"), "0.3")
    _enter(qtbot, window.hyperparams.line_edit("nms_threshold"), "0.2")
    qtbot.waitUntil(lambda: (stage.score_slider.value(), stage.nms_slider.value())
                    == (30, 20), timeout=60000)
    assert stage.score_value.text() == "0.30" and stage.nms_value.text() == "0.20"


def test_detection_sliders_move_the_settings_panel(qtbot, window) -> None:
    stage = _open_detection(qtbot, window)
    stage.score_slider.setValue(60)
    stage.nms_slider.setValue(25)
    panel = window.hyperparams
    qtbot.waitUntil(lambda: (panel.line_edit("score_threshold").text(),
                             panel.line_edit("nms_threshold").text())
                    == ("0.6", "0.25"), timeout=5000)
    assert window.session.hparams["score_threshold"] == 0.6


def test_every_scene_of_the_vision_lesson_says_what_it_sets(
    qtbot, tmp_path, monkeypatch
) -> None:
    """The "no skip" scene's stage said "skip connection on": captions written for
    the first network were kept when new settings built another one."""
    from dlviz import resources_dir
    from dlviz.session.lesson import load_lesson
    from dlviz.ui.classroom import language

    monkeypatch.setenv("DLVIZ_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    language.set_application_language("en")  # a window may have left another

    lesson = load_lesson(resources_dir() / "lessons" / "vision_detect_segment.json")
    stages, texts = {}, []
    for scene in lesson.scenes:
        spec = get_lab(scene.lab)
        values = spec.resolve(scene.hparams)
        quick = {} if "scenes" in scene.hparams else {"scenes": 100}
        task = spec.create({**values, **quick}, torch.device("cpu"))
        task.evaluate()
        stage = stages.get(scene.lab)
        if stage is None:
            stage = stages[scene.lab] = _stage(qtbot, scene.lab)
            if scene.lab == "segmentation":
                stage.pages.setCurrentIndex(1)  # the calculator's page explains it
        else:
            stage.reset()  # the window resets the stage for the new run
        stage.show_snapshot(task.snapshot())
        if scene.lab == "detection":
            assert stage.score_value.text() == f"{values['score_threshold']:.2f}"
            assert stage.nms_value.text() == f"{values['nms_threshold']:.2f}"
            assert stage.nms_slider.value() == round(100 * values["nms_threshold"])
            continue
        if scene.lab != "segmentation":  # the U-Net scene: its own stage tests
            continue
        calculator = stage.caption.text()  # the page stays as the last scene left it
        stage.pages.setCurrentIndex(0)
        masks = stage.caption.text()
        stage.pages.setCurrentIndex(1)
        texts.append((scene.title, values["skip"], calculator, masks))
    assert [skip for _t, skip, _c, _m in texts] == [True, False]
    for page in (2, 3):  # the calculator's captions, then the masks' captions
        for scene in texts:
            title, skip, text = scene[0], scene[1], scene[page].lower()
            assert ("skip connection on" in text) == skip, (title, text)
            assert ("no skip connection" in text) == (not skip), (title, text)
