"""Device per lab: the status bar says where a lab trains and why, the Device menu
(only the devices this machine has) overrides it, and so does ``--device``. There is
no GPU here: its presence is faked by monkeypatching torch's availability checks."""

from __future__ import annotations

import argparse

import pytest
import torch

import dlviz.core.device as device_module
from dlviz.cli import _device_name
from dlviz.ui.app import device_choice
from dlviz.ui.main_window import MainWindow


@pytest.fixture
def cuda_here(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index=0: "Fake H200")
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(device_module, "_mps_available", lambda: False)


@pytest.fixture
def no_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device_module, "_mps_available", lambda: False)


def _window(qtbot, choice="auto", lab="mlp2d"):
    win = MainWindow(choice, 1, lab=lab)
    qtbot.addWidget(win)
    win.show()
    return win


def _device_menu(win):
    return win.features["device"]


def test_a_small_lab_stays_on_the_cpu_and_says_why(qtbot, cuda_here):
    win = _window(qtbot)
    try:
        assert win.session.device.type == "cpu"
        text = win.device_label.text()
        assert text.startswith("CPU — measured slower on a GPU")
        assert "torch threads: 1" in text
        assert "0.25×" in win.device_label.toolTip()  # measured for the MLP
        menu = _device_menu(win)
        assert list(menu.actions) == ["auto", "cpu", "cuda"]  # no MPS here
        assert menu.actions["auto"].isChecked()
        assert menu.menu in [a.menu() for a in win.menus.menus["training"].actions()]
    finally:
        win.close()


def test_the_device_menu_moves_the_open_lab_and_auto_brings_it_back(
    qtbot, cuda_here, monkeypatch
):
    win = _window(qtbot)
    try:
        qtbot.waitUntil(lambda: win.session.state == "ready", timeout=20000)
        moves = []
        # the move itself (rebuild with the weights) is tested in the session tests;
        # there is no CUDA to build on here
        monkeypatch.setattr(win.session, "move_to", moves.append)
        menu = _device_menu(win)
        menu.actions["cuda"].trigger()
        assert win.device_choice == "cuda" and moves == [torch.device("cuda")]
        assert win.device_label.text().startswith("CUDA — your choice")
        assert "Fake H200" in win.device_label.toolTip()
        assert menu.actions["cuda"].isChecked()
        assert not menu.actions["auto"].isChecked()
        menu.actions["auto"].trigger()
        assert moves == [torch.device("cuda"), torch.device("cpu")]
        assert win.device_label.text().startswith("CPU — measured slower")
        assert menu.actions["auto"].isChecked()
    finally:
        win.close()


def test_a_big_lab_takes_the_gpu(qtbot, cuda_here):
    # no CUDA to build on: the build fails on the worker and says so; the choice
    # and the reason are what is tested
    win = _window(qtbot, lab="lenet5")
    try:
        assert win.device.type == "cuda" and win.session.device.type == "cuda"
        assert win.device_label.text().startswith("CUDA — measured faster on a GPU")
        assert "1.79×" in win.device_label.toolTip()
    finally:
        win.close()


def test_a_device_given_at_start_is_checked_and_used_by_every_lab(qtbot, cuda_here):
    win = _window(qtbot, choice="cpu", lab="lenet5")
    try:
        assert win.session.device.type == "cpu"
        assert win.device_label.text().startswith("CPU — your choice")
        assert _device_menu(win).actions["cpu"].isChecked()
    finally:
        win.close()


def test_without_a_gpu_the_menu_offers_auto_and_cpu(qtbot, no_gpu):
    win = _window(qtbot, lab="lenet5")
    try:
        assert list(_device_menu(win).actions) == ["auto", "cpu"]
        assert win.device_label.text().startswith("CPU — no GPU on this machine")
    finally:
        win.close()


def test_the_command_line_device_option(no_gpu):
    assert [_device_name(v) for v in ("auto", "CPU", "cuda", "cuda:1", "mps")] == [
        "auto", "cpu", "cuda", "cuda:1", "mps"
    ]
    with pytest.raises(argparse.ArgumentTypeError):
        _device_name("gpu")
    assert device_choice(None) == "auto" and device_choice("auto") == "auto"
    assert device_choice("cpu") == "cpu"
    with pytest.raises(ValueError, match="CUDA"):
        device_choice("cuda")  # this machine has none


def test_the_command_line_passes_the_device_to_the_app(monkeypatch, capsys):
    import dlviz.ui.app as app
    from dlviz.cli import main

    seen = []
    monkeypatch.setattr(app, "run_app", lambda device, lab: seen.append(device) or 0)
    assert main(["--device", "cpu"]) == 0 and main([]) == 0
    assert seen == ["cpu", "auto"]
    with pytest.raises(SystemExit):
        main(["--device", "gpu"])
    assert "not a device" in capsys.readouterr().err
