"""A (simulated) GPU out-of-memory error is reported with the option to continue on
the CPU, and taking that option trains on."""

from __future__ import annotations

from dataclasses import replace

import torch
from PySide6.QtCore import Qt


def test_out_of_memory_offers_the_cpu_and_training_continues(window, qtbot):
    spec = window.session.spec
    raised = []

    def factory(hparams, device):
        task = spec.factory(hparams, device)
        original = task.train_step

        def train_step():
            if task.step == 4 and not raised:
                raised.append(task.step)
                raise torch.cuda.OutOfMemoryError(
                    "CUDA out of memory. Tried to allocate 2.00 GiB"
                )
            return original()

        task.train_step = train_step
        return task

    window.session.spec = replace(spec, factory=factory)
    window.reset()
    qtbot.waitUntil(lambda: window.session.state == "ready", timeout=20000)
    window.toggle_play()
    qtbot.waitUntil(lambda: window.session.state == "error", timeout=20000)
    bar = window.message_bar
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert "out of memory" in bar.text()
    assert bar.details_button.isVisible() and "OutOfMemoryError" in bar.details
    assert bar.action_button.isVisible()
    assert bar.action_button.text() == "Continue on the CPU"
    step = window.session.step
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    qtbot.waitUntil(lambda: window.session.step >= step + 5, timeout=20000)
    assert window.session.state == "running"
    assert window.session.engine.device.type == "cpu"
    assert "CPU" in window.device_label.text()
    assert raised == [4]
    window.toggle_play()
    qtbot.waitUntil(lambda: window.session.state == "paused", timeout=10000)
