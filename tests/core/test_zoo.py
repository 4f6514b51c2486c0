"""The CNN zoo: published parameter counts, shapes, and the structure of each block."""

import pytest
import torch
from torch import nn

from dlviz.core.zoo import ZOO, count_parameters, get_card, zoo_names
from dlviz.core.zoo.cnn import BasicBlock, DepthwiseSeparable, Inception
from dlviz.core.zoo.summary import build_meta, summarize, summary_text

PUBLISHED = {
    "lenet5": 61_706,
    "alexnet": 61_100_840,  # torchvision
    "vgg": 138_357_544,  # VGG-16
    "nin": 7_595_176,  # ImageNet NiN, hand-counted below
    "googlenet": 6_624_904,  # torchvision, no aux classifiers
    "resnet": 11_689_512,  # ResNet-18
    "mobilenet": 4_231_976,  # MobileNet v1 1.0-224
}


def test_zoo_names():
    assert zoo_names() == list(PUBLISHED)
    with pytest.raises(KeyError, match="resnet"):
        get_card("resnet50")


@pytest.mark.parametrize("name", list(PUBLISHED))
def test_full_parameter_counts_equal_published(name):
    model = build_meta(name, full=True)
    assert all(p.device.type == "meta" for p in model.parameters())
    assert count_parameters(model) == PUBLISHED[name] == ZOO[name].full_params
    assert f"Total params: {PUBLISHED[name]:,}" in summary_text(name, full=True)


def test_other_published_variants():
    vgg = {"VGG-11": 132_863_336, "VGG-13": 133_047_848, "VGG-19": 143_667_240}
    for config, count in vgg.items():
        assert count_parameters(build_meta("vgg", True, config=config)) == count
    # The paper's 5x5 path in every Inception block adds c_red * c * (25 - 9).
    extra = 16 * sum(a * b for a, b in [
        (16, 32), (32, 96), (16, 48), (24, 64), (24, 64), (32, 64), (32, 128),
        (32, 128), (48, 128)])
    paper = count_parameters(build_meta("googlenet", True, wide_kernel=5))
    assert paper == 6_624_904 + extra
    # The course's (d2l) grey 10-class NiN, counted by hand.
    block1 = (1 * 96 * 121 + 96) + 2 * (96 * 96 + 96)
    block2 = (96 * 256 * 25 + 256) + 2 * (256 * 256 + 256)
    block3 = (256 * 384 * 9 + 384) + 2 * (384 * 384 + 384)
    block4 = (384 * 10 * 9 + 10) + 2 * (10 * 10 + 10)
    course = block1 + block2 + block3 + block4
    assert course == 1_992_166
    assert count_parameters(build_meta("nin", True, num_classes=10)) == course
    imagenet = (
        (3 * 96 * 121 + 96) + 2 * (96 * 96 + 96) + block2 + block3
        + (384 * 1024 * 9 + 1024) + (1024 * 1024 + 1024) + (1024 * 1000 + 1000)
    )
    assert imagenet == PUBLISHED["nin"]


def test_lenet5_layer_counts_and_shapes():
    rows, total = summarize(build_meta("lenet5"), (1, 32, 32))
    with_params = [(r.path, r.output_shape, r.parameters) for r in rows if r.parameters]
    assert with_params == [
        ("features.0", (1, 6, 28, 28), 6 * 25 + 6),
        ("features.3", (1, 16, 10, 10), 16 * 6 * 25 + 16),
        ("classifier.1", (1, 120), 400 * 120 + 120),
        ("classifier.3", (1, 84), 120 * 84 + 84),
        ("classifier.5", (1, 10), 84 * 10 + 10),
    ]
    assert total == 61_706


def test_full_shapes_follow_the_papers():
    def shapes(name):
        rows, _ = summarize(build_meta(name, True), ZOO[name].full_input)
        return {r.path: r.output_shape for r in rows}

    assert shapes("alexnet")["features.12"] == (1, 256, 6, 6)
    assert shapes("vgg")["features.4.6"] == (1, 512, 7, 7)
    resnet = shapes("resnet")
    assert resnet["stem.3"] == (1, 64, 56, 56)
    assert resnet["stages.3.1.relu2"] == (1, 512, 7, 7)
    googlenet = shapes("googlenet")
    assert googlenet["stem.4"] == (1, 192, 28, 28)
    assert googlenet["inceptions.8"] == (1, 832, 7, 7)
    assert shapes("mobilenet")["features.13.pointwise.2"] == (1, 1024, 7, 7)
    assert shapes("nin")["9"] == (1, 1000)


@pytest.mark.parametrize("name", list(PUBLISHED))
def test_reduced_networks_run_on_digits(name):
    torch.manual_seed(0)
    model = ZOO[name].build()
    assert count_parameters(model) < 400_000
    out = model(torch.rand(3, 1, 32, 32))
    assert out.shape == (3, 10)
    assert torch.isfinite(out).all()
    text = summary_text(name)
    assert text.splitlines()[-1] == f"Total params: {count_parameters(model):,}"


def test_residual_block_adds_its_input():
    torch.manual_seed(0)
    block = BasicBlock(4, 4).eval()
    x = torch.randn(2, 4, 5, 5)
    branch = block.bn2(block.conv2(torch.relu(block.bn1(block.conv1(x)))))
    torch.testing.assert_close(block(x), torch.relu(branch + x))
    plain = BasicBlock(4, 8, stride=2, skip=False).eval()
    assert plain.downsample is None
    y = plain(x)
    branch = plain.bn2(plain.conv2(torch.relu(plain.bn1(plain.conv1(x)))))
    torch.testing.assert_close(y, torch.relu(branch))


def test_resnet_skip_option_removes_every_skip():
    with_skip = ZOO["resnet"].build(skip=True, depth=14)
    without = ZOO["resnet"].build(skip=False, depth=14)
    blocks = [m for m in with_skip.modules() if isinstance(m, BasicBlock)]
    assert len(blocks) == 6 and all(b.skip for b in blocks)
    assert sum(b.downsample is not None for b in blocks) == 2
    assert not any(m.skip for m in without.modules() if isinstance(m, BasicBlock))
    convs = [m for m in with_skip.modules() if isinstance(m, nn.Conv2d)]
    assert len(convs) == 1 + 12 + 2  # stem, two per block, two projections


def test_inception_concatenates_four_paths():
    block = Inception(8, 2, 3, 4, 1, 5, 6)
    assert block(torch.rand(1, 8, 6, 6)).shape == (1, 2 + 4 + 5 + 6, 6, 6)


def test_depthwise_separable_cost():
    layer = DepthwiseSeparable(32, 64)
    dw, pw = layer.depthwise[0], layer.pointwise[0]
    assert dw.groups == 32 and dw.weight.shape == (32, 1, 3, 3)
    assert pw.weight.shape == (64, 32, 1, 1)
    separable = dw.weight.numel() + pw.weight.numel()
    assert separable == 32 * 9 + 32 * 64
    assert separable < nn.Conv2d(32, 64, 3, bias=False).weight.numel() / 7


def test_reduced_nin_keeps_nin_blocks_and_global_pooling():
    torch.manual_seed(0)
    model = ZOO["nin"].build()
    blocks = [m for m in model if isinstance(m, nn.Sequential)]
    assert len(blocks) == 3
    for block in blocks:  # a convolution, then two 1 x 1 convolutions
        convs = [m for m in block if isinstance(m, nn.Conv2d)]
        assert len(convs) == 3 and convs[0].kernel_size != (1, 1)
        assert [c.kernel_size for c in convs[1:]] == [(1, 1), (1, 1)]
    assert not any(isinstance(m, nn.Linear) for m in model.modules())
    assert isinstance(model[-2], nn.AdaptiveAvgPool2d)
    last = blocks[-1]
    # the class scores come from the last 1 x 1 convolution, without ReLU
    assert isinstance(last[-1], nn.Conv2d) and last[-1].out_channels == 10
    assert isinstance(blocks[0][-1], nn.ReLU)
    model.eval()
    x = torch.rand(2, 1, 32, 32, generator=torch.Generator().manual_seed(0))
    scores = model[:-2](x).mean((-2, -1))
    assert (scores < 0).any()  # no ReLU clips the scores
    torch.testing.assert_close(model(x), scores)
