"""Choosing where torch runs.

Two choices live here:

* :func:`choose_device` — the machine's best device: CUDA, then MPS, then the CPU;
  overridable (``--device``).
* :func:`preferred_device` — the best device *for one lab*. A GPU is not always
  faster: these labs are small, and for a small network each step is dominated by
  kernel launches and host–device copies, not arithmetic. Measured on an H200 against
  its 16-core host CPU (15 torch threads, as :func:`configure_threads` gives there) with
  ``make gpu-check`` (8 and 40 timed steps; 2026-11-28):

  ===============================================  ===============
  lab                                              CUDA vs CPU
  ===============================================  ===============
  convolutional nets (LeNet … ResNet, MobileNet)   1.8–3.6× faster
  segmentation, U-Net, detection                   2.2–3.7× faster
  RNN / LSTM / GRU (fused cuDNN kernels)           1.8–5.1× faster
  character GPT, Transformer                       1.1–3.3× faster
  image GANs, 1-D GAN, transfer                    1.1–1.6× faster
  two-stage detection, seq2seq, BERT, 2-D GAN      0.8–1.5× (a tie)
  MLPs, optimizers, batch norm                     0.25–0.85× (slower)
  autoencoders, Siamese, distillation              0.57–0.75×
  ===============================================  ===============

  So the rule is a flag on the lab card, :attr:`LabSpec.heavy
  <dlviz.core.labs.base.LabSpec.heavy>`: heavy labs (the lowest measured ratio above
  1) take CUDA when there is one, else Apple's MPS when there is that (not measured:
  chosen by the same flag); every other lab stays on the CPU. On a laptop with fewer
  CPU cores the GPU gains further. The function returns the device and a one-line
  reason.

* :func:`device_for_lab` — what the app uses: the user's choice (``auto``, the
  default, or a device from ``--device`` / the Device menu) applied to one lab, with
  the reason as a code (:class:`DeviceChoice`) the interface words and translates.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import torch

if TYPE_CHECKING:
    from dlviz.core.labs.base import LabSpec

#: CUDA vs CPU steps per second measured on an H200 and its host, by lab key
#: (see above; ``make gpu-check`` prints the same for any machine).
MEASURED_SPEEDUP: dict[str, str] = {
    "mlp2d": "0.25×",
    "mlp_digits": "0.85×",
    "optimizers": "0.45×",
    "batchnorm": "0.80×",
    "lenet5": "1.79×",
    "alexnet": "2.24×",
    "nin": "2.74×",
    "googlenet": "1.88×",
    "vgg": "2.37×",
    "resnet": "3.58×",
    "mobilenet": "2.70×",
    "colour_shapes": "2.23×",
    "transfer": "1.18–1.34×",
    "segmentation": "3.72×",
    "two_stage": "0.83–0.95×",
    "unet": "2.24×",
    "detection": "3.34×",
    "rnn": "3.06–3.87×",
    "lstm": "1.83–2.03×",
    "gru": "4.01–5.11×",
    "seq2seq": "0.90–1.53×",
    "transformer": "1.13–1.31×",
    "bert": "0.99–1.17×",
    "charlm": "2.76–3.29×",
    "autoencoder": "0.75×",
    "vae": "0.65×",
    "cgan": "1.57×",
    "gan1d": "1.12–1.17×",
    "gan2d": "0.92–1.09×",
    "dcgan": "1.39×",
    "siamese": "0.57×",
    "distillation": "0.59×",
}


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


#: The choices of ``--device`` and the Device menu; ``auto`` picks per lab.
DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")


def available_devices() -> list[str]:
    """The device types this machine can train on: ``cpu``, then ``cuda`` and
    ``mps`` when torch sees them."""
    found = ["cpu"]
    if torch.cuda.is_available():
        found.append("cuda")
    if _mps_available():
        found.append("mps")
    return found


@dataclass(frozen=True)
class DeviceChoice:
    """Where one lab trains and why.

    ``reason`` is a code the interface words: ``"no_gpu"`` (CPU, no GPU here),
    ``"light"`` (CPU, a small lab: the GPU would be slower), ``"heavy"`` (the GPU,
    a big lab), ``"chosen"`` (the user's ``--device`` / Device menu choice).
    ``measured`` is the GPU/CPU speed ratio measured for this lab, if any.
    """

    device: torch.device
    reason: str
    measured: str | None = None


def _gpu_types(
    available: bool | Iterable[str | torch.device] | None,
) -> list[str]:
    if available is None:
        return [d for d in available_devices() if d != "cpu"]
    if isinstance(available, bool):
        return ["cuda"] if available else []
    types = {torch.device(d).type for d in available}
    return [t for t in ("cuda", "mps") if t in types]


def device_for_lab(
    spec: LabSpec,
    choice: str | torch.device = "auto",
    available: bool | Iterable[str | torch.device] | None = None,
) -> DeviceChoice:
    """The device lab ``spec`` trains on under the user's ``choice``.

    ``auto`` follows the lab (heavy labs on the GPU — CUDA, else MPS — light ones on
    the CPU); any other choice (``cpu``, ``cuda``, ``cuda:1``, ``mps`` or a
    :class:`torch.device`) is used as given. ``available`` is as for
    :func:`preferred_device`.
    """
    measured = MEASURED_SPEEDUP.get(spec.key)
    if not (isinstance(choice, str) and choice == "auto"):
        return DeviceChoice(torch.device(choice), "chosen", measured)
    gpus = _gpu_types(available)
    if not gpus:
        return DeviceChoice(torch.device("cpu"), "no_gpu", measured)
    if spec.heavy:
        return DeviceChoice(torch.device(gpus[0]), "heavy", measured)
    return DeviceChoice(torch.device("cpu"), "light", measured)


def preferred_device(
    spec_or_key: LabSpec | str,
    available: bool | Iterable[str | torch.device] | None = None,
) -> tuple[torch.device, str]:
    """The device one lab should train on, and why (one English line).

    ``spec_or_key`` is a :class:`~dlviz.core.labs.base.LabSpec` or its key.
    ``available`` says which GPUs are present: a bool (a CUDA GPU or none), or the
    device names present (``{"cpu", "cuda"}``, ``["cpu", "mps"]``); ``None`` asks
    torch. Heavy labs (:attr:`LabSpec.heavy <dlviz.core.labs.base.LabSpec.heavy>`)
    get the GPU when one is present; all others get the CPU, where they run faster.
    """
    if isinstance(spec_or_key, str):
        from dlviz.core.labs import get_lab  # the registry imports the labs: lazily

        spec = get_lab(spec_or_key)
    else:
        spec = spec_or_key
    choice = device_for_lab(spec, "auto", available)
    measured = choice.measured
    if choice.reason == "no_gpu":
        return choice.device, "CPU: no GPU on this machine."
    if choice.reason == "heavy":
        name = "CUDA" if choice.device.type == "cuda" else "MPS"
        detail = f" (measured {measured} faster)" if measured else ""
        return choice.device, (
            f"GPU: {spec.title} is big enough to train faster on {name}{detail}."
        )
    detail = f" (CUDA measured at {measured} of the CPU's speed)" if measured else ""
    return choice.device, (
        f"CPU: {spec.title} is small; the GPU's launch overhead would slow it{detail}."
    )


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
