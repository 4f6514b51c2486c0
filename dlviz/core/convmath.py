"""Convolution arithmetic: output sizes, parameter counts, costs, receptive fields.

Pure Python and numpy (no torch), so the convolution calculator can run on the GUI
thread. Every formula follows PyTorch's ``nn.Conv2d`` / ``nn.MaxPool2d`` /
``nn.AvgPool2d`` conventions for square inputs and kernels:

* output size ``⌊(n + 2p − d(k−1) − 1) / s⌋ + 1``;
* weights ``(C_in / groups) · k² · C_out`` plus ``C_out`` biases;
* multiply-adds ``H_out · W_out · C_out · (C_in / groups) · k²``;
* receptive field of a stack ``r ← r + d(k−1) · j``, jump ``j ← j · s``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlviz.core.params import ParamError, ParamSpec


class ConvError(ValueError):
    """A combination of settings that gives no output; the message says why."""


# -- single layers ---------------------------------------------------------------------
def effective_kernel(kernel: int, dilation: int = 1) -> int:
    """Span of a dilated kernel: ``d(k−1) + 1``."""
    return dilation * (kernel - 1) + 1


def _check_positive(**values: int) -> None:
    for name, value in values.items():
        if int(value) != value or value < 1:
            raise ConvError(f"{name} must be a whole number ≥ 1, got {value}")


def conv_output_size(
    n: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1
) -> int:
    """Output length of a convolution along one axis (PyTorch's formula).

    Raises
    ------
    ConvError
        When the (dilated) kernel is larger than the padded input.
    """
    _check_positive(input=n, kernel=kernel, stride=stride, dilation=dilation)
    if padding < 0:
        raise ConvError(f"padding must be ≥ 0, got {padding}")
    span = effective_kernel(kernel, dilation)
    padded = n + 2 * padding
    if span > padded:
        raise ConvError(f"kernel span {span} is larger than the padded input {padded}")
    return (padded - span) // stride + 1


def output_size_formula(
    n: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1
) -> str:
    """The output-size formula with the numbers filled in, ending in its value.

    Example: ``⌊(28 + 2·1 − 1·(3−1) − 1) / 1⌋ + 1 = 28``.
    """
    text = f"⌊({n} + 2·{padding} − {dilation}·({kernel}−1) − 1) / {stride}⌋ + 1"
    try:
        return f"{text} = {conv_output_size(n, kernel, stride, padding, dilation)}"
    except ConvError as err:
        return f"{text}: {err}"


def conv_params(
    in_channels: int, out_channels: int, kernel: int, groups: int = 1, bias: bool = True
) -> int:
    """Number of learnable parameters of a 2-D convolution."""
    _check_positive(
        in_channels=in_channels, out_channels=out_channels, kernel=kernel, groups=groups
    )
    if in_channels % groups or out_channels % groups:
        raise ConvError(f"channels in and out must be divisible by groups ({groups})")
    weights = (in_channels // groups) * kernel * kernel * out_channels
    return weights + (out_channels if bias else 0)


def conv_macs(
    out_h: int,
    out_w: int,
    in_channels: int,
    out_channels: int,
    kernel: int,
    groups: int = 1,
) -> int:
    """Multiply-adds of a 2-D convolution (biases not counted)."""
    weights = conv_params(in_channels, out_channels, kernel, groups, bias=False)
    return out_h * out_w * weights


def same_padding(
    n: int, kernel: int, stride: int = 1, dilation: int = 1
) -> tuple[int, int]:
    """Padding (before, after) that gives an output of ``⌈n / s⌉`` ("same").

    For stride 1 this keeps the size: the total is ``d(k−1)``; when it is odd the
    extra row goes after, as PyTorch's ``padding="same"`` does.
    """
    _check_positive(input=n, kernel=kernel, stride=stride, dilation=dilation)
    out = math.ceil(n / stride)
    total = max((out - 1) * stride + effective_kernel(kernel, dilation) - n, 0)
    return total // 2, total - total // 2


def pool_output_size(
    n: int,
    kernel: int,
    stride: int | None = None,
    padding: int = 0,
    dilation: int = 1,
    ceil_mode: bool = False,
) -> int:
    """Output length of max or average pooling, exactly as PyTorch computes it
    (``pooling_output_shape`` in ATen; stride defaults to the kernel size)::

        out = ⌊(n + 2p − d(k−1) − 1 + (s−1 if ceil_mode else 0)) / s⌋ + 1
        if ceil_mode and (out − 1)·s ≥ n + p: out −= 1   # last window starts inside

    The division rounds towards −∞. With ``ceil_mode`` a window may hang over the
    end, so a 2×2 stride-2 pool of a 1×1 map gives 1 (without it: no output).

    Raises
    ------
    ConvError
        When the padding is more than half the kernel, or the output would be empty.
    """
    stride = kernel if stride is None else stride
    _check_positive(input=n, kernel=kernel, stride=stride, dilation=dilation)
    if padding < 0 or padding > kernel // 2:
        raise ConvError(
            f"pooling padding must be between 0 and half the kernel "
            f"({kernel // 2}), got {padding}"
        )
    span = effective_kernel(kernel, dilation)
    top = n + 2 * padding - span + (stride - 1 if ceil_mode else 0)
    out = top // stride + 1
    if ceil_mode and (out - 1) * stride >= n + padding:
        out -= 1
    if out < 1:
        raise ConvError(
            f"pooling window {span} is larger than the padded input {n + 2 * padding}"
        )
    return out


# -- the calculator's inputs -------------------------------------------------------
#: The groups input of the calculator (the lab's parameters have no groups field).
GROUPS_PARAM = ParamSpec(
    "groups", "Groups", "int", 1, 1, 2048,
    help="Channels are split into this many groups (must divide both).",
)


def validate_inputs(
    values: Mapping[str, Any], specs: Iterable[ParamSpec]
) -> tuple[dict[str, Any], dict[str, ParamError]]:
    """Check typed calculator inputs against their specs, as the hyperparameter
    panel does: nothing is clamped or cut (``300`` for a kernel of at most 15 is
    refused, not read as ``3``).

    Parameters
    ----------
    values
        ``key -> raw value`` (text as typed, or a number).
    specs
        The lab's parameters (``convmath``'s ``params``); :data:`GROUPS_PARAM` is
        added when missing.

    Returns
    -------
    tuple
        The accepted values (converted) and, for each refused key, the
        :class:`~dlviz.core.params.ParamError` whose ``reason``/``values`` say why
        (e.g. ``"must be at most {limit}"``, limit 15). Groups that do not divide
        both channel counts are refused too.
    """
    known = {spec.key: spec for spec in specs}
    known.setdefault("groups", GROUPS_PARAM)
    accepted: dict[str, Any] = {}
    refused: dict[str, ParamError] = {}
    for key, raw in values.items():
        spec = known.get(key)
        if spec is None:
            refused[key] = ParamError(key, "unknown input")
            continue
        try:
            accepted[key] = spec.validate(raw)
        except ParamError as err:
            refused[key] = err
    groups = accepted.get("groups")
    if groups is not None:
        for key in ("in_channels", "out_channels"):
            channels = accepted.get(key)
            if channels is not None and channels % groups:
                refused["groups"] = ParamError(
                    known["groups"].label,
                    "must divide the channels in and out ({channels})",
                    channels=channels,
                )
                accepted.pop("groups")
                break
    return accepted, refused


def input_reason(spec: ParamSpec, raw: Any) -> str:
    """Why ``raw`` is refused for ``spec`` (English, ``""`` when it is accepted)."""
    try:
        spec.validate(raw)
    except ParamError as err:
        return str(err)
    return ""


# -- stacks ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ReceptiveField:
    """Receptive field after one layer of a stack.

    ``size`` is the side of the input window one output pixel sees; ``jump`` is the
    distance in input pixels between neighbouring outputs (the product of strides).
    """

    size: int
    jump: int


def receptive_fields(layers: list[tuple[int, ...]]) -> list[ReceptiveField]:
    """Receptive field after each layer of ``layers``.

    Each layer is ``(kernel,)``, ``(kernel, stride)`` or ``(kernel, stride, dilation)``;
    pooling layers count like convolutions.
    """
    size, jump = 1, 1
    out = []
    for layer in layers:
        kernel = layer[0]
        stride = layer[1] if len(layer) > 1 else 1
        dilation = layer[2] if len(layer) > 2 else 1
        _check_positive(kernel=kernel, stride=stride, dilation=dilation)
        size += (effective_kernel(kernel, dilation) - 1) * jump
        jump *= stride
        out.append(ReceptiveField(size, jump))
    return out


def stacked_vs_single(
    channels: int, small: int = 3, count: int = 3, bias: bool = False
) -> dict[str, int]:
    """``count`` stacked ``small×small`` convolutions vs the one large kernel with the
    same receptive field, all with ``channels`` in and out.

    For three 3×3 layers: receptive field 7 both, parameters 27C² vs 49C².
    """
    large = receptive_fields([(small,)] * count)[-1].size
    return {
        "receptive_field": large,
        "large_kernel": large,
        "stacked_params": count * conv_params(channels, channels, small, bias=bias),
        "single_params": conv_params(channels, channels, large, bias=bias),
        "stacked_nonlinearities": count,
        "single_nonlinearities": 1,
    }


def depthwise_separable_cost(
    in_channels: int, out_channels: int, kernel: int, out_h: int = 1, out_w: int = 1
) -> dict[str, float]:
    """Standard convolution vs depthwise (k×k, groups = C_in) + pointwise (1×1).

    Parameters without biases; the ratio separable / standard is
    ``1/C_out + 1/k²`` for both parameters and multiply-adds.
    """
    standard = conv_params(in_channels, out_channels, kernel, bias=False)
    depthwise = conv_params(in_channels, in_channels, kernel, in_channels, bias=False)
    pointwise = conv_params(in_channels, out_channels, 1, bias=False)
    positions = out_h * out_w
    return {
        "standard_params": standard,
        "depthwise_params": depthwise,
        "pointwise_params": pointwise,
        "separable_params": depthwise + pointwise,
        "standard_macs": standard * positions,
        "separable_macs": (depthwise + pointwise) * positions,
        "ratio": (depthwise + pointwise) / standard,
        "ratio_formula": 1 / out_channels + 1 / kernel**2,
    }


def pointwise_mixer(in_channels: int, out_channels: int, bias: bool = True) -> int:
    """Parameters of a 1×1 convolution: ``C_in·C_out (+ C_out)``."""
    return conv_params(in_channels, out_channels, 1, bias=bias)


# -- a summary for the calculator ------------------------------------------------
@dataclass(frozen=True)
class ConvSummary:
    """Everything the calculator shows for one layer; ``error`` is set instead of the
    numbers when the settings give no output."""

    out_size: int | None
    formula: str
    padding: int
    params_with_bias: int | None
    params_without_bias: int | None
    macs: int | None
    receptive_field: int
    error: str = ""


def summarize_conv(
    n: int,
    kernel: int,
    stride: int = 1,
    padding: int = 0,
    dilation: int = 1,
    in_channels: int = 1,
    out_channels: int = 1,
    groups: int = 1,
    same: bool = False,
) -> ConvSummary:
    """Output size, parameters, cost and receptive field of one square convolution.

    With ``same`` the padding is computed (symmetric part of :func:`same_padding`
    for stride 1) and ``padding`` is ignored.
    """
    error = ""
    if same:
        if stride != 1:
            error = "'same' padding needs stride 1"
        before, after = same_padding(n, kernel, 1, dilation)
        padding = before
        if before != after and not error:
            error = f"'same' needs padding {before} and {after}: use an odd kernel"
    formula = output_size_formula(n, kernel, stride, padding, dilation)
    span = effective_kernel(kernel, dilation)
    try:
        with_bias = conv_params(in_channels, out_channels, kernel, groups, True)
        without_bias = conv_params(in_channels, out_channels, kernel, groups, False)
        out = conv_output_size(n, kernel, stride, padding, dilation)
    except ConvError as err:
        return ConvSummary(None, formula, padding, None, None, None, span, str(err))
    if error:
        return ConvSummary(None, formula, padding, None, None, None, span, error)
    macs = out * out * without_bias
    return ConvSummary(out, formula, padding, with_bias, without_bias, macs, span)


# -- the sliding-kernel animation ------------------------------------------------------
@dataclass(frozen=True)
class KernelPosition:
    """One output pixel of a convolution (cross-correlation, as ``F.conv2d``).

    ``rows``/``cols`` index the padded input; ``window`` is the input patch the kernel
    multiplies; ``text`` writes the dot product out with the numbers.
    """

    out_row: int
    out_col: int
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    window: np.ndarray
    value: float
    text: str


def _fmt(value: float) -> str:
    if float(value).is_integer():
        text = str(int(value))
    else:
        text = f"{value:.3g}"
    return text.replace("-", "−")


def _term(a: float, b: float) -> str:
    left = f"({_fmt(a)})" if a < 0 else _fmt(a)
    right = f"({_fmt(b)})" if b < 0 else _fmt(b)
    return f"{left}·{right}"


def kernel_positions(
    image: np.ndarray,
    kernel: np.ndarray,
    stride: int = 1,
    padding: int = 0,
    dilation: int = 1,
    bias: float = 0.0,
) -> list[KernelPosition]:
    """Every position of ``kernel`` sliding over a 2-D ``image``, in row-major order.

    The padded input is zeros around ``image``; the values equal
    ``F.conv2d(image, kernel, bias, stride, padding, dilation)``.
    """
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    if image.ndim != 2 or kernel.ndim != 2:
        raise ConvError("image and kernel must be 2-D")
    kh, kw = kernel.shape
    padded = np.pad(image, padding)
    out_h = conv_output_size(image.shape[0], kh, stride, padding, dilation)
    out_w = conv_output_size(image.shape[1], kw, stride, padding, dilation)
    positions = []
    for i in range(out_h):
        for j in range(out_w):
            rows = tuple(i * stride + dilation * a for a in range(kh))
            cols = tuple(j * stride + dilation * b for b in range(kw))
            window = padded[np.ix_(rows, cols)]
            value = float((window * kernel).sum() + bias)
            terms = [_term(a, b) for a, b in zip(window.ravel(), kernel.ravel())]
            if bias:
                terms.append(_fmt(bias))
            text = " + ".join(terms) + f" = {_fmt(value)}"
            positions.append(KernelPosition(i, j, rows, cols, window, value, text))
    return positions


def demo_input(size: int = 7, seed: int = 0) -> np.ndarray:
    """A small integer image (values 0–3) for the animation."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 4, size=(size, size)).astype(np.float64)


#: A vertical-edge kernel with small integers, readable on a projector.
DEMO_KERNEL = np.array([[1, 0, -1], [1, 0, -1], [1, 0, -1]], dtype=np.float64)
