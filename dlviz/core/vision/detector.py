"""A tiny single-shot detector (SSD/YOLO style): convolutions, then for every anchor
class scores and four offsets; its loss, its post-processing and mAP.

The network returns one tensor (N, A, C + 1 + 4) — per anchor the scores of the
background and of C classes, then the offsets — so a training step is an ordinary
``loss(model(x), target)`` with the target (N, A, 5): the anchor's class (0 is the
background) and its offsets, made once per scene by :func:`anchor_targets`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlviz.core.vision.boxes import (
    batched_nms,
    box_iou,
    decode_boxes,
    encode_boxes,
)

#: Hard negative mining keeps this many background anchors per object anchor.
NEGATIVES_PER_POSITIVE = 3


class TinyDetector(nn.Module):
    """Three conv + pool stages (64 → 8 pixels), one more conv, then two 3 × 3 heads:
    ``anchors_per_cell · (n_classes + 1)`` class scores and ``anchors_per_cell · 4``
    offsets at each of the 8 × 8 cells."""

    def __init__(self, n_classes: int, anchors_per_cell: int, width: int = 16):
        super().__init__()
        self.n_classes, self.anchors_per_cell = n_classes, anchors_per_cell
        w = width
        self.backbone = nn.Sequential(
            nn.Conv2d(1, w, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(w, 2 * w, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(2 * w, 3 * w, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(3 * w, 4 * w, 3, padding=1), nn.ReLU(),
        )  # fmt: skip
        self.class_head = nn.Conv2d(4 * w, anchors_per_cell * (n_classes + 1), 3,
                                    padding=1)
        self.box_head = nn.Conv2d(4 * w, anchors_per_cell * 4, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = self.backbone(x)
        n = len(x)
        scores = self.class_head(features).permute(0, 2, 3, 1)
        offsets = self.box_head(features).permute(0, 2, 3, 1)
        scores = scores.reshape(n, -1, self.n_classes + 1)
        offsets = offsets.reshape(n, -1, 4)
        return torch.cat((scores, offsets), -1)


def anchor_targets(
    anchors: torch.Tensor,
    boxes: torch.Tensor,
    labels: torch.Tensor,
    counts: torch.Tensor,
    threshold: float = 0.5,
) -> torch.Tensor:
    """Training targets (N, A, 5): class (0 = background, k + 1 = class k) and the
    offsets from each anchor to its matched box (zero for background).

    The matching is :func:`~dlviz.core.vision.boxes.match_anchors` done for the whole
    batch at once (boxes padded to M per scene).
    """
    n, a, m = len(boxes), len(anchors), boxes.shape[1]
    device = anchors.device
    boxes, labels, counts = boxes.to(device), labels.to(device), counts.to(device)
    valid = torch.arange(m, device=device)[None, :] < counts[:, None]  # (N, M)
    iou = box_iou(anchors, boxes.reshape(-1, 4)).reshape(a, n, m).permute(1, 0, 2)
    iou = iou.masked_fill(~valid[:, None, :], -1.0)
    best_iou, assigned = iou.max(2)  # (N, A)
    assigned = torch.where(best_iou >= threshold, assigned, -1)
    claimed = iou.argmax(1)  # (N, M): each box's best anchor
    scene, column = torch.nonzero(valid, as_tuple=True)
    assigned[scene, claimed[scene, column]] = column
    positive = assigned >= 0
    target = torch.zeros(n, a, 5, device=device)
    index = assigned.clamp_min(0)
    matched_labels = torch.gather(labels, 1, index)
    matched_boxes = torch.gather(boxes, 1, index[..., None].expand(n, a, 4))
    offsets = encode_boxes(anchors[None].expand(n, a, 4), matched_boxes)
    target[..., 0] = torch.where(positive, matched_labels + 1, 0).float()
    target[..., 1:] = offsets * positive[..., None]
    return target


class MultiBoxLoss(nn.Module):
    """Cross-entropy over anchors (all object anchors and the hardest background
    ones, 3 per object anchor) plus smooth-L1 on the offsets of object anchors, both
    divided by the number of object anchors. The parts of the last call are kept in
    ``last_class_loss`` and ``last_box_loss``."""

    def __init__(self, n_classes: int):
        super().__init__()
        self.n_classes = n_classes
        self.last_class_loss = 0.0
        self.last_box_loss = 0.0

    def forward(self, out: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        c = self.n_classes + 1
        scores, offsets = out[..., :c], out[..., c:]
        classes = target[..., 0].long()
        positive = classes > 0
        n_pos = positive.sum(1, keepdim=True)
        ce = F.cross_entropy(scores.reshape(-1, c), classes.reshape(-1),
                             reduction="none").reshape(classes.shape)
        with torch.no_grad():
            background = ce.masked_fill(positive, -1.0)
            rank = background.argsort(1, descending=True).argsort(1)
            hard = rank < (NEGATIVES_PER_POSITIVE * n_pos).clamp_min(4)
        total = n_pos.sum().clamp_min(1).float()
        class_loss = (ce * (positive | hard)).sum() / total
        box = F.smooth_l1_loss(offsets, target[..., 1:], reduction="none").sum(-1)
        box_loss = (box * positive).sum() / total
        self.last_class_loss = float(class_loss.detach())
        self.last_box_loss = float(box_loss.detach())
        return class_loss + box_loss


@dataclass
class Detections:
    """Detections of one image: the candidates above the score threshold (before
    NMS, best first) and the indices ``keep`` of those NMS kept."""

    boxes: torch.Tensor
    scores: torch.Tensor
    labels: torch.Tensor
    keep: torch.Tensor

    def kept(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        return self.boxes[self.keep], self.scores[self.keep], self.labels[self.keep]


def detect(
    out: torch.Tensor,
    anchors: torch.Tensor,
    n_classes: int,
    image_size: int,
    score_threshold: float = 0.5,
    nms_threshold: float = 0.45,
    top_k: int = 64,
) -> list[Detections]:
    """Turn the network output (N, A, C + 5) into boxes: softmax, best object class
    per anchor, score threshold, at most ``top_k`` candidates, decode, clip, NMS."""
    c = n_classes + 1
    probs = torch.softmax(out[..., :c], -1)
    result = []
    for i in range(len(out)):
        scores, labels = probs[i, :, 1:].max(-1)
        chosen = torch.nonzero(scores >= score_threshold).flatten()
        chosen = chosen[torch.argsort(scores[chosen], descending=True)][:top_k]
        boxes = decode_boxes(anchors[chosen], out[i, chosen, c:])
        boxes = boxes.clamp(0.0, float(image_size))
        keep = batched_nms(boxes, scores[chosen], labels[chosen], nms_threshold)
        result.append(Detections(boxes, scores[chosen], labels[chosen], keep))
    return result


def average_precision(recall: np.ndarray, precision: np.ndarray) -> float:
    """Area under the precision–recall curve after making precision non-increasing
    (PASCAL VOC, all points)."""
    r = np.concatenate(([0.0], recall, [1.0]))
    p = np.concatenate(([0.0], precision, [0.0]))
    p = np.maximum.accumulate(p[::-1])[::-1]
    steps = np.flatnonzero(r[1:] != r[:-1])
    return float(np.sum((r[steps + 1] - r[steps]) * p[steps + 1]))


def evaluate_detections(
    predictions: list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]],
    truths: list[tuple[torch.Tensor, torch.Tensor]],
    n_classes: int,
    iou_threshold: float = 0.5,
) -> dict[str, float]:
    """mAP, recall and precision at IoU ``iou_threshold``.

    ``predictions[i]`` is (boxes, scores, labels) of image i after NMS; ``truths[i]``
    (boxes, labels). A prediction is a true positive when it overlaps a not yet
    matched box of its class by at least the threshold (best scores match first).
    Tensors may lie on any device; the counting runs on the CPU.
    """
    predictions = [tuple(t.detach().cpu() for t in p) for p in predictions]
    truths = [tuple(t.detach().cpu() for t in p) for p in truths]
    aps, tp_total, n_pred, n_true = [], 0, 0, 0
    for cls in range(n_classes):
        records: list[tuple[float, bool]] = []
        n_cls_true = 0
        for (boxes, scores, labels), (t_boxes, t_labels) in zip(predictions, truths):
            gt = t_boxes[t_labels == cls]
            n_cls_true += len(gt)
            mine = labels == cls
            p_boxes, p_scores = boxes[mine], scores[mine]
            order = torch.argsort(p_scores, descending=True)
            used = torch.zeros(len(gt), dtype=torch.bool, device=gt.device)
            iou = box_iou(p_boxes, gt) if len(gt) and len(p_boxes) else None
            for j in order.tolist():
                hit = False
                if iou is not None:
                    row = iou[j].masked_fill(used, -1.0)
                    best = int(row.argmax())
                    if row[best] >= iou_threshold:
                        used[best], hit = True, True
                records.append((float(p_scores[j]), hit))
        n_true += n_cls_true
        n_pred += len(records)
        if n_cls_true == 0:
            continue
        records.sort(key=lambda r: -r[0])
        hits = np.array([h for _, h in records], dtype=np.float64)
        tp = np.cumsum(hits)
        tp_total += int(tp[-1]) if len(tp) else 0
        recall = tp / n_cls_true
        precision = tp / np.arange(1, len(hits) + 1)
        aps.append(average_precision(recall, precision))
    return {
        "map50": float(np.mean(aps)) if aps else 0.0,
        "recall": tp_total / n_true if n_true else 0.0,
        "precision": tp_total / n_pred if n_pred else 0.0,
    }
