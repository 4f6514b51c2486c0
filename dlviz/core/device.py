"""Choosing where torch runs: CUDA, then MPS, then the CPU; overridable."""

from __future__ import annotations

import os

import torch


def choose_device(override: str | None = None) -> torch.device:
    """Return the device to train on.

    ``override`` is ``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"mps"`` or ``None``
    (automatic). An override naming a device this machine lacks raises ``ValueError``
    with the reason.
    """
    if override:
        device = torch.device(override)
        if device.type == "cuda" and not torch.cuda.is_available():
            raise ValueError("CUDA was requested but this torch build sees no CUDA GPU")
        if device.type == "mps" and not _mps_available():
            raise ValueError("MPS was requested but is not available on this machine")
        if device.type not in ("cpu", "cuda", "mps"):
            raise ValueError(f"unsupported device {override!r}")
        return device
    if torch.cuda.is_available():
        return torch.device("cuda")
    if _mps_available():
        return torch.device("mps")
    return torch.device("cpu")


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())


def describe_device(device: torch.device) -> str:
    """A short human-readable name: the GPU's name, ``Apple MPS`` or ``CPU``."""
    if device.type == "cuda":
        index = (
            device.index if device.index is not None else torch.cuda.current_device()
        )
        return f"CUDA: {torch.cuda.get_device_name(index)}"
    if device.type == "mps":
        return "Apple MPS"
    return "CPU"


def configure_threads(reserve_for_gui: int = 1) -> int:
    """Leave ``reserve_for_gui`` cores to the interface; return torch's thread count.

    On a 2-core laptop torch gets one thread so the window stays responsive.
    ``DLVIZ_TORCH_THREADS`` overrides the choice.
    """
    wanted = os.environ.get("DLVIZ_TORCH_THREADS")
    if wanted and wanted.isdigit() and int(wanted) > 0:
        threads = int(wanted)
    else:
        cores = os.cpu_count() or 1
        threads = max(1, cores - reserve_for_gui)
    torch.set_num_threads(threads)
    return torch.get_num_threads()
