"""An exception in the worker reaches the user as a message with its details, and
the app keeps working (a reset trains again)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _raise_in(task, method: str, text: str, after_step: int = 0) -> None:
    original = getattr(task, method)

    def failing(*args, **kwargs):
        if task.step >= after_step:
            raise RuntimeError(text)
        return original(*args, **kwargs)

    setattr(task, method, failing)


def _assert_error_shown(window, qtbot, text: str) -> None:
    qtbot.waitUntil(lambda: window.session.state == "error", timeout=20000)
    bar = window.message_bar
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert text in bar.text() and "RuntimeError" in bar.text()
    assert bar.details_button.isVisible()
    assert "Traceback" in bar.details and text in bar.details
    _click(qtbot, bar.details_button)
    boxes = [b for b in bar.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and text in boxes[-1].detailedText()
    for box in boxes:
        box.close()
        box.deleteLater()
    assert window.transport.play_button.text() != "Pause"  # not shown as running


def _assert_trains_after_reset(window, qtbot) -> None:
    _click(qtbot, window.transport.reset_button)
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    assert not window.message_bar.isVisible()
    _click(qtbot, window.transport.play_button)
    qtbot.waitUntil(lambda: window.session.step >= 5, timeout=20000)
    assert window.session.state == "running"
    window.toggle_play()
    qtbot.waitUntil(lambda: window.session.state == "paused", timeout=10000)


def test_an_exception_in_train_step_is_shown_with_details(window, qtbot):
    _raise_in(window.session.engine.task, "train_step", "boom in train_step", 3)
    _click(qtbot, window.transport.play_button)
    _assert_error_shown(window, qtbot, "boom in train_step")
    assert window.session.step == 3
    assert window.session.engine is not None and not window.session.engine.stopped
    _assert_trains_after_reset(window, qtbot)


def test_an_exception_in_a_snapshot_is_shown_and_training_can_go_on(window, qtbot):
    _raise_in(window.session.engine.task, "snapshot", "boom in snapshot", 2)
    _click(qtbot, window.transport.play_button)
    _assert_error_shown(window, qtbot, "boom in snapshot")
    _assert_trains_after_reset(window, qtbot)


def test_an_exception_answering_a_stage_request_is_shown(window, qtbot):
    _raise_in(window.session.engine.task, "handle", "boom in handle")
    window.session.request("predict", {})
    _assert_error_shown(window, qtbot, "boom in handle")
    _assert_trains_after_reset(window, qtbot)


def test_a_lab_that_cannot_be_built_says_why_and_a_reset_recovers(
    window, qtbot, monkeypatch
):
    spec = window.session.spec
    calls = []

    def broken_factory(hparams, device):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("boom while building")
        return spec.factory(hparams, device)

    monkeypatch.setattr(window.session, "spec", _with_factory(spec, broken_factory))
    window.reset()
    _assert_error_shown(window, qtbot, "boom while building")
    window.step_once()  # a command on the unbuilt lab is refused politely
    qtbot.wait(100)
    assert window.session.state == "error"
    _assert_trains_after_reset(window, qtbot)


def _with_factory(spec, factory):
    from dataclasses import replace

    return replace(spec, factory=factory)
