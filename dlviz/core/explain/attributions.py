"""Which pixels made the network say that? Saliency, Integrated Gradients, Grad-CAM.

Every method runs on a deep copy of the model in eval mode, so the training model's
weights, gradients and batch-norm statistics are never touched. Each map comes back
as a (H, W) float32 array ready for an overlay:

* ``saliency`` — ``max_c |∂y/∂x_c|`` over input channels, scaled to [0, 1];
* ``integrated_gradients`` — summed over channels, signed, scaled to [-1, 1]
  (positive: pixels that pushed the class up compared with a black image);
* ``gradcam`` — Grad-CAM on the last convolutional feature map, ReLU'd, upsampled
  bilinearly to the input size, scaled to [0, 1].
"""

from __future__ import annotations

import copy
import time

import numpy as np
import torch
from torch import nn

METHODS: tuple[str, ...] = ("saliency", "integrated_gradients", "gradcam")
#: Methods whose maps are signed (in [-1, 1]); the others are in [0, 1].
SIGNED: frozenset[str] = frozenset({"integrated_gradients"})


def last_feature_layer(model: nn.Module, example: torch.Tensor) -> nn.Module:
    """The module whose output is the last spatial feature map (4-D, more than one
    pixel) produced in a forward pass of ``example``: the layer Grad-CAM explains.

    A model can name it with a ``gradcam_layer`` attribute (a module path).
    """
    path = getattr(model, "gradcam_layer", None)
    if path:
        return model.get_submodule(path)
    found: list[nn.Module] = []

    def hook(module: nn.Module, inputs, output) -> None:
        if isinstance(output, torch.Tensor) and output.dim() == 4:
            if output.shape[-1] * output.shape[-2] > 1:
                found.append(module)

    handles = [m.register_forward_hook(hook) for n, m in model.named_modules() if n]
    try:
        with torch.no_grad():
            model(example)
    finally:
        for handle in handles:
            handle.remove()
    if not found:
        raise ValueError("the model has no spatial feature map for Grad-CAM")
    return found[-1]


def _normalise(values: np.ndarray, signed: bool) -> np.ndarray:
    scale = float(np.abs(values).max()) if values.size else 0.0
    if scale <= 0 or not np.isfinite(scale):
        return np.zeros_like(values, dtype=np.float32)
    out = values / scale
    return (out if signed else np.clip(out, 0.0, 1.0)).astype(np.float32)


def attribute(
    model: nn.Module,
    image: torch.Tensor,
    target: int | None = None,
    methods: tuple[str, ...] | list[str] = METHODS,
    ig_steps: int = 32,
) -> dict:
    """Attribution maps for one image.

    Parameters
    ----------
    model
        The classifier; it is deep-copied, never modified.
    image
        One input, (C, H, W) or (1, C, H, W).
    target
        The class to explain; ``None`` explains the predicted class.
    methods
        Any of :data:`METHODS`.
    ig_steps
        Integration steps of Integrated Gradients.

    Returns
    -------
    dict
        ``target`` (int), ``probs`` ((K,) float32), ``maps`` ({method: (H, W)
        float32}), ``seconds`` ({method: float}), ``signed`` ({method: bool}).
    """
    from captum.attr import (
        IntegratedGradients,
        LayerAttribution,
        LayerGradCam,
        Saliency,
    )

    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise ValueError(f"unknown attribution method(s): {', '.join(unknown)}")
    device = next((p.device for p in model.parameters()), torch.device("cpu"))
    work = copy.deepcopy(model).to(device).eval()
    for p in work.parameters():
        p.requires_grad_(True)
    x = image.detach().to(device, torch.float32)
    if x.dim() == 3:
        x = x.unsqueeze(0)
    with torch.no_grad():
        probs = torch.softmax(work(x), 1)[0]
    cls = int(probs.argmax()) if target is None else int(target)
    height, width = x.shape[-2:]
    maps: dict[str, np.ndarray] = {}
    seconds: dict[str, float] = {}
    for method in methods:
        start = time.perf_counter()
        inp = x.clone().requires_grad_(True)
        if method == "saliency":
            grad = Saliency(work).attribute(inp, target=cls, abs=True)
            raw = grad[0].amax(0)
        elif method == "integrated_gradients":
            ig = IntegratedGradients(work)
            attr = ig.attribute(inp, baselines=torch.zeros_like(inp), target=cls,
                                n_steps=ig_steps)
            raw = attr[0].sum(0)
        else:
            layer = last_feature_layer(work, x)
            cam = LayerGradCam(work, layer).attribute(inp, target=cls)
            cam = LayerAttribution.interpolate(cam, (height, width), "bilinear")
            raw = torch.relu(cam[0].sum(0))
        maps[method] = _normalise(raw.detach().cpu().numpy(), method in SIGNED)
        seconds[method] = time.perf_counter() - start
    return {
        "target": cls,
        "probs": probs.detach().cpu().numpy().astype(np.float32),
        "maps": maps,
        "seconds": seconds,
        "signed": {m: m in SIGNED for m in methods},
    }
