"""The augmentation preview stage: options change the draws; the maths is core's."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from dlviz.core.data.augment import augment_numpy
from dlviz.core.labs import get_lab
from dlviz.ui.stages.augment import AugmentStage, tile_grid


def test_preview_draws_and_options(qtbot):
    stage = AugmentStage(get_lab("augment"))
    qtbot.addWidget(stage)
    stage.resize(1024, 768)
    stage.show()
    qtbot.waitExposed(stage)
    stage.digit.setValue(5)
    assert stage.original.plot_item.titleLabel.text.endswith(
        f"(class {int(stage.labels[5])})")
    first = stage.augmented()
    assert first.shape == (16, 32, 32) and first.dtype == np.float32
    np.testing.assert_array_equal(stage.draws, first)
    assert stage.grid.image.image.shape == (4 * 32 + 5 * 2, 4 * 32 + 5 * 2)
    stage.deck.relayout()
    assert stage.deck.main_view() is stage.grid
    assert {"options", "original", "augmented"} <= set(stage.panels())
    assert "16" in stage.caption.text()
    assert np.ptp(first.reshape(16, -1).mean(1)) > 0  # the draws differ
    batch = np.repeat(stage.images[5][None], 16, axis=0)
    expected = augment_numpy(batch, stage.options(), np.random.default_rng(0))
    np.testing.assert_array_equal(first, expected)
    qtbot.mouseClick(stage.new_draws, Qt.MouseButton.LeftButton)
    assert not np.array_equal(stage.augmented(), first)
    # everything off: every tile is the original digit
    stage.crop.setValue(1.0)
    stage.rotation.setValue(0.0)
    stage.brightness.setValue(0.0)
    stage.contrast.setValue(0.0)
    np.testing.assert_array_equal(stage.augmented(), batch)
    stage.hflip.setChecked(True)
    out = stage.augmented()
    flipped = [np.array_equal(o, stage.images[5][:, ::-1]) for o in out]
    assert 0 < sum(flipped) < 16


def test_tiles_are_separated_by_gray_lines():
    tiled = tile_grid(np.zeros((4, 3, 3), np.float32), columns=2)
    assert tiled.shape == (12, 12)
    assert (tiled[:2] == 0.5).all() and (tiled[:, -2:] == 0.5).all()  # the frame
    assert (tiled[5:7, :] == 0.5).all() and (tiled[:, 5:7] == 0.5).all()
    assert (tiled[2:5, 2:5] == 0).all()
