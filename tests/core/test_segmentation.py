"""Segmentation: transposed-convolution sizes against torch, bilinear upsampling,
mIoU by hand, the generated masks, and the tiny FCN learning them."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from dlviz.core.labs import get_lab
from dlviz.core.vision.fcn import (
    TinyFCN,
    bilinear_kernel,
    confusion_matrix,
    segmentation_scores,
    transposed_conv_coverage,
    transposed_conv_formula,
    transposed_conv_output_size,
)
from dlviz.core.vision.scenes import SHAPE_CLASSES, make_segmentation_scenes

torch.set_num_threads(1)

GRID = [
    (n, k, s, p)
    for n, k, s, p in itertools.product((1, 2, 3, 6), (1, 2, 3, 4, 5, 8), (1, 2, 3, 4),
                                        (0, 1, 2))
    if p < k  # torch refuses padding that would remove more than the kernel adds
    and transposed_conv_output_size(n, k, s, p) > 0
]


@pytest.mark.parametrize(("n", "k", "s", "p"), GRID)
def test_output_size_equals_conv_transpose2d(n: int, k: int, s: int, p: int) -> None:
    layer = nn.ConvTranspose2d(1, 1, k, stride=s, padding=p)
    out = layer(torch.zeros(1, 1, n, n))
    expected = (n - 1) * s - 2 * p + k
    assert out.shape[-1] == transposed_conv_output_size(n, k, s, p) == expected


def test_output_size_with_output_padding_and_dilation() -> None:
    layer = nn.ConvTranspose2d(1, 1, 3, stride=2, padding=1, output_padding=1,
                               dilation=2)
    out = layer(torch.zeros(1, 1, 5, 5))
    assert out.shape[-1] == transposed_conv_output_size(5, 3, 2, 1, 1, 2) == 12


def test_formula_text_has_the_numbers() -> None:
    assert transposed_conv_formula(6, 4, 2, 1).endswith(
        "(6 − 1)·2 − 2·1 + 4 = 12"
    )


@pytest.mark.parametrize(("n", "k", "s", "p"), [(2, 2, 2, 0), (3, 3, 2, 0),
                                                (4, 4, 2, 1), (3, 5, 3, 1)])
def test_coverage_equals_ones_through_conv_transpose(n, k, s, p) -> None:
    layer = nn.ConvTranspose2d(1, 1, k, stride=s, padding=p, bias=False)
    with torch.no_grad():
        layer.weight.fill_(1.0)
        out = layer(torch.ones(1, 1, n, n))[0, 0].numpy()
    np.testing.assert_array_equal(transposed_conv_coverage(n, k, s, p), out)


def test_kernel_two_stride_two_copies_each_input_to_a_2x2_block() -> None:
    # the course's example: a 2 × 2 input and a 2 × 2 kernel, stride 2
    x = torch.tensor([[[[0.0, 1.0], [2.0, 3.0]]]])
    k = torch.tensor([[[[0.0, 1.0], [2.0, 3.0]]]])
    out = F.conv_transpose2d(x, k, stride=2)[0, 0].numpy()
    expected = np.array([[0, 0, 0, 1], [0, 0, 2, 3], [0, 2, 0, 3], [4, 6, 6, 9]])
    np.testing.assert_array_equal(out, expected)


def test_bilinear_initialisation_upsamples_like_interpolate() -> None:
    x = torch.rand(1, 2, 5, 5)
    weight = bilinear_kernel(2, 4)
    up = F.conv_transpose2d(x, weight, stride=2, padding=1)
    ref = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
    # equal away from the border (the transposed conv pads with zeros)
    np.testing.assert_allclose(up[..., 1:-1, 1:-1].numpy(),
                               ref[..., 1:-1, 1:-1].numpy(), atol=1e-5)
    assert weight[0, 1].abs().sum() == 0  # no mixing of channels


def test_miou_by_hand() -> None:
    truth = torch.tensor([[0, 0, 1, 1], [0, 0, 1, 2]])
    pred = torch.tensor([[0, 1, 1, 1], [0, 0, 2, 2]])
    cm = confusion_matrix(pred, truth, 3)
    np.testing.assert_array_equal(cm.numpy(), [[3, 1, 0], [0, 2, 1], [0, 0, 1]])
    scores = segmentation_scores(cm)
    # IoU: class 0 → 3/(3+1) , class 1 → 2/(2+1+1), class 2 → 1/(1+1)
    np.testing.assert_allclose(scores["iou"], [3 / 4, 2 / 4, 1 / 2])
    assert scores["miou"] == pytest.approx((0.75 + 0.5 + 0.5) / 3)
    assert scores["pixel_acc"] == pytest.approx(6 / 8)


def test_miou_skips_classes_absent_from_truth_and_prediction() -> None:
    cm = np.array([[5, 0, 0], [0, 3, 0], [0, 0, 0]])
    scores = segmentation_scores(cm)
    assert np.isnan(scores["iou"][2])
    assert scores["miou"] == 1.0


def test_masks_match_the_shapes() -> None:
    images, masks = make_segmentation_scenes(30, 48, seed=2)
    assert images.shape == (30, 1, 48, 48) and masks.shape == (30, 48, 48)
    assert set(masks.unique().tolist()) == set(range(len(SHAPE_CLASSES)))
    # shapes are brighter than the background they cover, on average
    inside = images[:, 0][masks > 0].mean()
    outside = images[:, 0][masks == 0].mean()
    assert inside > outside + 0.3


@pytest.mark.parametrize("skip", [True, False])
def test_fcn_output_is_full_size_and_starts_bilinear(skip: bool) -> None:
    model = TinyFCN(4, width=8, skip=skip)
    assert model(torch.zeros(2, 1, 48, 48)).shape == (2, 4, 48, 48)
    assert model(torch.zeros(1, 1, 64, 64)).shape == (1, 4, 64, 64)  # any size / 8
    for _, layer in model.upsampling_layers():
        k = layer.kernel_size[0]
        np.testing.assert_allclose(layer.weight.detach(), bilinear_kernel(4, k))


def test_lab_snapshot_contract() -> None:
    task = get_lab("segmentation").create({"scenes": 100}, torch.device("cpu"))
    task.train_step()
    task.evaluate()
    snap = task.snapshot()
    assert snap["image"].shape == (48, 48) and snap["image"].dtype == np.float32
    assert snap["mask"].shape == snap["predicted"].shape == (48, 48)
    np.testing.assert_allclose(snap["probs"].sum(0), 1.0, atol=1e-5)
    np.testing.assert_array_equal(snap["probs"].argmax(0), snap["predicted"])
    assert [u["out"] for u in snap["upsampling"]] == [12, 48]
    assert snap["class_iou"].shape == (4,)
    assert task.handle("select_sample", {"index": 7})["sample_index"] == 7
    assert task.trace_step().metrics["loss"] > 0


@pytest.mark.slow
def test_training_reaches_miou() -> None:
    # README: mean IoU 0.87 after 580 steps (defaults). Measured (seed 0): 0.77 at
    # 350 steps, 0.866 (pixel accuracy 0.976) at 580.
    task = get_lab("segmentation").create({}, torch.device("cpu"))
    before = task.evaluate()
    for _ in range(580):
        task.train_step()
    after = task.evaluate()
    assert before["val_miou"] < 0.3
    assert after["val_miou"] >= 0.85
    assert after["val_acc"] >= 0.97
