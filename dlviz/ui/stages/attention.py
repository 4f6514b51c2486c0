"""Stages of the attention labs: seq2seq with attention and the Transformer.

Seq2seq: the attention matrix (output step × input step) with the tokens on its axes
and the known alignment marked, updating live; beam search candidates step by step.
Transformer: a grid of heads for one layer and one kind of attention (encoder self,
decoder masked self, cross), the causal mask, the positional encoding, and the
QKᵀ/√d → softmax → ×V step-through of one query token with its numbers.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.labs.base import LabSpec
from dlviz.ui import theme
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.heatmap import HeatmapView

STAGE_FONT_PT = 14.0
MONO_FONT_PT = 12.0
KINDS = ("encoder", "decoder", "cross")


def _mono_label() -> QLabel:
    label = QLabel()
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(MONO_FONT_PT)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(False)
    return label


def shown_tokens(tokens: list[str]) -> list[str]:
    """Tokens for axis labels: visible spaces, specials without angle brackets
    (which the axis would read as markup)."""
    out = []
    for tok in tokens:
        if tok == " ":
            tok = "␣"
        elif tok.startswith("<") and tok.endswith(">"):
            tok = f"‹{tok[1:-1]}›"
        out.append(tok)
    return out


def _scrolled(label: QLabel) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(label)
    area.setWidgetResizable(True)
    return area


def _big(widget: QWidget, size: float = STAGE_FONT_PT) -> None:
    font = widget.font()
    font.setPointSizeF(size)
    widget.setFont(font)


def format_beam(result: dict[str, Any], tr=str) -> str:
    """Beam search steps as monospace text: one block per step, best first."""
    lines = [tr("source: {0}   target: {1}   k = {2}").format(
        result.get("source", ""), result.get("target", ""), result.get("k", ""))]
    for t, step in enumerate(result["steps"], 1):
        lines.append(tr("step {0}").format(t))
        for rank, cand in enumerate(step["kept"], 1):
            mark = " ✓" if cand["finished"] else ""
            text = "".join(c if len(c) == 1 else f" {c} " for c in cand["text"])
            lines.append(f"  {rank}. {text:<18} {cand['score']:8.3f}{mark}")
    best = "".join(c for c in result["best"] if len(c) == 1)
    lines.append(tr("best: {0}").format(best))
    return "\n".join(lines)


def format_steps(steps: dict[str, Any], tr=str) -> str:
    """The numbers of one attention computation (see ``attention_steps``)."""
    q_tok = steps["query_tokens"][steps["query"]]
    lines = [
        tr("query “{0}” (position {1}), layer {2}, head {3}").format(
            q_tok, steps["query"], steps["layer"] + 1, steps["head"] + 1),
        "q = [" + ", ".join(f"{v:+.2f}" for v in steps["q"][:8])
        + (", …]" if len(steps["q"]) > 8 else "]"),
        tr("√d = {0:.2f}").format(steps["scale"]),
        "",
        f"{tr('key'):<8}{'q·k/√d':>9}{tr('masked'):>9}{'softmax':>9}",
    ]
    for i, tok in enumerate(steps["key_tokens"]):
        masked = steps["masked"][i]
        masked_text = "−∞" if np.isneginf(masked) else f"{masked:+.2f}"
        lines.append(f"{tok:<8}{steps['scores'][i]:+9.2f}{masked_text:>9}"
                     f"{steps['weights'][i]:9.3f}")
    lines += ["", tr("output = Σ softmax · v =")]
    lines.append("[" + ", ".join(f"{v:+.2f}" for v in steps["output"][:8])
                 + (", …]" if len(steps["output"]) > 8 else "]"))
    return "\n".join(lines)


class _AttentionStage(Stage):
    """Shared top bar: sample choice, source → prediction, validation metrics."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.snapshot: dict[str, Any] | None = None
        self.sample_label = QLabel()
        self.sample_spin = QSpinBox()
        self.sample_spin.setRange(0, 299)
        self.sample_spin.setKeyboardTracking(False)
        self.sample_spin.valueChanged.connect(self._ask_sample)
        self.result_label = QLabel()
        self.metrics_label = QLabel()
        for w in (self.sample_label, self.sample_spin, self.result_label,
                  self.metrics_label):
            _big(w)
        _big(self.result_label, STAGE_FONT_PT + 4)
        self.top = QHBoxLayout()
        self.top.addWidget(self.sample_label)
        self.top.addWidget(self.sample_spin)
        self.top.addSpacing(16)
        self.top.addWidget(self.result_label, 1)
        self.top.addWidget(self.metrics_label)

    def _ask_sample(self, index: int) -> None:
        self.requested.emit("select", {"index": int(index)})

    def _show_header(self, snap: dict[str, Any]) -> None:
        self.snapshot = snap
        n = int(snap.get("n_val", 300))
        if self.sample_spin.maximum() != n - 1:
            self.sample_spin.setMaximum(n - 1)
        color = theme.PALETTE[2] if snap.get("correct") else theme.PALETTE[3]
        if "target" in snap:
            text = self.tr("{0}  →  {1}   (target {2})").format(
                snap["source"], snap["prediction"], snap["target"])
        else:
            probs = snap["probs"]
            text = self.tr("{0}  →  class {1} ({2:.0%}), label {3}").format(
                snap["source"], int(np.argmax(probs)), float(np.max(probs)),
                snap["label"])
        self.result_label.setText(text)
        self.result_label.setStyleSheet(f"color: {color};")
        self.metrics_label.setText(self._metrics_text(snap.get("val_metrics", {})))

    def _metrics_text(self, metrics: dict[str, float]) -> str:
        if not metrics:
            return ""
        if "val_bleu" in metrics:
            return self.tr("val: sequences {0:.0%} · tokens {1:.0%} · BLEU {2:.3f}"
                           ).format(metrics["val_seq_acc"], metrics["val_token_acc"],
                                    metrics["val_bleu"])
        return self.tr("val accuracy {0:.0%}").format(metrics.get("val_acc", 0.0))

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "select" and "snapshot" in data:
            self.show_snapshot(data["snapshot"])

    def reset(self) -> None:
        self.snapshot = None
        self.result_label.setText("")
        self.metrics_label.setText("")


class Seq2SeqStage(_AttentionStage):
    """The attention matrix, live, and beam search step by step."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.matrix = HeatmapView(x_label="input", y_label="output")
        self.matrix.plot_item.setMouseEnabled(x=False, y=False)
        self.alignment = pg.ScatterPlotItem(
            symbol="s", size=10, pen=pg.mkPen(theme.PALETTE[3], width=2), brush=None)
        self.alignment.setZValue(10)
        self.matrix.plot_item.addItem(self.alignment)
        self.beam_label = QLabel()
        self.beam_spin = QSpinBox()
        self.beam_spin.setRange(1, 10)
        self.beam_spin.setValue(int(spec.resolve().get("beam_width", 3)))
        self.beam_button = QPushButton()
        self.beam_button.clicked.connect(self._ask_beam)
        self.beam_text = _mono_label()
        for w in (self.beam_label, self.beam_spin, self.beam_button):
            _big(w)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.beam_label)
        row.addWidget(self.beam_spin)
        row.addWidget(self.beam_button, 1)
        right_layout.addLayout(row)
        right_layout.addWidget(_scrolled(self.beam_text), 1)
        splitter = QSplitter()
        splitter.addWidget(self.matrix)
        splitter.addWidget(right)
        splitter.setSizes([1300, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.top)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.matrix.set_title(self.tr(
            "Attention weights (rows: output, columns: input); □ true alignment"))
        self.matrix.plot_item.setLabel("bottom", self.tr("input"))
        self.matrix.plot_item.setLabel("left", self.tr("output"))
        self.sample_label.setText(self.tr("sample"))
        self.beam_label.setText(self.tr("beam width k"))
        self.beam_button.setText(self.tr("Beam search"))

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self._show_header(snapshot)
        att = snapshot["attention"]
        self.matrix.set_data(att, levels=(0.0, 1.0))
        self.matrix.set_ticks(x=shown_tokens(snapshot["src_tokens"]),
                              y=shown_tokens(snapshot["out_tokens"]))
        rows, cols = np.nonzero(snapshot["alignment"])
        self.alignment.setData(x=cols + 0.5, y=rows + 0.5)

    def _ask_beam(self) -> None:
        index = self.snapshot["index"] if self.snapshot else 0
        self.requested.emit("beam", {"index": int(index), "k": self.beam_spin.value()})

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "beam":
            self.beam_text.setText(format_beam(data, self.tr))
        else:
            super().show_result(kind, data)

    def reset(self) -> None:
        super().reset()
        self.beam_text.setText("")

    def panels(self) -> dict[str, QWidget]:
        return {"attention matrix": self.matrix, "beam search": self.beam_text}


class TransformerStage(_AttentionStage):
    """Heads of one layer, the causal mask, positions and one query step by step."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.kind_combo = QComboBox()
        self.kind_combo.currentIndexChanged.connect(self._redraw)
        self.layer_label = QLabel()
        self.layer_spin = QSpinBox()
        self.layer_spin.setRange(1, 1)
        self.layer_spin.valueChanged.connect(self._redraw)
        self.query_label = QLabel()
        self.query_spin = QSpinBox()
        self.query_spin.setRange(0, 0)
        self.query_spin.valueChanged.connect(self._on_query)
        self.head_label = QLabel()
        self.head_spin = QSpinBox()
        self.head_spin.setRange(1, 1)
        self.steps_button = QPushButton()
        self.steps_button.clicked.connect(self._ask_steps)
        for w in (self.kind_combo, self.layer_label, self.layer_spin, self.query_label,
                  self.query_spin, self.head_label, self.head_spin, self.steps_button):
            _big(w)
        self.heads_box = QWidget()
        self.heads_grid = QGridLayout(self.heads_box)
        self.heads_grid.setContentsMargins(0, 0, 0, 0)
        self.heads_grid.setSpacing(4)
        self.heads: list[HeatmapView] = []
        self.query_lines: list[pg.InfiniteLine] = []
        self.mask_view = HeatmapView(colorbar=False)
        self.pe_view = HeatmapView(x_label="dimension", y_label="position",
                                   diverging=True)
        self.steps_text = _mono_label()
        for view in (self.mask_view, self.pe_view):
            view.plot_item.setMouseEnabled(x=False, y=False)

        controls = QHBoxLayout()
        for w in (self.kind_combo, self.layer_label, self.layer_spin,
                  self.query_label, self.query_spin):
            controls.addWidget(w)
        controls.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(controls)
        small = QSplitter()
        small.addWidget(self.mask_view)
        small.addWidget(self.pe_view)
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(self.heads_box)
        vertical.addWidget(small)
        vertical.setStretchFactor(0, 3)
        vertical.setStretchFactor(1, 1)
        vertical.setSizes([750, 250])
        left_layout.addWidget(vertical, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.head_label)
        row.addWidget(self.head_spin)
        row.addWidget(self.steps_button, 1)
        right_layout.addLayout(row)
        right_layout.addWidget(_scrolled(self.steps_text), 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([1350, 650])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.top)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        names = {
            "encoder": self.tr("encoder self-attention"),
            "decoder": self.tr("decoder masked self-attention"),
            "cross": self.tr("cross-attention (decoder → encoder)"),
        }
        current = self.kind
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        for key in self._kinds():
            self.kind_combo.addItem(names[key], key)
        index = self.kind_combo.findData(current)
        self.kind_combo.setCurrentIndex(max(0, index))
        self.kind_combo.blockSignals(False)
        self.sample_label.setText(self.tr("sample"))
        self.layer_label.setText(self.tr("layer"))
        self.pe_view.plot_item.setLabel("bottom", self.tr("dimension"))
        self.pe_view.plot_item.setLabel("left", self.tr("position"))
        self.query_label.setText(self.tr("query token"))
        self.head_label.setText(self.tr("head"))
        self.steps_button.setText(self.tr("Step through QKᵀ/√d → softmax → ×V"))
        self.mask_view.set_title(self.tr("Causal mask (dark: hidden)"))
        self.pe_view.set_title(self.tr("Positional encoding"))

    @property
    def kind(self) -> str:
        data = self.kind_combo.currentData()
        return data if data in KINDS else "encoder"

    def _kinds(self) -> tuple[str, ...]:
        if self.snapshot is not None and "cross_attention" not in self.snapshot:
            return ("encoder",)
        return KINDS

    def _ensure_heads(self, n_heads: int) -> None:
        if len(self.heads) == n_heads:
            return
        for view in self.heads:
            self.heads_grid.removeWidget(view)
            view.deleteLater()
        self.heads, self.query_lines = [], []
        columns = 2 if n_heads <= 4 else 4
        for h in range(n_heads):
            view = HeatmapView(colorbar=False)
            view.plot_item.setMouseEnabled(x=False, y=False)
            line = pg.InfiniteLine(pos=0.5, angle=0, movable=False,
                                   pen=pg.mkPen(theme.PALETTE[3], width=2))
            line.setZValue(10)
            view.plot_item.addItem(line, ignoreBounds=True)
            self.heads.append(view)
            self.query_lines.append(line)
            self.heads_grid.addWidget(view, h // columns, h % columns)
        self.head_spin.setRange(1, n_heads)

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self._show_header(snapshot)
        if self.kind_combo.count() != len(self._kinds()):
            self.retranslate_ui()
        enc = snapshot["encoder_attention"]
        layers, n_heads = enc.shape[:2]
        if self.layer_spin.maximum() != layers:
            self.layer_spin.setRange(1, layers)
        self._ensure_heads(n_heads)
        pe = snapshot["positional_encoding"]
        shown = self.pe_view.image.image
        if shown is None or shown.shape != pe.shape:
            self.pe_view.set_data(pe, levels=(-1.0, 1.0))
        if "causal_mask" in snapshot:
            mask = snapshot["causal_mask"]
            self.mask_view.set_data(1.0 - mask.astype(np.float32), levels=(0.0, 1.0))
            dec = shown_tokens(snapshot["dec_tokens"])
            self.mask_view.set_ticks(x=dec, y=dec)
        self.mask_view.setVisible("causal_mask" in snapshot)
        self._redraw()

    def _axes_tokens(self) -> tuple[list[str], list[str]]:
        snap = self.snapshot
        kind = self.kind
        if kind == "encoder":
            return snap["src_tokens"], snap["src_tokens"]
        if kind == "decoder":
            return snap["dec_tokens"], snap["dec_tokens"]
        return snap["dec_tokens"], snap["src_tokens"]

    def _redraw(self, *_args) -> None:
        snap = self.snapshot
        if snap is None or not self.heads:
            return
        weights = snap[f"{self.kind}_attention"]
        layer = min(self.layer_spin.value() - 1, weights.shape[0] - 1)
        rows, cols = self._axes_tokens()
        if self.query_spin.maximum() != len(rows) - 1:
            self.query_spin.setRange(0, len(rows) - 1)
        for h, view in enumerate(self.heads):
            view.set_data(weights[layer, h], levels=(0.0, 1.0))
            view.set_ticks(x=shown_tokens(cols), y=shown_tokens(rows))
            view.set_title(self.tr("head {0}").format(h + 1))
        self._on_query(self.query_spin.value())

    def _on_query(self, value: int) -> None:
        for line in self.query_lines:
            line.setPos(value + 0.5)

    def _ask_steps(self) -> None:
        index = self.snapshot["index"] if self.snapshot else 0
        self.requested.emit("attention_steps", {
            "index": int(index), "kind": self.kind,
            "layer": self.layer_spin.value() - 1, "head": self.head_spin.value() - 1,
            "query": self.query_spin.value(),
        })

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "attention_steps":
            self.steps_text.setText(format_steps(data, self.tr))
        else:
            super().show_result(kind, data)

    def reset(self) -> None:
        super().reset()
        self.steps_text.setText("")

    def panels(self) -> dict[str, QWidget]:
        return {"heads": self.heads_box, "causal mask": self.mask_view,
                "positional encoding": self.pe_view, "step-through": self.steps_text}


STAGES = {"seq2seq": Seq2SeqStage, "transformer": TransformerStage}
