"""Detection: IoU, anchors, offsets, matching, NMS and mAP on hand-made cases, and the
tiny single-shot detector learning to find digits."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from dlviz.core.labs import get_lab
from dlviz.core.vision.boxes import (
    batched_nms,
    box_iou,
    center_to_corners,
    corners_to_center,
    decode_boxes,
    encode_boxes,
    make_anchors,
    match_anchors,
    nms,
)
from dlviz.core.vision.detector import (
    MultiBoxLoss,
    TinyDetector,
    anchor_targets,
    average_precision,
    detect,
    evaluate_detections,
)
from dlviz.core.vision.scenes import make_detection_scenes

torch.set_num_threads(1)


def t(rows) -> torch.Tensor:
    return torch.tensor(rows, dtype=torch.float32)


def test_iou_of_known_boxes() -> None:
    a = t([[0, 0, 2, 2], [0, 0, 4, 4]])
    b = t([[1, 1, 3, 3], [0, 0, 2, 2], [5, 5, 6, 6]])
    iou = box_iou(a, b)
    # overlap 1, union 4 + 4 − 1 = 7; identical; disjoint
    expected = [[1 / 7, 1.0, 0.0], [4 / 16, 4 / 16, 0.0]]  # contained: 4 / 16
    np.testing.assert_allclose(iou.numpy(), expected, rtol=1e-6)


def test_iou_of_touching_boxes_is_zero() -> None:
    assert float(box_iou(t([[0, 0, 2, 2]]), t([[2, 0, 4, 2]]))) == 0.0


def test_centre_and_corner_forms_round_trip() -> None:
    boxes = t([[1, 2, 5, 10], [0, 0, 3, 3]])
    np.testing.assert_allclose(corners_to_center(boxes)[0].numpy(), [3, 6, 4, 8])
    np.testing.assert_allclose(center_to_corners(corners_to_center(boxes)), boxes)


def test_anchor_count_and_shapes() -> None:
    sizes, ratios = (12.0, 20.0), (1.0, 0.5, 2.0)
    anchors = make_anchors(8, 64, sizes, ratios)
    assert anchors.shape == (8 * 8 * len(sizes) * len(ratios), 4)
    # the first cell is centred at (4, 4); anchor (size 20, ratio 1/2)
    first = corners_to_center(anchors[:6])
    np.testing.assert_allclose(first[:, :2].numpy(), np.full((6, 2), 4.0))
    w, h = 20 * math.sqrt(0.5), 20 / math.sqrt(0.5)
    np.testing.assert_allclose(first[4, 2:].numpy(), [w, h], rtol=1e-6)
    # every anchor of size s has area s² whatever its ratio
    areas = (first[:, 2] * first[:, 3]).numpy()
    np.testing.assert_allclose(areas, [144] * 3 + [400] * 3, rtol=1e-5)
    # the last cell is centred at (60, 60): order is row, column, size, ratio
    np.testing.assert_allclose(corners_to_center(anchors[-1:])[0, :2], [60.0, 60.0])


def test_offsets_by_hand_and_round_trip() -> None:
    anchor = t([[0, 0, 10, 20]])  # centre (5, 10), 10 × 20
    box = t([[2, 4, 12, 44]])  # centre (7, 24), 10 × 40
    offsets = encode_boxes(anchor, box, scale=(1, 1, 1, 1))
    np.testing.assert_allclose(offsets[0].numpy(), [0.2, 0.7, 0.0, math.log(2)],
                               rtol=1e-6)
    scaled = encode_boxes(anchor, box)  # divided by (0.1, 0.1, 0.2, 0.2)
    np.testing.assert_allclose(scaled[0].numpy(), [2.0, 7.0, 0.0, math.log(2) / 0.2],
                               rtol=1e-6)
    anchors = make_anchors(4, 32, (8.0,), (1.0, 0.5))
    gen = torch.Generator().manual_seed(0)
    boxes = center_to_corners(torch.cat(
        (torch.rand(len(anchors), 2, generator=gen) * 32,
         torch.rand(len(anchors), 2, generator=gen) * 20 + 2), 1))
    decoded = decode_boxes(anchors, encode_boxes(anchors, boxes))
    np.testing.assert_allclose(decoded.numpy(), boxes.numpy(), atol=1e-4)


def test_matching_uses_threshold_and_gives_every_box_an_anchor() -> None:
    anchors = t([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [40, 40, 44, 44]])
    boxes = t([[0, 0, 10, 10], [39, 39, 49, 49]])
    assigned, iou = match_anchors(anchors, boxes, threshold=0.5)
    # anchor 1: IoU 81/119 = 0.68 ≥ 0.5; anchor 2 overlaps nothing; anchor 3 has
    # IoU 16/100 with box 1 but is that box's best anchor, so it claims it
    assert assigned.tolist() == [0, 0, -1, 1]
    np.testing.assert_allclose(iou.numpy(), [1.0, 81 / 119, 0.0, 0.16], rtol=1e-5)


def test_nms_hand_made_case() -> None:
    boxes = t([[0, 0, 10, 10], [1, 0, 11, 10], [0, 0, 10, 10.5], [20, 20, 30, 30],
               [21, 21, 31, 31]])
    scores = t([0.9, 0.8, 0.7, 0.6, 0.95])
    # IoU(0, 1) = 90/110 = 0.82, IoU(0, 2) = 100/105 = 0.95,
    # IoU(3, 4) = 81/119 = 0.68
    assert nms(boxes, scores, 0.5).tolist() == [4, 0]
    assert nms(boxes, scores, 0.7).tolist() == [4, 0, 3]
    assert nms(boxes, scores, 0.9).tolist() == [4, 0, 1, 3]
    assert nms(boxes, scores, 1.0).tolist() == [4, 0, 1, 2, 3]
    assert nms(t([]).reshape(0, 4), t([]), 0.5).tolist() == []


def test_nms_per_class_keeps_overlapping_boxes_of_other_classes() -> None:
    boxes = t([[0, 0, 10, 10], [0, 0, 10, 10], [0, 0, 10, 10]])
    scores = t([0.9, 0.8, 0.7])
    labels = torch.tensor([0, 0, 1])
    assert batched_nms(boxes, scores, labels, 0.5).tolist() == [0, 2]


def test_average_precision_by_hand() -> None:
    # detections ranked: hit, miss, hit; 2 objects → precision 1, 1/2, 2/3
    ap = average_precision(np.array([0.5, 0.5, 1.0]), np.array([1.0, 0.5, 2 / 3]))
    assert ap == pytest.approx(0.5 * 1.0 + 0.5 * 2 / 3)
    truths = [(t([[0, 0, 10, 10], [20, 20, 30, 30]]), torch.tensor([0, 0]))]
    found = [(t([[0, 0, 10, 10], [40, 40, 50, 50], [21, 21, 31, 31]]),
              t([0.9, 0.8, 0.7]), torch.tensor([0, 0, 0]))]
    scores = evaluate_detections(found, truths, n_classes=1)
    assert scores["map50"] == pytest.approx(0.5 + 1 / 3)
    assert scores["recall"] == 1.0
    assert scores["precision"] == pytest.approx(2 / 3)
    # a box of the wrong class finds nothing
    wrong = [(t([[0, 0, 10, 10]]), t([0.9]), torch.tensor([1]))]
    scores = evaluate_detections(wrong, [(t([[0, 0, 10, 10]]), torch.tensor([0]))], 2)
    assert scores == {"map50": 0.0, "recall": 0.0, "precision": 0.0}


def test_scenes_have_boxes_around_their_ink() -> None:
    scenes = make_detection_scenes(20, n_classes=3, seed=3)
    assert scenes.images.shape == (20, 1, 64, 64)
    assert set(scenes.labels[scenes.labels >= 0].tolist()) <= {0, 1, 2}
    for i in range(20):
        boxes, labels = scenes.objects(i)
        assert 1 <= len(boxes) <= 3
        for x0, y0, x1, y1 in boxes.tolist():
            assert 0 <= x0 < x1 <= 64 and 0 <= y0 < y1 <= 64
            inside = scenes.images[i, 0, int(y0) : int(y1), int(x0) : int(x1)]
            assert float(inside.max()) > 0.5
        if len(boxes) > 1:  # placed without overlap
            iou = box_iou(boxes, boxes) - torch.eye(len(boxes))
            assert float(iou.max()) < 0.1


def test_detector_output_layout_matches_the_anchors() -> None:
    model = TinyDetector(n_classes=3, anchors_per_cell=4, width=8)
    out = model(torch.zeros(2, 1, 64, 64))
    assert out.shape == (2, 8 * 8 * 4, 3 + 1 + 4)
    # anchor a of cell (r, c) reads channel a of the heads at pixel (r, c)
    x = torch.rand(1, 1, 64, 64)
    features = model.backbone(x)
    classes = model.class_head(features)[0]
    r, c, a = 2, 5, 3
    index = (r * 8 + c) * 4 + a
    np.testing.assert_allclose(model(x)[0, index, :4].detach().numpy(),
                               classes[a * 4 : a * 4 + 4, r, c].detach().numpy(),
                               rtol=1e-5, atol=1e-6)


def test_targets_and_loss_by_hand() -> None:
    anchors = make_anchors(8, 64, (12.0, 20.0), (1.0, 0.5))
    boxes = t([[[2, 2, 14, 14], [0, 0, 0, 0]]])
    target = anchor_targets(anchors, boxes, torch.tensor([[2, -1]]),
                            torch.tensor([1]))
    positive = target[0, :, 0] > 0
    assert positive.sum() >= 1
    assert set(target[0, positive, 0].tolist()) == {3.0}  # class 2 → label 3
    # a perfect prediction has zero box loss and near-zero class loss
    out = torch.zeros(1, len(anchors), 3 + 1 + 4)
    out[0, :, 0] = 20.0  # background everywhere ...
    out[0, positive, 0] = 0.0
    out[0, positive, 3] = 20.0  # ... but class 2 on the matched anchors
    out[0, :, 4:] = target[0, :, 1:]
    loss = MultiBoxLoss(3)
    assert float(loss(out, target)) < 1e-6
    assert loss.last_box_loss == 0.0


def test_detect_applies_thresholds_and_nms() -> None:
    anchors = t([[0, 0, 10, 10], [1, 0, 11, 10], [30, 30, 40, 40]])
    out = torch.zeros(1, 3, 2 + 4)
    logits = torch.tensor([[0.0, 3.0], [0.0, 2.0], [0.0, -1.0]])  # p(object)
    out[0, :, :2] = logits
    found = detect(out, anchors, 1, 64, score_threshold=0.5, nms_threshold=0.5)[0]
    probs = torch.sigmoid(t([3.0, 2.0]))
    np.testing.assert_allclose(found.scores.numpy(), probs.numpy(), rtol=1e-6)
    assert found.keep.tolist() == [0]
    np.testing.assert_allclose(found.kept()[0].numpy(), [[0, 0, 10, 10]], atol=1e-5)


def test_lab_snapshot_contract() -> None:
    task = get_lab("detection").create({"scenes": 100}, torch.device("cpu"))
    task.train_step()
    snap = task.snapshot()
    assert snap["image"].shape == (64, 64) and snap["image"].dtype == np.float32
    assert snap["n_anchors"] == 8 * 8 * 4
    k = len(snap["gt_boxes"])
    assert snap["gt_labels"].shape == (k,)
    assert (snap["matched_gt"] < k).all() and len(snap["matched_anchors"]) >= k
    assert (snap["pred_scores"] >= snap["score_threshold"]).all()
    assert snap["objectness"].shape == (8, 8)
    answer = task.handle("set_thresholds", {"score": 0.05, "nms": 1.0})
    assert answer["applied_hparams"] == {"score_threshold": 0.05, "nms_threshold": 1.0}
    loose = answer["snapshot"]
    assert loose["score_threshold"] == 0.05
    assert len(loose["pred_keep"]) == len(loose["pred_boxes"])  # NMS keeps all
    assert task.handle("select_scene", {"index": 5})["scene_index"] == 5
    trace = task.trace_step()
    assert trace.metrics["loss"] > 0


@pytest.mark.slow
def test_training_improves_recall() -> None:
    # README: mAP@0.5 0.84 after 300 steps (defaults). Measured (seed 0): mAP 0.71,
    # recall 0.72 at 220 steps; mAP 0.84, recall 0.85 at 300 steps.
    task = get_lab("detection").create({}, torch.device("cpu"))
    before = task.evaluate()
    for _ in range(300):
        task.train_step()
    after = task.evaluate()
    assert before["val_recall"] < 0.05
    assert after["val_recall"] >= 0.8
    assert after["val_map50"] >= 0.8
    assert after["val_loss"] < before["val_loss"] / 2


# -- device: every tensor made here follows its input --------------------------------
# With ``meta`` as torch's default device, a tensor created without an explicit
# device lands on ``meta`` (no data): mixing it with the CPU inputs fails, or the
# result comes back on ``meta``. On a GPU the same slip mixes CUDA and CPU tensors.


def test_nms_outputs_follow_the_input_device() -> None:
    boxes = t([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 9, 10]])
    scores = t([0.9, 0.8, 0.7, 0.95])
    labels = torch.tensor([0, 1, 0, 0])
    no_boxes, no_scores = t([]).reshape(0, 4), t([])
    with torch.device("meta"):
        keep = nms(boxes, scores, 0.5)
        none = nms(no_boxes, no_scores, 0.5)
        per_class = batched_nms(boxes, scores, labels, 0.5)
        none_per_class = batched_nms(no_boxes, no_scores, labels[:0], 0.5)
    assert keep.device.type == none.device.type == "cpu"
    assert per_class.device.type == none_per_class.device.type == "cpu"
    assert keep.tolist() == [3, 2] and none.tolist() == [] == none_per_class.tolist()
    assert per_class.tolist() == [3, 1, 2]


def test_matching_targets_and_detection_follow_the_anchor_device() -> None:
    anchors = make_anchors(4, 32, (8.0,), (1.0, 0.5))
    boxes, labels = t([[0, 0, 8, 8], [16, 16, 30, 28]]), torch.tensor([0, 1])
    no_boxes = t([]).reshape(0, 4)
    out = torch.zeros(1, len(anchors), 3 + 4)
    with torch.device("meta"):
        assigned, iou = match_anchors(anchors, boxes, 0.5)
        empty = match_anchors(anchors, no_boxes, 0.5)
        target = anchor_targets(anchors, boxes[None], labels[None], labels[1:] + 1)
        found = detect(out, anchors, 2, 32, score_threshold=0.1)[0]
        scores = evaluate_detections([found.kept()], [(boxes, labels)], 2)
    for tensor in (assigned, iou, *empty, target, found.boxes, found.keep):
        assert tensor.device.type == "cpu"
    assert set(assigned[assigned >= 0].tolist()) == {0, 1}
    assert (empty[0] == -1).all() and target.shape == (1, len(anchors), 5)
    assert len(found.keep) > 0 and 0.0 <= scores["recall"] <= 1.0


def test_detection_lab_evaluates_and_snapshots_on_its_own_device() -> None:
    task = get_lab("detection").create(
        {"scenes": 100, "score_threshold": 0.05}, torch.device("cpu")
    )
    task.train_step()
    with torch.device("meta"):
        metrics = task.evaluate()
        snap = task.snapshot()
    assert math.isfinite(metrics["val_loss"]) and len(snap["pred_boxes"]) > 0
    assert len(snap["matched_anchors"]) >= len(snap["gt_boxes"]) > 0


# -- issue 13: the thresholds are settings, changed live ------------------------------
def test_thresholds_are_live_settings_applied_without_retraining() -> None:
    from dlviz.core.params import ParamError

    spec = get_lab("detection")
    task = spec.create({"scenes": 100}, torch.device("cpu"))
    task.train_step()
    assert set(type(task).live_hparams) == {"score_threshold", "nms_threshold"}
    weights = [p.detach().clone() for p in task.parameters()]
    out = task.handle("set_hparams", {"score_threshold": 0.3})
    assert out["applied_hparams"] == {"score_threshold": 0.3}
    assert task.hparams["score_threshold"] == 0.3 and task.score_threshold == 0.3
    assert out["snapshot"]["score_threshold"] == 0.3
    assert task.step == 1  # nothing rebuilt, nothing retrained
    for before, now in zip(weights, task.parameters()):
        torch.testing.assert_close(before, now)
    out = task.handle("set_hparams", {"nms_threshold": 0.2})
    assert out["snapshot"]["nms_threshold"] == 0.2
    assert spec.resolve(task.hparams) == task.hparams  # still valid settings
    with pytest.raises(ParamError):
        task.handle("set_hparams", {"score_threshold": 1.5})
    with pytest.raises(ValueError, match="not live"):
        task.handle("set_hparams", {"width": 8})
    # the older request keeps the settings in step too
    task.handle("set_thresholds", {"score": 0.05, "nms": 1.0})
    assert task.hparams["score_threshold"] == 0.05
    assert task.hparams["nms_threshold"] == 1.0
