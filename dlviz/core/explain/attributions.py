"""Which pixels made the network say that? Saliency, Integrated Gradients, Grad-CAM.

Every method runs on a deep copy of the model in eval mode, so the training model's
weights, gradients and batch-norm statistics are never touched. Each map comes back
as a (H, W) float32 array ready for an overlay:

* ``saliency`` — ``max_c |∂y/∂x_c|`` over input channels, scaled to [0, 1];
* ``integrated_gradients`` — summed over channels, signed, scaled to [-1, 1]
  (positive: pixels that pushed the class up compared with a black image);
* ``gradcam`` — Grad-CAM on the last convolution's feature maps (after their
  activation, before pooling): ``ReLU(Σ_k α_k A_k)`` with ``α_k`` the class score's
  gradient averaged over map ``k``, then upsampled bilinearly to the input size,
  scaled to [0, 1]. It is as coarse as that layer: LeNet-5's C3 maps are 10 × 10
  for a 32 × 32 input.

``details["gradcam"]`` names the layer, its map size and whether the map is empty
(``Σ_k α_k A_k ≤ 0`` everywhere: no positive evidence at that layer, which happens
with sigmoid activations, never zero, on a net whose classifier is dense layers).
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


def _last_conv_maps(
    model: nn.Module, example: torch.Tensor
) -> tuple[nn.Module, tuple[int, int]] | None:
    """The module Grad-CAM explains and its map size (H, W), found by running
    ``example`` once with hooks (see :func:`last_feature_layer`)."""
    fired: list[tuple[nn.Module, object]] = []

    def hook(module: nn.Module, inputs, output) -> None:
        shape = tuple(output.shape) if isinstance(output, torch.Tensor) else None
        fired.append((module, shape))

    handles = [m.register_forward_hook(hook) for n, m in model.named_modules() if n]
    try:
        with torch.no_grad():
            model(example)
    finally:
        for handle in handles:
            handle.remove()
    convs = [i for i, (m, shape) in enumerate(fired) if isinstance(m, nn.Conv2d)]
    if convs:
        start = convs[-1]
        size = fired[start][1][-2:]
        chosen = start
        # Hooks fire when a module finishes: the activation (and batch norm, a
        # residual block, an Inception block's concatenation) after the last
        # convolution fire next, at the same map size; pooling changes the size.
        for i in range(start + 1, len(fired)):
            shape = fired[i][1]
            if shape is None or len(shape) != 4 or shape[-2:] != size:
                break
            chosen = i
        module, shape = fired[chosen]
        if shape[-1] * shape[-2] > 1:
            return module, (int(shape[-2]), int(shape[-1]))
    spatial = [
        (m, shape) for m, shape in fired
        if shape is not None and len(shape) == 4 and shape[-1] * shape[-2] > 1
    ]
    if not spatial:
        return None
    module, shape = spatial[-1]
    return module, (int(shape[-2]), int(shape[-1]))


def last_feature_layer(model: nn.Module, example: torch.Tensor) -> nn.Module:
    """The layer Grad-CAM explains: the last convolution's feature maps, taken
    after what follows it at the same size (batch norm, the activation, a residual
    addition, an Inception concatenation) and before pooling shrinks them.

    For LeNet-5 that is C3's activation (16 × 10 × 10), not S4's pooled 5 × 5 maps;
    for a residual net, the last block's output. Without any convolution, the last
    spatial (4-D, more than one pixel) output is used. A model can name the layer
    with a ``gradcam_layer`` attribute (a module path).
    """
    path = getattr(model, "gradcam_layer", None)
    if path:
        return model.get_submodule(path)
    found = _last_conv_maps(model, example)
    if found is None:
        raise ValueError("the model has no spatial feature map for Grad-CAM")
    return found[0]


def grad_cam(
    model: nn.Module, x: torch.Tensor, target: int, layer: nn.Module
) -> tuple[torch.Tensor, torch.Tensor]:
    """Grad-CAM (Selvaraju et al., 2017) of class ``target`` for one input
    (1, C, H, W).

    ``α_k = mean_ij ∂y_target/∂A_k(i, j)`` (the gradient averaged over the map),
    ``L = ReLU(Σ_k α_k A_k)`` at the layer's resolution, then bilinear upsampling
    to the input size. Returns the upsampled map (H, W) and the coarse one (h, w).
    """
    store: dict[str, torch.Tensor] = {}

    def keep(module: nn.Module, inputs, output) -> None:
        store["maps"] = output

    handle = layer.register_forward_hook(keep)
    try:
        with torch.enable_grad():
            score = model(x)[0, target]
            maps = store["maps"]
            (grads,) = torch.autograd.grad(score, maps)
    finally:
        handle.remove()
    alpha = grads.mean(dim=(2, 3), keepdim=True)
    coarse = torch.relu((alpha * maps).sum(1, keepdim=True)).detach()
    fine = torch.nn.functional.interpolate(
        coarse, size=tuple(x.shape[-2:]), mode="bilinear", align_corners=False
    )
    return fine[0, 0], coarse[0, 0]


def _normalise(values: np.ndarray, signed: bool) -> np.ndarray:
    scale = float(np.abs(values).max()) if values.size else 0.0
    if scale <= 0 or not np.isfinite(scale):
        return np.zeros_like(values, dtype=np.float32)
    out = values / scale
    return (out if signed else np.clip(out, 0.0, 1.0)).astype(np.float32)


def integrated_gradients(
    model: nn.Module,
    x: torch.Tensor,
    target: int,
    n_steps: int = 32,
    batch: int = 8,
    token=None,
) -> torch.Tensor:
    """Integrated Gradients of class ``target`` for input ``x`` (1, ...) from a
    black baseline: ``x · Σ_i w_i ∂y/∂x(α_i x)`` with Gauss-Legendre nodes ``α_i``
    and weights ``w_i`` on [0, 1] (captum's default rule, the same numbers).

    The ``n_steps`` scaled inputs run through the model ``batch`` at a time;
    ``token`` (a lab's ``current_request``) is checked before each batch — a
    cancelled request raises :class:`~dlviz.session.jobs.JobCancelled` there —
    and told the progress.
    """
    nodes, weights = np.polynomial.legendre.leggauss(int(n_steps))
    alphas = torch.as_tensor(0.5 * (nodes + 1.0), dtype=x.dtype, device=x.device)
    step_sizes = torch.as_tensor(0.5 * weights, dtype=x.dtype, device=x.device)
    shape = (-1,) + (1,) * (x.dim() - 1)
    total = torch.zeros_like(x)
    for start in range(0, len(alphas), max(1, int(batch))):
        if token is not None:
            token.check()
            token.progress(start / len(alphas))
        a = alphas[start : start + batch]
        scaled = (a.view(shape) * x).detach().requires_grad_(True)
        score = model(scaled)[:, target].sum()
        (grad,) = torch.autograd.grad(score, scaled)
        total += (grad * step_sizes[start : start + batch].view(shape)).sum(
            0, keepdim=True
        )
    return total * x


def attribute(
    model: nn.Module,
    image: torch.Tensor,
    target: int | None = None,
    methods: tuple[str, ...] | list[str] = METHODS,
    ig_steps: int = 32,
    token=None,
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
    token
        The lab's ``current_request`` (or any cancel token): checked between
        methods and between Integrated Gradients' batches; a cancelled request
        stops there (:class:`~dlviz.session.jobs.JobCancelled`).

    Returns
    -------
    dict
        ``target`` (int), ``probs`` ((K,) float32), ``maps`` ({method: (H, W)
        float32}), ``seconds`` ({method: float}), ``signed`` ({method: bool}),
        ``details`` (``{"gradcam": {"layer": path, "map_size": (h, w), "empty":
        bool}}`` when Grad-CAM ran).
    """
    from captum.attr import Saliency

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
    maps: dict[str, np.ndarray] = {}
    seconds: dict[str, float] = {}
    details: dict[str, dict] = {}
    for method in methods:
        if token is not None:
            token.check()
        start = time.perf_counter()
        inp = x.clone().requires_grad_(True)
        if method == "saliency":
            grad = Saliency(work).attribute(inp, target=cls, abs=True)
            raw = grad[0].amax(0)
        elif method == "integrated_gradients":
            attr = integrated_gradients(work, x, cls, ig_steps, token=token)
            raw = attr[0].sum(0)
        else:
            layer = last_feature_layer(work, x)
            raw, coarse = grad_cam(work, x, cls, layer)
            names = {m: n for n, m in work.named_modules()}
            details["gradcam"] = {
                "layer": names.get(layer, ""),
                "map_size": tuple(int(v) for v in coarse.shape),
                "empty": bool(coarse.max() <= 0),
            }
        maps[method] = _normalise(raw.detach().cpu().numpy(), method in SIGNED)
        seconds[method] = time.perf_counter() - start
    return {
        "target": cls,
        "probs": probs.detach().cpu().numpy().astype(np.float32),
        "maps": maps,
        "seconds": seconds,
        "signed": {m: m in SIGNED for m in methods},
        "details": details,
    }
