"""Small detached numpy copies of tensors, with their statistics.

A :class:`TensorRecord` is what a trace keeps of a tensor: its full shape, a bounded
sample (first item of the batch, at most 16 channels, at most 64×64 per map) and
statistics over the whole tensor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import torch

MAX_CHANNELS = 16
MAX_SIDE = 64
MAX_VECTOR = 4096


@dataclass
class TensorRecord:
    """A bounded copy of one tensor.

    Attributes
    ----------
    shape
        Full shape of the tensor, in PyTorch order (batch, channels, height, width).
    sample
        float32 numpy array: the first batch item (``batched``) cropped to
        ≤ 16 channels and strided to ≤ 64 per spatial side (vectors ≤ 4096 values).
    stats
        ``mean``, ``std``, ``min``, ``max``, ``zero_fraction`` over the whole tensor.
    norm
        L2 norm of the whole tensor.
    batched
        True when the first dimension is the batch and ``sample`` is its first item.
    """

    shape: tuple[int, ...]
    sample: np.ndarray
    stats: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    batched: bool = True


def _stride_to(t: torch.Tensor, dim: int, limit: int) -> torch.Tensor:
    size = t.shape[dim]
    if size <= limit:
        return t
    step = math.ceil(size / limit)
    index = (slice(None),) * dim + (slice(None, None, step),)
    return t[index]


def _bound(s: torch.Tensor, batched: bool) -> torch.Tensor:
    """Bound one item: (F,), (rows, cols), (C, ..., H, W) or kernels (O, I, kH, kW)."""
    if s.dim() == 0:
        return s
    if s.dim() == 1:
        return s[:MAX_VECTOR]
    if s.dim() == 2:
        return _stride_to(_stride_to(s, 0, MAX_SIDE), 1, MAX_SIDE)
    s = s[:MAX_CHANNELS]
    if s.dim() == 4 and not batched:  # conv kernels (C_out, C_in, kH, kW)
        s = s[:, :MAX_CHANNELS]
        return _stride_to(_stride_to(s, 2, MAX_SIDE), 3, MAX_SIDE)
    while s.dim() > 3:  # (C, D, H, W): first slice of the middle dimensions
        s = s.select(1, 0)
    return _stride_to(_stride_to(s, 1, MAX_SIDE), 2, MAX_SIDE)


def tensor_stats(t: torch.Tensor) -> tuple[dict[str, float], float]:
    """Statistics and L2 norm of a whole tensor (as float64 Python numbers)."""
    if t.numel() == 0:
        zero = {"mean": 0.0, "std": 0.0, "min": 0.0, "max": 0.0, "zero_fraction": 0.0}
        return zero, 0.0
    f = t.detach().float()
    if f.is_complex():
        f = f.abs()
    stats = {
        "mean": float(f.mean()),
        "std": float(f.std(correction=0)),
        "min": float(f.min()),
        "max": float(f.max()),
        "zero_fraction": float((f == 0).float().mean()),
    }
    return stats, float(torch.linalg.vector_norm(f))


def record_tensor(t: torch.Tensor, batched: bool = True) -> TensorRecord:
    """A :class:`TensorRecord` of ``t``; never keeps a reference to ``t``.

    ``batched`` says whether the first dimension is the batch (activations and their
    gradients) or not (parameters, optimizer state).
    """
    with torch.no_grad():
        t = t.detach()
        stats, norm = tensor_stats(t)
        batched = batched and t.dim() >= 2
        s = t[0] if batched else t
        sample = _bound(s, batched).float().cpu().numpy().copy()
    return TensorRecord(tuple(t.shape), sample, stats, norm, batched)
