"""Two-stage detection: RoI pooling and RoI Align against hand-computed values (and
torchvision where it is installed), the RPN's targets and proposals, the sampled
regions, the second stage, and the lab in its three pipelines."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from dlviz.core.labs import get_lab
from dlviz.core.vision.boxes import box_iou, make_anchors, nms
from dlviz.core.vision.two_stage import (
    ROIS_PER_IMAGE,
    align_bins,
    crop_regions,
    pool_bins,
    proposal_recall,
    propose,
    roi_align,
    roi_pool,
    rpn_loss,
    rpn_targets,
    sample_rois,
    second_stage_detections,
)

torch.set_num_threads(1)
CPU = torch.device("cpu")
#: A 4 × 4 map whose value is 4·y + x: bilinear interpolation of it is exact.
RAMP = torch.arange(16, dtype=torch.float32).reshape(1, 1, 4, 4)
TINY = {"scenes": 100, "width": 4, "batch_size": 4, "roi_size": 3}


def t(rows) -> torch.Tensor:
    return torch.tensor(rows, dtype=torch.float32)


# -- RoI pooling and RoI Align by hand ------------------------------------------------
def test_roi_pool_rounds_to_cells_and_bins_overlap() -> None:
    # the box 0…7 px at scale ½ is cells round(0) = 0 … round(3.5) = 4 (5 cells,
    # clipped to the map's 4); 2 bins of 2.5 cells: rows/cols [0, 3) and [2, 5)
    out = roi_pool(RAMP, t([[0, 0, 0, 7, 7]]), 2, 0.5)
    np.testing.assert_array_equal(out[0, 0].numpy(), [[10, 11], [14, 15]])
    bins = pool_bins(np.array([0, 0, 7, 7]), 2, 0.5, 4)
    np.testing.assert_array_equal(bins["region"], [0, 0, 5, 5])
    np.testing.assert_array_equal(
        bins["bins"], [[0, 0, 3, 3], [2, 0, 4, 3], [0, 2, 3, 4], [2, 2, 4, 4]])
    # the far edge: 22/4 = 5.5 rounds to cell 6, which is included whole, so the
    # region ends at 7 cells = 28 px: 6 px past the box (the notes' "up to 6 px")
    far = pool_bins(np.array([0, 0, 22, 22]), 2, 0.25, 16)["region"] * 4
    np.testing.assert_array_equal(far, [0, 0, 28, 28])


def test_roi_pool_empty_bin_is_zero_and_halves_round_away_from_zero() -> None:
    # a box wholly right of the map: every bin clips to nothing
    assert roi_pool(RAMP, t([[0, 20, 0, 30, 8]]), 2, 1.0).abs().sum() == 0
    # 2.5 → 3 (torch.round would give 2): the one-cell box reads cell (3, 3) = 15
    assert float(roi_pool(RAMP, t([[0, 2.5, 2.5, 2.5, 2.5]]), 1, 1.0)) == 15.0


def test_roi_align_samples_exact_bins_bilinearly() -> None:
    # region 1…3 px, aligned: index coordinates 0.5 … 2.5, bins of 1, samples at
    # ¼ and ¾ of each bin: x = 0.75, 1.25 | 1.75, 2.25 → means 1 and 2 (exact, the
    # map being linear)
    out = roi_align(RAMP, t([[0, 1, 1, 3, 3]]), 2, 1.0, 2)
    np.testing.assert_allclose(out[0, 0].numpy(), [[5, 6], [9, 10]], rtol=1e-6)
    # at the border: the sample at −0.25 reads cell 0, so bin 0's mean is
    # (0 + 0.25) / 2 = 0.125 in x and in y
    out = roi_align(RAMP, t([[0, 0, 0, 2, 2]]), 2, 1.0, 2)
    np.testing.assert_allclose(out[0, 0].numpy(), [[0.625, 1.5], [4.125, 5.0]],
                               rtol=1e-6)
    # box 4…6 × 0…1 px, one bin, 2 × 2 samples: x = 4.0 (on the map's edge: reads
    # the last column, 3) and 5.0 (past it: weighs 0 but counts in the mean);
    # y = −0.25 (row 0) and 0.25 (¾ row 0 + ¼ row 1): (3 + (¾·3 + ¼·7) + 0 + 0) / 4
    out = roi_align(RAMP, t([[0, 4, 0, 6, 1]]), 1, 1.0, 2)
    assert float(out) == pytest.approx(1.75, rel=1e-6)


def test_align_bins_and_sample_points_by_hand() -> None:
    bins = align_bins(np.array([1, 1, 3, 3]), 2, 1.0, 2)
    np.testing.assert_allclose(bins["region"], [1, 1, 3, 3])
    np.testing.assert_allclose(bins["bins"][0], [1, 1, 2, 2])
    np.testing.assert_allclose(bins["bins"][3], [2, 2, 3, 3])
    assert bins["points"].shape == (16, 2)
    np.testing.assert_allclose(sorted(set(bins["points"][:, 0].tolist())),
                               [1.25, 1.75, 2.25, 2.75])


def test_a_one_pixel_shift_moves_align_but_not_pool() -> None:
    # stride 4: boxes 4…20 and 5…21 px both round to cells 1 … 5, so RoI pooling
    # gives the same features for both; RoI Align sees the shift
    torch.manual_seed(0)
    fmap = torch.rand(1, 2, 8, 8)
    boxes = t([[0, 4, 4, 20, 20], [0, 5, 5, 21, 21]])
    pooled = roi_pool(fmap, boxes, 3, 0.25)
    aligned = roi_align(fmap, boxes, 3, 0.25, 2)
    torch.testing.assert_close(pooled[0], pooled[1])
    assert (aligned[0] - aligned[1]).abs().max() > 1e-3


def test_roi_ops_follow_the_regions_order_and_batch_index() -> None:
    torch.manual_seed(1)
    fmap = torch.rand(3, 2, 6, 6)
    rois = t([[2, 0, 0, 10, 12], [0, 3, 1, 9, 7], [2, 4, 4, 20, 20], [1, 0, 0, 4, 4]])
    for op in (roi_pool, lambda f, r, k, s: roi_align(f, r, k, s, 2)):
        together = op(fmap, rois, 2, 0.5)
        for j, row in enumerate(rois):
            one = op(fmap[int(row[0]):int(row[0]) + 1],
                     torch.cat((t([0]), row[1:]))[None], 2, 0.5)
            torch.testing.assert_close(together[j], one[0])


def test_roi_align_gradient_reaches_the_sampled_cells_only() -> None:
    fmap = torch.zeros(1, 1, 6, 6, requires_grad=True)
    roi_align(fmap, t([[0, 1, 1, 3, 3]]), 2, 1.0, 2).sum().backward()
    grad = fmap.grad[0, 0]
    assert grad[:4, :4].sum() == pytest.approx(4.0)  # 4 bins, weights sum to 1 each
    assert grad[4:].abs().sum() == 0 and grad[:, 4:].abs().sum() == 0


def test_crop_regions_warps_a_region_to_a_square() -> None:
    image = torch.zeros(1, 1, 16, 16)
    image[0, 0, 4:8, 4:12] = 1.0  # a bright 8 × 4 bar
    crop = crop_regions(image, t([[0, 4, 4, 12, 8]]), 4)
    assert crop.shape == (1, 1, 4, 4)
    # the bar fills the crop; the first and last rows' upper/lower samples (index
    # 3.75 and 7.25) read ¾ of the bar and ¼ of the dark row beside it
    expected = np.ones((4, 4))
    expected[[0, 3]] = (0.75 + 1.0) / 2
    np.testing.assert_allclose(crop[0, 0].numpy(), expected, rtol=1e-6)


def _torchvision_ops():
    return pytest.importorskip(
        "torchvision.ops",
        reason="torchvision is not installed with this CPU build of torch; the "
        "hand-computed values above stand in for it")


def test_roi_ops_equal_torchvision() -> None:
    ops = _torchvision_ops()
    torch.manual_seed(2)
    fmap = torch.randn(2, 3, 10, 12)
    rois = t([[0, 3.2, 5.1, 20.7, 31.9], [1, -6, -3, 10, 50], [0, 40, 30, 48, 40],
              [1, 0, 0, 47.9, 39.9], [0, 13, 13, 14, 14]])
    for k, scale in ((2, 0.25), (5, 0.5)):
        torch.testing.assert_close(roi_pool(fmap, rois, k, scale),
                                   ops.roi_pool(fmap, rois, k, scale))
        torch.testing.assert_close(
            roi_align(fmap, rois, k, scale, 2),
            ops.roi_align(fmap, rois, k, scale, 2, aligned=True),
            rtol=1e-5, atol=1e-5)
    boxes = t([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 9, 10]])
    scores = t([0.9, 0.8, 0.7, 0.95])
    torch.testing.assert_close(box_iou(boxes, boxes), ops.box_iou(boxes, boxes))
    for threshold in (0.3, 0.5, 0.9):
        assert nms(boxes, scores, threshold).tolist() == \
            ops.nms(boxes, scores, threshold).tolist()


# -- the RPN --------------------------------------------------------------------------
def test_rpn_targets_mark_objects_background_and_ignored() -> None:
    anchors = t([[0, 0, 10, 10], [2, 0, 12, 10], [5, 0, 15, 10], [30, 30, 40, 40]])
    boxes, labels = t([[[0, 0, 10, 10]]]), torch.tensor([[1]])
    target, offsets = rpn_targets(anchors, boxes, labels, torch.tensor([1]), 0.5)
    # IoU 1 (object), 80/120 = 0.67 (object), 50/150 = 0.33 (ignored), 0 (background)
    assert target[0].tolist() == [1.0, 1.0, -1.0, 0.0]
    assert offsets[0, 0].abs().sum() == 0 and offsets[0, 1, 0] < 0
    scores = torch.zeros(1, 4)
    obj, box = rpn_loss(scores, torch.zeros(1, 4, 4), target, offsets)
    assert float(obj) == pytest.approx(math.log(2))  # ignored anchor left out
    assert float(box) > 0


def test_proposals_are_the_best_after_nms_and_at_most_n() -> None:
    anchors = t([[0, 0, 10, 10], [1, 0, 11, 10], [20, 20, 30, 30], [40, 0, 50, 10],
                 [0, 0, 1, 1]])
    scores = t([[3.0, 2.0, 1.0, 0.0, 5.0]])  # the best one is too small to keep
    found = propose(scores, torch.zeros(1, 5, 4), anchors, 64, top_n=2,
                    nms_threshold=0.5)[0]
    boxes, probs = found.kept()
    np.testing.assert_allclose(boxes.numpy(), [[0, 0, 10, 10], [20, 20, 30, 30]])
    np.testing.assert_allclose(probs.numpy(), torch.sigmoid(t([3.0, 1.0])).numpy())
    assert found.anchor_index[found.keep].tolist() == [0, 2]
    loose = propose(scores, torch.zeros(1, 5, 4), anchors, 64, 10, 1.0)[0]
    assert len(loose.keep) == 4  # no NMS: all but the tiny box


def test_sampled_regions_hold_at_most_a_quarter_objects() -> None:
    gen = torch.Generator().manual_seed(0)
    windows = make_anchors(8, 64, (12.0, 20.0), (1.0, 0.5))
    boxes = t([[[10, 10, 24, 26], [40, 30, 52, 44]]])
    labels, counts = torch.tensor([[2, 0]]), torch.tensor([2])
    rois, classes, offsets = sample_rois([windows], boxes, labels, counts, gen)
    assert rois.shape == (ROIS_PER_IMAGE, 5) and (rois[:, 0] == 0).all()
    objects = classes > 0
    assert 1 <= int(objects.sum()) <= ROIS_PER_IMAGE // 4
    iou = box_iou(rois[:, 1:], boxes[0]).amax(1)
    assert ((iou >= 0.5) == objects).all()
    assert set(classes[objects].tolist()) <= {1, 3}
    assert offsets[~objects].abs().sum() == 0
    # no proposals yet: the true boxes themselves are the object regions
    rois, classes, _ = sample_rois([windows[:0]], boxes, labels, counts, gen)
    assert sorted(classes.tolist()) == [1, 3]


def test_second_stage_detections_refine_threshold_and_suppress() -> None:
    rois = t([[0, 0, 0, 10, 10], [0, 1, 1, 11, 11], [0, 30, 30, 40, 40],
              [1, 0, 0, 10, 10]])
    scores = t([[0, 4, 0], [0, 3, 0], [4, 0, 0], [0, 0, 4]])  # bg, class 0, class 1
    found = second_stage_detections(scores, torch.zeros(4, 4), rois, 2, 64, 0.5, 0.45)
    boxes, probs, labels = found[0].kept()
    np.testing.assert_allclose(boxes.numpy(), [[0, 0, 10, 10]])  # the overlap goes
    assert labels.tolist() == [0] and len(found[0].boxes) == 2  # background dropped
    assert found[1].kept()[2].tolist() == [1]
    assert proposal_recall([rois[:3, 1:]], [t([[0, 0, 10, 10], [50, 50, 60, 60]])]) \
        == 0.5


# -- the lab --------------------------------------------------------------------------
@pytest.mark.parametrize("pipeline", ["faster", "fast", "rcnn"])
def test_lab_steps_and_snapshots_in_each_pipeline(pipeline) -> None:
    task = get_lab("two_stage").create({**TINY, "pipeline": pipeline}, CPU)
    metrics = task.train_step()
    assert math.isfinite(metrics["loss"]) and metrics["head_loss"] > 0
    assert ("rpn_loss" in metrics) == (pipeline == "faster")
    snap = task.snapshot()
    region = snap["region"]
    k = snap["roi_size"]
    assert region["pooled_pool"].shape == region["pooled_align"].shape == (k, k)
    assert region["pool"]["bins"].shape == (k * k, 4)
    assert region["align"]["points"].shape == (k * k * 4, 2)
    assert region["feature_map"].shape == (16, 16)
    if pipeline == "faster":
        assert len(snap["proposals"]) <= snap["top_n"] == 32
        assert len(snap["proposal_anchors"]) == len(snap["proposals"])
        assert snap["backbone_pixels"] == 64 * 64
    else:
        assert snap["n_candidates"] == snap["regions_per_image"] == 256
        scores = snap["proposal_scores"]
        assert (np.diff(scores) <= 0).all()  # the most confident windows first
    if pipeline == "rcnn":  # the CNN reads every warped region: 256 · 12² pixels
        assert snap["backbone_pixels"] == 256 * (4 * k) ** 2
    metrics = task.evaluate()
    assert 0.0 <= metrics["val_map50"] <= 1.0
    if pipeline == "fast":
        # README and notes: the 256 fixed windows overlap 79 % of the 120 validation
        # scenes' digits by IoU ≥ 0.5 (they are not learned: before any training)
        assert metrics["val_proposal_recall"] == pytest.approx(0.785, abs=0.005)


def test_trace_step_records_the_roi_operation_and_equals_a_plain_step() -> None:
    spec = get_lab("two_stage")
    plain = spec.create(TINY, CPU)
    metrics = plain.train_step()
    traced = spec.create(TINY, CPU)
    trace = traced.trace_step()
    assert trace.metrics["loss"] == pytest.approx(metrics["loss"], rel=1e-5)
    for p, q in zip(plain.model.parameters(), traced.model.parameters()):
        torch.testing.assert_close(p, q)
    paths = [e.path for e in trace.events if e.phase == "forward"]
    assert "RoI Align" in paths and any("rpn_score" in p for p in paths)
    rcnn = spec.create({**TINY, "pipeline": "rcnn"}, CPU).trace_step()
    assert "warp" in [e.path for e in rcnn.events if e.phase == "forward"]


def test_live_settings_and_requests() -> None:
    from dlviz.core.params import ParamError

    task = get_lab("two_stage").create(TINY, CPU)
    task.train_step()
    weights = [p.detach().clone() for p in task.parameters()]
    out = task.handle("set_hparams", {"proposals": 3, "rpn_nms": 0.5})
    assert out["applied_hparams"] == {"proposals": 3, "rpn_nms": 0.5}
    assert len(out["snapshot"]["proposals"]) <= 3 and task.hparams["proposals"] == 3
    for before, now in zip(weights, task.parameters()):
        torch.testing.assert_close(before, now)
    with pytest.raises(ParamError):
        task.handle("set_hparams", {"rpn_nms": 2.0})
    with pytest.raises(ValueError, match="not live"):
        task.handle("set_hparams", {"roi_size": 4})
    shown = task.handle("select_proposal", {"index": 2})["snapshot"]
    assert shown["region"]["proposal_index"] == 2 % len(shown["proposals"])
    assert task.handle("select_scene", {"index": 7})["snapshot"]["scene_index"] == 7


@pytest.mark.slow
def test_faster_rcnn_learns_to_find_the_digits() -> None:
    # README: Faster R-CNN (defaults) mAP@0.5 0.87 after 200 steps, 0.99 after 300;
    # its 32 proposals cover every true box (the 256 fixed windows: 0.79).
    task = get_lab("two_stage").create({}, CPU)
    for _ in range(300):
        task.train_step()
    after = task.evaluate()
    assert after["val_map50"] >= 0.95
    assert after["val_proposal_recall"] >= 0.98
