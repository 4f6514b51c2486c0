"""The transport bar: play/pause, step, reset, speed, and live counters."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QWidget,
)

from dlviz.session.engine import SPEEDS
from dlviz.ui.kit import ControlRow, LiveText


def format_number(value: float | None, digits: int = 4) -> str:
    if value is None:
        return "–"
    if not math.isfinite(value):
        return str(value)
    if value != 0 and (abs(value) < 1e-3 or abs(value) >= 1e5):
        return f"{value:.2e}"
    return f"{value:.{digits}f}"


class TransportBar(QWidget):
    """Buttons emit signals; the window connects them to the session."""

    play_toggled = Signal()
    step_clicked = Signal()
    reset_clicked = Signal()
    trace_clicked = Signal()
    speed_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.play_button = QPushButton()
        self.play_button.setObjectName("play")
        self.step_button = QPushButton()
        self.step_button.setObjectName("step")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("reset")
        self.trace_button = QPushButton()
        self.trace_button.setObjectName("trace")
        self.speed = QComboBox()
        self.speed.setObjectName("speed")
        for value in SPEEDS:
            self.speed.addItem("", value)
        self.speed_label = QLabel()
        self.counters: dict[str, LiveText] = {}
        self._names: dict[str, QLabel] = {}
        controls = QWidget()
        row = QHBoxLayout(controls)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.play_button,
            self.step_button,
            self.reset_button,
            self.trace_button,
        ):
            button.setMinimumHeight(32)
            row.addWidget(button)
        row.addWidget(self.speed_label)
        row.addWidget(self.speed)
        self.counter_box = ControlRow()  # wraps onto another line when narrow
        self._boxes: dict[str, QWidget] = {}
        for key in ("epoch", "step", "rate", "loss", "acc", "val_acc"):
            # live numbers: no window layout on each change, no jitter in width
            name, value = QLabel(), LiveText("–", typical="00.0000")
            value.setObjectName(f"counter_{key}")
            value.label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
            )
            font = value.font()
            font.setBold(True)
            value.setFont(font)
            self._names[key], self.counters[key] = name, value
            self._boxes[key] = self.counter_box.group(name, value)
        # opaque: the live counters change with every frame (see the rewind bar)
        self.setAutoFillBackground(True)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(6, 2, 6, 2)
        self._grid.addWidget(controls, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self._grid.setRowStretch(2, 1)  # spare height below, never between the rows
        self._controls = controls
        self._two_rows = None
        self._arrange(two_rows=False)
        self.play_button.clicked.connect(self.play_toggled)
        self.step_button.clicked.connect(self.step_clicked)
        self.reset_button.clicked.connect(self.reset_clicked)
        self.trace_button.clicked.connect(self.trace_clicked)
        self.speed.currentIndexChanged.connect(self._on_speed)
        self._running = False
        style = self.style()
        self._icons = {
            "play": style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
            "pause": style.standardIcon(QStyle.StandardPixmap.SP_MediaPause),
        }
        self.step_button.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward)
        )
        self.reset_button.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        )
        self.trace_button.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        )
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.set_running(self._running)
        self.step_button.setText(self.tr("Step"))
        self.step_button.setToolTip(self.tr("Train one batch (S)"))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Re-initialise with the seed (R)"))
        self.trace_button.setText(self.tr("Step through"))
        self.trace_button.setToolTip(
            self.tr("Record one training step to walk through forward and backward (T)")
        )
        self.speed_label.setText(self.tr("Speed"))
        for i, value in enumerate(SPEEDS):
            text = (
                self.tr("max")
                if value == 0
                else self.tr("{0} steps/s").format(f"{value:g}")
            )
            self.speed.setItemText(i, text)
        names = {
            "epoch": self.tr("Epoch"),
            "step": self.tr("Step"),
            "rate": self.tr("Samples/s"),
            "loss": self.tr("Loss"),
            "acc": self.tr("Acc"),
            "val_acc": self.tr("Val acc"),
        }
        for key, label in self._names.items():
            label.setText(names[key])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _arrange(self, two_rows: bool) -> None:
        """Counters beside the buttons on wide screens, under them on narrow ones."""
        if two_rows == self._two_rows:
            return
        self._two_rows = two_rows
        self._grid.removeWidget(self.counter_box)
        if two_rows:
            self._grid.addWidget(self.counter_box, 1, 0, 1, 3)
        else:  # the counters take the rest of the row (a flow row needs the width)
            self._grid.addWidget(
                self.counter_box, 0, 1, Qt.AlignmentFlag.AlignVCenter
            )
        self.updateGeometry()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # the counters' own widths (a flow row's hint follows the width it was given)
        counters = sum(box.sizeHint().width() + 12 for box in self._boxes.values())
        needed = self._controls.sizeHint().width() + counters + 40
        self._arrange(two_rows=event.size().width() < needed)
        super().resizeEvent(event)
        if self._two_rows and event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the wrapped counters' height follows the width

    def sizeHint(self):  # noqa: N802 - Qt override
        """As tall as the rows in use: the toolbar holding the bar sizes it by this,
        and a flow row's own hint would reserve room for wrapping it does not do."""
        hint = super().sizeHint()
        margins = self._grid.contentsMargins()
        controls = self._controls.sizeHint().height()
        if self._two_rows:
            width = max(self.width(), hint.width()) - margins.left() - margins.right()
            counters = self.counter_box.heightForWidth(width)
            height = controls + self._grid.verticalSpacing() + max(counters, 0)
        else:
            boxes = max(b.sizeHint().height() for b in self._boxes.values())
            height = max(controls, boxes)
        hint.setHeight(height + margins.top() + margins.bottom())
        return hint

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        hint.setWidth(self._controls.minimumSizeHint().width())
        return hint

    def set_running(self, running: bool) -> None:
        self._running = running
        if running:
            self.play_button.setIcon(self._icons["pause"])
            self.play_button.setText(self.tr("Pause"))
            self.play_button.setToolTip(self.tr("Pause training (Space)"))
        else:
            self.play_button.setIcon(self._icons["play"])
            self.play_button.setText(self.tr("Play"))
            self.play_button.setToolTip(self.tr("Train continuously (Space)"))

    def set_trainable(self, trainable: bool) -> None:
        for w in (
            self.play_button,
            self.step_button,
            self.reset_button,
            self.trace_button,
            self.speed,
        ):
            w.setEnabled(trainable)

    def _on_speed(self, index: int) -> None:
        self.speed_changed.emit(float(self.speed.itemData(index)))

    def clear_counters(self) -> None:
        """No run (a tool lab, a lab being built): dashes, not the last lab's
        numbers."""
        for key, value in self.counters.items():
            value.setText("–")
            self._boxes[key].setVisible(True)

    def show_counters(
        self,
        epoch: float,
        step: int,
        rate: float,
        metrics: dict[str, float],
        validation: dict[str, float],
    ) -> None:
        self.counters["epoch"].setText(f"{epoch:.2f}")
        self.counters["step"].setText(str(step))
        self.counters["rate"].setText(f"{rate:,.0f}" if rate else "–")
        self.counters["loss"].setText(format_number(metrics.get("loss")))
        acc = metrics.get("acc")
        self.counters["acc"].setText(f"{acc:.1%}" if acc is not None else "–")
        val = validation.get("val_acc")
        self.counters["val_acc"].setText(f"{val:.1%}" if val is not None else "–")
        # a lab without accuracy (regression, GANs) shows no empty accuracy counters
        if metrics:
            self._boxes["acc"].setVisible(acc is not None)
            self._boxes["val_acc"].setVisible(acc is not None or val is not None)
