"""The convolution calculator: sizes, parameters and cost of one layer, the kernel
sliding over a small input step by step, and the comparisons of chapter 4.

A tool stage: it gets no snapshots and runs no torch; everything comes from
:mod:`dlviz.core.convmath` (pure Python and numpy).

The numbers are typed in full into line edits (:class:`NumberEdit`) and checked when
editing finishes, as the hyperparameter panel does: a value out of range (kernel
300 for a kernel of at most 15) is refused, never cut to fit — the field turns red,
the caption says why, and the last valid value stays in force.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dlviz.core import convmath as cm
from dlviz.core.labs.base import LabSpec
from dlviz.core.params import ParamError
from dlviz.ui import theme
from dlviz.ui.i18n import tr_core
from dlviz.ui.kit import ControlRow, Role
from dlviz.ui.stages.base import Stage

#: Side of the small input the kernel slides over.
DEMO_SIZE = 7
#: Largest kernel the animation shows (bigger ones make the dot product unreadable).
DEMO_MAX_KERNEL = 5

# The grids are drawn like a page of a textbook (dark numbers on light cells) in
# either theme (the theme's "paper" roles, equal on both); the highlights are palette
# colours.
_WINDOW = QColor(theme.PALETTE[1])  # the kernel and the input cells under it
_DONE = QColor(theme.PALETTE[5])  # outputs computed so far
_CURRENT = QColor(theme.PALETTE[3])  # the current window and output
_LINE = QColor(theme.PALETTE[8])  # cell borders
_PAD = QColor(theme.role("paper_padding"))  # padding cells
_CELL = QColor(theme.role("paper"))
_INK = QColor(theme.role("paper_ink"))
#: Colour of the "no output" message and of refused inputs.
ERROR_COLOR = theme.role("error")
#: A refused input (as in the hyperparameter panel).
_ERROR_STYLE = f"QLineEdit {{ border: 2px solid {ERROR_COLOR}; }}"
#: The calculator's inputs in the order of the control row, with fallbacks for a
#: spec without them.
INPUT_KEYS = ("input_size", "kernel", "stride", "padding", "dilation", "in_channels",
              "out_channels", "groups")


class NumberEdit(QLineEdit):
    """A whole number typed in full and checked when editing finishes (no spin box
    that drops the keystrokes it does not like: 300 stays 300 until refused).

    ``submitted(text)`` asks the stage to check the text; the stage calls
    :meth:`accept` or :meth:`refuse`. :meth:`value` is the last accepted value;
    :meth:`setValue` types a value and submits it (lesson scenes set the
    calculator's inputs this way).
    """

    submitted = Signal(str)

    def __init__(self, value: int, parent: QWidget | None = None):
        super().__init__(str(int(value)), parent)
        self._value = int(value)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editingFinished.connect(lambda: self.submitted.emit(self.text()))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        width = self.fontMetrics().horizontalAdvance("00000") + 14
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    def value(self) -> int:
        return self._value

    def setValue(self, value: Any) -> None:  # noqa: N802 - like QSpinBox
        self.setText(str(value))
        self.submitted.emit(self.text())

    def accept(self, value: int) -> None:
        """``value`` is in force: show it as the stage reads it, unmarked."""
        self._value = int(value)
        self.blockSignals(True)
        self.setText(str(self._value))
        self.blockSignals(False)
        self.setStyleSheet("")
        self.setToolTip(self.property("help") or "")

    def refuse(self, reason: str) -> None:
        """The text typed is not used: mark the field, say why in its tooltip."""
        self.setStyleSheet(_ERROR_STYLE)
        self.setToolTip(reason)


def demo_kernel(size: int) -> np.ndarray:
    """A vertical-edge kernel of small integers: +1 left, 0 middle, −1 right."""
    if size == 1:
        return np.array([[2.0]])
    cols = np.arange(size)
    row = np.where(cols < size / 2 - 0.5, 1.0, np.where(cols > size / 2 - 0.5, -1.0, 0))
    return np.tile(row, (size, 1))


def _n(value: int) -> str:
    return f"{value:,}"


def _scrolling_box(content: QWidget) -> QGroupBox:
    """A titled panel whose text wraps to its width and scrolls when it is taller
    than the panel (never squeezed or cut)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    box = QGroupBox()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(scroll)
    return box


class KernelAnimationView(QWidget):
    """Padded input with the current window highlighted, the kernel, and the output
    filled in up to the current position."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.image = np.zeros((DEMO_SIZE, DEMO_SIZE))
        self.kernel = demo_kernel(3)
        self.padding = 0
        self.positions: list[cm.KernelPosition] = []
        self.out_shape = (0, 0)
        self.index = 0

    def sizeHint(self) -> QSize:
        return QSize(720, 340)

    def set_case(
        self,
        image: np.ndarray,
        kernel: np.ndarray,
        padding: int,
        positions: list[cm.KernelPosition],
        out_shape: tuple[int, int],
    ) -> None:
        self.image, self.kernel, self.padding = image, kernel, padding
        self.positions, self.out_shape = positions, out_shape
        self.index = min(self.index, max(len(positions) - 1, 0))
        self.update()

    def set_index(self, index: int) -> None:
        self.index = index
        self.update()

    def _layout(self) -> tuple[float, dict[str, tuple[float, float]]]:
        """Cell size and the top-left corners of the input, kernel and output grids
        (each has its title one cell above it): the three side by side, or the
        kernel above the output beside the input, whichever gives larger cells."""
        padded_h = self.image.shape[0] + 2 * self.padding
        padded_w = self.image.shape[1] + 2 * self.padding
        k_h, k_w = self.kernel.shape
        out_h, out_w = max(self.out_shape[0], 1), max(self.out_shape[1], 1)
        width, height = max(self.width(), 1), max(self.height(), 1)
        # side by side: input | kernel | output
        row_cell = min(width / (padded_w + k_w + out_w + 2.6),
                       height / (max(padded_h, k_h, out_h) + 1.2))
        # stacked: input | kernel over output
        stack_cell = min(width / (padded_w + max(k_w, out_w) + 1.4),
                         height / (max(padded_h, k_h + out_h + 2.4) + 1.2))
        if row_cell >= stack_cell:
            cell = min(row_cell, 56.0)
            x_kernel = (padded_w + 1.2) * cell
            return cell, {"input": (0.0, cell), "kernel": (x_kernel, cell),
                          "output": (x_kernel + (k_w + 1.2) * cell, cell)}
        cell = min(stack_cell, 56.0)
        x_right = (padded_w + 1.2) * cell
        return cell, {"input": (0.0, cell), "kernel": (x_right, cell),
                      "output": (x_right, (k_h + 2.4) * cell)}

    def _grid(self, painter: QPainter, x0: float, y0: float, cell: float,
              values: np.ndarray, fills: dict[tuple[int, int], QColor],
              shown: np.ndarray | None = None) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(9, int(cell * 0.5)))
        painter.setFont(font)
        for (r, c), value in np.ndenumerate(values):
            rect = QRectF(x0 + c * cell, y0 + r * cell, cell, cell)
            painter.fillRect(rect, fills.get((r, c), _CELL))
            painter.setPen(theme.pen(_LINE, width=1))
            painter.drawRect(rect)
            if shown is None or shown[r, c]:
                painter.setPen(_INK)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, cm._fmt(value))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), _CELL)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cell, corners = self._layout()
        title_font = QFont(self.font())
        title_font.setPixelSize(max(11, int(cell * 0.45)))
        painter.setFont(title_font)
        painter.setPen(_INK)
        titles = (("input", self.tr("input (padded)")), ("kernel", self.tr("kernel")),
                  ("output", self.tr("output")))
        for key, text in titles:
            x, y = corners[key]
            painter.drawText(QRectF(x, y - cell, 8 * cell, cell),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             text)
        x_in, top = corners["input"]
        p = self.padding
        padded = np.pad(self.image, p)
        h, w = self.image.shape
        fills = {
            (r, c): _PAD for r, c in np.ndindex(padded.shape)
            if not (p <= r < p + h and p <= c < p + w)
        }
        current = self.positions[self.index] if self.positions else None
        if current is not None:
            for r in current.rows:
                for c in current.cols:
                    fills[(r, c)] = _WINDOW
        self._grid(painter, x_in, top, cell, padded, fills)
        if current is not None:
            span_r = (current.rows[0], current.rows[-1] + 1)
            span_c = (current.cols[0], current.cols[-1] + 1)
            painter.setPen(theme.pen(_CURRENT, width=3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(x_in + span_c[0] * cell, top + span_r[0] * cell,
                                    (span_c[1] - span_c[0]) * cell,
                                    (span_r[1] - span_r[0]) * cell))
        kernel_fill = {rc: _WINDOW for rc in np.ndindex(self.kernel.shape)}
        self._grid(painter, *corners["kernel"], cell, self.kernel, kernel_fill)
        if self.out_shape[0] and self.positions:
            out = np.zeros(self.out_shape)
            shown = np.zeros(self.out_shape, dtype=bool)
            fills = {}
            for pos in self.positions[: self.index + 1]:
                out[pos.out_row, pos.out_col] = pos.value
                shown[pos.out_row, pos.out_col] = True
                fills[(pos.out_row, pos.out_col)] = _DONE
            fills[(current.out_row, current.out_col)] = _CURRENT.lighter(160)
            self._grid(painter, *corners["output"], cell, out, fills, shown)
        painter.end()


class ConvMathStage(Stage):
    """Inputs for one convolution (the control row), the sliding kernel (main view),
    the layer's numbers and the comparisons."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        defaults = spec.resolve({}) if spec.params else {}
        # every input's spec: the lab's, and the calculator's groups
        self.specs = {p.key: p for p in spec.params}
        self.specs.setdefault("groups", cm.GROUPS_PARAM)
        deck = self.use_frame()

        self.inputs: dict[str, NumberEdit] = {}
        self.input_labels: dict[str, QLabel] = {}
        # refused inputs and why, shown in the caption
        self.refused: dict[str, ParamError] = {}
        self.mode = QComboBox()
        for mode in ("custom", "valid", "same"):
            self.mode.addItem(tr_core(mode), mode)  # shown translated, used as data
        self.mode.setCurrentIndex(
            max(0, self.mode.findData(str(defaults.get("padding_mode", "custom"))))
        )
        self.mode_label = QLabel()
        for key in INPUT_KEYS:
            edit = NumberEdit(int(defaults.get(key, self.specs[key].default)))
            edit.setObjectName(f"convmath_{key}")
            edit.submitted.connect(lambda text, key=key: self.submit(key, text))
            self.inputs[key] = edit
            self.input_labels[key] = QLabel()
            self.controls.group(self.input_labels[key], edit)
            if key == "padding":
                self.controls.group(self.mode_label, self.mode)
        self.mode.currentIndexChanged.connect(self.recompute)

        self.results: dict[str, QLabel] = {}
        self.result_names: dict[str, QLabel] = {}
        results = QWidget()
        results_form = QFormLayout(results)
        for key in ("out_size", "out_shape", "padding", "params_bias", "params_nobias",
                    "macs", "receptive_field", "pool"):
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.results[key] = label
            self.result_names[key] = QLabel()
            results_form.addRow(self.result_names[key], label)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR};")
        bold = QFont(self.error_label.font())
        bold.setBold(True)
        self.error_label.setFont(bold)
        results_form.addRow(self.error_label)
        self.results_box = _scrolling_box(results)

        self.animation = KernelAnimationView()
        self.dot_label = QLabel()
        self.dot_label.setWordWrap(True)
        self.position_label = QLabel()
        self.prev_button = QPushButton()
        self.next_button = QPushButton()
        self.play_button = QPushButton()
        self.play_button.setCheckable(True)
        self.prev_button.clicked.connect(self.step_back)
        self.next_button.clicked.connect(self.step_forward)
        self.play_button.toggled.connect(self._on_play)
        self.timer = QTimer(self)
        self.timer.setInterval(900)
        self.timer.timeout.connect(self._tick)
        self.animation_box = QGroupBox()
        steps = ControlRow(self.animation_box)  # a parent first: add() shows it
        steps.add(self.prev_button, self.next_button, self.play_button,
                  self.position_label)
        anim_layout = QVBoxLayout(self.animation_box)
        anim_layout.addWidget(self.animation, 1)
        anim_layout.addWidget(self.dot_label)
        anim_layout.addWidget(steps)

        self.compare_labels = {key: QLabel() for key in ("stack", "separable", "mixer")}
        compare = QWidget()
        compare_layout = QVBoxLayout(compare)
        for label in self.compare_labels.values():
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            compare_layout.addWidget(label)
        compare_layout.addStretch(1)
        self.compare_box = _scrolling_box(compare)

        deck.add(self.animation_box, Role.MAIN, "sliding kernel")
        deck.add(self.results_box, Role.SECONDARY, "results")
        deck.add(self.compare_box, Role.SECONDARY, "comparisons")

        self.positions: list[cm.KernelPosition] = []
        self.index = 0
        self.retranslate_ui()

    # -- text ----------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        names = {
            "input_size": self.tr("Input size n"), "kernel": self.tr("Kernel k"),
            "stride": self.tr("Stride s"), "padding": self.tr("Padding p"),
            "dilation": self.tr("Dilation d"), "in_channels": self.tr("Channels in"),
            "out_channels": self.tr("Channels out"), "groups": self.tr("Groups"),
        }
        for key, label in self.input_labels.items():
            label.setText(names[key])
            help_text = tr_core(self.specs[key].help) if self.specs[key].help else ""
            label.setToolTip(help_text)
            self.inputs[key].setProperty("help", help_text)
            if key in self.refused:
                self.inputs[key].refuse(self._reason(self.refused[key]))
            else:
                self.inputs[key].setToolTip(help_text)
        self._names = names
        self.mode_label.setText(self.tr("Padding mode"))
        for i in range(self.mode.count()):
            self.mode.setItemText(i, tr_core(self.mode.itemData(i)))
        result_names = {
            "out_size": self.tr("Output size"), "out_shape": self.tr("Output shape"),
            "padding": self.tr("Padding used"),
            "params_bias": self.tr("Parameters"),
            "params_nobias": self.tr("… without bias"),
            "macs": self.tr("Multiply-adds"),
            "receptive_field": self.tr("Receptive field"),
            "pool": self.tr("Then 2×2 max-pool"),
        }
        for key, label in self.result_names.items():
            label.setText(result_names[key])
        self.results_box.setTitle(self.tr("Results"))
        self.animation_box.setTitle(self.tr("The kernel slides over a 7×7 input"))
        self.compare_box.setTitle(self.tr("Comparisons"))
        self.deck.set_title(self.animation_box, self.tr("Sliding kernel"))
        self.deck.set_title(self.results_box, self.tr("Results"))
        self.deck.set_title(self.compare_box, self.tr("Comparisons"))
        self.prev_button.setText(self.tr("◀ Step"))
        self.next_button.setText(self.tr("Step ▶"))
        self._update_play_text()
        self.recompute()

    def _update_play_text(self) -> None:
        playing = self.play_button.isChecked()
        self.play_button.setText(self.tr("❚❚ Pause") if playing else self.tr("▶ Play"))

    # -- inputs --------------------------------------------------------------------
    def submit(self, key: str, text: str) -> None:
        """Check the text typed into ``key``'s field: use it, or refuse it with the
        reason (the field turns red, the caption says why, the last valid value
        stays in force). Groups must also divide both channel counts."""
        raw: dict[str, Any] = {key: text}
        if key == "groups":
            raw.update(in_channels=self.inputs["in_channels"].value(),
                       out_channels=self.inputs["out_channels"].value())
        accepted, refused = cm.validate_inputs(raw, self.specs.values())
        edit = self.inputs[key]
        if key in refused:
            self.refused[key] = refused[key]
            edit.refuse(self._reason(refused[key]))
            self._show_caption()
            return
        self.refused.pop(key, None)
        changed = accepted[key] != edit.value()
        edit.accept(accepted[key])
        if changed:
            self.recompute()
        else:
            self._show_caption()

    @staticmethod
    def _reason(err: ParamError) -> str:
        return tr_core(err.reason).format(**err.values)

    def _refused_text(self) -> str:
        """Why the red fields were refused (rich text; empty when none is)."""
        names = getattr(self, "_names", {})
        lines = [
            self.tr("{0}: {1} — value not applied.").format(
                names.get(key, key), self._reason(err))
            for key, err in self.refused.items()
        ]
        return "<br>".join(
            f"<b><span style='color:{ERROR_COLOR}'>{html.escape(line)}</span></b>"
            for line in lines
        )

    def _show_caption(self) -> None:
        explain = html.escape(self._caption_text)
        refused = self._refused_text()
        self.set_caption(f"{refused}<br>{explain}" if refused else explain)

    _caption_text = ""

    # -- calculation ---------------------------------------------------------------
    def values(self) -> dict[str, int]:
        return {key: edit.value() for key, edit in self.inputs.items()}

    def recompute(self) -> None:
        v = self.values()
        mode = self.mode.currentData()
        if mode == "valid" and (v["padding"] != 0 or "padding" in self.refused):
            self.refused.pop("padding", None)
            self.inputs["padding"].accept(0)
            v["padding"] = 0
        self.inputs["padding"].setEnabled(mode == "custom")
        n, k, s, d = v["input_size"], v["kernel"], v["stride"], v["dilation"]
        c_in, c_out, g = v["in_channels"], v["out_channels"], v["groups"]
        summary = cm.summarize_conv(n, k, s, v["padding"], d, c_in, c_out, g,
                                    same=mode == "same")
        p = summary.padding
        r = self.results
        r["out_size"].setText(summary.formula)
        r["padding"].setText(str(p))
        r["receptive_field"].setText(
            f"{summary.receptive_field} × {summary.receptive_field}   "
            f"(d·(k−1) + 1 = {d}·({k}−1) + 1)"
        )
        if summary.error:
            self.error_label.setText(self.tr("No output: ") + summary.error)
            for key in ("out_shape", "params_bias", "params_nobias", "macs", "pool"):
                r[key].setText("—")
        else:
            self.error_label.setText("")
            out = summary.out_size
            per = c_in // g
            r["out_shape"].setText(f"{out} × {out} × {c_out}")
            r["params_bias"].setText(
                f"({k}·{k}·{per} + 1)·{c_out} = {_n(summary.params_with_bias)}"
            )
            r["params_nobias"].setText(
                f"{k}·{k}·{per}·{c_out} = {_n(summary.params_without_bias)}"
            )
            r["macs"].setText(
                f"{out}·{out}·{_n(summary.params_without_bias)} = {_n(summary.macs)}"
            )
            try:
                pooled = cm.pool_output_size(out, 2, 2)
                r["pool"].setText(f"⌊({out} − 2) / 2⌋ + 1 = {pooled}")
            except cm.ConvError:
                r["pool"].setText(self.tr("too small to pool"))
        self._update_comparisons(k, c_in, c_out, summary.out_size)
        self._update_animation(k, s, d, mode)
        self._caption_text = self.tr(
            "The animation slides a {k}×{k} kernel over a 7×7 input with the stride, "
            "padding and dilation above."
        ).format(k=min(k, DEMO_MAX_KERNEL))
        self._show_caption()

    def _update_comparisons(
        self, k: int, c_in: int, c_out: int, out: int | None
    ) -> None:
        c = c_in
        stack = cm.stacked_vs_single(c)
        saved = 1 - stack["stacked_params"] / stack["single_params"]
        self.compare_labels["stack"].setText(
            self.tr("<b>Three 3×3 vs one 7×7</b> (C = {c}): same receptive field 7×7; "
                    "27·C² = {a} vs 49·C² = {b} weights ({saved:.0%} fewer), "
                    "and three non-linearities instead of one.").format(
                c=c, a=_n(stack["stacked_params"]), b=_n(stack["single_params"]),
                saved=saved)
        )
        sep = cm.depthwise_separable_cost(c_in, c_out, k, out or 1, out or 1)
        text = self.tr(
            "<b>Depthwise-separable vs standard</b> ({k}×{k}, {ci}→{co}): "
            "{k}·{k}·{ci} + {ci}·{co} = {sp} vs {k}·{k}·{ci}·{co} = {st} weights; "
            "ratio 1/C_out + 1/k² = {ratio:.3f}."
        ).format(k=k, ci=c_in, co=c_out, sp=_n(sep["separable_params"]),
                 st=_n(sep["standard_params"]), ratio=sep["ratio"])
        if out is not None:
            text += " " + self.tr("Multiply-adds {sm} vs {stm}.").format(
                sm=_n(sep["separable_macs"]), stm=_n(sep["standard_macs"]))
        self.compare_labels["separable"].setText(text)
        text = self.tr(
            "<b>1×1 convolution</b> mixes channels at each pixel: "
            "C_in·C_out + C_out = {ci}·{co} + {co} = {n} parameters."
        ).format(ci=c_in, co=c_out, n=_n(cm.pointwise_mixer(c_in, c_out)))
        if out is not None:
            keeps = self.tr("On this output it keeps the size {out}×{out}.")
            text += " " + keeps.format(out=out)
        self.compare_labels["mixer"].setText(text)

    def _update_animation(self, k: int, s: int, d: int, mode: str) -> None:
        k_demo = min(k, DEMO_MAX_KERNEL)
        image = cm.demo_input(DEMO_SIZE)
        kernel = demo_kernel(k_demo)
        padding = self.inputs["padding"].value() if mode == "custom" else 0
        if mode == "same":
            before, after = cm.same_padding(DEMO_SIZE, k_demo, 1, d)
            padding = before
        note = ""
        if k > DEMO_MAX_KERNEL:
            note = self.tr("(animation uses a {k}×{k} kernel) ").format(k=k_demo)
        try:
            positions = cm.kernel_positions(image, kernel, s, padding, d)
        except cm.ConvError as err:
            positions = []
            note += self.tr("No output on the 7×7 input: ") + str(err)
        self.positions = positions
        self.index = min(self.index, max(len(positions) - 1, 0))
        out_shape = (0, 0)
        if positions:
            out_shape = (positions[-1].out_row + 1, positions[-1].out_col + 1)
        self.animation.set_case(image, kernel, padding, positions, out_shape)
        self._note = note
        self._show_position()

    # -- animation -----------------------------------------------------------------
    def _show_position(self) -> None:
        self.animation.set_index(self.index)
        if not self.positions:
            self.dot_label.setText(self._note)
            self.position_label.setText("")
            return
        pos = self.positions[self.index]
        self.dot_label.setText(self._note + f"y[{pos.out_row}, {pos.out_col}] = "
                               + pos.text)
        self.position_label.setText(
            self.tr("position {i} of {n}").format(
                i=self.index + 1, n=len(self.positions)
            )
        )

    def step_forward(self) -> None:
        if self.positions:
            self.index = (self.index + 1) % len(self.positions)
            self._show_position()

    def step_back(self) -> None:
        if self.positions:
            self.index = (self.index - 1) % len(self.positions)
            self._show_position()

    def _on_play(self, playing: bool) -> None:
        if playing:
            self.timer.start()
        else:
            self.timer.stop()
        self._update_play_text()

    def _tick(self) -> None:
        if not self.positions or self.index == len(self.positions) - 1:
            self.play_button.setChecked(False)
            return
        self.step_forward()

    # -- Stage contract ------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        """A tool: nothing to draw from snapshots."""

    def panels(self) -> dict[str, QWidget]:
        return {**self.deck.panels(), "inputs": self.controls}

    def shutdown(self) -> None:
        self.timer.stop()


STAGES = {"convmath": ConvMathStage}
