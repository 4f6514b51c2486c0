"""One unit worked out by hand (dlviz.core.explain.unit) equals the layer's output."""

import itertools
import math

import numpy as np
import pytest
import torch
from torch import nn

from dlviz.core.explain.unit import explain_unit, softmax_numbers, unit_layers
from dlviz.core.labs import get_lab

CPU = torch.device("cpu")


def _net() -> nn.Sequential:
    torch.manual_seed(3)
    net = nn.Sequential(
        nn.Conv2d(3, 4, 3, stride=2, padding=1),          # 0: 9 → 5, padded, strided
        nn.ReLU(),
        nn.MaxPool2d(2, stride=1, padding=1),             # 2: 5 → 6, padded
        nn.Conv2d(4, 6, 3, padding=2, dilation=2, groups=2, bias=False),  # 3: 6 → 6
        nn.BatchNorm2d(6),
        nn.Sigmoid(),
        nn.AvgPool2d(3, stride=2, padding=1),             # 6: 6 → 3, pad counted
        nn.AvgPool2d(2, stride=1, padding=1, count_include_pad=False),  # 7: 3 → 4
        nn.AdaptiveAvgPool2d((3, 2)),                     # 8: 4 → 3 × 2
        nn.Flatten(),
        nn.Linear(36, 5),
    )
    bn = net[4]
    bn.running_mean.uniform_(-0.5, 0.5)
    bn.running_var.uniform_(0.5, 2.0)
    bn.weight.data.uniform_(0.5, 1.5)
    bn.bias.data.uniform_(-0.3, 0.3)
    return net


def _outputs(net: nn.Sequential, x: torch.Tensor) -> list[torch.Tensor]:
    net.eval()
    outs, h = [], x
    with torch.no_grad():
        for layer in net:
            h = layer(h)
            outs.append(h)
    return outs


def test_every_unit_equals_the_layer_output():
    net = _net()
    x = torch.randn(1, 3, 9, 9)
    outs = _outputs(net, x)
    assert unit_layers(net, x) == ["0", "2", "3", "6", "7", "8"]
    for key in ("0", "2", "3", "6", "7", "8"):
        out = outs[int(key)][0]
        for c, r, q in itertools.product(range(out.shape[0]), range(out.shape[1]),
                                         range(out.shape[2])):
            unit = explain_unit(net, x, key, c, r, q)
            assert unit["value"] == pytest.approx(float(out[c, r, q]), abs=1e-5), \
                (key, c, r, q)
            assert unit["actual"] == pytest.approx(float(out[c, r, q]), abs=1e-6)
    assert not net.training  # nothing changed but the mode it was in (eval here)


def test_conv_unit_parts():
    net = _net()
    x = torch.randn(1, 3, 9, 9)
    unit = explain_unit(net, x, "0", channel=2, row=0, col=4)
    # the window starts one pixel outside (padding 1) and steps by 2
    assert unit["window"] == (-1, 7) and unit["kind"] == "conv"
    mask = unit["padding_mask"]
    assert mask[0].all() and mask[:, 2].all() and not mask[1:, :2].any()
    patches, kernels = unit["patches"], unit["kernels"]
    assert patches.shape == kernels.shape == (3, 3, 3)
    np.testing.assert_allclose(patches[:, 1:, :2], x[0, :, 0:2, 7:9].numpy())
    assert not patches[:, mask].any()
    np.testing.assert_allclose(kernels, net[0].weight[2].detach().numpy())
    np.testing.assert_allclose(unit["products"], patches * kernels, rtol=1e-6)
    assert unit["channel_sums"].sum() == pytest.approx(unit["sum"], abs=1e-5)
    assert unit["bias"] == pytest.approx(float(net[0].bias[2].detach()))
    assert unit["value"] == pytest.approx(unit["sum"] + unit["bias"])
    # the maps around it: its input channels and its own output map
    np.testing.assert_allclose(unit["input_maps"], x[0].numpy())
    np.testing.assert_allclose(unit["output_map"], _outputs(net, x)[0][0, 2].numpy())
    assert unit["reads_image"] is True
    assert explain_unit(net, x, "3", 0, 0, 0)["reads_image"] is False
    # then ReLU, in → out
    (relu,) = unit["after"]
    assert relu["kind"] == "ReLU" and relu["input"] == pytest.approx(unit["actual"])
    assert relu["output"] == pytest.approx(max(unit["actual"], 0.0))
    assert relu["actual"] == pytest.approx(relu["output"], abs=1e-6)


def test_grouped_conv_reads_its_group_then_batch_norm_and_sigmoid():
    net = _net()
    x = torch.randn(1, 3, 9, 9)
    unit = explain_unit(net, x, "3", channel=4, row=2, col=3)
    # six outputs in two groups of three: channel 4 reads input channels 2 and 3
    assert list(unit["in_channels"]) == [2, 3] and unit["groups"] == 2
    assert unit["has_bias"] is False and unit["bias"] == 0.0
    assert unit["dilation"] == (2, 2)
    bn, sigmoid = unit["after"]
    assert bn["kind"] == "BatchNorm2d" and sigmoid["kind"] == "Sigmoid"
    expected = ((unit["actual"] - bn["mean"]) / math.sqrt(bn["var"] + bn["eps"])
                * bn["gamma"] + bn["beta"])
    assert bn["output"] == pytest.approx(expected) == pytest.approx(bn["actual"],
                                                                    abs=1e-5)
    assert sigmoid["output"] == pytest.approx(1 / (1 + math.exp(-bn["actual"])))


def test_pooling_units():
    net = _net()
    x = torch.randn(1, 3, 9, 9)
    outs = _outputs(net, x)
    unit = explain_unit(net, x, "2", channel=1, row=0, col=0)
    assert unit["kind"] == "maxpool" and unit["window"] == (-1, -1)
    patch = unit["patch"]
    assert np.isnan(patch[0]).all() and np.isnan(patch[:, 0]).all()  # padding
    assert patch[1, 1] == pytest.approx(float(outs[1][0, 1, 0, 0]))
    assert unit["argmax"] == (1, 1) and unit["value"] == pytest.approx(patch[1, 1])
    # average pooling: padding counted (9 cells) or not (the cells inside)
    counted = explain_unit(net, x, "6", channel=0, row=0, col=0)
    assert counted["divisor"] == 9 and counted["padding_mask"].sum() == 5
    assert counted["value"] == pytest.approx(counted["sum"] / 9)
    uncounted = explain_unit(net, x, "7", channel=0, row=0, col=0)
    assert uncounted["divisor"] == 1
    assert uncounted["value"] == pytest.approx(float(outs[6][0, 0, 0, 0]), abs=1e-6)
    adaptive = explain_unit(net, x, "8", channel=0, row=1, col=1)
    assert adaptive["patch"].shape == (2, 2) and adaptive["divisor"] == 4


def test_softmax_numbers():
    z = torch.tensor([2.0, -1.0, 0.5, 3.0])
    out = softmax_numbers(z)
    np.testing.assert_allclose(out["exp"], np.exp(z.double().numpy()))
    assert out["exp_sum"] == pytest.approx(float(np.exp(z.double().numpy()).sum()))
    np.testing.assert_allclose(out["probs"], torch.softmax(z, 0).numpy(), rtol=1e-6)
    assert out["shifted"] is False
    big = softmax_numbers(np.array([100.0, 98.0]))
    assert big["shifted"] is True and big["exp"][0] == 1.0
    np.testing.assert_allclose(big["probs"], [1 / (1 + math.exp(-2)),
                                              1 / (1 + math.exp(2))], rtol=1e-6)


def test_unknown_layer_and_unit_outside():
    net = _net()
    x = torch.randn(1, 3, 9, 9)
    with pytest.raises(ValueError, match="no feature-map layer"):
        explain_unit(net, x, "1", 0, 0, 0)
    with pytest.raises(ValueError, match="outside"):
        explain_unit(net, x, "0", 4, 0, 0)
    only = explain_unit(net, x, None)
    assert set(only) == {"layers", "softmax"}


@pytest.mark.parametrize("key", ["lenet5", "resnet"])
def test_explain_unit_request_matches_the_snapshot(key):
    task = get_lab(key).create({"batch_size": 16, "sample_index": 3}, CPU)
    task.train_step()
    snap = task.snapshot()
    for layer in snap["layers"][:3]:
        fmap = snap["feature_maps"][layer]
        c, r, q = min(2, fmap.shape[0] - 1), fmap.shape[1] // 2, fmap.shape[2] - 1
        unit = task.handle("explain_unit", {"layer": layer, "channel": c, "row": r,
                                            "col": q})
        assert unit["source"] == "sample" and unit["index"] == 3
        assert unit["actual"] == pytest.approx(float(fmap[c, r, q]), abs=1e-5)
        assert unit["value"] == pytest.approx(unit["actual"], abs=1e-4)
    np.testing.assert_allclose(unit["softmax"]["probs"], snap["probs"], atol=1e-6)
    assert task.model.training  # the request leaves the training mode alone
    drawn = task.handle("explain_unit", {"layer": snap["layers"][0], "image":
                                         np.eye(28, dtype=np.float32)})
    assert drawn["source"] == "drawing" and drawn["image"].shape == (1, 32, 32)
    assert len(drawn["in_channels"]) == 1  # the first conv reads the one channel
