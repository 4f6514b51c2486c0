"""The window as a user drives it: pick labs, train, pause, step, reset, close."""

from __future__ import annotations

import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dlviz.core.labs import all_labs
from dlviz.ui.worker import QtThreadRunner
from tests.ui.conftest import wait_steps


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_status_bar_shows_device_and_threads(window):
    text = window.device_label.text()
    assert "CPU" in text and str(torch.get_num_threads()) in text


def test_play_trains_loss_falls_and_pause_stops(window, qtbot):
    click(qtbot, window.transport.play_button)
    wait_steps(qtbot, window, 150)
    assert window.session.state == "running"
    assert window.transport.play_button.text() == "Pause"
    click(qtbot, window.transport.play_button)
    qtbot.waitUntil(lambda: window.session.state == "paused", timeout=10000)
    step = window.session.step
    qtbot.wait(300)
    window.redraw()
    assert window.session.step == step
    loss = window.session.history.get("loss").y
    assert loss[-10:].mean() < loss[:10].mean()
    assert window.transport.counters["step"].text() == str(step)
    assert "loss" in window.loss_curves.curves


def test_step_button_trains_one_batch_and_reset_restores_the_seed(window, qtbot):
    first = [p.detach().clone() for p in window.session.engine.task.parameters()]
    click(qtbot, window.transport.step_button)
    wait_steps(qtbot, window, 1)
    assert window.session.step == 1
    click(qtbot, window.transport.reset_button)
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    again = [p.detach() for p in window.session.engine.task.parameters()]
    assert all(torch.equal(a, b) for a, b in zip(first, again))
    assert window.session.step == 0


def test_keyboard_space_plays_and_pauses(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    focus = QApplication.focusWidget()
    assert focus is not window.picker.filter  # the lab opened with focus on its stage
    qtbot.keyClick(focus, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.session.state == "running", timeout=10000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.session.state == "paused", timeout=10000)


def test_a_page_change_never_leaves_focus_on_the_lab_filter(window, qtbot):
    """Focus that falls (or was left) on the filter when the page changes would make
    Space type into it instead of starting training (seen on a 1920×1080 walk)."""
    window.activateWindow()
    window.picker.filter.setFocus()
    qtbot.waitUntil(lambda: window.picker.filter.hasFocus(), timeout=5000)
    window.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    focus = QApplication.focusWidget()
    assert focus is not None and focus is not window.picker.filter
    assert focus.isVisible()
    qtbot.keyClick(focus, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.session.state == "running", timeout=10000)
    window.session.pause()


def test_invalid_learning_rate_is_refused_with_a_visible_reason(window, qtbot):
    edit = window.hyperparams.line_edit("lr")
    old = window.session.hparams["lr"]
    for text, reason in (("fast", "is not a number"), ("1000", "at most 100")):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert window.hyperparams.error_label.isVisible()
        assert reason in window.hyperparams.error_label.text()
        assert window.session.hparams["lr"] == old
    edit.selectAll()
    qtbot.keyClicks(edit, "0.05")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert not window.hyperparams.error_label.isVisible()
    assert window.session.hparams["lr"] == 0.05


def test_changing_a_choice_restarts_with_the_new_model(window, qtbot):
    combo = window.hyperparams.editors["activation"]
    combo.setCurrentIndex(combo.findData("tanh"))
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    assert window.session.hparams["activation"] == "tanh"
    assert any(isinstance(m, torch.nn.Tanh) for m in window.session.engine.task.model)


def test_every_lab_opens_from_the_picker(window, qtbot):
    for spec in all_labs():
        window.picker.lab_chosen.emit(spec.key)
        assert window.spec.key == spec.key
        assert type(window.stage).__name__ != "Stage"
        if spec.trainable:
            qtbot.waitUntil(
                lambda: window.session.state in ("ready", "error"), timeout=60000
            )
            assert window.session.state == "ready", window.message_bar.text()
    assert sum(r.is_running() for r in QtThreadRunner.live) <= 1


def test_picker_filter_hides_other_labs(window, qtbot):
    qtbot.keyClicks(window.picker.filter, "digits")
    keys = window.picker.visible_keys()
    assert "mlp_digits" in keys and "mlp2d" not in keys
    window.picker.filter.clear()
    assert "mlp2d" in window.picker.visible_keys()


def test_divergence_pauses_with_a_message(window, qtbot):
    window.session.set_hparams({"lr": 100.0, "optimizer": "SGD"})
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    click(qtbot, window.transport.play_button)
    qtbot.waitUntil(lambda: window.session.state == "diverged", timeout=30000)
    assert window.message_bar.isVisible()
    assert "diverged" in window.message_bar.text()
    assert window.session.engine.task.weights_finite()
    # still usable: the Step button trains exactly one more batch and reports it
    step = window.session.step
    click(qtbot, window.transport.step_button)
    wait_steps(qtbot, window, step + 1)
    qtbot.waitUntil(lambda: window.session.state in ("paused", "diverged"),
                    timeout=10000)
    qtbot.wait(200)
    window.redraw()
    assert window.session.step == step + 1
    assert window.transport.counters["step"].text() == str(step + 1)
    assert window.session.engine.task.weights_finite()


def test_closing_during_training_joins_the_thread(qtbot):
    from dlviz.ui.main_window import MainWindow

    for _ in range(3):
        win = MainWindow(torch.device("cpu"), 1, lab="mlp2d")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda w=win: w.session.state == "ready", timeout=20000)
        win.toggle_play()
        qtbot.waitUntil(lambda w=win: w.session.step > 5, timeout=20000)
        win.close()
        assert not any(r.is_running() for r in QtThreadRunner.live)


def test_switching_labs_during_training_drops_the_old_run(window, qtbot):
    click(qtbot, window.transport.play_button)
    wait_steps(qtbot, window, 5)
    old_engine = window.session.engine
    window.picker.lab_chosen.emit("mlp_digits")
    assert old_engine.stopped
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    assert window.session.step == 0
    assert window.session.snapshot is None or "images" in window.session.snapshot


def test_a_tool_lab_does_not_show_the_previous_labs_counters(qtbot, window):
    window.session.step_once(3)
    qtbot.waitUntil(lambda: window.session.step >= 3, timeout=20000)
    qtbot.waitUntil(lambda: window.transport.counters["step"].text() == "3",
                    timeout=5000)
    window.open_lab("convmath")
    assert all(label.text() == "–" for label in window.transport.counters.values())


def test_classroom_features_live_in_the_registry_not_on_the_window(window):
    """The seam: every feature is in ``window.features``; none hangs attributes on
    the window, and the menus and actions they share are ``window.menus``'s."""
    assert set(window.features) >= {
        "device", "export", "language", "lessons", "presentation", "rewind",
        "sessions", "shortcuts",
    }
    legacy = ("rewind_timeline", "exporter", "lessons", "presentation", "shortcuts",
              "session_files", "language_controller", "classroom_menus",
              "classroom_actions", "classroom_texts", "classroom_menu_titles")
    assert [name for name in legacy if name in vars(window)] == []
    assert list(window.menus.menus)[:5] == ["file", "training", "view", "language",
                                            "help"]
    assert window.menus.actions["presentation"] in window.actions()
    rewind = window.features["rewind"]
    assert rewind.toggle_action in window.menus.menus["view"].actions()
    assert window.dockWidgetArea(rewind.dock) == Qt.DockWidgetArea.BottomDockWidgetArea


def test_snapshot_shown_names_the_step_the_stage_drew(window, qtbot):
    steps = []
    window.snapshot_shown.connect(steps.append)
    window.step_once()
    qtbot.waitUntil(lambda: window.session.snapshot_step >= 1, timeout=20000)
    qtbot.waitUntil(lambda: 1 in steps, timeout=5000)
    window.shown.hold(window.session.snapshot, 0)  # as the rewind timeline does
    assert window.draw_stage() and steps[-1] == 0
    window.shown.release()


def test_curve_colours_and_labels_come_from_the_metric_metadata(window):
    from dlviz.core.metric_names import metric_color_slot
    from dlviz.ui import theme

    assert window.curve_color("loss") == window.curve_color("val_loss") == (
        theme.PALETTE[0]
    )
    assert window.curve_color("acc") == theme.PALETTE[1]
    assert window.curve_color("recon") == theme.class_color(metric_color_slot("recon"))
    assert metric_color_slot("recon") not in (0, 1)
    assert window.curve_label("val_acc") == "validation accuracy"
    window.features["language"].switch("zh_CN")
    try:
        assert window.curve_label("val_acc") != "validation accuracy"
    finally:
        window.features["language"].switch("en")


def test_a_new_sample_reaches_the_stage_as_the_live_snapshot(window, qtbot):
    """Choosing a sample changes the task: its answer is the lab's new live snapshot,
    drawn through the one path (never as a request's result)."""
    window.open_lab("lenet5")
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=30000)
    stage = window.stage
    qtbot.mouseClick(stage.sample_chooser.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.snapshot.get("sample_index") == 1,
                    timeout=20000)
    qtbot.waitUntil(lambda: stage.sample_index == 1, timeout=5000)
    import numpy as np

    np.testing.assert_array_equal(stage.sample_view.base.image,
                                  window.session.snapshot["image"])


def test_the_step_through_header_shows_only_on_its_page(window, qtbot):
    """Its navigation shares the tab bar's row: on the Training page (the page a
    window opens on) it would crowd the tabs out."""
    header = window.step_through.header
    assert window.tabs.currentIndex() == 0 and not header.isVisible()
    window.tabs.setCurrentWidget(window.step_through)
    assert header.isVisible()
    window.tabs.setCurrentIndex(0)
    assert not header.isVisible()


def test_a_speed_limited_run_draws_every_snapshot(window, qtbot, monkeypatch):
    """The redraw budget holds drawing back only while drawing would slow the
    worker: held back by the speed limit, the worker mostly waits, and every new
    snapshot is drawn (a refusing budget and no frame-gap rescue here)."""
    from dlviz.ui import main_window

    monkeypatch.setattr(main_window, "MAX_FRAME_GAP_S", 1e9)
    monkeypatch.setattr(window.redraw_budget, "allows", lambda: False)
    speed = window.transport.speed
    speed.setCurrentIndex(speed.findData(10.0))
    drawn = []
    window.snapshot_shown.connect(drawn.append)
    click(qtbot, window.transport.play_button)
    qtbot.waitUntil(lambda: window.session.step >= 12, timeout=10000)
    click(qtbot, window.transport.play_button)
    qtbot.waitUntil(lambda: window.session.state == "paused", timeout=10000)
    assert window.session.idle_share > 0.5
    assert len(set(drawn)) >= 8  # about one frame a step (10 steps/s)


def test_choice_boxes_show_their_choice_in_a_narrow_inspector(qtbot):
    """At the laptop size the inspector is ~200 px wide: a choice box moves under
    its label rather than cutting its text ("Rosenbrock" once read "Rose")."""
    from PySide6.QtWidgets import QScrollArea

    from dlviz.core.labs import get_lab
    from dlviz.ui.widgets.hyperparams import HyperparamPanel

    panel = HyperparamPanel()
    spec = get_lab("optimizers")
    panel.set_lab(spec, spec.resolve({}))
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(panel)
    qtbot.addWidget(area)
    area.resize(200, 700)
    area.show()
    qtbot.waitExposed(area)
    combo = panel.editors["surface"]
    text = combo.fontMetrics().horizontalAdvance(combo.currentText())
    assert combo.width() >= text + 20
    # nothing is pushed out of sight to the right
    assert panel.width() <= area.viewport().width()
