"""The CNN stage fed with real snapshots and real answers of a LeNet-5 task."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import QPoint, Qt

from dlviz.core.labs import get_lab
from dlviz.ui.stages import stage_class
from dlviz.ui.stages.image_classifier import ImageClassifierStage
from dlviz.ui.views.image_grid import tile
from tests.ui.conftest import wait_steps

TRAIN_STEPS = 60


@pytest.fixture(scope="module")
def task():
    torch.set_num_threads(1)
    task = get_lab("lenet5").create({"activation": "ReLU", "pooling": "max"},
                                    torch.device("cpu"))
    for _ in range(TRAIN_STEPS):
        task.train_step()
    return task


@pytest.fixture
def stage(qtbot):
    stage = ImageClassifierStage(get_lab("lenet5"))
    qtbot.addWidget(stage)
    stage.resize(1200, 640)
    return stage


def _bar_heights(view) -> np.ndarray:
    return np.asarray(view.bars.opts["height"], dtype=np.float64)


def _stroke(qtbot, widget, points) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(widget, QPoint(x, y))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_registered_for_every_cnn_lab():
    assert stage_class("image_classifier") is ImageClassifierStage
    assert get_lab("resnet").stage == "image_classifier"


def test_snapshot_fills_views_and_layer_picker_tiles_each_channel(stage, task):
    snap = task.snapshot()
    stage.show_snapshot(snap)
    panel, combo = stage.feature_panel, stage.layer_combo
    assert [combo.itemData(i) for i in range(combo.count())] == snap["layers"]
    assert combo.count() == 4  # conv, pool, conv, pool
    for i, path in enumerate(snap["layers"]):
        combo.setCurrentIndex(i)
        maps = snap["feature_maps"][path]
        channels = snap["feature_channels"][path]
        assert stage.layer == path == panel.shown_layer
        assert panel.grid._layout[1] == maps.shape[0] == channels  # 6, 6, 16, 16
        gap = max(1, maps.shape[-1] // 8)
        assert panel.grid.image.image.shape == tile(maps, gap=gap)[0].shape
        assert f"{channels} channels" in panel.grid._title_options[0]
        assert f"{channels} maps" in stage.caption.text()
    assert stage.filters._layout[1] == 6  # LeNet-5's first layer: six 5×5 kernels
    assert stage.filters.image.image.shape == (11, 17)  # 2 rows × 3 columns, gap 1
    assert np.array_equal(stage.confusion.counts(), snap["confusion"])
    assert stage.confusion.counts().sum() == len(task.x_val)
    np.testing.assert_allclose(_bar_heights(stage.bars), snap["probs"], rtol=1e-6)
    np.testing.assert_array_equal(stage.sample_view.base.image, snap["image"])
    assert f"true {snap['label']}" in stage.caption.text()


def test_layer_choice_survives_new_snapshots_and_is_shared(stage, task):
    stage.show_snapshot(task.snapshot())
    stage.layer_combo.setCurrentIndex(2)
    stage.show_snapshot(task.snapshot())
    assert stage.current_layer() == stage.layer == "features.3"
    assert stage.feature_panel.grid._layout[1] == 16
    stage.tabs.setCurrentIndex(1)  # the drawing page shows the same layer
    drawing = task.x_val[3, 0, 2:30, 2:30].numpy()
    stage.drawing = drawing
    stage.show_result("predict_image", task.handle("predict_image", {"image": drawing}))
    assert stage.draw_features.shown_layer == "features.3"


def test_slow_views_are_throttled_but_the_last_snapshot_is_drawn(stage, task, qtbot):
    first = task.snapshot()
    stage.show_snapshot(first)
    task.train_step()
    second = task.snapshot()
    assert not np.array_equal(first["filters"], second["filters"])
    stage.show_snapshot(second)  # within 1/SLOW_VIEWS_HZ of the first
    np.testing.assert_allclose(_bar_heights(stage.bars), second["probs"], rtol=1e-6)
    qtbot.waitUntil(lambda: not stage._slow_timer.isActive(), timeout=2000)
    filters = stage.filters.image.image
    expected = tile(second["filters"], gap=1, normalize_each=False)[0]
    np.testing.assert_allclose(filters, np.nan_to_num(expected), rtol=1e-6)


def test_next_sample_requests_it_and_the_answer_is_shown(stage, task, qtbot):
    stage.show_snapshot(task.snapshot())
    with qtbot.waitSignal(stage.requested, timeout=1000) as blocker:
        qtbot.mouseClick(stage.sample_chooser.next_button, Qt.MouseButton.LeftButton)
    kind, data = blocker.args
    assert kind == "select_sample" and data == {"index": 1}
    answer = task.handle(kind, data)
    # the answer carries the new live snapshot; the session shows it through the
    # one path to the stage (show_snapshot), not as a result
    stage.show_result(kind, {k: v for k, v in answer.items() if k != "snapshot"})
    stage.show_snapshot(answer["snapshot"])
    assert answer["sample_index"] == 1 == stage.sample_index
    snap = answer["snapshot"]
    np.testing.assert_array_equal(stage.sample_view.base.image, snap["image"])
    assert f"true {snap['label']}" in stage.caption.text()
    task.handle("select_sample", {"index": 0})


def test_drawing_a_stroke_requests_a_prediction_and_the_bars_follow(
    stage, task, qtbot
):
    stage.show()
    stage.tabs.setCurrentIndex(1)
    qtbot.waitExposed(stage)
    surface = stage.canvas.surface
    rect = surface.target_rect()
    x = int(rect.center().x())
    fractions = np.linspace(0.15, 0.85, 15)
    points = [(x, int(rect.y() + rect.height() * f)) for f in fractions]
    assert not _bar_heights(stage.draw_bars).any()
    with qtbot.waitSignal(stage.requested, timeout=2000) as blocker:
        _stroke(qtbot, surface, points)
    kind, data = blocker.args
    assert kind == "predict_image"
    image = data["image"]
    assert image.shape == (28, 28) and image.dtype == np.float32 and image.max() > 0.5
    answer = task.handle(kind, data)
    stage.show_result(kind, answer)
    heights = _bar_heights(stage.draw_bars)
    np.testing.assert_allclose(heights, answer["probs"], rtol=1e-6)
    assert _bar_heights(stage.draw_bars).sum() == pytest.approx(1.0, abs=1e-5)
    assert f"It is a {answer['prediction']}" in stage.caption.text()
    np.testing.assert_array_equal(stage.draw_input.base.image, answer["image"])
    first = answer["layers"][0]
    assert stage.draw_features.shown_layer == first
    assert stage.draw_features.grid._layout[1] == answer["feature_maps"][first].shape[0]

    with qtbot.assertNotEmitted(stage.requested, wait=100):
        qtbot.mouseClick(stage.canvas.clear_button, Qt.MouseButton.LeftButton)
    assert not _bar_heights(stage.draw_bars).any()
    assert stage.drawing is None


def test_attributions_are_requested_and_shown_with_their_times(stage, task, qtbot):
    stage.show_snapshot(task.snapshot())
    with qtbot.waitSignal(stage.requested, timeout=1000) as blocker:
        stage.tabs.setCurrentIndex(2)
    kind, data = blocker.args
    assert kind == "attribute" and data["index"] == 0 and data["target"] is None
    assert "computing" in stage.caption.text()
    answer = task.handle(kind, data)
    stage.show_result(kind, answer)
    for method, view in stage.attr_views.items():
        np.testing.assert_array_equal(view.heat_values(), answer["maps"][method])
        assert view.heat_values().shape == (32, 32)
        assert "ms" in view._title_options[0]
        signed = answer["signed"][method]
        assert view.colorbar.levels() == ((-1.0, 1.0) if signed else (0.0, 1.0))
    assert answer["signed"]["integrated_gradients"]
    assert stage.attr_views["integrated_gradients"]._signed is True

    with qtbot.waitSignal(stage.requested, timeout=1000) as blocker:
        stage.class_combo.setCurrentIndex(stage.class_combo.findData(3))
    kind, data = blocker.args
    assert kind == "attribute" and data["target"] == 3
    answer = task.handle(kind, data)
    stage.show_result(kind, answer)
    assert answer["target"] == 3 and "class 3" in stage.caption.text()


def test_layer_names_follow_a_new_kind_on_the_same_paths(stage, task):
    """Average → max pooling keeps the layer paths: the picker is relabelled."""
    snap = task.snapshot()
    assert "MaxPool2d" in snap["layer_kinds"]
    avg = [k.replace("MaxPool2d", "AvgPool2d") for k in snap["layer_kinds"]]
    stage.show_snapshot({**snap, "layer_kinds": avg})
    combo = stage.layer_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert any("AvgPool2d" in n for n in names)
    stage.show_snapshot(snap)
    names = [combo.itemText(i) for i in range(combo.count())]
    assert not any("AvgPool2d" in n for n in names)
    assert any("MaxPool2d" in n for n in names)
    assert [combo.itemData(i) for i in range(combo.count())] == snap["layers"]


def test_attribution_caption_names_the_gradcam_layer(stage, task):
    answer = task.handle("attribute", {"index": 0})
    details = answer["details"]["gradcam"]
    h, w = details["map_size"]
    stage.tabs.setCurrentIndex(2)
    stage.show_result("attribute", answer)
    text = stage.caption.text()
    assert f"Grad-CAM on {details['layer']}: {h}×{w} upsampled to 32×32" in text
    assert ("no positive evidence" in text) == details["empty"]
    stage.show_result("attribute", {
        **answer, "details": {"gradcam": {**details, "empty": True}}})
    assert "no positive evidence for this class" in stage.caption.text()


def test_reset_clears_attributions(stage, task):
    stage.show_result("attribute", task.handle("attribute", {"index": 0}))
    stage.reset()
    assert stage.attribution is None
    assert all(v.heat_values() is None for v in stage.attr_views.values())


def test_augmentation_switch_appears_when_the_task_reports_it(stage, task, qtbot):
    snap = task.snapshot()
    stage.show()
    stage.show_snapshot({k: v for k, v in snap.items() if k != "augment"})
    assert stage.augment_box.isHidden()
    stage.show_snapshot({**snap, "augment": False})
    assert not stage.augment_box.isHidden() and not stage.augment_box.isChecked()
    with qtbot.waitSignal(stage.requested, timeout=1000) as blocker:
        stage.augment_box.click()
    assert blocker.args == ["set_augmentation", {"enabled": True}]
    stage.show_result("set_augmentation", {"augment": False})  # refused: back off
    assert not stage.augment_box.isChecked()


def test_panels_name_the_views(stage):
    panels = stage.panels()
    for name in ("feature maps", "sample", "predictions", "filters",
                 "filter gradients", "confusion matrix", "draw", "drawing predictions",
                 "drawing feature maps", "attributions"):
        assert panels[name] is not None
    assert stage.deck.main_view() in (None, panels["feature maps"])
    # lesson scenes zoom and hide the training page's panels through its deck
    for name in ("feature maps", "sample", "predictions", "filters",
                 "filter gradients", "confusion matrix"):
        assert stage.deck.owns(panels[name])


def test_the_digit_and_its_feature_maps_are_the_main_view(stage, task, qtbot):
    stage.show()
    stage.show_snapshot(task.snapshot())
    qtbot.waitUntil(lambda: stage.deck.main_view() is stage.feature_panel)
    assert stage.sample_view.parentWidget() is stage.feature_panel
    assert stage.feature_panel.isVisible() and stage.sample_view.isVisible()
    main, rest = stage.feature_panel, (stage.bars, stage.confusion, stage.filters)
    assert all(main.width() * main.height() > v.width() * v.height() for v in rest)
    assert stage.tabs.currentWidget() is stage.deck
    assert stage.curves_deck() is stage.deck  # the window's curves join this page


def test_each_control_shows_on_the_pages_it_acts_on(stage, task, qtbot):
    stage.show()
    stage.show_snapshot({**task.snapshot(), "augment": False})
    shown = {
        "sample": stage.sample_chooser, "layer": stage.layer_group,
        "augment": stage.augment_box, "class": stage.class_group,
        "compute": stage.compute_button,
    }
    expected = {0: {"sample", "layer", "augment"}, 1: {"layer"},
                2: {"sample", "class", "compute"}}
    for page, names in expected.items():
        stage.tabs.setCurrentIndex(page)
        assert {n for n, w in shown.items() if w.isVisible()} == names
    # one sample chooser for both pages that use it (no second control row)
    assert len(stage.findChildren(type(stage.sample_chooser))) == 1


def test_values_shown_in_colour_have_colour_bars(stage, task, qtbot):
    snap = task.snapshot()
    stage.show_snapshot(snap)
    qtbot.waitUntil(lambda: not stage._slow_timer.isActive(), timeout=2000)
    m = float(np.abs(snap["filters"]).max())
    np.testing.assert_allclose(stage.filters.colorbar.levels(), (-m, m), rtol=1e-6)
    assert stage.filter_grads.colorbar is not None
    assert stage.feature_panel.grid.colorbar.levels() == (0.0, 1.0)
    assert stage.confusion.colorbar.levels() == (0.0, 1.0)
    for view in stage.attr_views.values():
        assert view.colorbar is not None


def test_confusion_and_feature_maps_are_not_black_on_black_in_the_dark_theme(
        stage, task):
    from dlviz.ui import theme

    old = theme.STYLE.sequential
    try:
        theme.set_dark(True)
        for name in ("magma", "inferno"):
            theme.set_colormaps(sequential=name)
            stage.confusion.apply_style()
            stage.confusion.set_counts(task.snapshot()["confusion"])
            stage.feature_panel.grid.apply_style()
            for cmap in (stage.confusion.colorbar.colorMap(),
                         stage.confusion.image.getColorMap(),
                         stage.feature_panel.grid.colorbar.colorMap()):
                r, g, b = cmap.map(0.0, mode="float")[:3]  # an empty cell
                assert 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.1
    finally:
        theme.set_dark(False)
        theme.set_colormaps(sequential=old)
        stage.confusion.apply_style()
        stage.feature_panel.grid.apply_style()


def test_titles_fit_narrow_panels_and_the_detail_is_in_the_caption(stage, task,
                                                                   qtbot):
    stage.show()
    snap = task.snapshot()
    stage.show_snapshot(snap)
    grid = stage.feature_panel.grid
    for width in (260, 600):
        grid.resize(width, 300)
        qtbot.wait(10)
        assert grid.plot_item.titleLabel.item.boundingRect().width() <= width
    assert grid._title_options[0].startswith("features.0: 6 channels")
    assert "28×28" in stage.caption.text()


def test_a_language_change_retitles_and_recaptions_at_once(stage, task, qtbot):
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    class Loud(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return "zz " + source if context == "ImageClassifierStage" else None

        def isEmpty(self):  # noqa: N802 - Qt override (empty ones are not installed)
            return False

    stage.show_snapshot(task.snapshot())
    loud = Loud()
    QApplication.instance().installTranslator(loud)
    try:
        qtbot.waitUntil(lambda: "zz true" in stage.caption.text(), timeout=2000)
        assert stage.tabs.tabText(0) == "zz Inside the network"
        assert stage.compute_button.text() == "zz Compute"
    finally:
        QApplication.instance().removeTranslator(loud)
    qtbot.waitUntil(lambda: "zz" not in stage.caption.text(), timeout=2000)


@pytest.mark.slow
def test_lenet5_in_the_window_shows_live_feature_maps(window, qtbot):
    window.open_lab("lenet5")
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
    stage = window.stage
    assert isinstance(stage, ImageClassifierStage)
    qtbot.mouseClick(window.transport.play_button, Qt.MouseButton.LeftButton)
    wait_steps(qtbot, window, 5, timeout=20000)
    qtbot.waitUntil(
        lambda: stage.snapshot is not None and stage.snapshot["step"] >= 1,
        timeout=10000,
    )
    window.toggle_play()
    qtbot.waitUntil(lambda: window.session.state == "paused", timeout=10000)
    assert stage.feature_panel.grid.image.image is not None
    assert stage.feature_panel.shown_layer == "features.0"
    assert stage.feature_panel.grid._layout[1] == 6


def test_only_a_lab_with_presets_shows_preset_buttons(stage, qtbot):
    assert stage.preset_group is None and not stage.preset_buttons
    assert "He et al." not in stage.caption.text()
    resnet = ImageClassifierStage(get_lab("resnet"))
    qtbot.addWidget(resnet)
    assert list(resnet.preset_buttons) == ["plain-20", "plain-56", "residual-56"]
    assert resnet.preset_buttons["plain-56"].text() == "plain 56"
    assert "without skip" in resnet.preset_buttons["plain-56"].toolTip()
    # the caption says what is compared and what to watch
    text = resnet.caption.text()
    assert "plain 20, plain 56 and residual 56" in text and "150 steps" in text
    assert "training loss" in text
    # the buttons act on training: on the training page only
    resnet.resize(1200, 640)
    resnet.show()
    assert resnet.preset_group.isVisible()
    resnet.tabs.setCurrentIndex(2)
    assert not resnet.preset_group.isVisible()


@pytest.mark.slow
def test_a_resnet_preset_sets_the_sessions_settings(window, qtbot):
    """Pressing "plain 56" puts the degradation preset's settings in force: the
    session rebuilds with them and the settings panel shows them."""
    from dlviz.core.labs.cnn import RESNET_DEGRADATION

    window.open_lab("resnet")
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
    stage = window.stage
    assert window.session.hparams["depth"] == "14" and window.session.hparams["skip"]
    for name in ("plain-56", "residual-56"):
        qtbot.mouseClick(stage.preset_buttons[name], Qt.MouseButton.LeftButton)
        preset = RESNET_DEGRADATION[name]
        assert {k: window.session.hparams[k] for k in preset} == preset
        assert window.session.hparams == get_lab("resnet").resolve(preset)
        assert window.hyperparams._values["depth"] == preset["depth"]
        assert window.hyperparams.editors["depth"].currentData() == preset["depth"]
        qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)


def test_refused_stage_settings_are_named_and_not_applied(qtbot):
    """A stage's settings go through the window's apply_hparams; a refused value is
    named in the message bar and the run keeps its settings."""
    from PySide6.QtCore import QObject, Signal

    from dlviz.ui.classroom.stage_settings import StageSettings

    class Window(QObject):
        lab_opened = Signal(str)

        def __init__(self):
            super().__init__()
            self.stage, self.session = None, object()
            self.applied, self.messages = [], []
            self.message_bar = self
            self.lab = get_lab("resnet")

        def apply_hparams(self, values):
            self.applied.append(self.lab.resolve(values))

        def show_message(self, text, kind):
            self.messages.append((text, kind))

    window = Window()
    feature = StageSettings(window)
    window.stage = ImageClassifierStage(get_lab("resnet"))
    qtbot.addWidget(window.stage)
    window.lab_opened.emit("resnet")
    window.stage.preset_buttons["residual-56"].click()
    assert window.applied and window.applied[-1]["depth"] == "56"
    assert window.applied[-1]["skip"] is True
    assert not feature.apply({"depth": "57"}) and len(window.applied) == 1
    (text, kind), = window.messages
    assert kind == "warning" and text.startswith("Depth")
