"""Convolution arithmetic against PyTorch's own modules and hand-computed values."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from dlviz.core import convmath as cm

torch.set_num_threads(1)

CONV_GRID = list(
    itertools.product(
        (5, 8, 13),  # input size
        (1, 3, 4),  # kernel
        (1, 2, 3),  # stride
        (0, 1, 2),  # padding
        (1, 2),  # dilation
    )
)


@pytest.mark.parametrize("n,k,s,p,d", CONV_GRID)
def test_conv_output_size_equals_torch(n, k, s, p, d):
    conv = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d, bias=False)
    x = torch.zeros(1, 1, n, n)
    if d * (k - 1) + 1 > n + 2 * p:
        with pytest.raises(RuntimeError):
            conv(x)
        with pytest.raises(cm.ConvError):
            cm.conv_output_size(n, k, s, p, d)
        assert cm.summarize_conv(n, k, s, p, d).error
        return
    expected = conv(x).shape[-1]
    assert cm.conv_output_size(n, k, s, p, d) == expected
    assert cm.output_size_formula(n, k, s, p, d).endswith(f"= {expected}")
    assert cm.summarize_conv(n, k, s, p, d).out_size == expected


@pytest.mark.parametrize(
    "c_in,c_out,k,groups",
    [(1, 1, 3, 1), (3, 64, 3, 1), (4, 8, 5, 2), (6, 6, 3, 6), (8, 16, 1, 4),
     (12, 24, 7, 3), (16, 32, 2, 1)],
)
def test_conv_params_equal_torch(c_in, c_out, k, groups):
    for bias in (True, False):
        conv = nn.Conv2d(c_in, c_out, k, groups=groups, bias=bias)
        expected = sum(p.numel() for p in conv.parameters())
        assert cm.conv_params(c_in, c_out, k, groups, bias) == expected


def test_conv_params_course_example():
    # 3×3 convolution, RGB input, 64 filters with bias: (3·3·3 + 1)·64 = 1792.
    assert cm.conv_params(3, 64, 3) == 1792
    assert cm.conv_params(3, 64, 3, bias=False) == 1728


def test_conv_params_rejects_groups_not_dividing_channels():
    with pytest.raises(cm.ConvError):
        cm.conv_params(6, 4, 3, groups=4)


def test_conv_macs_count_multiplications():
    # Count the multiplications of F.conv2d by hand: every output value needs
    # (C_in/groups)·k² products.
    c_in, c_out, k, groups, n = 4, 6, 3, 2, 10
    out = cm.conv_output_size(n, k, 1, 1)
    expected = out * out * c_out * (c_in // groups) * k * k
    assert cm.conv_macs(out, out, c_in, c_out, k, groups) == expected == 10 * 10 * 108
    s = cm.summarize_conv(n, k, 1, 1, 1, c_in, c_out, groups)
    assert s.macs == expected


@pytest.mark.parametrize(
    "n,k,d", [(7, 3, 1), (9, 5, 1), (8, 3, 2), (6, 4, 1), (10, 2, 3)]
)
@pytest.mark.filterwarnings("ignore:Using padding='same'")
def test_same_padding_keeps_size_like_torch(n, k, d):
    before, after = cm.same_padding(n, k, 1, d)
    assert before + after == d * (k - 1)
    x = torch.randn(1, 1, n, n)
    w = torch.randn(1, 1, k, k)
    ref = F.conv2d(x, w, padding="same", dilation=d)
    ours = F.conv2d(F.pad(x, (before, after, before, after)), w, dilation=d)
    assert torch.allclose(ours, ref, atol=1e-6)


def test_same_padding_with_stride_gives_ceil():
    for n, k, s in [(7, 3, 2), (8, 3, 2), (224, 7, 2), (9, 4, 3)]:
        before, after = cm.same_padding(n, k, s)
        out = (n + before + after - k) // s + 1
        assert out == -(-n // s)


def test_summarize_same_and_invalid():
    s = cm.summarize_conv(28, 5, same=True)
    assert (s.out_size, s.padding, s.error) == (28, 2, "")
    assert cm.summarize_conv(28, 4, same=True).error  # even kernel
    assert cm.summarize_conv(28, 3, stride=2, same=True).error
    bad = cm.summarize_conv(3, 5)
    assert bad.out_size is None and "larger" in bad.error
    assert "larger" in cm.output_size_formula(3, 5)


POOL_GRID = list(
    itertools.product(
        (4, 7, 12), (2, 3), (None, 1, 2), (0, 1), (False, True)
    )
)


@pytest.mark.parametrize("n,k,s,p,ceil", POOL_GRID)
def test_pool_output_size_equals_torch(n, k, s, p, ceil):
    x = torch.zeros(1, 1, n, n)
    if 2 * p > k:
        with pytest.raises(cm.ConvError):
            cm.pool_output_size(n, k, s, p, ceil_mode=ceil)
        return
    ours = cm.pool_output_size(n, k, s, p, ceil_mode=ceil)
    mx = nn.MaxPool2d(k, stride=s, padding=p, ceil_mode=ceil)(x).shape[-1]
    av = nn.AvgPool2d(k, stride=s, padding=p, ceil_mode=ceil)(x).shape[-1]
    assert ours == mx == av


@pytest.mark.parametrize("n,k,s,d", [(9, 3, 2, 2), (10, 2, 1, 3), (11, 3, 3, 2)])
def test_dilated_max_pool_equals_torch(n, k, s, d):
    x = torch.zeros(1, 1, n, n)
    expected = nn.MaxPool2d(k, stride=s, dilation=d)(x).shape[-1]
    assert cm.pool_output_size(n, k, s, dilation=d) == expected


def _footprint(model: nn.Module, n: int) -> int:
    """Side of the input region that influences the centre output (by autograd)."""
    x = torch.zeros(1, 1, n, n, requires_grad=True)
    out = model(x)
    h = out.shape[-1]
    out[0, 0, h // 2, h // 2].backward()
    rows = torch.nonzero(x.grad[0, 0].abs().sum(1))
    return int(rows.max() - rows.min() + 1)


def _ones_conv(k: int, s: int = 1, d: int = 1) -> nn.Conv2d:
    conv = nn.Conv2d(1, 1, k, stride=s, dilation=d, bias=False)
    nn.init.ones_(conv.weight)
    return conv


@pytest.mark.parametrize(
    "layers",
    [[(3,), (3,), (3,)], [(3,), (3,)], [(5, 2), (3, 1)], [(3, 2), (3, 2), (3,)],
     [(3, 1, 2), (3, 1, 4)], [(7, 2), (2, 2), (3, 1)]],
)
def test_receptive_field_equals_autograd_footprint(layers):
    model = nn.Sequential(*[_ones_conv(*layer) for layer in layers])
    rf = cm.receptive_fields(layers)
    assert rf[-1].size == _footprint(model, 41)
    jump = 1
    for layer in layers:
        jump *= layer[1] if len(layer) > 1 else 1
    assert rf[-1].jump == jump


def test_three_3x3_vs_one_7x7():
    for c in (1, 16, 64):
        cmp = cm.stacked_vs_single(c)
        assert cmp["receptive_field"] == cmp["large_kernel"] == 7
        assert cmp["stacked_params"] == 27 * c * c
        assert cmp["single_params"] == 49 * c * c
    two = cm.stacked_vs_single(1, count=2)
    assert two["large_kernel"] == 5
    assert (two["stacked_params"], two["single_params"]) == (18, 25)


def test_depthwise_separable_matches_torch_and_ratio():
    c_in, c_out, k = 32, 64, 3
    cost = cm.depthwise_separable_cost(c_in, c_out, k, 14, 14)
    dw = nn.Conv2d(c_in, c_in, k, groups=c_in, bias=False)
    pw = nn.Conv2d(c_in, c_out, 1, bias=False)
    std = nn.Conv2d(c_in, c_out, k, bias=False)
    assert cost["depthwise_params"] == dw.weight.numel() == 288
    assert cost["pointwise_params"] == pw.weight.numel() == 2048
    assert cost["standard_params"] == std.weight.numel() == 18432
    assert cost["ratio"] == pytest.approx(1 / 64 + 1 / 9)
    assert cost["ratio"] == pytest.approx(cost["ratio_formula"])
    macs_ratio = cost["separable_macs"] / cost["standard_macs"]
    assert macs_ratio == pytest.approx(cost["ratio"])
    assert cost["standard_macs"] == 14 * 14 * 18432


def test_pointwise_mixer():
    assert cm.pointwise_mixer(256, 64) == 256 * 64 + 64
    conv = nn.Conv2d(256, 64, 1)
    assert cm.pointwise_mixer(256, 64) == sum(p.numel() for p in conv.parameters())


@pytest.mark.parametrize("s,p,d", [(1, 0, 1), (2, 1, 1), (1, 1, 2), (3, 2, 1)])
def test_kernel_positions_equal_conv2d(s, p, d):
    image = cm.demo_input(7, seed=3)
    kernel = np.array([[1, 2, 0], [-1, 0, 1], [0, 3, -2]], dtype=np.float64)
    bias = 0.5
    positions = cm.kernel_positions(image, kernel, s, p, d, bias=bias)
    ref = F.conv2d(
        torch.from_numpy(image)[None, None], torch.from_numpy(kernel)[None, None],
        torch.tensor([bias], dtype=torch.float64), stride=s, padding=p, dilation=d,
    )[0, 0].numpy()
    assert len(positions) == ref.size
    for pos in positions:
        assert pos.value == pytest.approx(ref[pos.out_row, pos.out_col])
        assert pos.window.shape == (3, 3)


def test_kernel_position_text_is_the_dot_product():
    image = np.arange(9, dtype=float).reshape(3, 3)
    kernel = np.array([[1, 0], [-1, 2]], dtype=float)
    first = cm.kernel_positions(image, kernel)[0]
    # window [[0, 1], [3, 4]] · kernel = 0 + 0 − 3 + 8 = 5
    assert first.text == "0·1 + 1·0 + 3·(−1) + 4·2 = 5"
    assert first.value == 5
    assert (first.rows, first.cols) == ((0, 1), (0, 1))
    last = cm.kernel_positions(image, kernel)[-1]
    assert (last.out_row, last.out_col, last.rows, last.cols) == (1, 1, (1, 2), (1, 2))


def test_kernel_positions_padding_reads_zeros():
    image = np.ones((3, 3))
    positions = cm.kernel_positions(image, np.ones((3, 3)), padding=1)
    assert [p.value for p in positions] == [4, 6, 4, 6, 9, 6, 4, 6, 4]
