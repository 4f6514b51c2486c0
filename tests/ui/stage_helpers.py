"""Helpers shared by the stage tests: a briefly trained task, a stage for a lab, and
screenshots at the two sizes the app must read well at (saved when DLVIZ_SHOTS names a
folder)."""

from __future__ import annotations

import os

import torch

from dlviz.core.labs import get_lab
from dlviz.ui.stages import stage_class

SHOTS = os.environ.get("DLVIZ_SHOTS", "")


def trained_task(key: str, steps: int = 3, **hp):
    """The lab's task with ``hp`` after ``steps`` training steps."""
    task = get_lab(key).create(hp, torch.device("cpu"))
    for _ in range(steps):
        task.train_step()
    return task


def make_stage(qtbot, key: str):
    """The stage of lab ``key``, closed by qtbot after the test."""
    spec = get_lab(key)
    stage = stage_class(spec.stage)(spec)
    qtbot.addWidget(stage)
    return stage


def save_shots(qtbot, stage, name: str) -> None:
    """Show the stage at 1024×768 and 1920×1080 (saving PNGs when asked), then close."""
    for w, h in ((1024, 768), (1920, 1080)):
        stage.resize(w, h)
        stage.show()
        qtbot.wait(50)
        if SHOTS:
            os.makedirs(SHOTS, exist_ok=True)
            assert stage.grab().save(os.path.join(SHOTS, f"{name}_{w}x{h}.png"))
    stage.close()
