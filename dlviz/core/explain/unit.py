"""One unit of a trained network, worked out by hand with the real numbers.

CNN Explainer's idea, on the lab's own network and image: pick a unit (layer,
channel, row, column) of a feature map and see how its value was made —

* a **convolution** unit: its input patch from every input channel of its group,
  the kernel weights, their element-wise products, the per-channel sums, the sum
  of all, the bias and the result ``Σ + b``;
* a **pooling** unit: its window on its one input channel and the maximum (with
  its position) or the mean (with the divisor PyTorch uses);
* what happens to the value next when element-wise modules consume it directly
  (batch norm with its statistics, ReLU / sigmoid / tanh: in → out);
* the output layer's **softmax**: logits ``z``, ``e^z``, their sum and each
  probability ``e^z / Σ e^z``.

Every number is recomputed here in float64 from the recorded input and the
module's weights, and the module's actual output at that position is returned
beside it (``actual``), so a test — and the panel — can show that the arithmetic
is the layer's. Layers are named as :func:`dlviz.core.labs.cnn.capture_feature_maps`
names them. Runs in eval mode under ``torch.no_grad``; nothing of the model is
changed.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch
from torch import nn

#: Modules whose output is shown as a feature map (the units one can pick).
UNIT_LAYERS = (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d)
#: Element-wise modules followed after a unit (same position, same channel).
ELEMENTWISE = (nn.BatchNorm2d, nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.Sigmoid, nn.Tanh,
               nn.Dropout, nn.Dropout2d, nn.Identity)
#: Most input maps sent with a unit (its input channels, in order).
MAX_INPUT_MAPS = 64
#: Largest logit whose exponential is given as e^z itself; above it the numbers
#: are e^(z − max z) (the same probabilities, ``shifted`` is then True).
MAX_PLAIN_EXP = 80.0


def _pair(value: Any) -> tuple[int, int]:
    if isinstance(value, (tuple, list)):
        return int(value[0]), int(value[-1])
    return int(value), int(value)


def _record(model: nn.Module, x: torch.Tensor) -> tuple[torch.Tensor, list[dict]]:
    """Forward ``x`` once in eval mode; every leaf (and unit-layer) module's call
    in execution order: its path, module, first input, output and — for a unit
    layer — the key the feature maps use."""
    events: list[dict] = []
    seen: set[str] = set()
    count = [0]

    def recorder(path: str, module: nn.Module):
        def hook(mod: nn.Module, inputs, output) -> None:
            event = {"path": path, "module": mod,
                     "input": inputs[0] if inputs else None, "output": output,
                     "key": None}
            if isinstance(mod, UNIT_LAYERS) and isinstance(output, torch.Tensor) \
                    and output.dim() == 4 and output.shape[-1] * output.shape[-2] > 1:
                key = path if path not in seen else f"{path}#{count[0]}"
                seen.add(key)
                count[0] += 1
                event["key"] = key
            events.append(event)

        return hook

    handles = [
        module.register_forward_hook(recorder(path, module))
        for path, module in model.named_modules()
        if path and (isinstance(module, UNIT_LAYERS) or not any(module.children()))
    ]
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            logits = model(x)
    finally:
        model.train(was_training)
        for handle in handles:
            handle.remove()
    return logits, events


def unit_layers(model: nn.Module, x: torch.Tensor) -> list[str]:
    """The keys of the layers whose units :func:`explain_unit` works out."""
    _, events = _record(model, x)
    return [e["key"] for e in events if e["key"] is not None]


def _np(t: torch.Tensor) -> np.ndarray:
    return t.detach().double().cpu().numpy()


def _conv(module: nn.Conv2d, inp: np.ndarray, channel: int, row: int,
          col: int) -> dict[str, Any]:
    if module.padding_mode != "zeros":
        raise ValueError(f"padding mode {module.padding_mode!r} is not worked out")
    if isinstance(module.padding, str):  # "same" / "valid": the padding it used
        kh, kw = module.kernel_size
        dh, dw = module.dilation
        pad = ((dh * (kh - 1)) // 2, (dw * (kw - 1)) // 2) \
            if module.padding == "same" else (0, 0)
    else:
        pad = _pair(module.padding)
    stride, dilation = _pair(module.stride), _pair(module.dilation)
    kh, kw = module.kernel_size
    c_in, h, w = inp.shape
    per_group_out = module.out_channels // module.groups
    per_group_in = c_in // module.groups
    group = channel // per_group_out
    channels = np.arange(group * per_group_in, (group + 1) * per_group_in)
    top, left = row * stride[0] - pad[0], col * stride[1] - pad[1]
    rows = top + dilation[0] * np.arange(kh)
    cols = left + dilation[1] * np.arange(kw)
    inside = ((rows >= 0) & (rows < h))[:, None] & ((cols >= 0) & (cols < w))[None, :]
    patches = np.zeros((len(channels), kh, kw))
    rr, cc = np.clip(rows, 0, h - 1), np.clip(cols, 0, w - 1)
    patches[:] = inp[channels][:, rr][:, :, cc]
    patches[:, ~inside] = 0.0
    kernels = _np(module.weight[channel])
    products = patches * kernels
    channel_sums = products.reshape(len(channels), -1).sum(1)
    total = float(channel_sums.sum())
    bias = float(module.bias[channel].detach()) if module.bias is not None else 0.0
    return {
        "kind": "conv",
        "in_channels": channels.astype(np.int64),
        "patches": patches.astype(np.float32),
        "kernels": kernels.astype(np.float32),
        "products": products.astype(np.float32),
        "channel_sums": channel_sums.astype(np.float32),
        "padding_mask": ~inside,
        "sum": total,
        "bias": bias,
        "has_bias": module.bias is not None,
        "value": total + bias,
        "window": (int(top), int(left)),
        "kernel_size": (int(kh), int(kw)),
        "stride": stride,
        "padding": pad,
        "dilation": dilation,
        "groups": int(module.groups),
    }


def _max_pool(module: nn.MaxPool2d, inp: np.ndarray, channel: int, row: int,
              col: int) -> dict[str, Any]:
    kh, kw = _pair(module.kernel_size)
    stride = _pair(module.stride if module.stride is not None else module.kernel_size)
    pad, dilation = _pair(module.padding), _pair(module.dilation)
    _, h, w = inp.shape
    top, left = row * stride[0] - pad[0], col * stride[1] - pad[1]
    rows = top + dilation[0] * np.arange(kh)
    cols = left + dilation[1] * np.arange(kw)
    inside = ((rows >= 0) & (rows < h))[:, None] & ((cols >= 0) & (cols < w))[None, :]
    patch = inp[channel][np.clip(rows, 0, h - 1)][:, np.clip(cols, 0, w - 1)].copy()
    patch[~inside] = np.nan  # padding never wins a maximum
    flat = int(np.nanargmax(patch))
    return {
        "kind": "maxpool",
        "patch": patch.astype(np.float32),
        "padding_mask": ~inside,
        "argmax": divmod(flat, kw),
        "value": float(patch.flat[flat]),
        "window": (int(top), int(left)),
        "kernel_size": (kh, kw),
        "stride": stride,
        "padding": pad,
    }


def _avg_pool(module: nn.AvgPool2d, inp: np.ndarray, channel: int, row: int,
              col: int) -> dict[str, Any]:
    kh, kw = _pair(module.kernel_size)
    stride = _pair(module.stride if module.stride is not None else module.kernel_size)
    pad = _pair(module.padding)
    _, h, w = inp.shape
    top, left = row * stride[0] - pad[0], col * stride[1] - pad[1]
    # PyTorch's divisor: the window clipped to the padded input, or to the input
    # itself when padding is not counted
    bottom, right = min(top + kh, h + pad[0]), min(left + kw, w + pad[1])
    padded_size = (bottom - top) * (right - left)
    rows, cols = np.arange(top, top + kh), np.arange(left, left + kw)
    inside = ((rows >= 0) & (rows < h))[:, None] & ((cols >= 0) & (cols < w))[None, :]
    patch = inp[channel][np.clip(rows, 0, h - 1)][:, np.clip(cols, 0, w - 1)].copy()
    patch[~inside] = 0.0
    if module.divisor_override:
        divisor = int(module.divisor_override)
    elif module.count_include_pad:
        divisor = int(padded_size)
    else:
        divisor = int(inside.sum())
    total = float(patch.sum())
    return {
        "kind": "avgpool",
        "patch": patch.astype(np.float32),
        "padding_mask": ~inside,
        "sum": total,
        "divisor": divisor,
        "value": total / divisor,
        "window": (int(top), int(left)),
        "kernel_size": (kh, kw),
        "stride": stride,
        "padding": pad,
    }


def _adaptive_avg_pool(inp: np.ndarray, out_hw: tuple[int, int], channel: int,
                       row: int, col: int) -> dict[str, Any]:
    _, h, w = inp.shape
    oh, ow = out_hw
    top, bottom = (row * h) // oh, math.ceil((row + 1) * h / oh)
    left, right = (col * w) // ow, math.ceil((col + 1) * w / ow)
    patch = inp[channel, top:bottom, left:right]
    return {
        "kind": "avgpool",
        "patch": patch.astype(np.float32),
        "padding_mask": np.zeros(patch.shape, bool),
        "sum": float(patch.sum()),
        "divisor": int(patch.size),
        "value": float(patch.mean()),
        "window": (int(top), int(left)),
        "kernel_size": tuple(patch.shape),
        "stride": (0, 0),
        "padding": (0, 0),
    }


def _step_after(module: nn.Module, value: float, channel: int,
                out: float) -> dict[str, Any]:
    """One element-wise module applied to the unit's value, worked out."""
    step: dict[str, Any] = {"kind": type(module).__name__, "input": value,
                            "actual": out}
    if isinstance(module, nn.BatchNorm2d):
        mean = float(module.running_mean[channel]) if module.running_mean is not None \
            else float("nan")
        var = float(module.running_var[channel]) if module.running_var is not None \
            else float("nan")
        weight, bias = module.weight, module.bias
        gamma = float(weight[channel].detach()) if weight is not None else 1.0
        beta = float(bias[channel].detach()) if bias is not None else 0.0
        step.update(mean=mean, var=var, eps=float(module.eps), gamma=gamma, beta=beta,
                    output=(value - mean) / math.sqrt(var + module.eps) * gamma + beta)
    elif isinstance(module, nn.ReLU):
        step["output"] = max(value, 0.0)
    elif isinstance(module, nn.ReLU6):
        step["output"] = min(max(value, 0.0), 6.0)
    elif isinstance(module, nn.LeakyReLU):
        step["output"] = value if value >= 0 else value * module.negative_slope
        step["slope"] = float(module.negative_slope)
    elif isinstance(module, nn.Sigmoid):
        step["output"] = 1.0 / (1.0 + math.exp(-value)) if value > -700 else 0.0
    elif isinstance(module, nn.Tanh):
        step["output"] = math.tanh(value)
    else:  # dropout in eval mode, identity
        step["output"] = value
    return step


def softmax_numbers(logits: torch.Tensor | np.ndarray) -> dict[str, Any]:
    """The softmax worked out: ``z``, ``e^z`` (or ``e^(z − max z)`` when a logit
    exceeds :data:`MAX_PLAIN_EXP`; ``shifted`` says which), ``Σ`` and each
    ``p = e^z / Σ``."""
    z = np.asarray(logits.detach().cpu() if isinstance(logits, torch.Tensor)
                   else logits, dtype=np.float64).reshape(-1)
    shifted = bool(z.max() > MAX_PLAIN_EXP)
    exps = np.exp(z - z.max()) if shifted else np.exp(z)
    total = float(exps.sum())
    return {
        "logits": z.astype(np.float32),
        "exp": exps,
        "exp_sum": total,
        "probs": (exps / total).astype(np.float32),
        "shifted": shifted,
        "max_logit": float(z.max()),
    }


def explain_unit(model: nn.Module, x: torch.Tensor, layer: str | None,
                 channel: int = 0, row: int = 0, col: int = 0) -> dict[str, Any]:
    """Work out unit (``channel``, ``row``, ``col``) of feature-map layer ``layer``
    for input ``x`` (1, C, H, W); ``layer=None`` gives only the softmax.

    Returns ``layer``, ``module`` (its type), ``channel``, ``row``, ``col``,
    ``out_shape`` (C, H, W), ``in_shape``, the layer's arithmetic (see the module
    docstring; ``kind`` is ``conv``, ``maxpool`` or ``avgpool``), ``actual`` (the
    layer's own output there), ``after`` (the element-wise steps that consume the
    output directly, each with ``input``, ``output`` worked out and ``actual``),
    ``in_channels`` (the input channels it reads: its group's for a convolution,
    its own for pooling), ``input_maps`` (those input maps, at most
    :data:`MAX_INPUT_MAPS`), ``reads_image`` (the layer reads the network's
    input itself), ``output_map`` (the layer's map of ``channel``),
    ``softmax`` (:func:`softmax_numbers` of the network's logits) and ``layers``
    (every key one may ask for).
    """
    if x.dim() == 3:
        x = x[None]
    logits, events = _record(model, x)
    keys = [e["key"] for e in events if e["key"] is not None]
    result: dict[str, Any] = {"layers": keys, "softmax": softmax_numbers(logits[0])}
    if layer is None:
        return result
    index = next((i for i, e in enumerate(events) if e["key"] == layer), None)
    if index is None:
        raise ValueError(f"no feature-map layer {layer!r}; known: {', '.join(keys)}")
    event = events[index]
    module, out = event["module"], event["output"]
    c_out, h_out, w_out = (int(s) for s in out.shape[1:])
    if not (0 <= channel < c_out and 0 <= row < h_out and 0 <= col < w_out):
        raise ValueError(f"unit ({channel}, {row}, {col}) is outside {layer}'s "
                         f"{c_out} × {h_out} × {w_out} output")
    inp = _np(event["input"][0])
    if isinstance(module, nn.Conv2d):
        work = _conv(module, inp, channel, row, col)
    elif isinstance(module, nn.MaxPool2d):
        work = _max_pool(module, inp, channel, row, col)
    elif isinstance(module, nn.AvgPool2d):
        work = _avg_pool(module, inp, channel, row, col)
    else:
        work = _adaptive_avg_pool(inp, (h_out, w_out), channel, row, col)
    actual = float(out[0, channel, row, col])
    # the element-wise modules that take this output (and then theirs) directly
    after: list[dict[str, Any]] = []
    current, value = out, actual
    for later in events[index + 1:]:
        if later["input"] is not current:
            continue
        if not isinstance(later["module"], ELEMENTWISE) \
                or later["output"].shape != current.shape:
            break
        out_value = float(later["output"][0, channel, row, col])
        after.append(_step_after(later["module"], value, channel, out_value))
        current, value = later["output"], out_value
    own = work["in_channels"] if "in_channels" in work else np.array([channel])
    result.update(
        work,
        in_channels=np.asarray(own, np.int64),
        input_maps=inp[own[:MAX_INPUT_MAPS]].astype(np.float32),
        output_map=out[0, channel].detach().float().cpu().numpy(),
        reads_image=event["input"] is x,
        layer=layer,
        module=type(module).__name__,
        channel=int(channel),
        row=int(row),
        col=int(col),
        out_shape=(c_out, h_out, w_out),
        in_shape=tuple(int(s) for s in inp.shape),
        actual=actual,
        after=after,
    )
    return result
