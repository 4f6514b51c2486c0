"""The classic convolutional networks of chapter 4, as plain ``nn.Module`` builders.

Every builder has two uses: a *reduced* configuration that trains on the bundled
digits (1 × 32 × 32, 10 classes) on one CPU core in about a minute, keeping the
structure that defines the network (blocks, branches, skips), and the *full*
published configuration (3 × 224 × 224, 1000 classes) whose parameter count equals
the paper's or torchvision's. No activation is in-place, so forward hooks and
captum see every intermediate tensor unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

# -- LeNet-5 ----------------------------------------------------------------------


class LeNet5(nn.Module):
    """LeNet-5 on a 32 × 32 grey image (LeCun et al., 1998).

    ``activation="sigmoid", pooling="avg"`` is the original form (without the
    paper's trainable subsampling coefficients and partial C3 connections: the
    common 61,706-parameter form); ``"ReLU"`` and ``"max"`` give the modern one.
    """

    def __init__(
        self,
        activation: str = "sigmoid",
        pooling: str = "avg",
        in_channels: int = 1,
        num_classes: int = 10,
    ):
        super().__init__()
        act = {"sigmoid": nn.Sigmoid, "ReLU": nn.ReLU, "tanh": nn.Tanh}[activation]
        pool = {"avg": nn.AvgPool2d, "max": nn.MaxPool2d}[pooling]
        self.features = nn.Sequential(
            nn.Conv2d(in_channels, 6, kernel_size=5),  # C1: 32 -> 28
            act(),
            pool(kernel_size=2, stride=2),  # S2: 28 -> 14
            nn.Conv2d(6, 16, kernel_size=5),  # C3: 14 -> 10
            act(),
            pool(kernel_size=2, stride=2),  # S4: 10 -> 5
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(16 * 5 * 5, 120),  # C5
            act(),
            nn.Linear(120, 84),  # F6
            act(),
            nn.Linear(84, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


# -- AlexNet ----------------------------------------------------------------------


class AlexNet(nn.Module):
    """Five convolutions, three fully connected layers, ReLU, overlapping max
    pooling and dropout (Krizhevsky, Sutskever, Hinton, 2012)."""

    def __init__(
        self,
        convs: Sequence[tuple[int, int, int, int]],
        pool_after: Sequence[int],
        hidden: int,
        num_classes: int,
        in_channels: int,
        pooled_size: int,
        dropout: float = 0.5,
    ):
        super().__init__()
        layers: list[nn.Module] = []
        width = in_channels
        for i, (out, kernel, stride, padding) in enumerate(convs):
            layers += [nn.Conv2d(width, out, kernel, stride, padding), nn.ReLU()]
            if i in pool_after:
                layers.append(nn.MaxPool2d(kernel_size=3, stride=2))
            width = out
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(pooled_size)
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Dropout(dropout),
            nn.Linear(width * pooled_size**2, hidden),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
            nn.Linear(hidden, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.avgpool(self.features(x)))


def alexnet(full: bool = False, width: float = 1.0) -> AlexNet:
    """torchvision's AlexNet (61,100,840 parameters) or a reduced one for digits."""
    if full:
        convs = [(64, 11, 4, 2), (192, 5, 1, 2), (384, 3, 1, 1), (256, 3, 1, 1),
                 (256, 3, 1, 1)]
        return AlexNet(convs, (0, 1, 4), 4096, 1000, 3, 6)
    c = [_scaled(n, width) for n in (16, 48, 64, 64, 48)]
    # A large strided first window, like the original: 32 -> 16, pool 7,
    # then 5 x 5 (pool 3) and three 3 x 3 convolutions (pool 1).
    convs = [(c[0], 5, 2, 2), (c[1], 5, 1, 2), (c[2], 3, 1, 1), (c[3], 3, 1, 1),
             (c[4], 3, 1, 1)]
    return AlexNet(convs, (0, 1, 4), _scaled(256, width), 10, 1, 1)


# -- VGG ----------------------------------------------------------------------------

#: VGG configurations: (convolutions per block, channels of the block).
VGG_CONFIGS: dict[str, tuple[tuple[int, int], ...]] = {
    "VGG-11": ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512)),
    "VGG-13": ((2, 64), (2, 128), (2, 256), (2, 512), (2, 512)),
    "VGG-16": ((2, 64), (2, 128), (3, 256), (3, 512), (3, 512)),
    "VGG-19": ((2, 64), (2, 128), (4, 256), (4, 512), (4, 512)),
}

#: Reduced VGG shapes for digits: three blocks of 8, 16, 32 channels.
VGG_MINI_BLOCKS: dict[str, tuple[int, int, int]] = {
    "1-1-2": (1, 1, 2),
    "2-2-2": (2, 2, 2),
    "2-2-3": (2, 2, 3),
}


def vgg_block(num_convs: int, in_channels: int, out_channels: int) -> nn.Sequential:
    """``num_convs`` 3 × 3 convolutions with ReLU, then 2 × 2 max pooling."""
    layers: list[nn.Module] = []
    for _ in range(num_convs):
        layers += [nn.Conv2d(in_channels, out_channels, 3, padding=1), nn.ReLU()]
        in_channels = out_channels
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


class VGG(nn.Module):
    """Repeated VGG blocks, then three fully connected layers (Simonyan & Zisserman,
    2014)."""

    def __init__(
        self,
        blocks: Sequence[tuple[int, int]],
        hidden: int,
        num_classes: int,
        in_channels: int,
        pooled_size: int,
        dropout: float = 0.5,
    ):
        super().__init__()
        stages = []
        width = in_channels
        for num_convs, out in blocks:
            stages.append(vgg_block(num_convs, width, out))
            width = out
        self.features = nn.Sequential(*stages)
        self.avgpool = nn.AdaptiveAvgPool2d(pooled_size)
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(width * pooled_size**2, hidden),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(hidden, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.avgpool(self.features(x)))


def vgg(full: bool = False, config: str = "2-2-2", width: float = 1.0) -> VGG:
    """VGG: ``config`` names a full configuration (``"VGG-16"``: 138,357,544
    parameters) when ``full``, else a reduced three-block one (``"2-2-2"``)."""
    if full:
        name = config if config in VGG_CONFIGS else "VGG-16"
        return VGG(VGG_CONFIGS[name], 4096, 1000, 3, 7)
    counts = VGG_MINI_BLOCKS[config]
    chans = [_scaled(c, width) for c in (8, 16, 32)]
    # 32 -> 16 -> 8 -> 4
    return VGG(list(zip(counts, chans)), _scaled(128, width), 10, 1, 4)


# -- NiN ----------------------------------------------------------------------------


def nin_block(
    in_channels: int,
    out_channels: int,
    kernel_size: int,
    stride: int,
    padding: int,
    mlp_channels: Sequence[int] | None = None,
    final_relu: bool = True,
) -> nn.Sequential:
    """A convolution followed by two 1 × 1 convolutions (a per-pixel MLP), all ReLU.

    ``final_relu=False`` leaves the last 1 × 1 convolution linear: when it gives the
    class scores, they can then be negative before global average pooling.
    """
    mids = list(mlp_channels) if mlp_channels else [out_channels, out_channels]
    layers: list[nn.Module] = [
        nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding),
        nn.ReLU(),
    ]
    width = out_channels
    for mid in mids:
        layers += [nn.Conv2d(width, mid, kernel_size=1), nn.ReLU()]
        width = mid
    if not final_relu:
        layers.pop()
    return nn.Sequential(*layers)


class NiN(nn.Sequential):
    """Network in Network (Lin, Chen, Yan, 2013): NiN blocks and max pooling, no
    fully connected layer; the last block has one channel per class and global
    average pooling turns it into the logits."""


def nin(full: bool = False, width: float = 1.0, num_classes: int | None = None) -> NiN:
    """NiN for ImageNet (3 × 224 × 224; last block 1024-1024-1000: 7,595,176
    parameters) or a reduced one for digits.

    With ``full`` and ``num_classes=10`` the course's (d2l) version for 1 × 224 × 224
    grey images is built instead: last block 10-10-10, 1,992,166 parameters.
    """
    if full:
        course = num_classes == 10
        last = nin_block(384, 10, 3, 1, 1) if course else nin_block(
            384, 1024, 3, 1, 1, mlp_channels=(1024, 1000)
        )
        return NiN(
            nin_block(1 if course else 3, 96, 11, 4, 0),
            nn.MaxPool2d(3, stride=2),
            nin_block(96, 256, 5, 1, 2),
            nn.MaxPool2d(3, stride=2),
            nin_block(256, 384, 3, 1, 1),
            nn.MaxPool2d(3, stride=2),
            nn.Dropout(0.5),
            last,
            nn.AdaptiveAvgPool2d(1),
            nn.Flatten(),
        )
    c1, c2 = _scaled(32, width), _scaled(64, width)
    # The last block keeps c2 channels through its 3 x 3 convolution and first 1 x 1
    # (the ImageNet model's 1024-1024-1000 shape) and its last 1 x 1 gives the class
    # scores without ReLU: 10-10-10 with ReLU trained to only ~90 % in a minute.
    return NiN(
        nin_block(1, c1, 5, 2, 2),  # strided like the original: 16
        nn.MaxPool2d(3, stride=2),  # 7
        nin_block(c1, c2, 3, 1, 1),
        nn.MaxPool2d(3, stride=2),  # 3
        nn.Dropout(0.1),
        nin_block(c2, c2, 3, 1, 1, mlp_channels=(c2, 10), final_relu=False),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
    )


# -- GoogLeNet ----------------------------------------------------------------------


class ConvBN(nn.Sequential):
    """Convolution without bias, batch norm, ReLU (torchvision's ``BasicConv2d``)."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int,
                 stride: int = 1, padding: int = 0, groups: int = 1,
                 eps: float = 1e-3):
        super().__init__(
            nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding,
                      groups=groups, bias=False),
            nn.BatchNorm2d(out_channels, eps=eps),
            nn.ReLU(),
        )


class Inception(nn.Module):
    """Four parallel paths concatenated along channels: 1 × 1; 1 × 1 then 3 × 3;
    1 × 1 then a larger window; 3 × 3 max pooling then 1 × 1 (Szegedy et al., 2014).

    ``wide_kernel`` is 5 in the paper; torchvision uses 3 (kept for its pretrained
    weights), which is what its 6,624,904 parameters count.
    """

    def __init__(self, in_channels: int, ch1: int, ch3red: int, ch3: int,
                 ch5red: int, ch5: int, pool_proj: int, wide_kernel: int = 5):
        super().__init__()
        self.branch1 = ConvBN(in_channels, ch1, 1)
        self.branch2 = nn.Sequential(ConvBN(in_channels, ch3red, 1),
                                     ConvBN(ch3red, ch3, 3, padding=1))
        self.branch3 = nn.Sequential(
            ConvBN(in_channels, ch5red, 1),
            ConvBN(ch5red, ch5, wide_kernel, padding=wide_kernel // 2),
        )
        self.branch4 = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1),
                                     ConvBN(in_channels, pool_proj, 1))
        self.out_channels = ch1 + ch3 + ch5 + pool_proj

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        paths = [self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)]
        return torch.cat(paths, 1)


class GoogLeNet(nn.Module):
    """A stem, stacks of Inception blocks between max pooling, global average
    pooling, dropout and one linear layer (no auxiliary classifiers)."""

    def __init__(self, stem: nn.Module, stages: Sequence[Sequence[tuple]],
                 stem_channels: int, num_classes: int, dropout: float,
                 wide_kernel: int = 5, ceil_pooling: bool = True):
        super().__init__()
        self.stem = stem
        blocks: list[nn.Module] = []
        width = stem_channels
        for s, stage in enumerate(stages):
            if s > 0 and ceil_pooling:
                blocks.append(nn.MaxPool2d(3, stride=2, ceil_mode=True))
            elif s > 0:
                blocks.append(nn.MaxPool2d(3, stride=2, padding=1))
            for cfg in stage:
                block = Inception(width, *cfg, wide_kernel=wide_kernel)
                blocks.append(block)
                width = block.out_channels
        self.inceptions = nn.Sequential(*blocks)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(width, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.inceptions(self.stem(x)))
        return self.fc(self.dropout(torch.flatten(x, 1)))


def googlenet(full: bool = False, width: float = 1.0, wide_kernel: int = 3
              ) -> GoogLeNet:
    """GoogLeNet as torchvision builds it (6,624,904 parameters with
    ``wide_kernel=3``; 7,005,832 with the paper's 5 × 5) or a reduced one."""
    if full:
        stem = nn.Sequential(
            ConvBN(3, 64, 7, stride=2, padding=3),
            nn.MaxPool2d(3, stride=2, ceil_mode=True),
            ConvBN(64, 64, 1),
            ConvBN(64, 192, 3, padding=1),
            nn.MaxPool2d(3, stride=2, ceil_mode=True),
        )
        stages = [
            [(64, 96, 128, 16, 32, 32), (128, 128, 192, 32, 96, 64)],
            [(192, 96, 208, 16, 48, 64), (160, 112, 224, 24, 64, 64),
             (128, 128, 256, 24, 64, 64), (112, 144, 288, 32, 64, 64),
             (256, 160, 320, 32, 128, 128)],
            [(256, 160, 320, 32, 128, 128), (384, 192, 384, 48, 128, 128)],
        ]
        return GoogLeNet(stem, stages, 192, 1000, 0.2, wide_kernel)

    def s(n: int) -> int:
        return _scaled(n, width)

    stem = nn.Sequential(ConvBN(1, s(32), 5, stride=2, padding=2),  # 16
                         nn.MaxPool2d(3, stride=2, padding=1))  # 8
    stages = [
        [(s(16), s(16), s(24), s(4), s(8), s(8)),  # 56
         (s(24), s(24), s(32), s(8), s(16), s(8))],  # 80
        [(s(32), s(24), s(48), s(8), s(16), s(16))],  # 4 x 4, 112
    ]
    return GoogLeNet(stem, stages, s(32), 10, 0.2, wide_kernel=5, ceil_pooling=False)


# -- ResNet -------------------------------------------------------------------------


class BasicBlock(nn.Module):
    """Two 3 × 3 convolutions with batch norm; the input is added back before the
    last ReLU (``skip=False`` removes that addition: a plain deep network)."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1,
                 skip: bool = True):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.relu1 = nn.ReLU()
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.relu2 = nn.ReLU()
        self.skip = skip
        self.downsample: nn.Module | None = None
        if skip and (stride != 1 or in_channels != out_channels):
            self.downsample = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                nn.BatchNorm2d(out_channels),
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.bn2(self.conv2(self.relu1(self.bn1(self.conv1(x)))))
        if self.skip:
            y = y + (x if self.downsample is None else self.downsample(x))
        return self.relu2(y)


class ResNet(nn.Module):
    """A stem, stages of basic residual blocks (the first block of each later stage
    halves the size and doubles the channels), global average pooling, one linear
    layer (He et al., 2015)."""

    def __init__(self, stem: nn.Module, stem_channels: int, widths: Sequence[int],
                 blocks_per_stage: Sequence[int], num_classes: int,
                 skip: bool = True):
        super().__init__()
        self.stem = stem
        stages = []
        width = stem_channels
        for i, (out, n) in enumerate(zip(widths, blocks_per_stage)):
            stride = 1 if i == 0 else 2
            layer = [BasicBlock(width, out, stride, skip)]
            layer += [BasicBlock(out, out, 1, skip) for _ in range(n - 1)]
            stages.append(nn.Sequential(*layer))
            width = out
        self.stages = nn.Sequential(*stages)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(width, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.stages(self.stem(x)))
        return self.fc(torch.flatten(x, 1))


#: Depths of the reduced ResNet: 6n + 2 layers with weights (a stem convolution,
#: three stages of n two-convolution blocks, the classifier), as He et al.'s CIFAR
#: nets (20, 32, 44, 56 in their Fig. 1 and Table 6).
RESNET_DEPTHS: tuple[int, ...] = (8, 14, 20, 32, 44, 56)
#: Basic blocks per stage of the full ImageNet ResNets built here.
RESNET_FULL_BLOCKS: dict[int, tuple[int, int, int, int]] = {
    18: (2, 2, 2, 2),
    34: (3, 4, 6, 3),
}


def resnet(full: bool = False, skip: bool = True, depth: int = 8,
           width: float = 1.0) -> ResNet:
    """ResNet-18 (11,689,512 parameters; ``depth=34``: ResNet-34, 21,797,672) or a
    reduced three-stage one of ``depth`` = 6n + 2 layers (n blocks per stage, see
    :data:`RESNET_DEPTHS`) for digits."""
    if full:
        stem = nn.Sequential(
            nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
            nn.MaxPool2d(3, stride=2, padding=1),
        )
        blocks = RESNET_FULL_BLOCKS.get(depth, RESNET_FULL_BLOCKS[18])
        return ResNet(stem, 64, (64, 128, 256, 512), blocks, 1000, skip)
    if depth not in RESNET_DEPTHS:
        raise ValueError(
            f"reduced ResNet depth must be one of {RESNET_DEPTHS}, got {depth}"
        )
    c = _scaled(16, width)
    stem = nn.Sequential(nn.Conv2d(1, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c),
                         nn.ReLU(), nn.MaxPool2d(2, stride=2))  # 16, 8, 4
    per_stage = (depth - 2) // 6
    return ResNet(stem, c, (c, 2 * c, 4 * c), (per_stage,) * 3, 10, skip)


# -- MobileNet v1 -------------------------------------------------------------------


class DepthwiseSeparable(nn.Sequential):
    """A 3 × 3 depthwise convolution (one filter per channel) and a 1 × 1 pointwise
    convolution that mixes channels, each with batch norm and ReLU."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        self.depthwise = ConvBN(in_channels, in_channels, 3, stride, 1,
                                groups=in_channels, eps=1e-5)
        self.pointwise = ConvBN(in_channels, out_channels, 1, eps=1e-5)


#: MobileNet v1 body: (output channels, stride) of the 13 separable blocks.
MOBILENET_BLOCKS: tuple[tuple[int, int], ...] = (
    (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
    (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1),
)


class MobileNetV1(nn.Module):
    """A standard 3 × 3 convolution, then depthwise-separable blocks, global
    average pooling and one linear layer (Howard et al., 2017)."""

    def __init__(self, in_channels: int, stem_channels: int,
                 blocks: Sequence[tuple[int, int]], num_classes: int,
                 stem_stride: int = 2, dropout: float = 0.0):
        super().__init__()
        layers: list[nn.Module] = [
            ConvBN(in_channels, stem_channels, 3, stem_stride, 1, eps=1e-5)
        ]
        width = stem_channels
        for out, stride in blocks:
            layers.append(DepthwiseSeparable(width, out, stride))
            width = out
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(width, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(self.avgpool(self.features(x)), 1)
        return self.fc(self.dropout(x))


def mobilenet(full: bool = False, width: float = 1.0) -> MobileNetV1:
    """MobileNet v1 with width multiplier ``width`` (1.0-224: 4,231,976
    parameters) or a reduced seven-block one for digits."""
    if full:
        blocks = [(_scaled(c, width, 8), s) for c, s in MOBILENET_BLOCKS]
        return MobileNetV1(3, _scaled(32, width, 8), blocks, 1000)
    chans = (32, 64, 64, 128, 128, 128)
    strides = (1, 2, 1, 2, 1, 1)  # after a strided stem: 16, 8, 4
    blocks = [(_scaled(c, width), s) for c, s in zip(chans, strides)]
    return MobileNetV1(1, _scaled(16, width), blocks, 10, stem_stride=2, dropout=0.1)


def lenet5(full: bool = False, activation: str = "sigmoid",
           pooling: str = "avg") -> LeNet5:
    """LeNet-5 (61,706 parameters); reduced and full are the same network."""
    return LeNet5(activation, pooling)


def _scaled(channels: int, width: float, minimum: int = 4) -> int:
    """Channels times the width multiplier, at least ``minimum``."""
    return max(minimum, int(round(channels * width)))
