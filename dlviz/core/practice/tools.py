"""Chapter "tools": the convolution calculator's arithmetic on random settings
(answers from :mod:`dlviz.core.convmath`, the calculator's own code)."""

from __future__ import annotations

import math
import random

from dlviz.core.convmath import (
    conv_output_size,
    conv_params,
    depthwise_separable_cost,
    pool_output_size,
    receptive_fields,
    same_padding,
)
from dlviz.core.practice.cnn import (
    BIAS_FORGOTTEN,
    BIAS_PER_INPUT,
    CHANNELS_FORGOTTEN,
    FLOOR_NOT_CEIL,
    PADDING_FORGOTTEN,
    PLUS_ONE_FORGOTTEN,
    STRIDE_FORGOTTEN,
)
from dlviz.core.practice.model import NUMBER, Draft, Link
from dlviz.core.practice.registry import kind

TOOL_LABS = ("convmath",)


@kind("tools.conv_output", "tools", TOOL_LABS)
def conv_output(rng: random.Random, lab: str, hp: dict) -> Draft:
    k = rng.choice((3, 5, 7))
    s = rng.choice((1, 2, 2, 3))
    p = rng.choice((0, 1, 2))
    n = rng.choice((28, 32, 31, 64, 224, 227))
    value = conv_output_size(n, k, s, p)
    top = n + 2 * p - k
    return Draft(
        "A {n}×{n} input, a {k}×{k} kernel, stride {s}, padding {p}: what is the "
        "side of the output?",
        dict(n=n, k=k, s=s, p=p), value, "⌊({n} + 2·{p} − {k}) / {s}⌋ + 1 = {answer}",
        Link(lab, panel="results"),
        [(math.ceil(top / s) + 1, FLOOR_NOT_CEIL),
         ((n - k) // s + 1, PADDING_FORGOTTEN), (top // s, PLUS_ONE_FORGOTTEN),
         (top + 1, STRIDE_FORGOTTEN)],
        solution_args=dict(answer=value))


@kind("tools.conv_params", "tools", TOOL_LABS)
def conv_parameters(rng: random.Random, lab: str, hp: dict) -> Draft:
    k = rng.choice((1, 3, 5))
    cin = rng.choice((1, 3, 16, 32, 64))
    cout = rng.choice((8, 16, 32, 64, 128))
    value = conv_params(cin, cout, k, bias=True)
    return Draft(
        "A {k}×{k} convolution from {cin} to {cout} channels, with bias: how many "
        "parameters?",
        dict(k=k, cin=cin, cout=cout), value,
        "({k}×{k}×{cin} + 1)×{cout} = {answer}", Link(lab, panel="results"),
        [(value - cout, BIAS_FORGOTTEN), ((k * k + 1) * cout, CHANNELS_FORGOTTEN),
         (value - cout + cin, BIAS_PER_INPUT)],
        solution_args=dict(answer=value))


@kind("tools.pool_output", "tools", TOOL_LABS)
def pool_output(rng: random.Random, lab: str, hp: dict) -> Draft:
    k = rng.choice((2, 3))
    s = rng.choice((2, 2, 3)) if k == 3 else 2
    n = rng.choice((7, 13, 15, 27, 55, 111))
    value = pool_output_size(n, k, s)
    ceil = pool_output_size(n, k, s, ceil_mode=True)
    return Draft(
        "Max pooling with a {k}×{k} window and stride {s} on a {n}×{n} map (no "
        "padding, PyTorch's default rounding): what is the side of the output?",
        dict(n=n, k=k, s=s), value, "⌊({n} − {k}) / {s}⌋ + 1 = {answer}",
        Link(lab, panel="results"),
        [(ceil, FLOOR_NOT_CEIL), (n // s, "Dividing n by the stride ignores the "
                                  "window."), (n - k + 1, STRIDE_FORGOTTEN)],
        solution_args=dict(answer=value))


@kind("tools.same_padding", "tools", TOOL_LABS)
def same_pad(rng: random.Random, lab: str, hp: dict) -> Draft:
    k = rng.choice((3, 5, 7, 9))
    n = rng.choice((28, 32, 64))
    before, after = same_padding(n, k)
    if before != after:
        raise AssertionError("odd kernels pad evenly")
    value = before
    if conv_output_size(n, k, 1, value) != n:
        raise AssertionError("same padding must keep the size")
    return Draft(
        "Stride 1 and a {k}×{k} kernel on a {n}×{n} input: which padding p keeps "
        "the output {n}×{n} (a \"same\" convolution)?",
        dict(k=k, n=n), value, "n + 2p − k + 1 = n ⇒ p = (k − 1) / 2 = {answer}",
        Link(lab, panel="results"),
        [(k - 1, "k − 1 is the total padding of both sides."),
         (k // 2 + 1, "p = (k − 1) / 2, not more."),
         (0, "Without padding the output shrinks by k − 1.")],
        solution_args=dict(answer=value))


@kind("tools.receptive_field", "tools", TOOL_LABS)
def receptive_field(rng: random.Random, lab: str, hp: dict) -> Draft:
    count = rng.randint(2, 4)
    spec = [(3, rng.choice((1, 1, 2))) for _ in range(count)]
    fields = receptive_fields(spec)
    value = fields[-1].size
    listing = ", ".join(f"3×3/s{s}" for _, s in spec)
    steps = " → ".join(str(f.size) for f in fields)
    return Draft(
        "Layers {layers} are stacked (kernel/stride). What is the receptive field "
        "of one output pixel (pixels along one side)?",
        dict(layers=listing), value,
        "r ← r + (k − 1)·j, j ← j·s, starting at r = 1, j = 1: {steps}",
        Link(lab, panel="comparisons"),
        [(1 + 2 * count, "Strides multiply the step: later kernels see j pixels "
          "apart."), (3 * count, "Adding the kernels overcounts the overlap.")],
        form=NUMBER if all(s == 1 for _, s in spec) else "choice",
        solution_args=dict(steps=steps))


@kind("tools.depthwise_ratio", "tools", TOOL_LABS)
def depthwise_ratio(rng: random.Random, lab: str, hp: dict) -> Draft:
    k = 3
    cin = rng.choice((32, 64, 128))
    cout = rng.choice((64, 128, 256))
    cost = depthwise_separable_cost(cin, cout, k)
    value = cost["ratio"]
    return Draft(
        "A depthwise-separable convolution (3×3 depthwise on {cin} channels, then "
        "1×1 to {cout}) instead of a standard 3×3 convolution: what fraction of the "
        "weights is left (no bias)?",
        dict(cin=cin, cout=cout), value,
        "(9·{cin} + {cin}·{cout}) / (9·{cin}·{cout}) = 1/{cout} + 1/9 = {answer}",
        Link(lab, panel="comparisons"),
        [(1 / 9, "The pointwise layer's weights count too (+1/C_out)."),
         (1 / cout, "The depthwise layer's weights count too (+1/k²)."),
         (1 / 3, "The ratio is 1/C_out + 1/k², not 1/k.")], digits=3,
        solution_args=dict(answer=value))
