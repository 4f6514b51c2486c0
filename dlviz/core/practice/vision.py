"""Chapter "vision": IoU and NMS (the detection lab's own functions), anchors, the
FCN's transposed convolutions and the IoU of masks."""

from __future__ import annotations

import random

import numpy as np
import torch
from torch import nn

from dlviz.core.labs.vision import (
    ANCHOR_RATIOS,
    ANCHOR_SIZES,
    FEATURE_SIZE,
    SEGMENTATION_IMAGE,
)
from dlviz.core.practice.model import CHOICE, Draft, Link, NoQuestion
from dlviz.core.practice.registry import kind
from dlviz.core.vision.boxes import box_iou, make_anchors, nms
from dlviz.core.vision.fcn import TinyFCN, transposed_conv_output_size


def _box(rng: random.Random, near: list[int] | None = None) -> list[int]:
    if near is None:
        x, y = rng.randint(0, 6), rng.randint(0, 6)
        return [x, y, x + rng.randint(4, 8), y + rng.randint(4, 8)]
    x, y = near[0] + rng.randint(-2, 2), near[1] + rng.randint(-2, 2)
    w = max(2, near[2] - near[0] + rng.randint(-1, 1))
    h = max(2, near[3] - near[1] + rng.randint(-1, 1))
    return [x, y, x + w, y + h]


def _show(box: list[int]) -> str:
    return "(" + ", ".join(str(v) for v in box) + ")"


@kind("vision.iou", "vision", ("detection",))
def iou(rng: random.Random, lab: str, hp: dict) -> Draft:
    a = _box(rng)
    b = _box(rng, a)
    ta = torch.tensor([a], dtype=torch.float64)
    tb = torch.tensor([b], dtype=torch.float64)
    value = float(box_iou(ta, tb)[0, 0])
    if value <= 0:
        raise NoQuestion("the boxes do not overlap")
    w = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    area_b = (b[2] - b[0]) * (b[3] - b[1])
    inter = w * h
    return Draft(
        "Boxes as (x1, y1, x2, y2): A = {a}, B = {b}. What is their IoU?",
        dict(a=_show(a), b=_show(b)), value,
        "intersection {w}×{h} = {inter}; union {area_a} + {area_b} − {inter} = "
        "{union}; IoU = {inter}/{union} = {answer}",
        Link(lab, panel="matched anchors"),
        [(inter / (area_a + area_b), "The union counts the overlap once: subtract it."),
         (inter / min(area_a, area_b), "Divide by the union, not the smaller box."),
         ((w + 1) * (h + 1) / (area_a + area_b - (w + 1) * (h + 1)),
          "Corner coordinates: the width is x2 − x1, no +1.")],
        solution_args=dict(w=w, h=h, inter=inter, area_a=area_a, area_b=area_b,
                           union=area_a + area_b - inter, answer=value))


@kind("vision.nms", "vision", ("detection",))
def nms_survivors(rng: random.Random, lab: str, hp: dict) -> Draft:
    first = _box(rng)
    boxes = [first, _box(rng, first), _box(rng, first), [v + 12 for v in _box(rng)]]
    scores = rng.sample([0.95, 0.9, 0.8, 0.7, 0.6, 0.5], 4)
    threshold = float(hp.get("nms_threshold", 0.5)) if rng.random() < 0.5 else 0.5
    tb = torch.tensor(boxes, dtype=torch.float64)
    ts = torch.tensor(scores, dtype=torch.float64)
    keep = sorted(int(i) for i in nms(tb, ts, threshold))
    by_score = sorted(int(i) for i in nms(tb, -ts, threshold))
    overlaps = box_iou(tb, tb)
    listing = "; ".join(f"{i}: {_show(b)} score {s:g}"
                        for i, (b, s) in enumerate(zip(boxes, scores)))
    best = int(np.argmax(scores))
    pairs = ", ".join(f"IoU({i},{j}) = {float(overlaps[i, j]):.2f}"
                      for i in range(4) for j in range(i + 1, 4)
                      if float(overlaps[i, j]) > 0)
    return Draft(
        "Boxes {listing}. Which boxes survive non-maximum suppression at IoU "
        "threshold {t}?",
        dict(listing=listing, t=threshold), keep,
        "Keep the best box left, drop the boxes overlapping it by more than {t}, "
        "repeat. {pairs}",
        Link(lab, panel="after NMS"),
        [(by_score, "Start from the highest score, not the lowest."),
         ([best], "Only boxes that overlap a kept box are dropped."),
         ([0, 1, 2, 3], "Overlapping boxes above the threshold are removed.")],
        form=CHOICE, solution_args=dict(pairs=pairs or "—"))


@kind("vision.anchors", "vision", ("detection",))
def anchor_count(rng: random.Random, lab: str, hp: dict) -> Draft:
    sizes_key = hp.get("anchor_sizes", rng.choice(list(ANCHOR_SIZES)))
    ratios_key = hp.get("anchor_ratios", rng.choice(list(ANCHOR_RATIOS)))
    sizes, ratios = ANCHOR_SIZES[sizes_key], ANCHOR_RATIOS[ratios_key]
    f = FEATURE_SIZE
    value = len(make_anchors(f, 64, sizes, ratios))
    per = len(sizes) * len(ratios)
    return Draft(
        "The detector's feature map is {f}×{f}; every cell has an anchor for each of "
        "the sizes {sizes} and each of the ratios {ratios}. How many anchors are "
        "there?",
        dict(f=f, sizes=sizes_key, ratios=ratios_key), value,
        "{f}·{f} cells × ({n_sizes} sizes × {n_ratios} ratios) = {f2} × {per} = "
        "{answer}",
        Link(lab, panel="matched anchors"),
        [(f * f * (len(sizes) + len(ratios)), "Each size is combined with each ratio: "
          "multiply."), (f * f, "Every cell has several anchors."),
         (per, "Every cell of the feature map has its anchors.")],
        solution_args=dict(n_sizes=len(sizes), n_ratios=len(ratios), f2=f * f,
                           per=per, answer=value))


@kind("vision.yolo", "vision", ("detection",))
def yolo_output(rng: random.Random, lab: str, hp: dict) -> Draft:
    s = rng.choice((7, 13))
    b = rng.choice((2, 3))
    c = rng.choice((20, 80))
    value = s * s * (b * 5 + c)
    return Draft(
        "YOLO (v1) cuts the image into {s}×{s} cells; each predicts {b} boxes (x, y, "
        "w, h, confidence) and {c} class probabilities. How many numbers does the "
        "network output?",
        dict(s=s, b=b, c=c), value, "{s}·{s}·({b}·5 + {c}) = {answer}",
        Link(lab, panel="before NMS"),
        [(s * s * b * (5 + c), "YOLO v1 predicts the classes once per cell, not per "
          "box."), (s * s * (b * 4 + c), "Each box has a confidence too: 5 numbers."),
         (s * s * b, "That is the number of boxes, not of outputs.")],
        solution_args=dict(answer=value))


@kind("vision.transposed", "vision", ("segmentation",))
def transposed_output(rng: random.Random, lab: str, hp: dict) -> Draft:
    skip = bool(hp.get("skip", True)) if "skip" in hp else rng.random() < 0.7
    with torch.device("meta"):
        model = TinyFCN(3, int(hp.get("width", 16)), skip)
    sizes: dict[str, tuple[int, int]] = {}
    handles = [
        layer.register_forward_hook(
            lambda m, i, o, name=name: sizes.__setitem__(
                name, (i[0].shape[-1], o.shape[-1])))
        for name, layer in model.upsampling_layers()
    ]
    with torch.no_grad():
        model(torch.empty(1, 1, SEGMENTATION_IMAGE, SEGMENTATION_IMAGE,
                          device="meta"))
    for handle in handles:
        handle.remove()
    name, layer = rng.choice(model.upsampling_layers())
    if not isinstance(layer, nn.ConvTranspose2d):
        raise NoQuestion("not a transposed convolution")
    n, out = sizes[name]
    k, s, p = layer.kernel_size[0], layer.stride[0], layer.padding[0]
    value = transposed_conv_output_size(n, k, s, p)
    if value != out:
        raise NoQuestion("formula and network disagree")
    return Draft(
        "The FCN's transposed convolution {path} (kernel {k}, stride {s}, padding {p}) "
        "gets a {n}×{n} map. What is the side of its output?",
        dict(path=name, k=k, s=s, p=p, n=n), value,
        "(n − 1)·s − 2p + k = ({n} − 1)·{s} − 2·{p} + {k} = {answer}",
        Link(lab, name),
        [((n - k + 2 * p) // s + 1, "That is the ordinary convolution's formula; a "
          "transposed convolution enlarges."), (n * s + k, "Start from (n − 1)·s, "
          "then subtract the padding twice."), ((n - 1) * s + k,
                                                "The padding is subtracted twice.")],
        solution_args=dict(answer=value))


@kind("vision.mask_iou", "vision", ("segmentation",))
def mask_iou(rng: random.Random, lab: str, hp: dict) -> Draft:
    gen = np.random.default_rng(rng.randrange(2**31))
    truth = gen.random((4, 4)) < 0.5
    pred = truth.copy()
    flips = gen.choice(16, size=rng.randint(2, 4), replace=False)
    pred.flat[flips] = ~pred.flat[flips]
    inter = int((truth & pred).sum())
    union = int((truth | pred).sum())
    if union == 0:
        raise NoQuestion("empty masks")
    value = inter / union
    accuracy = float((truth == pred).mean())

    def rows(mask: np.ndarray) -> str:
        return " / ".join("".join("1" if v else "0" for v in row) for row in mask)

    return Draft(
        "Two 4×4 masks of one class (rows separated by /): true {t}, predicted {p}. "
        "What is the IoU of the class?",
        dict(t=rows(truth), p=rows(pred)), value,
        "pixels in both {inter}, in either {union}: IoU = {inter}/{union} = {answer}",
        Link(lab, panel="class IoU"),
        [(accuracy, "That is the pixel accuracy (all 16 pixels), not the IoU."),
         (inter / max(1, int(truth.sum())), "Divide by the union, not by the true "
          "mask."), (2 * inter / max(1, int(truth.sum() + pred.sum())),
                     "That is the Dice score.")],
        form=CHOICE, solution_args=dict(inter=inter, union=union, answer=value))



@kind("vision.roi_cells", "vision", ("two_stage",))
def roi_pool_cells(rng: random.Random, lab: str, hp: dict) -> Draft:
    """How many feature cells RoI pooling reads across a proposal (the two-stage
    lab's own :func:`~dlviz.core.vision.two_stage.pool_bins`)."""
    from dlviz.core.vision.two_stage import STRIDE, pool_bins

    s = STRIDE
    x0 = rng.randint(1, 30)
    x1 = x0 + rng.randint(10, 26)
    k = int(hp.get("roi_size", rng.choice((2, 3, 5))))
    region = pool_bins(np.array([x0, 0, x1, 1], np.float64), k, 1.0 / s, 64)["region"]
    first, value = int(region[0]), int(region[2] - region[0])
    last = first + value - 1
    return Draft(
        "A proposal runs from x = {x0} to x = {x1} px; the feature map has stride {s}. "
        "Across how many feature cells does RoI pooling (output {k}×{k}) take its "
        "maxima?",
        dict(x0=x0, x1=x1, s=s, k=k), value,
        "round({x0}/{s}) = {first}, round({x1}/{s}) = {last}; both end cells count: "
        "{last} − {first} + 1 = {answer}",
        Link(lab, panel="RoI pooling"),
        [(value - 1, "RoI pooling includes both end cells: add 1."),
         (k, "k is the number of bins, not of cells the region covers."),
         (round((x1 - x0) / s, 1), "RoI pooling rounds the region to whole cells; "
          "RoI Align keeps the fraction.")],
        solution_args=dict(first=first, last=last, answer=value))
