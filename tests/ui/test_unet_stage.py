"""The U-Net stage with real snapshots of its lab: both masks, the mean IoU of both,
what crosses each skip, the checkerboard panels and the curves named by network."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt

from dlviz.core.labs import get_lab
from dlviz.ui.stages.unet import FCN_COLOR, UNET_COLOR, scaled_maps
from dlviz.ui.stages.vision import MASK_TABLE, overlay_mask
from tests.ui.stage_helpers import make_stage as _stage
from tests.ui.stage_helpers import save_shots as _shots

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def unet_task():
    task = get_lab("unet").create({"scenes": 100, "width": 4}, torch.device("cpu"))
    for _ in range(2):
        task.train_step()
    task.evaluate()
    return task


def test_scaled_maps_divide_each_map_by_its_largest_magnitude() -> None:
    maps = np.array([[[1.0, -4.0]], [[0.0, 0.0]], [[0.5, 0.25]]])
    np.testing.assert_allclose(scaled_maps(maps),
                               [[[0.25, -1.0]], [[0.0, 0.0]], [[1.0, 0.5]]])


def test_unet_stage_shows_both_masks_skips_and_checkerboard(qtbot, unet_task):
    stage = _stage(qtbot, "unet")
    snap = unet_task.snapshot()
    stage.show_snapshot(snap)
    np.testing.assert_array_equal(stage.truth.image.image, MASK_TABLE[snap["mask"]])
    np.testing.assert_array_equal(stage.unet_mask.image.image,
                                  overlay_mask(snap["image"], snap["predicted"]))
    np.testing.assert_array_equal(stage.fcn_mask.image.image,
                                  overlay_mask(snap["image"], snap["predicted_fcn"]))
    stage.deck.relayout()
    assert stage.deck.main_view() is stage.unet_mask
    assert set(stage.panels()) == {"U-Net mask", "FCN mask", "true mask", "skip",
                                   "flat input, one layer", "flat input, decoder",
                                   "mean IoU"}
    # the mean IoU of both networks, in their colours
    x0, _, x1, _ = stage.miou.bars._getNormalizedCoords()
    np.testing.assert_allclose(x1 - x0, [snap["miou"], snap["miou_fcn"]], atol=1e-6)
    # every colour that encodes a value has a colour bar
    for view in (stage.skip_maps, stage.layer_flat, stage.decoder_flat):
        assert view.colorbar is not None
    np.testing.assert_allclose(stage.layer_flat.image.image,
                               snap["checkerboard"]["layer_map"])
    strength = snap["checkerboard"]["layer_strength"]
    assert f"{strength:.2f}" in stage.layer_flat._title
    # the skip panel: the encoder's maps on top, the upsampled ones below
    level = snap["skips"][0]
    tiles = stage.skip_maps.image.image
    # each map divided by its largest |value|: one colour bar, −1 … 1
    skip0 = level["skip"][0] / np.abs(level["skip"][0]).max()
    up0 = level["up"][0] / np.abs(level["up"][0]).max()
    np.testing.assert_allclose(tiles[:48, :48], skip0, atol=1e-6)
    assert tiles.shape[0] > 2 * 48
    np.testing.assert_allclose(tiles[-48:, :48], up0, atol=1e-6)
    assert stage.skip_maps.colorbar.levels() == (-1.0, 1.0)
    stage.level_combo.setCurrentIndex(2)
    top = snap["skips"][2]["skip"][0]
    np.testing.assert_allclose(stage.skip_maps.image.image[:12, :12],
                               top / np.abs(top).max(), atol=1e-6)
    assert "12×12" in stage.skip_maps._title
    caption = stage.caption.text()
    for name in ("background", "disc", "square", "triangle", "transposed"):
        assert name in caption
    left = stage.skip_maps.plot_item.getAxis("left")._tickLevels[0]
    assert [t[1] for t in left] == ["encoder", "upsampled"]
    # the window's curves name the network
    assert stage.curve_style("loss_twin") == (FCN_COLOR, "training loss (FCN)")
    assert stage.curve_style("val_miou") == (UNET_COLOR,
                                             "validation mean IoU (U-Net)")
    assert stage.curve_style("acc") is None
    with qtbot.waitSignal(stage.requested) as blocker:
        qtbot.mouseClick(stage.next_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["select_sample", {"index": 1}]
    stage.show_snapshot(unet_task.handle(*blocker.args)["snapshot"])
    assert stage.sample.value() == 1
    _shots(qtbot, stage, "unet")
