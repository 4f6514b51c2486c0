"""Bounding boxes: IoU, anchors, offset encoding, anchor matching and NMS.

Boxes are ``(x0, y0, x1, y1)`` in pixels (corner form); ``(cx, cy, w, h)`` is the
centre form. Everything works on torch tensors so the detector can use it on a batch.
Every tensor a function here creates lies on the device of its input (CPU or GPU).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

#: Scale of the offsets (SSD's "variances"): targets come out near unit size.
OFFSET_SCALE = (0.1, 0.1, 0.2, 0.2)


def corners_to_center(boxes: torch.Tensor) -> torch.Tensor:
    """``(x0, y0, x1, y1)`` → ``(cx, cy, w, h)``."""
    x0, y0, x1, y1 = boxes.unbind(-1)
    return torch.stack(((x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0), -1)


def center_to_corners(boxes: torch.Tensor) -> torch.Tensor:
    """``(cx, cy, w, h)`` → ``(x0, y0, x1, y1)``."""
    cx, cy, w, h = boxes.unbind(-1)
    return torch.stack((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), -1)


def box_area(boxes: torch.Tensor) -> torch.Tensor:
    """Area of each box (0 for empty or inverted boxes)."""
    return (boxes[..., 2] - boxes[..., 0]).clamp_min(0) * (
        boxes[..., 3] - boxes[..., 1]
    ).clamp_min(0)


def box_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Pairwise intersection over union of boxes ``a`` (N, 4) and ``b`` (M, 4): (N, M).

    ``IoU = |A ∩ B| / |A ∪ B|``: 1 for identical boxes, 0 when they do not overlap.
    """
    top_left = torch.maximum(a[:, None, :2], b[None, :, :2])
    bottom_right = torch.minimum(a[:, None, 2:], b[None, :, 2:])
    wh = (bottom_right - top_left).clamp_min(0)
    inter = wh[..., 0] * wh[..., 1]
    union = box_area(a)[:, None] + box_area(b)[None, :] - inter
    return inter / union.clamp_min(1e-9)


def make_anchors(
    feature_size: int,
    image_size: int,
    sizes: Sequence[float],
    ratios: Sequence[float],
    device: torch.device | str | None = None,
) -> torch.Tensor:
    """Anchor boxes centred on each cell of a ``feature_size``² grid over the image.

    Each cell gets ``len(sizes) · len(ratios)`` anchors; an anchor of size ``s`` and
    ratio ``r`` (width / height) has width ``s·√r`` and height ``s/√r``, so its area
    is ``s²``. Returns (feature_size² · len(sizes) · len(ratios), 4) corner boxes,
    ordered by row, then column, then size, then ratio; on ``device`` (CPU default).
    """
    stride = image_size / feature_size
    centres = torch.arange(feature_size, dtype=torch.float32, device=device)
    centres = (centres + 0.5) * stride
    cy, cx = torch.meshgrid(centres, centres, indexing="ij")
    shapes = torch.tensor(
        [[s * r**0.5, s / r**0.5] for s in sizes for r in ratios],
        dtype=torch.float32, device=device,
    )
    n_cells, n_shapes = feature_size * feature_size, len(shapes)
    centre = torch.stack((cx.reshape(-1), cy.reshape(-1)), -1)
    centre = centre[:, None, :].expand(n_cells, n_shapes, 2)
    wh = shapes[None].expand(n_cells, n_shapes, 2)
    return center_to_corners(torch.cat((centre, wh), -1).reshape(-1, 4))


def encode_boxes(
    anchors: torch.Tensor,
    boxes: torch.Tensor,
    scale: Sequence[float] = OFFSET_SCALE,
) -> torch.Tensor:
    """Offsets that move each anchor onto its box (both (..., 4) corner boxes).

    ``tx = (bx − ax) / aw``, ``ty = (by − ay) / ah``, ``tw = log(bw / aw)``,
    ``th = log(bh / ah)``, each divided by ``scale``.
    """
    a, b = corners_to_center(anchors), corners_to_center(boxes)
    s = torch.tensor(scale, dtype=a.dtype, device=a.device)
    xy = (b[..., :2] - a[..., :2]) / a[..., 2:]
    wh = torch.log(b[..., 2:].clamp_min(1e-6) / a[..., 2:])
    return torch.cat((xy, wh), -1) / s


def decode_boxes(
    anchors: torch.Tensor,
    offsets: torch.Tensor,
    scale: Sequence[float] = OFFSET_SCALE,
) -> torch.Tensor:
    """The boxes that ``offsets`` describe relative to ``anchors`` (inverse of
    :func:`encode_boxes`)."""
    a = corners_to_center(anchors)
    t = offsets * torch.tensor(scale, dtype=offsets.dtype, device=offsets.device)
    xy = a[..., :2] + t[..., :2] * a[..., 2:]
    wh = a[..., 2:] * torch.exp(t[..., 2:].clamp(max=4.0))
    return center_to_corners(torch.cat((xy, wh), -1))


def match_anchors(
    anchors: torch.Tensor, boxes: torch.Tensor, threshold: float = 0.5
) -> tuple[torch.Tensor, torch.Tensor]:
    """Assign each anchor a ground-truth box or background.

    An anchor takes the box it overlaps most when that IoU is at least ``threshold``;
    besides, every box claims its best anchor, so no object is left without one.
    Returns the box index per anchor (−1 for background) and that IoU, both (A,),
    on the anchors' device (``boxes`` are moved there when they lie elsewhere).
    """
    n_anchors, device = len(anchors), anchors.device
    if len(boxes) == 0:
        return (
            torch.full((n_anchors,), -1, dtype=torch.long, device=device),
            torch.zeros(n_anchors, dtype=anchors.dtype, device=device),
        )
    boxes = boxes.to(device=device, dtype=anchors.dtype)
    iou = box_iou(anchors, boxes)
    best_iou, best_box = iou.max(1)
    background = torch.full_like(best_box, -1)
    assigned = torch.where(best_iou >= threshold, best_box, background)
    claimed = iou.argmax(0)  # each box's best anchor
    assigned[claimed] = torch.arange(len(boxes), device=device)
    best_iou = iou[torch.arange(n_anchors, device=device), assigned.clamp_min(0)]
    return assigned, torch.where(assigned >= 0, best_iou, torch.zeros_like(best_iou))


def nms(
    boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float
) -> torch.Tensor:
    """Greedy non-maximum suppression; indices of the kept boxes, best score first.

    Repeat: keep the highest-scoring box left, drop every other box whose IoU with it
    exceeds ``iou_threshold``. The kept indices lie on the device of ``boxes``; the
    greedy loop itself runs on the host over one copy of the overlap matrix (one
    transfer instead of a device round trip per box).
    """
    order = torch.argsort(scores, descending=True, stable=True)
    if len(order) == 0:
        return order.to(boxes.device)
    overlaps = (box_iou(boxes, boxes) > iou_threshold).cpu().numpy()
    suppressed = np.zeros(len(boxes), dtype=bool)
    keep = []
    for i in order.tolist():
        if suppressed[i]:
            continue
        keep.append(i)
        suppressed |= overlaps[i]
    return torch.tensor(keep, dtype=torch.long, device=boxes.device)


def batched_nms(
    boxes: torch.Tensor,
    scores: torch.Tensor,
    labels: torch.Tensor,
    iou_threshold: float,
) -> torch.Tensor:
    """NMS within each class separately (boxes of different classes never suppress
    each other); kept indices, best score first."""
    if len(boxes) == 0:
        return torch.zeros(0, dtype=torch.long, device=boxes.device)
    shift = labels.to(boxes.dtype)[:, None] * (boxes.max() + 1.0)
    return nms(boxes + shift, scores, iou_threshold)
