"""Training ▸ Device: where the labs train.

*Auto* (the default, or ``--device auto``) lets each lab choose
(:func:`~dlviz.core.device.device_for_lab`): big labs on the GPU, small ones on the
CPU, where they run faster. CPU, CUDA and MPS (only those this machine has) override
it for every lab; the open lab moves there with its weights and goes on. The status
bar says where the lab trains and why.
"""

from __future__ import annotations

import torch
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup

from dlviz.core.device import DEVICE_CHOICES, available_devices
from dlviz.ui.classroom._host import ClassroomHost
from dlviz.ui.classroom._menus import menu


class DeviceMenu(QObject):
    """The Device submenu of one main window."""

    def __init__(self, window: ClassroomHost):
        super().__init__(window)
        self.window = window
        self.menu = menu(window, "training").addMenu("")
        self.menu.setObjectName("menu_device")
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        present = available_devices()
        self.actions: dict[str, QAction] = {}
        for choice in DEVICE_CHOICES:
            if choice != "auto" and choice not in present:
                continue
            action = self.menu.addAction("")
            action.setObjectName(f"action_device_{choice}")
            action.setCheckable(True)
            action.setData(choice)
            self.group.addAction(action)
            action.triggered.connect(self._on_action)
            self.actions[choice] = action
        window.device_changed.connect(self.sync)
        window.installEventFilter(self)
        self.retranslate_ui()
        self.sync()

    def retranslate_ui(self) -> None:
        self.menu.setTitle(self.tr("&Device"))
        texts = {
            "auto": self.tr("Auto: the fastest for each lab"),
            "cpu": self.tr("CPU"),
            "cuda": self.tr("CUDA (NVIDIA GPU)"),
            "mps": self.tr("MPS (Apple GPU)"),
        }
        for choice, action in self.actions.items():
            action.setText(texts[choice])
        self.actions["auto"].setToolTip(
            self.tr("Big labs (convolutional nets, detection, the Transformer) "
                    "train on the GPU; small ones on the CPU, where they are faster.")
        )
        self.menu.setToolTipsVisible(True)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    def sync(self) -> None:
        """Check the window's current choice."""
        choice = self.window.device_choice
        key = choice if choice == "auto" else torch.device(choice).type
        action = self.actions.get(key)
        if action is not None:
            action.setChecked(True)

    def _on_action(self) -> None:
        action = self.sender()
        if action is not None:
            self.choose(action.data())

    def choose(self, choice: str) -> None:
        """Use ``choice`` (``auto``, ``cpu``, ``cuda``, ``mps``) from now on."""
        if choice != self.window.device_choice:
            self.window.set_device_choice(choice)


def install(window: ClassroomHost) -> DeviceMenu:
    return DeviceMenu(window)
