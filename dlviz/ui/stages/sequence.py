"""The sequence stage: RNN / LSTM / GRU gates over time, live.

Left: one heatmap per gate and state (units × time) of the chosen validation sample.
Right: input, target and prediction; the gradient through time ‖∂L/∂h_t‖ (log scale)
with the fresh RNN / LSTM / GRU comparison; the gate equations with the numbers at
the time cursor. The equations are formatted by :mod:`dlviz.core.rnn.equations` from
the snapshot (numpy only), so moving the cursor needs no round trip to the worker.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.labs.base import LabSpec
from dlviz.core.rnn.cells import RECORDED
from dlviz.core.rnn.equations import gate_equations
from dlviz.ui import theme
from dlviz.ui.i18n import tr_core
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.curves import CurvesView
from dlviz.ui.views.heatmap import HeatmapView

STAGE_FONT_PT = 13.0
EQUATION_FONT_PT = 13.0
#: Gates squashed by σ into (0, 1); the others are signed and use a diverging map.
SIGMOID_GATES = ("f", "i", "o", "z", "r")
COMPARE_COLORS = {"rnn": theme.PALETTE[3], "lstm": theme.PALETTE[2],
                  "gru": theme.PALETTE[4]}
#: Smallest value drawn on the log-scaled gradient plot.
LOG_FLOOR = 1e-30


class SequenceStage(Stage):
    """Gate heatmaps with a time cursor, series, gradient through time, equations."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.kind = spec.key if spec.key in RECORDED else "lstm"
        self.snapshot: dict[str, Any] | None = None
        self._values: dict[str, np.ndarray] = {}
        self._length = 0

        # gate heatmaps, two columns
        self.heatmaps: dict[str, HeatmapView] = {}
        self.cursor_lines: list[pg.InfiniteLine] = []
        self.unit_lines: list[pg.InfiniteLine] = []
        gate_box = QWidget()
        grid = QGridLayout(gate_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        names = RECORDED[self.kind]
        columns = 1 if len(names) == 1 else 2
        for index, name in enumerate(names):
            # bounded gates have fixed colour ranges (named in the title); only the
            # unbounded cell state needs a colour bar
            view = HeatmapView(x_label="t", y_label="unit",
                               diverging=name not in SIGMOID_GATES,
                               colorbar=name == "c")
            view.plot_item.setMouseEnabled(x=False, y=False)
            self._add_cursor(view.plot_item, offset=0.5)
            unit_line = pg.InfiniteLine(
                pos=0.5, angle=0, movable=False,
                pen=pg.mkPen(theme.STYLE.foreground, width=1,
                             style=Qt.PenStyle.DotLine),
            )
            unit_line.setZValue(10)
            view.plot_item.addItem(unit_line, ignoreBounds=True)
            self.unit_lines.append(unit_line)
            self.heatmaps[name] = view
            grid.addWidget(view, index // columns, index % columns)

        # input / target / prediction
        self.series = CurvesView(x_label="t")
        self.series.plot_item.setMouseEnabled(x=False, y=False)
        self._add_cursor(self.series.plot_item, offset=1.0)
        # gradient through time
        self.gradients = CurvesView(x_label="t", y_label="‖∂L/∂h_t‖", log_y=True)
        self.gradients.plot_item.setMouseEnabled(x=False, y=False)
        for view, offset in ((self.series, (-10, 10)), (self.gradients, (-10, -10))):
            view.legend.setOffset(offset)
            view.legend.setLabelTextColor(theme.STYLE.foreground)
            view.legend.setLabelTextSize(f"{STAGE_FONT_PT - 2:.0f}pt")
        self.series.legend.setColumnCount(5)
        self.gradients.legend.setColumnCount(2)
        self._add_cursor(self.gradients.plot_item, offset=1.0)
        self.compare_button = QPushButton()
        self.compare_button.clicked.connect(self._ask_comparison)

        # time cursor, unit and sample
        self.time_slider = QSlider(Qt.Orientation.Horizontal)
        self.time_slider.setRange(0, 0)
        self.time_slider.valueChanged.connect(self._on_time)
        self.time_label = QLabel()
        self.unit_spin = QSpinBox()
        self.unit_spin.setRange(0, 0)
        self.unit_spin.valueChanged.connect(self._on_unit)
        self.unit_label = QLabel()
        self.sample_spin = QSpinBox()
        self.sample_spin.setRange(0, 255)
        self.sample_spin.setKeyboardTracking(False)
        self.sample_spin.valueChanged.connect(self._ask_sample)
        self.sample_label = QLabel()
        self.equations = QLabel()
        self.equations.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.equations.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.equations.setWordWrap(True)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(EQUATION_FONT_PT)
        self.equations.setFont(font)
        self.clip_label = QLabel()
        self.loss_label = QLabel()
        for label in (self.time_label, self.unit_label, self.sample_label,
                      self.clip_label, self.loss_label):
            self._big(label)
        for label in (self.clip_label, self.loss_label, self.equations):
            # long texts wrap instead of widening the right column
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                QSizePolicy.Policy.Preferred)
        self._big(self.compare_button)

        controls = QHBoxLayout()
        controls.addWidget(self.time_label)
        controls.addWidget(self.time_slider, 1)
        controls.addWidget(self.unit_label)
        controls.addWidget(self.unit_spin)
        controls.addWidget(self.sample_label)
        controls.addWidget(self.sample_spin)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.series, 3)
        right_layout.addWidget(self.gradients, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.clip_label, 1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.loss_label)
        right_layout.addWidget(self.equations, 3)

        splitter = QSplitter()
        splitter.addWidget(gate_box)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1100, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addLayout(controls)
        self.retranslate_ui()

    # -- set-up helpers ------------------------------------------------------------
    def _add_cursor(self, plot_item: pg.PlotItem, offset: float) -> None:
        line = pg.InfiniteLine(
            pos=offset, angle=90, movable=False,
            pen=pg.mkPen(theme.PALETTE[3], width=2, style=Qt.PenStyle.DashLine),
        )
        line.setProperty("dlviz_offset", offset)
        line.setZValue(10)
        plot_item.addItem(line, ignoreBounds=True)
        self.cursor_lines.append(line)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Scale the equations with the window: larger on a wide projector."""
        super().resizeEvent(event)
        size = min(18.0, max(11.0, self.width() / 110.0))
        font = self.equations.font()
        if abs(font.pointSizeF() - size) > 0.25:
            font.setPointSizeF(size)
            self.equations.setFont(font)

    @staticmethod
    def _big(widget: QWidget) -> None:
        font = widget.font()
        font.setPointSizeF(STAGE_FONT_PT)
        widget.setFont(font)

    def retranslate_ui(self) -> None:
        titles = {
            "f": self.tr("f — forget gate (0…1)"),
            "i": self.tr("i — input gate (0…1)"),
            "g": self.tr("g = C̃ — candidate (−1…1)"),
            "o": self.tr("o — output gate (0…1)"),
            "c": self.tr("c — cell state"),
            "h": self.tr("h — hidden state (−1…1)"),
            "z": self.tr("z — update gate (0…1)"),
            "r": self.tr("r — reset gate (0…1)"),
            "n": self.tr("h̃ — candidate (−1…1)"),
        }
        for name, view in self.heatmaps.items():
            view.set_title(titles.get(name, name))
            view.plot_item.setLabel("left", self.tr("unit"))
        self.series.set_title(self.tr("Input, target and prediction"))
        self.gradients.set_title(self.tr("Gradient through time ‖∂L/∂h_t‖"))
        self.compare_button.setText(self.tr("Compare RNN / LSTM / GRU"))
        self.compare_button.setToolTip(self.tr(
            "Fresh networks of the same size on the same batch: "
            "how far back does the gradient reach?"))
        self.unit_label.setText(self.tr("unit"))
        self.sample_label.setText(self.tr("sample"))
        self._update_time_label()
        self._update_clip_label()

    # -- snapshots -----------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self.snapshot = snapshot
        self._values = {**snapshot["gates"], **snapshot["preacts"]}
        steps = int(snapshot["steps_shown"])
        units = int(snapshot["units_shown"])
        if steps != self._length:
            self._length = steps
            self.time_slider.setRange(0, steps - 1)
            self.gradients.plot_item.setXRange(1, steps, padding=0.02)
            self.series.plot_item.setXRange(1, steps, padding=0.02)
        n_samples = int(snapshot.get("n_samples", 1))
        if self.sample_spin.maximum() != n_samples - 1:
            self.sample_spin.blockSignals(True)
            self.sample_spin.setRange(0, n_samples - 1)
            self.sample_spin.blockSignals(False)
        if self.sample_spin.value() != snapshot["sample"]:
            self.sample_spin.blockSignals(True)
            self.sample_spin.setValue(int(snapshot["sample"]))
            self.sample_spin.blockSignals(False)
        if self.unit_spin.maximum() != units - 1:
            self.unit_spin.setRange(0, units - 1)
        for name, view in self.heatmaps.items():
            values = snapshot["gates"].get(name)
            if values is None:
                continue
            levels = (0.0, 1.0) if name in SIGMOID_GATES else None
            if name in ("g", "h", "n"):
                levels = (-1.0, 1.0)
            view.set_data(values, levels=levels)
        self._show_series(snapshot)
        t = np.arange(1, steps + 1)
        grad = np.clip(snapshot["grad_h"].astype(np.float64), LOG_FLOOR, None)
        self.gradients.set_curve("current", t, grad, color=theme.PALETTE[0],
                                 label=self.tr("this network"))
        self._update_clip_label()
        self._update_equations()

    def _show_series(self, snapshot: dict[str, Any]) -> None:
        x = snapshot["input"]
        steps = len(x)
        t = np.arange(1, steps + 1, dtype=np.float64)
        labels = snapshot["input_labels"]
        if x.shape[1] == 2:  # adding problem: values and the two marks
            values = x[:, 0].astype(np.float64)
            marked = np.where(x[:, 1] > 0.5, values, np.nan)
            self.series.set_curve("input", t, values, color=theme.PALETTE[8],
                                  label=tr_core(labels[0]))
            self._set_points("marked", t, marked, theme.PALETTE[1],
                             self.tr("marked"), symbol="t")
        elif x.shape[1] == 1:
            self.series.set_curve("input", t, x[:, 0].astype(np.float64),
                                  color=theme.PALETTE[8], label=tr_core(labels[0]))
        else:  # one-hot symbols: draw the symbol code
            codes = x.argmax(1).astype(np.float64)
            self.series.set_curve("input", t, codes, color=theme.PALETTE[8],
                                  label=self.tr("input symbol"))
        per_step = np.isfinite(snapshot["target"]).sum() > 1
        target = snapshot["target"].astype(np.float64)
        prediction = snapshot["prediction"].astype(np.float64)
        if per_step and not snapshot["classification"]:
            self.series.set_curve("target", t, target, color=theme.PALETTE[2],
                                  label=self.tr("target"))
            self.series.set_curve("prediction", t, prediction, color=theme.PALETTE[3],
                                  dashed=True, label=self.tr("prediction"))
            for name in ("target", "prediction"):
                self.series.curves[name].setSymbol(None)
        else:
            self._set_points("target", t, target, theme.PALETTE[2], self.tr("target"),
                             symbol="o")
            self._set_points("prediction", t, prediction, theme.PALETTE[3],
                             self.tr("prediction"), symbol="x")
        shown = [a[np.isfinite(a)] for a in (target, prediction)]
        values = np.concatenate([self.series.curves["input"].yData, *shown])
        if values.size:
            lo, hi = float(values.min()), float(values.max())
            span = max(hi - lo, 1e-3)
            self.series.plot_item.setYRange(lo - 0.05 * span, hi + 0.3 * span,
                                            padding=0)
        self.loss_label.setText(self._loss_text(snapshot))

    def _set_points(self, name: str, t: np.ndarray, y: np.ndarray, color: str,
                    label: str, symbol: str) -> None:
        self.series.set_curve(name, t, y, color=color, label=label)
        curve = self.series.curves[name]
        curve.setPen(None)
        curve.setSymbol(symbol)
        curve.setSymbolSize(theme.STYLE.marker_size + 7)
        curve.setSymbolBrush(color)
        curve.setSymbolPen(pg.mkPen(color, width=2))

    def _loss_text(self, snapshot: dict[str, Any]) -> str:
        text = self.tr("sample loss {0:.4f}").format(snapshot["sample_loss"])
        baseline = snapshot.get("baseline_mse", math.nan)
        if math.isfinite(baseline):
            text += "   " + self.tr("(guessing the mean: {0:.3f})").format(baseline)
        if not snapshot["classification"]:
            last_t = snapshot["target"][-1]
            last_p = snapshot["prediction"][-1]
            if snapshot["task"] == "adding":
                text += "   " + self.tr("sum {0:.2f} → predicted {1:.2f}").format(
                    last_t, last_p)
        return text

    def _update_clip_label(self) -> None:
        snap = self.snapshot
        if snap is None or not math.isfinite(snap.get("grad_norm", math.nan)):
            self.clip_label.setText(self.tr("gradient norm: no step yet"))
            return
        before, after = snap["grad_norm"], snap["grad_norm_clipped"]
        if snap["clip"] and after >= before * (1 - 1e-6):
            self.clip_label.setText(
                self.tr("‖g‖ = {0:.3g} ≤ threshold {1:g}: not clipped").format(
                    before, snap["clip_threshold"]))
        elif snap["clip"]:
            self.clip_label.setText(
                self.tr("‖g‖ = {0:.3g} → clipped to {1:.3g} (threshold {2:g})").format(
                    before, after, snap["clip_threshold"]))
        else:
            self.clip_label.setText(
                self.tr("‖g‖ = {0:.3g} (no clipping)").format(before))

    # -- time cursor and equations ---------------------------------------------------
    @property
    def time_step(self) -> int:
        """The cursor's time step, 0-based."""
        return self.time_slider.value()

    def _on_time(self, _value: int) -> None:
        for line in self.cursor_lines:
            line.setPos(self.time_step + line.property("dlviz_offset"))
        self._update_time_label()
        self._update_equations()

    def _on_unit(self, value: int) -> None:
        for line in self.unit_lines:
            line.setPos(value + 0.5)
        self._update_equations()

    def _update_time_label(self) -> None:
        self.time_label.setText(self.tr("time step t = {0}").format(self.time_step + 1))

    def _update_equations(self) -> None:
        if not self._values:
            self.equations.setText("")
            return
        t = min(self.time_step, self._length - 1)
        unit = min(self.unit_spin.value(), self._values["h"].shape[0] - 1)
        lines = gate_equations(self.kind, self._values, t, unit)
        lines[0] = self.tr("t = {0}, unit {1}").format(t + 1, unit)  # the header
        self.equations.setText("\n".join(lines))

    # -- requests ------------------------------------------------------------------
    def _ask_comparison(self) -> None:
        self.requested.emit("compare_gradients", {"batch": 16})

    def _ask_sample(self, index: int) -> None:
        self.requested.emit("choose_sample", {"index": int(index)})

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "compare_gradients":
            t = np.asarray(data["t"], dtype=np.float64)
            for cell in ("rnn", "lstm", "gru"):
                grad = np.clip(np.asarray(data[cell], np.float64), LOG_FLOOR, None)
                self.gradients.set_curve(
                    f"fresh_{cell}", t, grad, color=COMPARE_COLORS[cell], dashed=True,
                    label=self.tr("fresh {0}").format(cell.upper()))
        elif kind == "choose_sample" and "snapshot" in data:
            self.show_snapshot(data["snapshot"])
        elif kind == "gate_equations":
            self.equations.setText(data["text"])

    def reset(self) -> None:
        self.snapshot = None
        self._values = {}
        self.gradients.clear_curves()
        self.series.clear_curves()
        self.equations.setText("")
        self._update_clip_label()

    def panels(self) -> dict[str, QWidget]:
        out: dict[str, QWidget] = {f"gate {k}": v for k, v in self.heatmaps.items()}
        out["series"] = self.series
        out["gradient through time"] = self.gradients
        out["equations"] = self.equations
        return out


STAGES = {"sequence": SequenceStage}
