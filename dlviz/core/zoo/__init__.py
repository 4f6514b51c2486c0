"""The model zoo: every architecture as a builder plus a card.

:data:`ZOO` maps a name to a :class:`ZooCard`; the labs, the command line
(``dlviz summary NAME``) and the tests all read it. ``card.build(full=False)`` gives
the reduced network for the bundled digits (1 × 32 × 32, 10 classes);
``card.build(full=True)`` the published configuration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from torch import nn

from dlviz.core.zoo import cnn


@dataclass(frozen=True)
class ZooCard:
    """One architecture.

    Attributes
    ----------
    name
        Registry key (``"resnet"``).
    title
        Display name of the full configuration (``"ResNet-18"``).
    year, authors, idea, paper
        Card text (English; the UI translates).
    builder
        ``builder(full=..., **options) -> nn.Module``.
    reduced_input, full_input
        Input shape (channels, height, width) of each configuration.
    full_params
        Published parameter count of the full configuration.
    full_note
        Which variant the full count refers to.
    """

    name: str
    title: str
    year: int
    authors: str
    idea: str
    paper: str
    builder: Callable[..., nn.Module]
    full_params: int
    full_note: str
    reduced_input: tuple[int, int, int] = (1, 32, 32)
    full_input: tuple[int, int, int] = (3, 224, 224)
    options: dict[str, Any] = field(default_factory=dict)

    def build(self, full: bool = False, **options: Any) -> nn.Module:
        """The network; ``options`` are the builder's keyword arguments."""
        return self.builder(full=full, **{**self.options, **options})

    def input_shape(self, full: bool = False) -> tuple[int, int, int]:
        return self.full_input if full else self.reduced_input


ZOO: dict[str, ZooCard] = {
    card.name: card
    for card in (
        ZooCard(
            "lenet5", "LeNet-5", 1998, "LeCun, Bottou, Bengio, Haffner",
            "Convolution and pooling learn local features shared across the image; "
            "a few fully connected layers classify them.",
            "Gradient-based learning applied to document recognition",
            cnn.lenet5, 61_706,
            "32×32×1 input, sigmoid and average pooling, full C3 connections "
            "(the common 61,706-parameter form)",
            reduced_input=(1, 32, 32), full_input=(1, 32, 32),
        ),
        ZooCard(
            "alexnet", "AlexNet", 2012, "Krizhevsky, Sutskever, Hinton",
            "A much deeper and wider LeNet: ReLU, dropout, overlapping max pooling, "
            "data augmentation, trained on GPUs.",
            "ImageNet classification with deep convolutional neural networks",
            cnn.alexnet, 61_100_840,
            "torchvision's single-GPU form (64-192-384-256-256 channels), 224×224×3",
        ),
        ZooCard(
            "vgg", "VGG-16", 2014, "Simonyan, Zisserman",
            "Repeated blocks of 3×3 convolutions then max pooling: depth from a "
            "simple, regular pattern.",
            "Very deep convolutional networks for large-scale image recognition",
            cnn.vgg, 138_357_544, "configuration D (VGG-16), no batch norm",
            options={"config": "2-2-2"},
        ),
        ZooCard(
            "nin", "NiN", 2013, "Lin, Chen, Yan",
            "1×1 convolutions act as a per-pixel MLP; global average pooling "
            "replaces the fully connected layers.",
            "Network in network",
            cnn.nin, 7_595_176,
            "ImageNet model: blocks 96, 256, 384, then 1024-1024-1000 with global "
            "average pooling (the course's 10-class grey version has 1,992,166)",
        ),
        ZooCard(
            "googlenet", "GoogLeNet", 2014, "Szegedy et al.",
            "Inception blocks run 1×1, 3×3, 5×5 and pooling paths in parallel; "
            "1×1 convolutions cut the channels first.",
            "Going deeper with convolutions",
            cnn.googlenet, 6_624_904,
            "torchvision's form without auxiliary classifiers (batch norm, and 3×3 "
            "in the '5×5' path as torchvision has it)",
        ),
        ZooCard(
            "resnet", "ResNet-18", 2015, "He, Zhang, Ren, Sun",
            "Residual blocks add their input to their output, so very deep "
            "networks still train.",
            "Deep residual learning for image recognition",
            cnn.resnet, 11_689_512, "ResNet-18: basic blocks, [2, 2, 2, 2]",
        ),
        ZooCard(
            "mobilenet", "MobileNet v1", 2017, "Howard et al.",
            "Depthwise-separable convolutions: a per-channel 3×3 filter and a 1×1 "
            "channel mixer cost far fewer weights than one full convolution.",
            "MobileNets: efficient convolutional neural networks for mobile vision "
            "applications",
            cnn.mobilenet, 4_231_976, "MobileNet v1 1.0-224",
        ),
    )
}


def zoo_names() -> list[str]:
    """Names of every architecture in the zoo, in chapter order."""
    return list(ZOO)


def get_card(name: str) -> ZooCard:
    """The card called ``name``; KeyError lists the known names."""
    if name not in ZOO:
        raise KeyError(f"no network {name!r}; known: {', '.join(ZOO)}")
    return ZOO[name]


def count_parameters(model: nn.Module) -> int:
    """Number of parameters (buffers such as batch-norm statistics excluded)."""
    return sum(p.numel() for p in model.parameters())


__all__ = ["ZOO", "ZooCard", "count_parameters", "get_card", "zoo_names"]
