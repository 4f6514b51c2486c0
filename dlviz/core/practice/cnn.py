"""Chapter "cnn": questions about the zoo networks the labs train (the reduced
configurations, built on the meta device: shapes and counts without any weights)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache

import torch
from torch import nn

from dlviz.core.convmath import (
    conv_output_size,
    conv_params,
    depthwise_separable_cost,
    pool_output_size,
    receptive_fields,
    stacked_vs_single,
)
from dlviz.core.practice.model import CHOICE, NUMBER, Draft, Link, NoQuestion
from dlviz.core.practice.registry import kind
from dlviz.core.zoo import ZOO

CNN_LABS = ("lenet5", "alexnet", "vgg", "nin", "googlenet", "resnet", "mobilenet")
#: Labs whose layers run one after the other (receptive fields add up along them).
CHAIN_LABS = ("lenet5", "alexnet", "vgg", "nin", "mobilenet")


@dataclass(frozen=True)
class Layer:
    """A leaf layer of a zoo network as it runs on one input."""

    path: str
    module: nn.Module
    in_shape: tuple[int, ...]
    out_shape: tuple[int, ...]


def zoo_options(lab: str, hp: dict) -> dict:
    """The builder options a CNN lab passes for its settings ``hp`` (defaults when
    a setting is missing)."""
    if lab == "lenet5":
        return {k: hp[k] for k in ("activation", "pooling") if k in hp}
    out = {"width": hp["width"]} if "width" in hp else {}
    if lab == "vgg" and "blocks" in hp:
        out["config"] = hp["blocks"]
    if lab == "resnet":
        out.update({k: hp[k] for k in ("skip",) if k in hp})
        if "depth" in hp:
            out["depth"] = int(hp["depth"])
    return out


def layers_of(lab: str, hp: dict | None = None) -> list[Layer]:
    """Leaf layers of the lab's network in execution order, with their shapes."""
    options = tuple(sorted(zoo_options(lab, hp or {}).items()))
    return list(_layers(lab, options))


@lru_cache(maxsize=32)
def _layers(lab: str, options: tuple) -> tuple[Layer, ...]:
    card = ZOO[lab]
    with torch.device("meta"):
        model = card.build(full=False, **dict(options))
    found: list[Layer] = []
    handles = []
    for path, module in model.named_modules():
        if path and not any(True for _ in module.children()):
            def hook(mod, inputs, output, path=path):
                found.append(Layer(path, mod, tuple(inputs[0].shape),
                                   tuple(output.shape)))
            handles.append(module.register_forward_hook(hook))
    try:
        model.eval()
        with torch.no_grad():
            model(torch.empty((1, *card.input_shape()), device="meta"))
    finally:
        for handle in handles:
            handle.remove()
    return tuple(found)


def _pick(rng: random.Random, layers: list[Layer], test) -> Layer:
    chosen = [layer for layer in layers if test(layer.module)]
    if not chosen:
        raise NoQuestion("no such layer")
    return rng.choice(chosen)


def _one(value) -> int:
    return value[0] if isinstance(value, tuple) else int(value)


def _title(lab: str) -> str:
    return ZOO[lab].title if lab != "vgg" else "VGG"


BIAS_FORGOTTEN = "Forgetting the bias: one more parameter per output channel."
BIAS_ADDED = "This layer has no bias; adding C_out biases overcounts."
CHANNELS_FORGOTTEN = "Forgetting the input channels: each kernel is k×k×C_in."
BIAS_PER_INPUT = "One bias per output channel, not per input channel."
LINEAR_BIAS_FORGOTTEN = "Forgetting the bias: one more parameter per output unit."


@kind("cnn.conv_params", "cnn", CNN_LABS)
def conv_parameters(rng: random.Random, lab: str, hp: dict) -> Draft:
    layer = _pick(rng, layers_of(lab, hp), lambda m: isinstance(m, nn.Conv2d))
    conv: nn.Conv2d = layer.module
    k, cin, cout, g = _one(conv.kernel_size), conv.in_channels, conv.out_channels, \
        conv.groups
    bias = conv.bias is not None
    value = conv_params(cin, cout, k, g, bias)
    no_bias = conv_params(cin, cout, k, g, False)
    wrong = [(no_bias, BIAS_FORGOTTEN) if bias else (no_bias + cout, BIAS_ADDED),
             (k * k * cout + (cout if bias else 0), CHANNELS_FORGOTTEN),
             (no_bias + cin, BIAS_PER_INPUT)]
    if g == 1:
        solution = ("({k}×{k}×{cin} + 1)×{cout} = {answer}" if bias
                    else "{k}×{k}×{cin}×{cout} = {answer} (no bias)")
    else:
        solution = ("{k}×{k}×({cin}/{groups})×{cout} + {cout} = {answer}" if bias
                    else "{k}×{k}×({cin}/{groups})×{cout} = {answer} (no bias)")
    return Draft(
        "{net}: how many parameters has the convolution {path} ({cin} → {cout} "
        "channels, {k}×{k} kernel, groups {groups}, with bias)?" if bias else
        "{net}: how many parameters has the convolution {path} ({cin} → {cout} "
        "channels, {k}×{k} kernel, groups {groups}, no bias)?",
        dict(net=_title(lab), path=layer.path, cin=cin, cout=cout, k=k, groups=g),
        value, solution, Link(lab, layer.path), wrong,
        solution_args=dict(answer=value))


FLOOR_NOT_CEIL = "Rounding up: the division is rounded down (floor)."
PADDING_FORGOTTEN = "Forgetting the padding: n + 2p, not n."
PLUS_ONE_FORGOTTEN = "Forgetting the +1 after the division."
STRIDE_FORGOTTEN = "Forgetting the stride: divide by s."


@kind("cnn.conv_output", "cnn", CNN_LABS)
def conv_output(rng: random.Random, lab: str, hp: dict) -> Draft:
    layer = _pick(rng, layers_of(lab, hp),
                  lambda m: isinstance(m, nn.Conv2d) and _one(m.kernel_size) > 1)
    conv: nn.Conv2d = layer.module
    n = layer.in_shape[-1]
    k, s, p, d = (_one(conv.kernel_size), _one(conv.stride), _one(conv.padding),
                  _one(conv.dilation))
    value = conv_output_size(n, k, s, p, d)
    if value != layer.out_shape[-1]:
        raise NoQuestion("formula and network disagree")
    top = n + 2 * p - d * (k - 1) - 1
    wrong = [(math.ceil(top / s) + 1, FLOOR_NOT_CEIL),
             ((n - d * (k - 1) - 1) // s + 1 if n > d * (k - 1) else 0,
              PADDING_FORGOTTEN),
             (top // s, PLUS_ONE_FORGOTTEN), (top + 1, STRIDE_FORGOTTEN)]
    return Draft(
        "{net}: the convolution {path} gets a {n}×{n} input (kernel {k}, stride {s}, "
        "padding {p}). What is the side of its output?",
        dict(net=_title(lab), path=layer.path, n=n, k=k, s=s, p=p),
        value, "⌊({n} + 2·{p} − {k}) / {s}⌋ + 1 = {answer}", Link(lab, layer.path),
        [w for w in wrong if w[0] > 0], solution_args=dict(answer=value))


@kind("cnn.pool_output", "cnn", CNN_LABS[:-1])
def pool_output(rng: random.Random, lab: str, hp: dict) -> Draft:
    layer = _pick(rng, layers_of(lab, hp),
                  lambda m: isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)))
    pool = layer.module
    n = layer.in_shape[-1]
    k, s, p = _one(pool.kernel_size), _one(pool.stride), _one(pool.padding)
    ceil = bool(pool.ceil_mode)
    value = pool_output_size(n, k, s, p, ceil_mode=ceil)
    if value != layer.out_shape[-1]:
        raise NoQuestion("formula and network disagree")
    top = n + 2 * p - k
    other = math.ceil(top / s) + 1 if not ceil else top // s + 1
    wrong = [(other, FLOOR_NOT_CEIL if not ceil else
              "This pooling rounds up (ceil mode); rounding down loses a window."),
             (top + 1, STRIDE_FORGOTTEN), (n // k if s != k else n - k + 1,
                                           "The window and the stride both count.")]
    return Draft(
        "{net}: the pooling layer {path} ({kind}, window {k}, stride {s}, padding "
        "{p}) gets a {n}×{n} map. What is the side of its output?",
        dict(net=_title(lab), path=layer.path, kind=type(pool).__name__, k=k, s=s,
             p=p, n=n),
        value, "⌊({n} + 2·{p} − {k}) / {s}⌋ + 1 = {answer}" if not ceil else
        "⌈({n} + 2·{p} − {k}) / {s}⌉ + 1 = {answer}",
        Link(lab, layer.path), [w for w in wrong if w[0] > 0],
        solution_args=dict(answer=value))


@kind("cnn.receptive_field", "cnn", CHAIN_LABS)
def receptive_field(rng: random.Random, lab: str, hp: dict) -> Draft:
    spatial = [layer for layer in layers_of(lab, hp)
               if isinstance(layer.module, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d))
               and _one(layer.module.kernel_size) > 1]
    if len(spatial) < 2:
        raise NoQuestion("fewer than two spatial layers")
    count = rng.randint(2, min(3, len(spatial)))
    chain = spatial[:count]
    spec = [(_one(m.module.kernel_size), _one(m.module.stride)) for m in chain]
    fields = receptive_fields(spec)
    value = fields[-1].size
    summed = 1 + sum(k - 1 for k, _ in spec)
    listing = ", ".join(f"{layer.path} (k={k}, s={s})"
                        for layer, (k, s) in zip(chain, spec))
    steps = " → ".join(str(f.size) for f in fields)
    return Draft(
        "{net}: one pixel after the layers {layers} sees how many input pixels "
        "along one side (its receptive field)?",
        dict(net=_title(lab), layers=listing), value,
        "r ← r + (k − 1)·j, j ← j·s, starting at r = 1, j = 1: {steps}",
        Link(lab, chain[-1].path),
        [(summed, "Strides multiply the step: later kernels see j pixels apart."),
         (spec[-1][0], "The last kernel alone is not the whole field."),
         (sum(k for k, _ in spec), "Adding the kernels overcounts the overlap.")],
        solution_args=dict(steps=steps))


@kind("cnn.stacked_3x3", "cnn", ("vgg",))
def stacked_small_kernels(rng: random.Random, lab: str, hp: dict) -> Draft:
    channels = rng.choice((16, 32, 64, 128, 256))
    count = rng.choice((2, 3))
    facts = stacked_vs_single(channels, 3, count)
    value = facts["stacked_params"]
    large = facts["large_kernel"]
    return Draft(
        "VGG stacks {count} 3×3 convolutions ({c} channels in and out, no bias) "
        "instead of one {large}×{large} convolution with the same receptive field. "
        "How many weights do the {count} small ones have?",
        dict(count=count, c=channels, large=large), value,
        "{count}·(3·3·{c}·{c}) = {answer}; one {large}×{large} layer: {single}",
        Link(lab, panel="filters"),
        [(facts["single_params"], "That is the single large kernel."),
         (9 * channels * channels, "That is one 3×3 layer, not the stack."),
         (count * 9 * channels, "Each kernel spans all C input channels.")],
        solution_args=dict(answer=value, single=facts["single_params"]))


@kind("cnn.depthwise", "cnn", ("mobilenet",))
def depthwise_separable(rng: random.Random, lab: str, hp: dict) -> Draft:
    layers = layers_of(lab, hp)
    depthwise = [(i, layer) for i, layer in enumerate(layers)
                 if isinstance(layer.module, nn.Conv2d) and layer.module.groups > 1]
    if not depthwise:
        raise NoQuestion("no depthwise layer")
    index, layer = rng.choice(depthwise)
    pointwise = next(x for x in layers[index + 1:] if isinstance(x.module, nn.Conv2d))
    cin, cout = layer.module.in_channels, pointwise.module.out_channels
    k = _one(layer.module.kernel_size)
    cost = depthwise_separable_cost(cin, cout, k)
    value = cost["separable_params"]
    return Draft(
        "MobileNet: the depthwise layer {path} ({k}×{k}, {cin} channels) and the "
        "pointwise 1×1 layer after it ({cin} → {cout}) replace one standard "
        "{k}×{k} convolution. How many weights do the two have (no bias)?",
        dict(path=layer.path, k=k, cin=cin, cout=cout), value,
        "{k}·{k}·{cin} + {cin}·{cout} = {answer}; a standard convolution: {standard}",
        Link(lab, layer.path),
        [(cost["standard_params"], "That is the standard convolution."),
         (k * k * cin * cin + cin * cout,
          "The depthwise layer has one k×k filter per channel, not C×C."),
         (cost["depthwise_params"], "The pointwise layer's weights are missing.")],
        solution_args=dict(answer=value, standard=cost["standard_params"]))


@kind("cnn.linear_params", "cnn", ("lenet5", "alexnet", "vgg"))
def linear_parameters(rng: random.Random, lab: str, hp: dict) -> Draft:
    layer = _pick(rng, layers_of(lab, hp), lambda m: isinstance(m, nn.Linear))
    lin: nn.Linear = layer.module
    n_in, n_out = lin.in_features, lin.out_features
    value = n_in * n_out + n_out
    return Draft(
        "{net}: how many parameters has the fully connected layer {path} "
        "({n_in} inputs, {n_out} outputs, with bias)?",
        dict(net=_title(lab), path=layer.path, n_in=n_in, n_out=n_out), value,
        "{n_in}×{n_out} + {n_out} = {answer}", Link(lab, layer.path),
        [(n_in * n_out, LINEAR_BIAS_FORGOTTEN),
         (n_in * n_out + n_in, BIAS_PER_INPUT),
         (n_in + n_out, "Every input connects to every output: multiply.")],
        solution_args=dict(answer=value))


@kind("cnn.input_shape", "cnn", CNN_LABS)
def input_shape(rng: random.Random, lab: str, hp: dict) -> Draft:
    c, h, w = ZOO[lab].input_shape()
    batch = rng.choice((8, 16, 32, 64, 128))
    value = f"({batch}, {c}, {h}, {w})"
    first = layers_of(lab, hp)[0]
    if first.in_shape[1:] != (c, h, w):
        raise NoQuestion("the network reads another shape")
    return Draft(
        "{net} reads grey {h}×{w} images. A batch of {batch} images enters the "
        "network as a tensor of which shape (PyTorch's order)?",
        dict(net=_title(lab), h=h, w=w, batch=batch), value,
        "(batch, channels, height, width) = {answer}", Link(lab, "input", "input"),
        [(f"({batch}, {h}, {w}, {c})", "Channels come before height and width."),
         (f"({c}, {h}, {w}, {batch})", "The batch dimension comes first."),
         (f"({h}, {w}, {c})", "The batch dimension is missing.")],
        form=CHOICE, solution_args=dict(answer=value))


@kind("cnn.total_params", "cnn", ("lenet5",))
def total_parameters(rng: random.Random, lab: str, hp: dict) -> Draft:
    layers = layers_of(lab, hp)
    counted = [(x.path, sum(p.numel() for p in x.module.parameters(recurse=False)))
               for x in layers]
    counted = [(p, n) for p, n in counted if n]
    if len(counted) > 6:
        raise NoQuestion("too many layers to add up by hand")
    value = sum(n for _, n in counted)
    listing = " + ".join(f"{n:,}" for _, n in counted)
    return Draft(
        "{net}: the layers with weights have {listing} parameters. How many "
        "parameters has the whole network?",
        dict(net=_title(lab), listing=listing), value, "{listing} = {answer}",
        Link(lab, panel="feature maps"), (), form=NUMBER,
        solution_args=dict(answer=value))
