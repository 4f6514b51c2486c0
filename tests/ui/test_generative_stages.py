"""The generative stages with real snapshots of the generative labs."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tests.ui.stage_helpers import make_stage as _stage
from tests.ui.stage_helpers import save_shots as _shots
from tests.ui.stage_helpers import trained_task

torch.set_num_threads(1)





def test_gan1d_stage_draws_curves_and_mapping(qtbot):
    task = _task("gan1d", target="mixture")
    stage = _stage(qtbot, "gan1d")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    xs, ys = stage.plot.curves["d_opt"].getData()
    np.testing.assert_allclose(ys, snap["d_optimal"])
    mx, my = stage.mapping.getData()
    assert len(mx) == 2 * len(snap["z_lines_x"])
    np.testing.assert_allclose(mx[1::2], snap["z_lines_x"])
    assert "max |D(x)" in stage.gap_label.text()
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.buttons.buttons["G"].click()
    assert blocker.args == ["step", {"which": "G"}]
    stage.show_result("step", task.handle("step", {"which": "D"}))
    _shots(qtbot, stage, "gan1d")


def test_gan2d_stage_layers_presets_and_drawing(qtbot):
    task = _task("gan2d", steps=200)
    stage = _stage(qtbot, "gan2d")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    assert stage.heat.image.shape == (48, 48)
    ax, _ = stage.arrows.getData()
    assert len(ax) == 2 * 64
    assert "modes covered" in stage.count.toPlainText()
    assert f"/ {snap['n_modes']}" in stage.count.toPlainText()
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.collapse.click()
    assert blocker.args == ["preset", {"name": "collapse"}]
    stage.show_grid.setChecked(True)
    assert stage.grid.isVisible()
    stage.draw.setChecked(True)
    for t in np.linspace(0, 2 * np.pi, 30):
        stage.view.add_point(2 * np.cos(t), np.sin(t))
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.use_drawing.click()
    kind, data = blocker.args
    assert kind == "set_target_points" and data["points"].shape[1] == 2
    result = task.handle(kind, data)
    stage.show_result(kind, result)
    assert result["snapshot"]["target"] == "drawn"
    stage.show_snapshot(snap)
    _shots(qtbot, stage, "gan2d")


@pytest.mark.parametrize("key", ["dcgan", "cgan"])
def test_image_gan_stage(qtbot, key):
    task = _task(key, steps=2, batch_size=16)
    stage = _stage(qtbot, key)
    stage.show_snapshot(task.snapshot())
    assert stage.samples.image.image is not None
    if key == "cgan":
        with qtbot.waitSignal(stage.requested) as blocker:
            stage.digit.setValue(4)
        assert blocker.args == ["generate", {"digit": 4, "count": 8}]
        stage.show_result("generate", task.handle(*blocker.args))
    _shots(qtbot, stage, key)


@pytest.mark.parametrize("key", ["autoencoder", "vae"])
def test_autoencoder_stage(qtbot, key):
    task = _task(key, steps=150)
    stage = _stage(qtbot, key)
    snap = task.snapshot()
    stage.show_snapshot(snap)
    if key == "autoencoder":
        assert stage.anomaly.isEnabled()
        assert stage.anomaly.threshold.value() == pytest.approx(snap["err_threshold"])
        assert "Digit 0" in stage.anomaly_label.text()
    else:
        assert not stage.anomaly.isEnabled()
    _shots(qtbot, stage, key)


def _task(key: str, steps: int = 3, **hp):
    return trained_task(key, steps, **hp)
