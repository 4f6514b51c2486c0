"""Two-stage detection (the R-CNN family), small enough to train on a laptop's CPU.

* **RoI pooling** and **RoI Align** in plain torch, with the semantics of
  ``torchvision.ops.roi_pool`` / ``roi_align`` (``aligned=True``, a fixed number of
  sample points per bin): each region of interest of any size becomes a k × k map.
  RoI pooling rounds the region to whole feature cells and splits it into bins of
  whole cells (a max per bin); RoI Align keeps the exact region, splits it into equal
  bins and averages bilinear samples at fixed points of each bin.
* The **region proposal network** (RPN): per anchor an objectness logit and four
  offsets; decoded, the best ``pre_nms`` boxes go through NMS and the best ``N``
  survivors are the proposals.
* The **second stage**: a classifier (background + C classes) and a box refiner on
  the pooled features of each region.
* The region sources of the three generations: fixed sliding windows (R-CNN and Fast
  R-CNN, a stand-in for selective search) or the RPN (Faster R-CNN); features per
  warped region (R-CNN) or once per image (Fast, Faster).

Boxes are ``(x0, y0, x1, y1)`` pixels; a batch of regions is (K, 5) rows
``(image index, x0, y0, x1, y1)``, as torchvision takes them. The anchors, offsets,
IoU and NMS are those of :mod:`dlviz.core.vision.boxes`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlviz.core.vision.boxes import box_iou, decode_boxes, encode_boxes, nms
from dlviz.core.vision.detector import Detections, anchor_targets

#: The backbone halves the image twice: one feature cell is 4 × 4 pixels.
STRIDE = 4
#: Bilinear samples per bin side in RoI Align (torchvision's ``sampling_ratio``).
SAMPLES = 2
#: An anchor with IoU below this with every object is background for the RPN
#: (between it and the match threshold it is ignored).
RPN_BACKGROUND_IOU = 0.3
#: Background anchors kept per object anchor in the RPN loss (the hardest ones).
RPN_NEGATIVES_PER_POSITIVE = 3
#: A sampled region with IoU at least this with an object learns its class.
ROI_MATCH_IOU = 0.5
#: Regions sampled per image to train the second stage; at most a quarter objects.
ROIS_PER_IMAGE = 16
#: Proposals narrower or lower than this many pixels are dropped.
MIN_SIZE = 2.0

PIPELINES = ("faster", "fast", "rcnn")


# -- RoI pooling and RoI Align -----------------------------------------------------
def _round_half_away(x: torch.Tensor) -> torch.Tensor:
    """C's ``round``: halves away from zero (torch.round rounds halves to even)."""
    return torch.sign(x) * torch.floor(x.abs() + 0.5)


def pool_bin_edges(
    start: torch.Tensor, end: torch.Tensor, k: int, scale: float, size: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """RoI pooling's bins along one axis: integer cell ranges ``[lo, hi)``, (K, k).

    The region ``start … end`` (pixels, (K,)) is rounded to cells
    ``round(start·scale) … round(end·scale)`` (both included, at least one cell);
    bin ``i`` covers ``floor(i·w/k) … ceil((i + 1)·w/k)`` of those ``w`` cells, so
    bins are whole cells, can differ in size and can overlap; clipped to the map.
    """
    first = _round_half_away(start * scale)
    last = _round_half_away(end * scale)
    cells = torch.clamp(last - first + 1, min=1)
    bin_size = cells / k
    i = torch.arange(k, dtype=start.dtype, device=start.device)
    lo = torch.floor(i[None] * bin_size[:, None]) + first[:, None]
    hi = torch.ceil((i[None] + 1) * bin_size[:, None]) + first[:, None]
    return lo.clamp(0, size).long(), hi.clamp(0, size).long()


def align_sample_coords(
    start: torch.Tensor, end: torch.Tensor, k: int, scale: float,
    samples: int = SAMPLES, aligned: bool = True,
) -> tuple[torch.Tensor, torch.Tensor]:
    """RoI Align's bins and sample points along one axis, in the feature map's
    index coordinates (cell ``j``'s centre is at ``j``).

    Returns the bin edges (K, k + 1) and the sample coordinates (K, k · samples):
    the region ``start·scale − ½ … end·scale − ½`` (``aligned``) is cut into ``k``
    equal bins, each sampled at ``samples`` evenly spaced points (bin centres of a
    finer grid). Nothing is rounded.
    """
    offset = 0.5 if aligned else 0.0
    lo = start * scale - offset
    width = end * scale - offset - lo
    if not aligned:
        width = width.clamp_min(1.0)
    bin_size = width / k
    i = torch.arange(k + 1, dtype=start.dtype, device=start.device)
    edges = lo[:, None] + i[None] * bin_size[:, None]
    j = torch.arange(k * samples, dtype=start.dtype, device=start.device)
    points = lo[:, None] + (j[None] + 0.5) * (bin_size / samples)[:, None]
    return edges, points


def _bilinear_weights(coords: torch.Tensor, size: int) -> torch.Tensor:
    """(K, P) sample coordinates → (K, P, size) interpolation weights along one
    axis, as torchvision computes them: a point beyond ``[−1, size]`` weighs
    nothing, one in ``[−1, 0]`` reads cell 0, one past the last cell reads it."""
    valid = (coords >= -1.0) & (coords <= size)
    y = coords.clamp_min(0.0)
    low = torch.floor(y)
    at_end = low >= size - 1
    low = torch.where(at_end, torch.full_like(low, size - 1), low)
    y = torch.where(at_end, low, y)
    high = torch.clamp(low + 1, max=size - 1)
    frac = (y - low) * valid
    near = (1.0 - (y - low)) * valid
    cells = torch.arange(size, dtype=coords.dtype, device=coords.device)
    return (near[..., None] * (cells == low[..., None])
            + frac[..., None] * (cells == high[..., None]))


def _per_image(
    features: torch.Tensor, rois: torch.Tensor,
    pool: Callable[[torch.Tensor, torch.Tensor], torch.Tensor], k: int,
) -> torch.Tensor:
    """Apply ``pool(feature map (C, H, W), boxes (K, 4)) -> (K, C, k, k)`` image by
    image and put the results back in the order of ``rois``."""
    if not len(rois):
        return features.new_zeros((0, features.shape[1], k, k))
    index = rois[:, 0].long()
    parts, order = [], []
    for i in torch.unique(index).tolist():
        mine = torch.nonzero(index == i).flatten()
        parts.append(pool(features[i], rois[mine, 1:]))
        order.append(mine)
    return torch.cat(parts)[torch.argsort(torch.cat(order))]


def roi_pool(
    features: torch.Tensor, rois: torch.Tensor, output_size: int, spatial_scale: float
) -> torch.Tensor:
    """RoI max pooling (Fast R-CNN): (N, C, H, W) features, (K, 5) regions →
    (K, C, k, k); equal to ``torchvision.ops.roi_pool``. An empty bin gives 0.

    The maximum over a rectangle is the maximum over its rows of the maxima over its
    columns, so each bin is two masked maxima.
    """
    k, (h, w) = output_size, features.shape[-2:]

    def pool(fmap: torch.Tensor, boxes: torch.Tensor) -> torch.Tensor:
        x_lo, x_hi = pool_bin_edges(boxes[:, 0], boxes[:, 2], k, spatial_scale, w)
        y_lo, y_hi = pool_bin_edges(boxes[:, 1], boxes[:, 3], k, spatial_scale, h)
        cols = torch.arange(w, device=fmap.device)
        rows = torch.arange(h, device=fmap.device)
        low = torch.tensor(float("-inf"), dtype=fmap.dtype, device=fmap.device)
        by_col = []
        for j in range(k):  # (K, C, H): the maximum of each row within column bin j
            inside = (cols[None] >= x_lo[:, j:j + 1]) & (cols[None] < x_hi[:, j:j + 1])
            by_col.append(torch.where(inside[:, None, None, :], fmap[None], low)
                          .amax(-1))
        by_col = torch.stack(by_col, -1)  # (K, C, H, k)
        out = []
        for i in range(k):
            inside = (rows[None] >= y_lo[:, i:i + 1]) & (rows[None] < y_hi[:, i:i + 1])
            out.append(torch.where(inside[:, None, :, None], by_col, low).amax(2))
        out = torch.stack(out, 2)  # (K, C, k, k)
        return torch.where(torch.isinf(out), torch.zeros_like(out), out)

    return _per_image(features, rois, pool, k)


def roi_align(
    features: torch.Tensor, rois: torch.Tensor, output_size: int, spatial_scale: float,
    sampling_ratio: int = SAMPLES, aligned: bool = True,
) -> torch.Tensor:
    """RoI Align (Mask R-CNN): (N, C, H, W) features, (K, 5) regions →
    (K, C, k, k); equal to ``torchvision.ops.roi_align`` with a positive
    ``sampling_ratio``. Each bin is the mean of ``sampling_ratio²`` bilinear samples.

    Bilinear interpolation is separable: the samples are ``Wy · F · Wxᵀ`` with one
    weight matrix per axis (two matrix products), then each bin's samples are
    averaged.
    """
    if sampling_ratio < 1:
        raise ValueError("sampling_ratio must be at least 1 here")
    k, g, (h, w) = output_size, sampling_ratio, features.shape[-2:]

    def pool(fmap: torch.Tensor, boxes: torch.Tensor) -> torch.Tensor:
        _, xs = align_sample_coords(boxes[:, 0], boxes[:, 2], k, spatial_scale, g,
                                    aligned)
        _, ys = align_sample_coords(boxes[:, 1], boxes[:, 3], k, spatial_scale, g,
                                    aligned)
        wy, wx = _bilinear_weights(ys, h), _bilinear_weights(xs, w)
        n, p, c = len(boxes), k * g, fmap.shape[0]
        # rows first, one matrix product for every region: (n·p, H) @ (H, C·W)
        rows = wy.reshape(n * p, h) @ fmap.permute(1, 0, 2).reshape(h, c * w)
        rows = rows.reshape(n, p, c, w).permute(0, 2, 1, 3).reshape(n, c * p, w)
        samples = torch.bmm(rows, wx.transpose(1, 2))  # (n, C·p, q)
        return F.avg_pool2d(samples.reshape(n, c, p, p), g)  # the mean per bin

    return _per_image(features, rois, pool, k)


ROI_OPS = {"align": roi_align, "pool": roi_pool}


# -- the network -------------------------------------------------------------------
class TwoStageDetector(nn.Module):
    """A small backbone (64 → 16 × 16 cells), the RPN's 3 × 3 conv with its two 1 × 1
    outputs, and the second stage: a dense layer on the pooled k × k features, then
    the class scores (background first) and four box offsets.

    ``forward`` is the backbone: the stages are called one by one
    (:meth:`rpn`, :meth:`classify`) because the regions between them are chosen by
    non-differentiable steps (top-N, NMS, sampling).
    """

    def __init__(self, n_classes: int, anchors_per_cell: int, roi_size: int,
                 width: int = 16, hidden: int = 128):
        super().__init__()
        self.n_classes, self.anchors_per_cell = n_classes, anchors_per_cell
        self.roi_size = roi_size
        w = width
        self.backbone = nn.Sequential(
            nn.Conv2d(1, w, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(w, 2 * w, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(2 * w, 3 * w, 3, padding=1), nn.ReLU(),
        )  # fmt: skip
        self.channels = 3 * w
        self.rpn_conv = nn.Conv2d(3 * w, 3 * w, 3, padding=1)
        self.rpn_relu = nn.ReLU()
        self.rpn_score = nn.Conv2d(3 * w, anchors_per_cell, 1)
        self.rpn_box = nn.Conv2d(3 * w, 4 * anchors_per_cell, 1)
        self.head = nn.Sequential(
            nn.Flatten(), nn.Linear(3 * w * roi_size * roi_size, hidden), nn.ReLU()
        )
        self.head_class = nn.Linear(hidden, n_classes + 1)
        self.head_box = nn.Linear(hidden, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.backbone(x)

    def rpn(self, features: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Objectness logits (N, A) and offsets (N, A, 4), anchors in the order of
        :func:`~dlviz.core.vision.boxes.make_anchors` (row, column, shape)."""
        hidden = self.rpn_relu(self.rpn_conv(features))
        n = len(features)
        scores = self.rpn_score(hidden).permute(0, 2, 3, 1).reshape(n, -1)
        offsets = self.rpn_box(hidden).permute(0, 2, 3, 1).reshape(n, -1, 4)
        return scores, offsets

    def classify(self, pooled: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Class scores (K, C + 1) and box offsets (K, 4) of pooled regions."""
        hidden = self.head(pooled)
        return self.head_class(hidden), self.head_box(hidden)


# -- the RPN: targets, loss, proposals ---------------------------------------------
def rpn_targets(
    anchors: torch.Tensor, boxes: torch.Tensor, labels: torch.Tensor,
    counts: torch.Tensor, match_iou: float = 0.5,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Objectness targets (N, A): 1 object, 0 background, −1 ignored (best IoU between
    :data:`RPN_BACKGROUND_IOU` and ``match_iou``), and the offsets (N, A, 4) to the
    matched box. The matching is the one-stage detector's
    (:func:`~dlviz.core.vision.detector.anchor_targets`)."""
    matched = anchor_targets(anchors, boxes, labels, counts, match_iou)
    positive = matched[..., 0] > 0
    n, m = boxes.shape[:2]
    boxes, counts = boxes.to(anchors.device), counts.to(anchors.device)
    valid = torch.arange(m, device=anchors.device)[None, :] < counts[:, None]
    iou = box_iou(anchors, boxes.reshape(-1, 4)).reshape(len(anchors), n, m)
    best = iou.permute(1, 0, 2).masked_fill(~valid[:, None, :], 0.0).amax(2)
    target = torch.where(best < RPN_BACKGROUND_IOU, 0.0, -1.0)
    target = torch.where(positive, 1.0, target)
    return target, matched[..., 1:]


def rpn_loss(
    scores: torch.Tensor, offsets: torch.Tensor, target: torch.Tensor,
    target_offsets: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Objectness and box loss of the RPN.

    Binary cross-entropy over the object anchors and the hardest background ones
    (3 per object anchor, at least 16 per image), averaged over those; smooth-L1 on
    the offsets of object anchors, per object anchor.
    """
    positive = target > 0
    bce = F.binary_cross_entropy_with_logits(scores, positive.float(),
                                             reduction="none")
    with torch.no_grad():
        background = bce.masked_fill(target != 0, -1.0)
        rank = background.argsort(1, descending=True).argsort(1)
        quota = RPN_NEGATIVES_PER_POSITIVE * positive.sum(1, keepdim=True)
        quota = quota.clamp_min(16)
        chosen = positive | ((rank < quota) & (target == 0))
    object_loss = (bce * chosen).sum() / chosen.sum().clamp_min(1)
    box = F.smooth_l1_loss(offsets, target_offsets, reduction="none").sum(-1)
    box_loss = (box * positive).sum() / positive.sum().clamp_min(1)
    return object_loss, box_loss


@dataclass
class Proposals:
    """The RPN's proposals of one image: the ``pre_nms`` best decoded anchors
    (``boxes``, ``scores`` = objectness probability, best first, with the index of
    the anchor each came from) and ``keep``, the indices of the ≤ N that NMS kept."""

    boxes: torch.Tensor
    scores: torch.Tensor
    anchor_index: torch.Tensor
    keep: torch.Tensor

    def kept(self) -> tuple[torch.Tensor, torch.Tensor]:
        return self.boxes[self.keep], self.scores[self.keep]


@torch.no_grad()
def propose(
    scores: torch.Tensor, offsets: torch.Tensor, anchors: torch.Tensor,
    image_size: int, top_n: int, nms_threshold: float, pre_nms: int = 200,
) -> list[Proposals]:
    """Region proposals per image: objectness, the ``pre_nms`` best anchors moved by
    their offsets and clipped to the image, tiny boxes dropped, NMS at
    ``nms_threshold``, the best ``top_n`` survivors."""
    result = []
    probs = torch.sigmoid(scores)
    for i in range(len(scores)):
        order = torch.argsort(probs[i], descending=True, stable=True)[:pre_nms]
        boxes = decode_boxes(anchors[order], offsets[i, order])
        boxes = boxes.clamp(0.0, float(image_size))
        wide = ((boxes[:, 2] - boxes[:, 0]) >= MIN_SIZE) & (
            (boxes[:, 3] - boxes[:, 1]) >= MIN_SIZE)
        order, boxes = order[wide], boxes[wide]
        keep = nms(boxes, probs[i, order], nms_threshold)[:top_n]
        result.append(Proposals(boxes, probs[i, order], order, keep))
    return result


# -- the second stage: sampled regions, loss, detections ----------------------------
def sample_rois(
    proposals: list[torch.Tensor], boxes: torch.Tensor, labels: torch.Tensor,
    counts: torch.Tensor, generator: torch.Generator,
    per_image: int = ROIS_PER_IMAGE,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Regions to train the second stage on: per image the proposals plus the true
    boxes, at most a quarter of them objects (IoU ≥ :data:`ROI_MATCH_IOU`), the
    rest background, drawn at random with ``generator`` (a CPU generator).

    Returns the regions (K, 5), their classes (K,) (0 background, c + 1 class c) and
    the offsets (K, 4) from each region to its object (zero for background).
    """
    device = boxes.device
    rois, classes, offsets = [], [], []
    for i, candidates in enumerate(proposals):
        k = int(counts[i])
        gt, gt_labels = boxes[i, :k], labels[i, :k]
        candidates = torch.cat((candidates, gt))
        if k:
            iou = box_iou(candidates, gt)
            best, owner = iou.max(1)
        else:
            best = torch.zeros(len(candidates), device=device)
            owner = torch.zeros(len(candidates), dtype=torch.long, device=device)
        positive = torch.nonzero(best >= ROI_MATCH_IOU).flatten()
        negative = torch.nonzero(best < ROI_MATCH_IOU).flatten()
        n_pos = min(len(positive), per_image // 4)
        pick_pos = torch.randperm(len(positive), generator=generator,
                                  device="cpu")[:n_pos].to(device)
        pick_neg = torch.randperm(len(negative), generator=generator,
                                  device="cpu")[:per_image - n_pos].to(device)
        chosen = torch.cat((positive[pick_pos], negative[pick_neg]))
        is_object = best[chosen] >= ROI_MATCH_IOU
        cls = torch.where(is_object, gt_labels[owner[chosen]] + 1, 0) if k else \
            torch.zeros(len(chosen), dtype=torch.long, device=device)
        region = candidates[chosen]
        target = gt[owner[chosen]] if k else region
        offsets.append(encode_boxes(region, target) * is_object[:, None])
        rois.append(torch.cat((torch.full((len(chosen), 1), float(i), device=device),
                               region), 1))
        classes.append(cls)
    return torch.cat(rois), torch.cat(classes), torch.cat(offsets)


def head_loss(
    class_scores: torch.Tensor, box_offsets: torch.Tensor, classes: torch.Tensor,
    target_offsets: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Cross-entropy over the sampled regions and smooth-L1 on the offsets of the
    object regions (per object region)."""
    class_loss = F.cross_entropy(class_scores, classes)
    positive = classes > 0
    box = F.smooth_l1_loss(box_offsets, target_offsets, reduction="none").sum(-1)
    box_loss = (box * positive).sum() / positive.sum().clamp_min(1)
    return class_loss, box_loss


@torch.no_grad()
def second_stage_detections(
    class_scores: torch.Tensor, box_offsets: torch.Tensor, rois: torch.Tensor,
    n_images: int, image_size: int, score_threshold: float, nms_threshold: float,
) -> list[Detections]:
    """Final detections per image: softmax, best object class per region, score
    threshold, the region moved by its refined offsets and clipped, per-class NMS."""
    from dlviz.core.vision.boxes import batched_nms

    probs = torch.softmax(class_scores, -1)
    scores, labels = probs[:, 1:].max(-1)
    boxes = decode_boxes(rois[:, 1:], box_offsets).clamp(0.0, float(image_size))
    found = []
    for i in range(n_images):
        mine = torch.nonzero((rois[:, 0] == i) & (scores >= score_threshold)).flatten()
        mine = mine[torch.argsort(scores[mine], descending=True, stable=True)]
        keep = batched_nms(boxes[mine], scores[mine], labels[mine], nms_threshold)
        found.append(Detections(boxes[mine], scores[mine], labels[mine], keep))
    return found


def proposal_recall(
    proposals: list[torch.Tensor], truths: list[torch.Tensor], iou: float = 0.5
) -> float:
    """Share of the true boxes that some proposal overlaps by at least ``iou``."""
    found = total = 0
    for boxes, gt in zip(proposals, truths):
        total += len(gt)
        if len(gt) and len(boxes):
            found += int((box_iou(gt, boxes).amax(1) >= iou).sum())
    return found / total if total else 0.0


def crop_regions(images: torch.Tensor, rois: torch.Tensor, size: int) -> torch.Tensor:
    """R-CNN's warped regions: each region cut out of its image and resized to
    ``size`` × ``size`` pixels (bilinear; RoI Align on the image itself)."""
    return roi_align(images, rois, size, 1.0, SAMPLES, aligned=True)


# -- what the stage draws: bins and samples of one region --------------------------
def pool_bins(box: np.ndarray, k: int, scale: float, size: int) -> dict:
    """RoI pooling's cells for one box, in feature-map cells (cell ``j`` spans
    ``j … j + 1``): the rounded region (4,) and the k² bins (k², 4), row by row."""
    t = torch.tensor(np.asarray(box, np.float64)[None], device="cpu")
    x_lo, x_hi = pool_bin_edges(t[:, 0], t[:, 2], k, scale, size)
    y_lo, y_hi = pool_bin_edges(t[:, 1], t[:, 3], k, scale, size)
    bins = [[x_lo[0, j], y_lo[0, i], x_hi[0, j], y_hi[0, i]]
            for i in range(k) for j in range(k)]
    first = _round_half_away(t[0] * scale)
    region = [first[0], first[1], first[2] + 1, first[3] + 1]
    return {"region": np.array([float(v) for v in region], np.float32),
            "bins": np.array(bins, np.float32).reshape(-1, 4)}


def align_bins(box: np.ndarray, k: int, scale: float, samples: int = SAMPLES) -> dict:
    """RoI Align's exact region (4,), its k² bins (k², 4) and the sample points
    (k² · samples², 2) for one box, in the same cell coordinates as
    :func:`pool_bins` (an index coordinate ``y`` lies at ``y + ½``)."""
    t = torch.tensor(np.asarray(box, np.float64)[None], device="cpu")
    x_edges, xs = align_sample_coords(t[:, 0], t[:, 2], k, scale, samples)
    y_edges, ys = align_sample_coords(t[:, 1], t[:, 3], k, scale, samples)
    x_edges, y_edges = x_edges[0].numpy() + 0.5, y_edges[0].numpy() + 0.5
    bins = [[x_edges[j], y_edges[i], x_edges[j + 1], y_edges[i + 1]]
            for i in range(k) for j in range(k)]
    gy, gx = np.meshgrid(ys[0].numpy() + 0.5, xs[0].numpy() + 0.5, indexing="ij")
    return {"region": np.array([x_edges[0], y_edges[0], x_edges[-1], y_edges[-1]],
                               np.float32),
            "bins": np.array(bins, np.float32),
            "points": np.stack((gx.ravel(), gy.ravel()), 1).astype(np.float32)}
