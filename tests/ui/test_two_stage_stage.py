"""The two-stage detection stage with real snapshots of its lab: detections,
proposals, RoI pooling vs RoI Align on one region, the sliders' requests and the
caption naming the pipeline."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt

from dlviz.core.labs import get_lab
from dlviz.ui.stages.two_stage import crop_window
from tests.ui.stage_helpers import make_stage as _stage
from tests.ui.stage_helpers import save_shots as _shots

torch.set_num_threads(1)
TINY = {"scenes": 100, "width": 4, "batch_size": 4, "roi_size": 3}


@pytest.fixture(scope="module")
def task():
    task = get_lab("two_stage").create(TINY, torch.device("cpu"))
    for _ in range(2):
        task.train_step()
    task.evaluate()
    return task


def test_crop_window_holds_the_regions_with_a_margin() -> None:
    assert crop_window([np.array([2.2, 3.0, 5.5, 6.0]), np.array([2, 3, 6, 7])], 16) \
        == (1, 7, 2, 8)
    assert crop_window([np.array([0, 0, 16, 16])], 16) == (0, 16, 0, 16)


def test_stage_draws_proposals_bins_and_pooled_maps(qtbot, task) -> None:
    stage = _stage(qtbot, "two_stage")
    snap = task.handle("set_hparams", {"score_threshold": 0.05})["snapshot"]
    stage.show_snapshot(snap)
    stage.deck.relayout()
    assert stage.deck.main_view() is stage.detections
    assert set(stage.panels()) == {"detections", "proposals", "RoI pooling",
                                   "RoI Align", "pooled features", "metrics"}
    assert stage.detections.box_count("boxes") == len(snap["det_keep"])
    assert stage.detections.box_count("truth") == len(snap["gt_boxes"])
    assert stage.proposals.box_count("kept") == len(snap["proposals"])
    assert stage.proposals.box_count("candidates") == len(snap["candidates"])
    assert stage.proposals.box_count("chosen") == 1
    assert stage.proposals.box_count("anchor") == 1  # the anchor it grew from
    region = snap["region"]
    k = snap["roi_size"]
    # k² bins drawn (5 points per closed rectangle + a gap); k²·4 sample points
    assert np.isnan(stage.pool_view.bins.xData).sum() == k * k
    assert np.isnan(stage.align_view.bins.xData).sum() == k * k
    assert len(stage.align_view.points.data) == k * k * 4
    assert len(stage.pool_view.points.data) == 0
    # the pooled maps side by side, on one colour bar
    assert stage.pooled.colorbar is not None
    assert stage.pool_view.colorbar is not None
    assert stage.align_view.colorbar is not None
    tiles = stage.pooled.image.image
    assert tiles.shape[0] == k and tiles.shape[1] > 2 * k
    np.testing.assert_allclose(tiles[:, :k], region["pooled_pool"], rtol=1e-6)
    assert f"channel {region['channel']}" in stage.pool_view._title
    caption = stage.caption.text()
    assert "Faster R-CNN" in caption and str(snap["n_anchors"]) in caption
    assert "RoI pooling rounds" in caption
    x0, _, x1, _ = stage.metrics.bars._getNormalizedCoords()
    assert len(x1 - x0) == 4
    # the sliders ask the task for live settings; the answer moves them
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.n_slider.setValue(5)
    assert blocker.args == ["set_hparams", {"proposals": 5}]
    answer = task.handle(*blocker.args)
    stage.show_snapshot(answer.pop("snapshot"))
    assert stage.proposals.box_count("kept") <= 5 and stage.n_value.text() == "5"
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.nms_slider.setValue(40)
    assert blocker.args == ["set_hparams", {"rpn_nms": 0.4}]
    with qtbot.waitSignal(stage.requested) as blocker:
        stage.region.setValue(1)
    assert blocker.args == ["select_proposal", {"index": 1}]
    with qtbot.waitSignal(stage.requested) as blocker:
        qtbot.mouseClick(stage.next_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["select_scene", {"index": 1}]
    _shots(qtbot, stage, "two_stage")


@pytest.mark.parametrize("pipeline", ["fast", "rcnn"])
def test_window_pipelines_name_what_changes(qtbot, pipeline) -> None:
    task = get_lab("two_stage").create({**TINY, "pipeline": pipeline},
                                       torch.device("cpu"))
    stage = _stage(qtbot, "two_stage")
    snap = task.snapshot()
    stage.show_snapshot(snap)
    caption = stage.caption.text()
    if pipeline == "rcnn":
        assert "R-CNN: 256 fixed windows" in caption and "12×12 px" in caption
    else:
        assert "Fast R-CNN" in caption and "once per image" in caption
    assert not stage.nms_slider.isEnabled()  # no RPN, no NMS among proposals
    assert stage.proposals.box_count("candidates") == 256
    assert stage.proposals.box_count("anchor") == 0


def test_caption_follows_the_language(qtbot, task, tmp_path, monkeypatch) -> None:
    from dlviz.ui.classroom import language

    monkeypatch.setenv("DLVIZ_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    stage = _stage(qtbot, "two_stage")
    stage.show_snapshot(task.snapshot())
    try:
        assert language.set_application_language("zh_CN")
        assert "Faster R-CNN" in stage.caption.text()
        assert "颜色 = 类别" in stage.caption.text()
        assert stage.region_label.text() != "Region"
    finally:
        language.set_application_language("en")
    assert "Colour = class" in stage.caption.text()
