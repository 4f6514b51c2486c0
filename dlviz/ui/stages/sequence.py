"""The sequence stage: RNN / LSTM / GRU gates over time, live.

Main view: one heatmap per gate and state (units × time) of the chosen validation
sample, in a grid with a time cursor. Beside it: input, target and prediction; the
gradient through time ‖∂L/∂h_t‖ (log scale) with the fresh RNN / LSTM / GRU
comparison; the gate equations with the numbers at the time cursor. The equations
are formatted by :mod:`dlviz.core.rnn.equations` from the snapshot (numpy only), so
moving the cursor needs no round trip to the worker.
"""

from __future__ import annotations

import html
import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QWidget,
)

from dlviz.core.labs.base import LabSpec
from dlviz.core.rnn.cells import RECORDED
from dlviz.core.rnn.equations import gate_equations
from dlviz.ui import theme
from dlviz.ui.i18n import tr_core
from dlviz.ui.kit import Role
from dlviz.ui.kit.axes import format_tick
from dlviz.ui.stages._steady import SteadyRange
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.curves import CurvesView
from dlviz.ui.views.grid import ViewGrid
from dlviz.ui.views.heatmap import HeatmapView
from dlviz.ui.views.legend import relabel

#: Gates squashed by σ into (0, 1); the others are signed and use a diverging map.
SIGMOID_GATES = ("f", "i", "o", "z", "r")
#: Gates squashed by tanh into (−1, 1).
TANH_GATES = ("g", "h", "n")
COMPARE_COLORS = {"rnn": theme.PALETTE[3], "lstm": theme.PALETTE[2],
                  "gru": theme.PALETTE[4]}
#: The time cursor (dashed) and the chosen unit (dotted).
CURSOR_COLOR = theme.PALETTE[3]
#: Smallest value drawn on the log-scaled gradient plot.
LOG_FLOOR = 1e-30


def monospace_font() -> QFont:
    """A monospace family only: the size follows the application font
    (presentation mode)."""
    font = QFont()
    font.setFamilies(["DejaVu Sans Mono", "Noto Sans Mono", "Monospace"])
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def colorbar_ticks(view: HeatmapView, values: tuple[float, ...] | None) -> None:
    """Few colour-bar labels, so that a small heatmap's bar does not pile them up:
    ``values`` for a fixed range, else fewer automatic ones."""
    axis = view.colorbar.axis
    if values is None:
        axis.setTickDensity(0.5)
        return
    axis.setTicks([[(v, f"{v:g}") for v in values], []])


#: Mantissas of the cell state's colour-bar ends (× a power of ten).
NICE_STEPS = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0)


def nice_levels(largest: float) -> tuple[float, float]:
    """Symmetric levels ±m with m the next of 1, 1.5, 2, 3, 4, 5, 7 × 10^k at or
    above ``largest``: the colour bar (and its labels) change only when the cell
    state crosses one of them, not every frame, and the colours use at least two
    thirds of the map."""
    if not math.isfinite(largest) or largest <= 0:
        return -1.0, 1.0
    power = 10.0 ** math.floor(math.log10(largest))
    for step in NICE_STEPS:
        if step * power >= largest * (1 - 1e-9):
            return -step * power, step * power
    return -10.0 * power, 10.0 * power


def set_curve_if_changed(view: CurvesView, name: str, x: np.ndarray, y: np.ndarray,
                         **style: Any) -> None:
    """``view.set_curve`` unless the curve already shows exactly these data (the
    chosen sample's input and target, and a gradient refreshed once a second,
    stay the same over many frames: redrawing them costs a repaint for nothing)."""
    curve = view.curves.get(name)
    if (curve is not None and curve.xData is not None
            and len(curve.xData) == len(x)
            and np.array_equal(curve.xData, x)
            and np.array_equal(curve.yData, y, equal_nan=True)):
        return
    view.set_curve(name, x, y, **style)


def scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: long text scrolls inside its panel
    instead of widening the window."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    return area


class SequenceStage(Stage):
    """Gate heatmaps with a time cursor, series, gradient through time, equations."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.kind = spec.key if spec.key in RECORDED else "lstm"
        self.snapshot: dict[str, Any] | None = None
        self._values: dict[str, np.ndarray] = {}
        self._length = 0
        self._tick_shape: tuple[int, int] | None = None
        self._cell_ends: tuple[float, ...] | None = None
        self._series_range = SteadyRange(pad=(0.05, 0.1))
        self.loss_text = ""
        self.clip_text = ""

        # gate heatmaps: the main view, a grid that fits its panel
        self.heatmaps: dict[str, HeatmapView] = {}
        self.cursor_lines: list[pg.InfiniteLine] = []
        self.unit_lines: list[pg.InfiniteLine] = []
        for name in RECORDED[self.kind]:
            # closed gates (0) stay visible on the dark theme's black background
            view = HeatmapView(diverging=name not in SIGMOID_GATES, colorbar=True,
                               lift_dark=True)
            view.plot_item.setMouseEnabled(x=False, y=False)
            colorbar_ticks(view, (0.0, 0.5, 1.0) if name in SIGMOID_GATES
                           else (-1.0, 0.0, 1.0) if name in TANH_GATES else None)
            self._add_cursor(view.plot_item, offset=0.5)
            unit_line = pg.InfiniteLine(
                pos=0.5, angle=0, movable=False,
                pen=theme.pen(theme.STYLE.foreground, width=1,
                             style=Qt.PenStyle.DotLine),
            )
            unit_line.setZValue(10)
            view.plot_item.addItem(unit_line, ignoreBounds=True)
            self.unit_lines.append(unit_line)
            self.heatmaps[name] = view
        self.gate_grid = ViewGrid(arranged=self._label_outer_axes)
        self.gate_grid.set_views(list(self.heatmaps.values()))

        # input / target / prediction
        self.series = CurvesView(x_label="t")
        self.series.plot_item.setMouseEnabled(x=False, y=False)
        self._add_cursor(self.series.plot_item, offset=1.0)
        # gradient through time
        self.gradients = CurvesView(x_label="t", y_label="‖∂L/∂h_t‖", log_y=True)
        self.gradients.plot_item.setMouseEnabled(x=False, y=False)
        self._add_cursor(self.gradients.plot_item, offset=1.0)
        self.compare_button = QPushButton()
        self.compare_button.clicked.connect(self._ask_comparison)

        # time cursor, unit and sample
        self.time_slider = QSlider(Qt.Orientation.Horizontal)
        self.time_slider.setRange(0, 0)
        self.time_slider.setMinimumWidth(160)
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
        # the equations: monospace, wrapping, scrolling inside their panel
        self.equations = QLabel()
        self.equations.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.equations.setAlignment(Qt.AlignmentFlag.AlignTop
                                    | Qt.AlignmentFlag.AlignLeft)
        self.equations.setWordWrap(True)
        self.equations.setTextFormat(Qt.TextFormat.PlainText)
        self.equations.setFont(monospace_font())
        self.equations.setMargin(4)
        self.equations_panel = scrolled(self.equations)

        for view in (self.series, self.gradients):
            # a short plot shows fewer y labels rather than piling them up
            view.plot_item.getAxis("left").setStyle(
                textFillLimits=[(0, 0.6), (2, 0.4), (4, 0.3), (6, 0.2)])

        deck = self.use_frame()
        self.controls.group(self.time_label, self.time_slider)
        self.controls.group(self.unit_label, self.unit_spin)
        self.controls.group(self.sample_label, self.sample_spin)
        self.controls.add(self.compare_button)
        deck.add(self.gate_grid, Role.MAIN, "gates")
        deck.add(self.series, Role.SECONDARY, "series")
        deck.add(self.gradients, Role.SECONDARY, "gradient through time")
        deck.add(self.equations_panel, Role.SECONDARY, "equations")
        self.retranslate_ui()

    # -- set-up helpers ------------------------------------------------------------
    def _add_cursor(self, plot_item: pg.PlotItem, offset: float) -> None:
        line = pg.InfiniteLine(
            pos=offset, angle=90, movable=False,
            pen=theme.pen(CURSOR_COLOR, width=2, style=Qt.PenStyle.DashLine),
        )
        line.setProperty("dlviz_offset", offset)
        line.setZValue(10)
        plot_item.addItem(line, ignoreBounds=True)
        self.cursor_lines.append(line)

    def _label_outer_axes(self, view: QWidget, left: bool, bottom: bool) -> None:
        """Axis titles only on the outer views of the gate grid (they all share
        them): "unit" in the first column, "t" under the last row."""
        view.plot_item.showLabel("left", left)
        view.plot_item.showLabel("bottom", bottom)

    def retranslate_ui(self) -> None:
        titles = {
            "f": self.tr("f — forget gate"),
            "i": self.tr("i — input gate"),
            "g": self.tr("g = C̃ — candidate"),
            "o": self.tr("o — output gate"),
            "c": self.tr("c — cell state"),
            "h": self.tr("h — hidden state"),
            "z": self.tr("z — update gate"),
            "r": self.tr("r — reset gate"),
            "n": self.tr("h̃ — candidate"),
        }
        for name, view in self.heatmaps.items():
            view.set_title(titles.get(name, name))
            view.plot_item.setLabel("left", self.tr("unit"))
            view.plot_item.setLabel("bottom", "t")
        self.gate_grid.refresh()  # axis titles on the outer views only
        self.series.set_title(self.tr("Input and prediction"))
        self.gradients.set_title(self.tr("Gradient through time"))
        self.deck.set_title(self.gate_grid, self.tr("Gates"))
        self.deck.set_title(self.series, self.tr("Sample"))
        self.deck.set_title(self.gradients, self.tr("Gradient"))
        self.deck.set_title(self.equations_panel, self.tr("Equations"))
        self.compare_button.setText(self.tr("Compare RNN / LSTM / GRU"))
        self.compare_button.setToolTip(self.tr(
            "Fresh networks of the same size on the same batch: "
            "how far back does the gradient reach?"))
        self.unit_label.setText(self.tr("unit"))
        self.sample_label.setText(self.tr("sample"))
        self._relabel_curves()
        self._update_time_label()
        self._update_equations()
        if self.snapshot is not None:
            self.loss_text = self._loss_text(self.snapshot)
        self._update_clip_label()

    def _relabel_curves(self) -> None:
        """Legend entries in the current language."""
        labels = {"current": self.tr("this network"), "marked": self.tr("marked"),
                  "target": self.tr("target"), "prediction": self.tr("prediction")}
        for cell in ("rnn", "lstm", "gru"):
            labels[f"fresh_{cell}"] = self.tr("fresh {0}").format(cell.upper())
        if self.snapshot is not None:
            labels["input"] = self._input_label(self.snapshot)
        for view in (self.series, self.gradients):
            for name, curve in view.curves.items():
                if name in labels:
                    curve.opts["name"] = labels[name]
                    relabel(view.legend, curve, labels[name])
            view.style_legend()  # and fits it to its new widths

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
        if (steps, units) != self._tick_shape:
            # time 1…T under the columns, units 0…U−1 beside the rows, as many as
            # the panel has room for: the axes cover the whole matrix
            self._tick_shape = (steps, units)
            times = [str(t) for t in range(1, steps + 1)]
            unit_names = [str(u) for u in range(units)]
            for view in self.heatmaps.values():
                view.set_ticks(x=times, y=unit_names, max_ticks=steps + units,
                               fit=True)
        for name, view in self.heatmaps.items():
            values = snapshot["gates"].get(name)
            if values is None:
                continue
            if name in SIGMOID_GATES:
                levels = (0.0, 1.0)
            elif name in TANH_GATES:
                levels = (-1.0, 1.0)
            else:  # the cell state is unbounded: its own range, labelled at the ends
                levels = nice_levels(theme.symmetric_levels(values)[1])
                ends = (levels[0], 0.0, levels[1])
                if ends != self._cell_ends:
                    self._cell_ends = ends
                    view.colorbar.axis.setTicks(
                        [[(v, format_tick(v, levels[1])) for v in ends], []])
            view.set_data(values, levels=levels)
        self._show_series(snapshot)
        t = np.arange(1, steps + 1)
        grad = np.clip(snapshot["grad_h"].astype(np.float64), LOG_FLOOR, None)
        set_curve_if_changed(self.gradients, "current", t, grad,
                             color=theme.PALETTE[0], label=self.tr("this network"))
        self.loss_text = self._loss_text(snapshot)
        self._update_clip_label()
        self._update_equations()

    def _input_label(self, snapshot: dict[str, Any]) -> str:
        if snapshot["input"].shape[1] <= 2:
            return tr_core(snapshot["input_labels"][0])
        return self.tr("input symbol")

    def _show_series(self, snapshot: dict[str, Any]) -> None:
        x = snapshot["input"]
        steps = len(x)
        t = np.arange(1, steps + 1, dtype=np.float64)
        label = self._input_label(snapshot)
        if x.shape[1] == 2:  # adding problem: values and the two marks
            values = x[:, 0].astype(np.float64)
            marked = np.where(x[:, 1] > 0.5, values, np.nan)
            set_curve_if_changed(self.series, "input", t, values,
                                 color=theme.PALETTE[8], label=label)
            self._set_points("marked", t, marked, theme.PALETTE[1],
                             self.tr("marked"), symbol="t")
        elif x.shape[1] == 1:
            set_curve_if_changed(self.series, "input", t,
                                 x[:, 0].astype(np.float64),
                                 color=theme.PALETTE[8], label=label)
        else:  # one-hot symbols: draw the symbol code
            codes = x.argmax(1).astype(np.float64)
            set_curve_if_changed(self.series, "input", t, codes,
                                 color=theme.PALETTE[8], label=label)
        per_step = np.isfinite(snapshot["target"]).sum() > 1
        target = snapshot["target"].astype(np.float64)
        prediction = snapshot["prediction"].astype(np.float64)
        if per_step and not snapshot["classification"]:
            set_curve_if_changed(self.series, "target", t, target,
                                 color=theme.PALETTE[2], label=self.tr("target"))
            set_curve_if_changed(self.series, "prediction", t, prediction,
                                 color=theme.PALETTE[3], dashed=True,
                                 label=self.tr("prediction"))
            for name in ("target", "prediction"):
                curve = self.series.curves[name]
                if curve.opts["symbol"] is not None:  # once, not every frame
                    curve.setSymbol(None)
        else:
            self._set_points("target", t, target, theme.PALETTE[2], self.tr("target"),
                             symbol="o")
            self._set_points("prediction", t, prediction, theme.PALETTE[3],
                             self.tr("prediction"), symbol="x")
        shown = [a[np.isfinite(a)] for a in (target, prediction)]
        values = np.concatenate([self.series.curves["input"].yData, *shown])
        if values.size:
            lo, hi = float(values.min()), float(values.max())
            if hi - lo < 1e-3:
                lo, hi = lo - 5e-4, hi + 5e-4
            # the legend is below the plot: a little room above the markers only;
            # the range moves only when it must (:class:`SteadyRange`)
            new = self._series_range.update(lo, hi)
            if new is not None:
                self.series.plot_item.setYRange(*new, padding=0)

    def _set_points(self, name: str, t: np.ndarray, y: np.ndarray, color: str,
                    label: str, symbol: str) -> None:
        """Markers only (no line); restyled only when the style changes, and the
        data passed once."""
        curve = self.series.curves.get(name)
        style = (symbol, color, theme.STYLE.marker_size)
        if curve is None or curve.property("dlviz_points") != style:
            self.series.set_curve(name, t, y, color=color, label=label)
            curve = self.series.curves[name]
            curve.setProperty("dlviz_points", style)
            curve.setPen(None)
            curve.setSymbolSize(theme.STYLE.marker_size + 7)
            curve.setSymbolBrush(color)
            curve.setSymbolPen(theme.pen(color, width=2))
            curve.setSymbol(symbol)
        else:
            set_curve_if_changed(self.series, name, t, y, color=color, label=label)

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

    def _clip_text(self) -> str:
        snap = self.snapshot
        if snap is None or not math.isfinite(snap.get("grad_norm", math.nan)):
            return self.tr("gradient norm: no step yet")
        before, after = snap["grad_norm"], snap["grad_norm_clipped"]
        if snap["clip"] and after >= before * (1 - 1e-6):
            return self.tr("‖g‖ = {0:.3g} ≤ threshold {1:g}: not clipped").format(
                before, snap["clip_threshold"])
        if snap["clip"]:
            return self.tr("‖g‖ = {0:.3g} → clipped to {1:.3g} (threshold {2:g})"
                           ).format(before, after, snap["clip_threshold"])
        return self.tr("‖g‖ = {0:.3g} (no clipping)").format(before)

    def _update_clip_label(self) -> None:
        """The caption: the sample's loss, the gradient norm and clipping, and what
        the lines on the plots mark."""
        self.clip_text = self._clip_text()
        cursor = f'<span style="color:{CURSOR_COLOR}"><b>╌╌</b></span>'
        unit = f'<span style="color:{theme.STYLE.foreground}"><b>┈┈</b></span>'
        lines = self.tr("{0} time step t   {1} unit (their numbers: Equations)"
                        ).format(cursor, unit)
        facts = "   ·   ".join(html.escape(t) for t in (self.loss_text, self.clip_text)
                               if t)
        text = f"{facts}<br>{lines}"
        if text != self.caption.text():
            self.set_caption(text)

    def caption_text(self) -> str:
        """The caption without its markup (tests, export)."""
        return self.caption.text().replace("<br>", "\n")

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
        elif kind == "gate_equations":
            self.equations.setText(data["text"])

    def reset(self) -> None:
        self.snapshot = None
        self._values = {}
        self.loss_text = ""
        self.gradients.clear_curves()
        self.series.clear_curves()
        self._series_range.reset()
        self.equations.setText("")
        self._update_clip_label()

    def focus(self, unit: int | None = None, t: int | None = None,
              gate: str | None = None, **_where: Any) -> QWidget | None:
        """Point the unit and time pickers at a cell (practice mode's "Show me":
        ``unit`` and ``t`` 0-based, as a question's ``where``); the gate's heat map,
        or None when the cell is not on show."""
        units, steps = self.unit_spin.maximum() + 1, self._length
        if unit is None or t is None or not self._values:
            return None
        if not (0 <= unit < units and 0 <= t < steps):
            return None
        self.unit_spin.setValue(int(unit))
        self.time_slider.setValue(int(t))
        return self.heatmaps.get(gate) if gate else self.gate_grid

    def panels(self) -> dict[str, QWidget]:
        """Each gate by itself (``gate f`` …; they share the main view, "gates"),
        the series, the gradient through time and the equations."""
        out: dict[str, QWidget] = {f"gate {k}": v for k, v in self.heatmaps.items()}
        out["series"] = self.series
        out["gradient through time"] = self.gradients
        out["equations"] = self.equations_panel
        return out


STAGES = {"sequence": SequenceStage}
