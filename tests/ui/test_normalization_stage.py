"""The batch-normalization stage draws a real snapshot of the lab."""

from __future__ import annotations

import numpy as np
import torch

from dlviz.ui.stages.normalization import WITH_BN, WITHOUT_BN, _num
from tests.ui.stage_helpers import make_stage, save_shots, trained_task

torch.set_num_threads(1)


def _shown(qtbot, task):
    stage = make_stage(qtbot, "batchnorm")
    stage.resize(1280, 800)
    stage.show()
    qtbot.waitExposed(stage)
    snap = task.snapshot()
    stage.show_snapshot(snap)
    return stage, snap


def test_stage_draws_histograms_statistics_modes_and_numbers(qtbot):
    task = trained_task("batchnorm", steps=40, dropout=0.5)
    stage, snap = _shown(qtbot, task)
    assert stage.layer_combo.count() == 3
    # histograms over steps: value bins are rows, steps are columns
    np.testing.assert_allclose(stage.drift.image.image, snap["hist"][0])
    np.testing.assert_allclose(stage.twin_drift.image.image, snap["twin_hist"][0])
    assert stage.drift.image.image.shape == (40, 41)
    assert stage.drift.colorbar is not None
    assert stage.drift.image.levels.tolist() == stage.twin_drift.image.levels.tolist()
    rect = stage.drift.image.mapRectToParent(stage.drift.image.boundingRect())
    assert (rect.top(), rect.bottom()) == (-4.0, 4.0)
    # another layer
    stage.layer_combo.setCurrentIndex(2)
    np.testing.assert_allclose(stage.drift.image.image, snap["hist"][2])
    xs, ys = stage.stats.curves["running_mean"].getData()
    np.testing.assert_allclose(xs, snap["steps"])
    np.testing.assert_allclose(ys, snap["running_mean"][2])
    assert "layer 3" in stage.drift.plot_item.titleLabel.text
    assert "with BN" in stage.drift.plot_item.titleLabel.text
    assert "without BN" in stage.twin_drift.plot_item.titleLabel.text
    # the same digit in three settings: the bars are its probabilities
    probe, label = snap["probe"], snap["probe"]["label"]
    widths = stage.modes.bars.opts.get("width")
    heights = stage.modes.bars.opts.get("height")
    shown = np.asarray(widths if np.ndim(widths) else heights, dtype=float)
    np.testing.assert_allclose(
        shown, [probe["eval"][label], probe["train_a"][label], probe["train_b"][label]],
        rtol=1e-6,
    )
    text = stage.numbers.toPlainText()
    after = snap["stats_after"][2]
    assert f"= {_num(after[0])}" in text and f"= {_num(after[1])}" in text
    before, batch = snap["stats_before"][2], snap["stats_batch"][2]
    assert f"0.9·{_num(before[0], True)} + 0.1·{_num(batch[0], True)}" in text
    assert _num(-0.5, True) == "(−0.500)" and _num(-0.5) == "−0.500"
    assert "×1/(1 − p) = ×2.00" in text
    drop = probe["dropout"]
    assert f"{drop['x']:.3f} → {drop['y']:.3f}" in text
    assert f"p({label}) = {probe['eval'][label]:.3f}" in text
    # curves of the window: named and coloured by BN
    assert stage.curve_style("loss") == (WITH_BN, "training loss (with BN)")
    assert stage.curve_style("val_acc_twin") == (
        WITHOUT_BN, "validation accuracy (without BN)")
    assert stage.curve_style("grad_norm") is None
    assert not stage.status_label.isVisibleTo(stage)
    save_shots(qtbot, stage, "batchnorm")


def test_stage_says_when_the_twin_stopped_and_follows_the_setting(qtbot):
    task = trained_task("batchnorm", steps=6, lr=50.0, layers=2)
    assert task.twin_stopped > 0
    stage, snap = _shown(qtbot, task)
    assert stage.status_label.isVisibleTo(stage)
    assert str(snap["twin_stopped"]) in stage.status_label.text()
    assert "Dropout is off" in stage.numbers.toPlainText()
    assert stage.layer_combo.count() == 2
    off = trained_task("batchnorm", steps=3, batchnorm=False)
    stage.reset()
    stage.show_snapshot(off.snapshot())
    assert "without BN" in stage.drift.plot_item.titleLabel.text
    assert stage.curve_style("loss") == (WITHOUT_BN, "training loss (without BN)")
    assert stage.curve_style("loss_twin") == (WITH_BN, "training loss (with BN)")
    assert not stage.status_label.isVisibleTo(stage)
