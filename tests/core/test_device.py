"""Per-lab device choice, and evaluation / snapshots that follow the task's device."""

from __future__ import annotations

import re

import pytest
import torch

from dlviz.core.device import (
    MEASURED_SPEEDUP,
    available_devices,
    device_for_lab,
    preferred_device,
)
from dlviz.core.labs import all_labs, get_lab

HEAVY = {"lenet5", "resnet", "mobilenet", "detection", "segmentation", "transformer",
         "dcgan", "cgan", "rnn", "lstm", "gru", "charlm"}
LIGHT = {"mlp2d", "mlp_digits", "gan2d", "autoencoder", "vae", "siamese", "two_stage",
         "bert"}


@pytest.mark.parametrize("available", [True, {"cpu", "cuda"}, ["cpu", "cuda:0"]])
def test_heavy_labs_take_cuda_and_light_ones_stay_on_the_cpu(available):
    for key in HEAVY:
        device, reason = preferred_device(key, available)
        assert device.type == "cuda" and reason.startswith("GPU"), key
    for key in LIGHT:
        device, reason = preferred_device(get_lab(key), available)
        assert device.type == "cpu" and "small" in reason, key
    assert "0.25×" in preferred_device("mlp2d", available)[1]
    assert "3.34×" in preferred_device("detection", available)[1]


@pytest.mark.parametrize("available", [False, {"cpu"}, ["cpu"]])
def test_without_a_gpu_every_lab_stays_on_the_cpu(available):
    for spec in all_labs():
        device, reason = preferred_device(spec, available)
        assert device.type == "cpu" and "no GPU" in reason
        choice = device_for_lab(spec, "auto", available)
        assert (choice.device.type, choice.reason) == ("cpu", "no_gpu")


def test_with_mps_only_heavy_labs_take_mps():
    for key in HEAVY:
        choice = device_for_lab(get_lab(key), "auto", ["cpu", "mps"])
        assert (choice.device.type, choice.reason) == ("mps", "heavy"), key
    for key in LIGHT:
        choice = device_for_lab(get_lab(key), "auto", ["cpu", "mps"])
        assert (choice.device.type, choice.reason) == ("cpu", "light"), key
    # CUDA wins over MPS where both are present
    assert device_for_lab(get_lab("resnet"), "auto", ["mps", "cuda"]).device.type == (
        "cuda"
    )


@pytest.mark.parametrize("chosen", ["cpu", "cuda", "mps", "cuda:1"])
def test_a_chosen_device_overrides_the_lab(chosen):
    for key in ("resnet", "mlp2d"):
        choice = device_for_lab(get_lab(key), chosen, {"cpu", "cuda"})
        assert choice.device == torch.device(chosen) and choice.reason == "chosen"
    assert device_for_lab(get_lab("lstm"), "cpu").measured == "1.83–2.03×"


def test_available_devices_asks_torch(monkeypatch):
    import dlviz.core.device as device_module

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device_module, "_mps_available", lambda: False)
    assert available_devices() == ["cpu"]
    assert device_for_lab(get_lab("resnet")).reason == "no_gpu"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(device_module, "_mps_available", lambda: True)
    assert available_devices() == ["cpu", "cuda", "mps"]
    assert device_for_lab(get_lab("resnet")).device.type == "cuda"
    assert device_for_lab(get_lab("mlp2d")).reason == "light"


def test_no_argument_asks_torch(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert preferred_device("resnet")[0].type == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert preferred_device("resnet")[0].type == "cpu"


def test_measurements_agree_with_the_heavy_flag():
    keys = {spec.key for spec in all_labs()}
    trainable = {spec.key for spec in all_labs() if spec.trainable}
    assert trainable <= set(MEASURED_SPEEDUP)  # every lab measured on a GPU
    for key, text in MEASURED_SPEEDUP.items():
        assert key in keys
        lowest = float(re.match(r"[\d.]+", text).group())
        assert get_lab(key).heavy == (lowest > 1.0), key


def test_unknown_lab_is_refused():
    with pytest.raises(KeyError):
        preferred_device("no-such-lab", True)


# With ``meta`` as torch's default device, a tensor created without an explicit
# device lands on ``meta`` (no data): mixing it with the task's CPU tensors fails, and
# a snapshot made from it cannot become numpy. On a GPU the same slip mixes CUDA and
# CPU tensors, so this catches on a CPU what would break evaluation on CUDA.
_META_CHECK = """
import sys
import numpy as np
import torch
from dlviz.core.labs import all_labs, get_lab

torch.set_num_threads(1)
failed = []
for spec in all_labs():
    if not spec.trainable:
        continue
    task = get_lab(spec.key).create({}, torch.device("cpu"))
    task.train_step()
    try:
        with torch.device("meta"):
            metrics = task.evaluate()
            snapshot = task.snapshot()
        assert all(np.isfinite(v) for v in metrics.values())
        assert isinstance(snapshot, dict)
    except Exception as exc:  # noqa: BLE001
        failed.append(f"{spec.key}: {type(exc).__name__}: {exc}")
print("\\n".join(failed) or "ok")
sys.exit(1 if failed else 0)
"""


def test_evaluate_and_snapshot_create_tensors_on_the_task_device():
    """Every lab's evaluate and snapshot, run with ``meta`` as the default device.

    Runs in its own interpreter: torch's default-device mode is process-wide state
    that must not meet other tests' threads."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", _META_CHECK], capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
