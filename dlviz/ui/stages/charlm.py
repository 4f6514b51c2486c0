"""Stage of the character GPT: type a prompt, watch the next-character distribution,
reshape it, and write with the model one character at a time.

* The main view: the next character's probabilities for the prompt as bars — as the
  model gives them (temperature 1) beside the distribution actually sampled from,
  after temperature, top-k and top-p. Both show the same most likely characters in
  the same order, so sharpening, flattening and cutting are seen at a glance. They
  follow training live. Under them, what the model writes after the prompt at
  temperature 0.8, renewed at every validation pass (text in the essay's language,
  in a read-only box).
* Attention: every layer's heads (rows) over the context (columns) for the position
  that predicts the next character, with a colour bar; after "Sample next" or
  "Generate 20" it is the attention of the step that wrote the last character.
* The characters written since the prompt was last typed, each with the
  probability it was drawn with, in the caption.

The stage never runs torch: every change of the prompt or of the sampling controls
is a request ("prompt"), answered in the worker with a new snapshot; "sample"
draws one character there. "Generate 20" asks for one character at a time, the
next request leaving when the previous answer arrived, so each step is shown.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.labs.base import LabSpec
from dlviz.ui import theme
from dlviz.ui.kit import Role
from dlviz.ui.stages.attention import swatch
from dlviz.ui.stages.base import Stage
from dlviz.ui.stages.sequence import colorbar_ticks, monospace_font
from dlviz.ui.views.grid import ViewGrid
from dlviz.ui.views.heatmap import HeatmapView
from dlviz.ui.views.titles import TitledBars

#: Characters written by "Generate 20".
GENERATE_COUNT = 20
#: Written characters listed in the caption (the latest ones).
WRITTEN_SHOWN = 12


def shown_char(char: str) -> str:
    """A character as an axis or list label: visible space and line end."""
    return {" ": "␣", "\n": "↵", "\t": "⇥"}.get(char, char)


class SampleBox(QPlainTextEdit):
    """What the model writes: text in the essay's language (data, not interface
    text), read-only and selectable, two wrapped lines high at any font size."""

    LINES = 2

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(monospace_font())
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        margin = 2 * (self.document().documentMargin() + self.frameWidth()) + 2
        return QSize(200, int(self.fontMetrics().lineSpacing() * self.LINES + margin))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()  # presentation mode: two lines of the new size

    def show_text(self, text: str) -> None:
        if text != self.toPlainText():
            self.setPlainText(text)


def head_labels(layers: int, heads: int) -> list[str]:
    """Row labels of the attention map: ``L1 h1`` … (layer, head)."""
    return [f"L{layer + 1} h{head + 1}" for layer in range(layers)
            for head in range(heads)]


class CharLMStage(Stage):
    """Prompt, sampling controls, next-character bars, attention and the writing."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.snapshot: dict[str, Any] | None = None
        self.prompt_label = QLabel()
        self.prompt_edit = QLineEdit()
        self.prompt_edit.setMinimumWidth(220)
        self.prompt_edit.textEdited.connect(self._on_edit)
        self.temperature_label = QLabel()
        self.temperature_spin = QDoubleSpinBox()
        self.temperature_spin.setRange(0.05, 5.0)
        self.temperature_spin.setSingleStep(0.1)
        self.temperature_spin.setDecimals(2)
        self.temperature_spin.setValue(1.0)
        self.top_k_label = QLabel()
        self.top_k_spin = QSpinBox()
        self.top_k_spin.setRange(0, 999)
        self.top_p_label = QLabel()
        self.top_p_spin = QDoubleSpinBox()
        self.top_p_spin.setRange(0.05, 1.0)
        self.top_p_spin.setSingleStep(0.05)
        self.top_p_spin.setDecimals(2)
        self.top_p_spin.setValue(1.0)
        for spin in (self.temperature_spin, self.top_k_spin, self.top_p_spin):
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self._on_settings)
        self.sample_button = QPushButton()
        self.sample_button.clicked.connect(self._sample_next)
        self.generate_button = QPushButton()
        self.generate_button.clicked.connect(self._toggle_generate)

        self.model_bars = TitledBars(y_range=(0.0, 1.0))
        self.shaped_bars = TitledBars(y_range=(0.0, 1.0))
        self.bars_grid = ViewGrid()
        self.bars_grid.set_views([self.model_bars, self.shaped_bars])
        self.sample_label = QLabel()
        self.sample_box = SampleBox()
        self.bars_box = QWidget()
        main = QVBoxLayout(self.bars_box)
        main.setContentsMargins(0, 0, 0, 0)
        main.addWidget(self.bars_grid, 1)
        row = QHBoxLayout()
        row.addWidget(self.sample_label)
        row.addWidget(self.sample_box, 1)
        main.addLayout(row)
        self.attention = HeatmapView(colorbar=True, lift_dark=True)
        self.attention.plot_item.setMouseEnabled(x=False, y=False)
        colorbar_ticks(self.attention, (0.0, 0.5, 1.0))

        deck = self.use_frame()
        self.controls.group(self.prompt_label, self.prompt_edit)
        self.controls.group(self.temperature_label, self.temperature_spin)
        self.controls.group(self.top_k_label, self.top_k_spin)
        self.controls.group(self.top_p_label, self.top_p_spin)
        self.controls.add(self.sample_button, self.generate_button)
        deck.add(self.bars_box, Role.MAIN, "next character")
        deck.add(self.attention, Role.SECONDARY, "attention")

        #: characters still to write for "Generate 20" (0: not generating)
        self.remaining = 0
        #: the last sampled step: its attention is shown until the prompt changes
        self.step: dict[str, Any] | None = None
        #: (character, probability) of every character written since the last edit
        self.written: list[tuple[str, float]] = []
        #: take the new run's prompt into the edit at the next snapshot
        self._adopt = True
        self.retranslate_ui()

    # -- text ---------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.prompt_label.setText(self.tr("prompt"))
        self.temperature_label.setText(self.tr("temperature"))
        self.top_k_label.setText(self.tr("top-k"))
        self.top_k_spin.setSpecialValueText(self.tr("all"))
        self.top_p_label.setText(self.tr("top-p"))
        self.sample_button.setText(self.tr("Sample next"))
        self.generate_button.setText(
            self.tr("Stop") if self.remaining else
            self.tr("Generate {0}").format(GENERATE_COUNT))
        self.model_bars.set_titles(self.tr("Model: P(next character)"),
                                   self.tr("P(next character)"))
        self.shaped_bars.set_titles(
            self.tr("After T, top-k, top-p ({0} drawn)").format(
                swatch(theme.PALETTE[3])),
            self.tr("After T, top-k, top-p"), self.tr("Sampled from"))
        self.model_bars.plot_item.setLabel("left", self.tr("probability"))
        self.shaped_bars.plot_item.setLabel("left", self.tr("probability"))
        self.attention.plot_item.setLabel("bottom", self.tr("context"))
        self.attention.plot_item.setLabel("left", self.tr("layer, head"))
        self.deck.set_title(self.bars_box, self.tr("Next character"))
        self.deck.set_title(self.attention, self.tr("Attention"))
        self.sample_label.setText(self.tr("the model writes\n(T = 0.8):"))
        self._attention_title()
        self._update_caption()

    def _attention_title(self) -> None:
        if self.step is not None:
            title = self.tr("Attention that wrote “{0}”").format(
                html.escape(shown_char(self.step["char"])))
        else:
            title = self.tr("Attention → next character")
        self.attention.set_title(title)

    def _update_caption(self) -> None:
        snap = self.snapshot
        if snap is None:
            self.set_caption("")
            return
        parts = []
        val = snap.get("val_metrics") or {}
        if "val_perplexity" in val:
            parts.append(self.tr(
                "validation perplexity {0:.2f} · unigram baseline {1:.2f} · "
                "uniform {2}").format(val["val_perplexity"],
                                      snap["unigram_perplexity"], snap["vocab"]))
        parts.append(self.tr("sampling from {0} of {1} characters").format(
            snap["kept"], snap["vocab"]))
        text = html.escape("   ·   ".join(parts))
        if snap.get("unknown"):
            text += "<br>" + html.escape(self.tr(
                "not in this text's alphabet (left out): {0}").format(
                " ".join(shown_char(c) for c in snap["unknown"])))
        if self.written:
            shown = self.written[-WRITTEN_SHOWN:]
            more = "… " if len(self.written) > WRITTEN_SHOWN else ""
            steps = " · ".join(f"{shown_char(c)} {p:.2f}" for c, p in shown)
            text += "<br>" + html.escape(self.tr("written: {0}").format(more + steps))
        if text != self.caption.text():
            self.set_caption(text)

    # -- requests -----------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        """The prompt and sampling controls as a request's payload."""
        return {
            "text": self.prompt_edit.text(),
            "temperature": float(self.temperature_spin.value()),
            "top_k": int(self.top_k_spin.value()),
            "top_p": float(self.top_p_spin.value()),
        }

    def _on_edit(self, _text: str) -> None:
        """The teacher typed: a new prompt, a fresh list of written characters."""
        self._stop()
        self.written = []
        self.step = None
        self._attention_title()
        self._update_caption()
        self.requested.emit("prompt", self.settings())

    def _on_settings(self, *_args) -> None:
        self.requested.emit("prompt", self.settings())

    def _sample_next(self) -> None:
        self.requested.emit("sample", self.settings())

    def _toggle_generate(self) -> None:
        if self.remaining:
            self._stop()
            return
        self.remaining = GENERATE_COUNT
        self.retranslate_ui()
        self._sample_next()

    def _stop(self) -> None:
        if self.remaining:
            self.remaining = 0
            self.generate_button.setText(
                self.tr("Generate {0}").format(GENERATE_COUNT))

    # -- drawing ------------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self.snapshot = snapshot
        if self._adopt:
            self._adopt = False
            if not self.prompt_edit.text():
                self.prompt_edit.setText(snapshot["prompt"])
            mine = self.settings()
            theirs = {"text": snapshot["prompt"],
                      "temperature": snapshot["temperature"],
                      "top_k": snapshot["top_k"], "top_p": snapshot["top_p"]}
            if mine != theirs:  # a new run keeps the sampling controls
                self.requested.emit("prompt", mine)
        labels = [shown_char(c) for c in snapshot["top_tokens"]]
        highlight = None
        if self.step is not None and self.step["char"] in snapshot["top_tokens"]:
            highlight = snapshot["top_tokens"].index(self.step["char"])
        self.model_bars.set_values(snapshot["top_model"], labels)
        self.shaped_bars.set_values(snapshot["top_shaped"], labels, highlight)
        if self.step is None:
            self._show_attention(snapshot["attention"], snapshot["context_tokens"])
        self.sample_box.show_text(snapshot.get("sample", ""))
        self._update_caption()

    def _show_attention(self, attention: np.ndarray, tokens: list[str]) -> None:
        layers, heads, _ = attention.shape
        # weights 0…1 on a fixed scale: a sharpening head shows as it sharpens
        self.attention.set_data(attention.reshape(layers * heads, -1),
                                levels=(0.0, 1.0))
        self.attention.set_ticks(x=[shown_char(c) for c in tokens],
                                 y=head_labels(layers, heads), fit=True)

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind != "sample":
            return  # "prompt": its snapshot is already on show
        self.step = data
        self.written.append((data["char"], float(data["probability"])))
        self.prompt_edit.setText(data["text"])
        self._show_attention(data["attention"], data["context_tokens"])
        self._attention_title()
        self._update_caption()
        if self.remaining:
            self.remaining -= 1
            if self.remaining:
                self._sample_next()
            else:
                self.retranslate_ui()

    def reset(self) -> None:
        self._stop()
        self.snapshot = None
        self.step = None
        self.written = []
        self._adopt = True
        self.prompt_edit.clear()
        self.retranslate_ui()

    def shutdown(self) -> None:
        self.remaining = 0


STAGES = {"charlm": CharLMStage}
