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


@dataclass(frozen=True)
class ModelName:
    """A name ``dlviz summary`` accepts: a zoo card and the options of one
    configuration, with that configuration's published parameter count.

    ``full_options`` apply to the full-size build (``--full``); the reduced build
    is always the lab's network for 1 × 32 × 32 digits (``reduced_options``).
    """

    name: str
    card: str
    title: str
    published: int
    note: str
    full_options: dict[str, Any] = field(default_factory=dict)
    reduced_options: dict[str, Any] = field(default_factory=dict)


def _names() -> dict[str, ModelName]:
    vgg = {
        "vgg11": ("VGG-11", 132_863_336, "configuration A"),
        "vgg13": ("VGG-13", 133_047_848, "configuration B"),
        "vgg16": ("VGG-16", 138_357_544, "configuration D"),
        "vgg19": ("VGG-19", 143_667_240, "configuration E"),
    }
    names = [
        ModelName("lenet5", "lenet5", "LeNet-5", ZOO["lenet5"].full_params,
                  ZOO["lenet5"].full_note),
        ModelName("alexnet", "alexnet", "AlexNet", ZOO["alexnet"].full_params,
                  "torchvision's alexnet: the one-tower variant (64-192-384-256-256 "
                  "channels, adaptive 6×6 pooling; Krizhevsky's 'one weird trick' "
                  "form), not the paper's two-GPU 96-256-384-384-256 network"),
        *(
            ModelName(key, "vgg", title, count,
                      f"torchvision's {key}: {config}, no batch norm",
                      full_options={"config": title})
            for key, (title, count, config) in vgg.items()
        ),
        ModelName("nin", "nin", "NiN", ZOO["nin"].full_params, ZOO["nin"].full_note),
        ModelName("googlenet", "googlenet", "GoogLeNet",
                  ZOO["googlenet"].full_params,
                  "torchvision's googlenet with aux_logits=False (batch norm, 3×3 in "
                  "the '5×5' path); with its two auxiliary classifiers it has "
                  "13,004,888"),
        ModelName("resnet18", "resnet", "ResNet-18", 11_689_512,
                  "torchvision's resnet18: basic blocks [2, 2, 2, 2]",
                  full_options={"depth": 18}),
        ModelName("resnet34", "resnet", "ResNet-34", 21_797_672,
                  "torchvision's resnet34: basic blocks [3, 4, 6, 3]",
                  full_options={"depth": 34}),
        ModelName("mobilenet_v1", "mobilenet", "MobileNet v1",
                  ZOO["mobilenet"].full_params,
                  "MobileNet v1 1.0-224 (torchvision has no v1)"),
    ]
    table = {n.name: n for n in names}
    # the zoo's own keys name the card's default configuration
    for key, card in ZOO.items():
        if key not in table:
            table[key] = ModelName(key, key, card.title, card.full_params,
                                   card.full_note)
    return table


def _fold(name: str) -> str:
    """Case, hyphens, underscores, dots and spaces do not matter: ``ResNet-18``,
    ``resnet_18`` and ``resnet18`` are one name."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


#: Extra spellings (folded) of the names above.
_SPELLINGS = {
    "lenet": "lenet5",
    "mobilenet": "mobilenet_v1",
    "mobilenetv1": "mobilenet_v1",
    "inceptionv1": "googlenet",
    "vgg": "vgg",
    "resnet": "resnet",
}


def model_names() -> list[str]:
    """Every name :func:`resolve_model_name` accepts (canonical spellings)."""
    return list(MODEL_NAMES)


def resolve_model_name(name: str) -> ModelName:
    """The configuration called ``name``: a zoo key (``resnet``) or torchvision's
    name (``resnet18``, ``vgg16``, ``alexnet``, ``googlenet``), ``mobilenet_v1`` or
    ``lenet5``, in any case, with or without ``-``/``_``.

    Raises
    ------
    KeyError
        For an unknown name; the message lists the accepted ones.
    """
    folded = _fold(str(name))
    by_fold = {_fold(key): key for key in MODEL_NAMES}
    key = by_fold.get(folded) or _SPELLINGS.get(folded)
    if key is None or key not in MODEL_NAMES:
        raise KeyError(
            f"unknown model {name!r}; accepted: {', '.join(model_names())}"
        )
    return MODEL_NAMES[key]


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


MODEL_NAMES: dict[str, ModelName] = _names()

__all__ = [
    "MODEL_NAMES",
    "ZOO",
    "ModelName",
    "ZooCard",
    "count_parameters",
    "get_card",
    "model_names",
    "resolve_model_name",
    "zoo_names",
]
