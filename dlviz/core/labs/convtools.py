"""Chapter 4 tools that train nothing: the convolution calculator and the
data-augmentation preview. Their stages do all the work (with numpy, no torch); the
params below give the stages their inputs' defaults and ranges."""

from __future__ import annotations

from dlviz.core.data.augment import AUGMENT_PARAMS
from dlviz.core.labs.base import LabSpec
from dlviz.core.params import ParamSpec

CONVMATH_PARAMS: tuple[ParamSpec, ...] = (
    ParamSpec("input_size", "Input size", "int", 28, 1, 1024,
              help="Height and width of the square input."),
    ParamSpec("kernel", "Kernel size", "int", 3, 1, 15),
    ParamSpec("stride", "Stride", "int", 1, 1, 8),
    ParamSpec("padding", "Padding", "int", 0, 0, 16),
    ParamSpec("dilation", "Dilation", "int", 1, 1, 8),
    ParamSpec("in_channels", "Channels in", "int", 3, 1, 2048),
    ParamSpec("out_channels", "Channels out", "int", 64, 1, 2048),
    ParamSpec("padding_mode", "Padding mode", "choice", "custom",
              choices=("custom", "valid", "same"),
              help="valid: no padding; same: output as large as the input."),
)

AUGMENT_PREVIEW_PARAMS: tuple[ParamSpec, ...] = (
    ParamSpec("digit_index", "Digit", "int", 0, 0, 1796, group="data",
              help="Which of the 1,797 bundled handwritten digits to show."),
    *AUGMENT_PARAMS,
)

LABS = [
    LabSpec(
        key="convmath",
        title="Convolution arithmetic",
        chapter="cnn",
        year=0,
        teaches="Output sizes, padding, parameters, cost and receptive fields of "
        "convolutions, with the kernel sliding step by step.",
        stage="convmath",
        factory=None,
        params=CONVMATH_PARAMS,
        idea="Each output value is a dot product of the kernel with one window of "
        "the input; sizes, parameters and cost follow from a few formulas.",
    ),
    LabSpec(
        key="augment",
        title="Data augmentation preview",
        chapter="cnn",
        year=0,
        teaches="Random flips, crops, rotations, brightness and contrast: many "
        "training images from one.",
        stage="augment",
        factory=None,
        params=AUGMENT_PREVIEW_PARAMS,
        idea="A CNN is not invariant to scale or rotation by itself; showing it "
        "transformed copies of each image helps it generalise.",
    ),
]
