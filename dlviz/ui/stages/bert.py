"""Stage of the BERT lab: masked-word pre-training, then fine-tuning from [CLS].

* **main** — one validation sentence as the model sees it, ``[CLS] … [SEP]``, every
  token coloured by what the 80/10/10 rule did to it (chosen and turned into
  ``[MASK]``, into a random word, or kept; not chosen), and for each chosen
  position the model's most likely words with their probabilities (the original
  word's bar marked);
* **fine-tuning** — the validation accuracy of the pre-trained network and of the
  same network from scratch against the fine-tuning step, one plot;
* **pre-training** — the masked-word loss against the step, with the loss of
  guessing by word frequency alone (what the context is worth);
* **embeddings** — the three vectors added at each position (token, segment,
  position) and their sum, one signed colour scale;
* **attention** — every head of one layer over the sentence.

"Mask again" draws another masking of the same sentence. Every number comes from
:class:`dlviz.core.labs.bert.BertTask`; this stage only draws and words them.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.attention.bert import KEPT, MASKED, NOT_CHOSEN, RANDOM
from dlviz.core.labs.bert import METHODS
from dlviz.core.metric_names import metric_label
from dlviz.ui import theme
from dlviz.ui.i18n import tr_core
from dlviz.ui.kit import Role
from dlviz.ui.stages.attention import attention_view, shown_tokens, swatch
from dlviz.ui.stages.base import Stage
from dlviz.ui.stages.transfer import TitledCurves
from dlviz.ui.views.grid import ViewGrid
from dlviz.ui.views.heatmap import HeatmapView
from dlviz.ui.views.titles import FittedTitle, TitledBars

#: The colour of each fate of a token (text of the sentence, legend).
ACTION_COLORS = {MASKED: theme.PALETTE[0], RANDOM: theme.PALETTE[4],
                 KEPT: theme.PALETTE[2]}
#: The colour of each network in the fine-tuning plot and the window's curves.
COLORS = {"pretrained": theme.PALETTE[0], "scratch": theme.PALETTE[3]}
#: Metric keys of each network in the window's curves.
_SUFFIXES = {"_scratch": "scratch", "": "pretrained"}
_METRICS = ("loss", "acc", "val_loss", "val_acc")
#: The lab's network's loss is the masked-word loss, then the sentiment loss: the
#: window names it as usual.
_BOTH_PHASES = ("loss", "val_loss")
#: The embedding blocks, left to right.
BLOCKS = ("token", "segment", "position", "sum")


class EmbeddingMap(FittedTitle, HeatmapView):
    """The embedding blocks side by side, each named under its middle when the
    names fit (the title lists them in order either way); the row ticks are the
    tokens, thinned to fit like any heatmap's."""

    block_ticks: list[tuple[float, str]] = []

    def _apply_ticks(self) -> None:
        super()._apply_ticks()
        self._name_blocks()

    def _name_blocks(self) -> None:
        ticks = self.block_ticks
        if not ticks or getattr(self, "_shape", None) is None:
            return  # nothing drawn yet (also: a resize while being built)
        axis = self.plot_item.getAxis("bottom")
        metrics = QFontMetricsF(axis.style.get("tickFont") or self.font())
        # neighbouring names apart by a third of a line at least
        spacing = self.plot_item.getViewBox().width() / len(ticks)
        gap = 0.3 * metrics.height()
        widths = [metrics.horizontalAdvance(t) for _x, t in ticks]
        fits = all((a + b) / 2 + gap <= spacing for a, b in zip(widths, widths[1:]))
        axis.setTicks([ticks if fits else [], []])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._name_blocks()


class BertStage(Stage):
    """Masking and predictions, the two fine-tuning curves, the masked-word loss,
    the input embeddings and the heads of one layer."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.snapshot: dict[str, Any] | None = None
        # -- the sentence and the predictions at its chosen positions
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.RichText)
        self.sentence.setSizePolicy(QSizePolicy.Policy.Ignored,
                                    QSizePolicy.Policy.Preferred)
        self.predictions: list[TitledBars] = []
        self.predictions_grid = ViewGrid()
        self.masked_box = QWidget()
        box = QVBoxLayout(self.masked_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.sentence)
        box.addWidget(self.predictions_grid, 1)
        # -- curves
        self.finetune = TitledCurves()
        self.finetune.plot_item.setMouseEnabled(x=False, y=False)
        self.finetune.plot_item.setYRange(0.0, 1.0, padding=0.02)
        self.pretrain = TitledCurves()
        self.pretrain.plot_item.setMouseEnabled(x=False, y=False)
        self.baseline = pg.InfiniteLine(
            angle=0, movable=False, pen=theme.pen("mark", style=Qt.PenStyle.DotLine))
        self.pretrain.plot_item.addItem(self.baseline, ignoreBounds=True)
        # -- embeddings: token | segment | position | sum, one signed scale
        self.embeddings = EmbeddingMap(diverging=True, colorbar=True)
        self.embeddings.plot_item.setMouseEnabled(x=False, y=False)
        # the colour bar's axis has no label, so no SI prefix either: without this
        # every new level lays out its (empty) label text again
        self.embeddings.colorbar.axis.enableAutoSIPrefix(False)
        self.block_lines = [
            pg.InfiniteLine(angle=90, movable=False, pen=theme.pen("mark"))
            for _ in BLOCKS[1:]]
        for line in self.block_lines:
            line.setZValue(10)
            self.embeddings.plot_item.addItem(line, ignoreBounds=True)
        # -- attention heads of one layer
        self.heads: list[HeatmapView] = []
        self.heads_box = ViewGrid()

        deck = self.use_frame()
        deck.add(self.masked_box, Role.MAIN, "masked words")
        deck.add(self.finetune, Role.SECONDARY, "fine-tuning")
        deck.add(self.pretrain, Role.SECONDARY, "pre-training")
        deck.add(self.heads_box, Role.SECONDARY, "attention")
        deck.add(self.embeddings, Role.SECONDARY, "embeddings")

        self.sample_label = QLabel()
        self.sample_spin = QSpinBox()
        self.sample_spin.setRange(0, 499)
        self.sample_spin.setKeyboardTracking(False)
        self.sample_spin.valueChanged.connect(self._ask_sample)
        self.remask_button = QPushButton()
        self.remask_button.clicked.connect(self._ask_remask)
        self.layer_label = QLabel()
        self.layer_spin = QSpinBox()
        self.layer_spin.setRange(1, 1)
        self.layer_spin.valueChanged.connect(self._show_heads)
        self.controls.group(self.sample_label, self.sample_spin)
        self.controls.add(self.remask_button)
        self.controls.group(self.layer_label, self.layer_spin)
        self.retranslate_ui()

    # -- text --------------------------------------------------------------------------
    def method_name(self, method: str) -> str:
        return {"pretrained": self.tr("pre-trained, fine-tuned"),
                "scratch": self.tr("from scratch")}[method]

    def short_name(self, method: str) -> str:
        return {"pretrained": self.tr("pre-trained"),
                "scratch": self.tr("from scratch")}[method]

    def action_names(self) -> dict[int, str]:
        return {MASKED: self.tr("→ [MASK]"), RANDOM: self.tr("→ random word"),
                KEPT: self.tr("kept")}

    def block_names(self) -> dict[str, str]:
        return {"token": self.tr("token"), "segment": self.tr("segment"),
                "position": self.tr("position"), "sum": self.tr("sum")}

    def retranslate_ui(self) -> None:
        self.sample_label.setText(self.tr("sentence"))
        self.remask_button.setText(self.tr("Mask again"))
        self.remask_button.setToolTip(self.tr(
            "Draw another 15 % of this sentence's words and another 80/10/10 fate "
            "for each"))
        self.layer_label.setText(self.tr("layer"))
        self.deck.set_title(self.masked_box, self.tr("Masked words"))
        self.deck.set_title(self.finetune, self.tr("Fine-tuning"))
        self.deck.set_title(self.pretrain, self.tr("Pre-training"))
        self.deck.set_title(self.embeddings, self.tr("Embeddings"))
        self.deck.set_title(self.heads_box, self.tr("Attention"))
        self._show_finetune_titles()
        self.finetune.plot_item.setLabel("left", self.tr("accuracy"))
        self.finetune.plot_item.setLabel("bottom", self.tr("fine-tuning step"))
        self.pretrain.set_titles(
            self.tr("Masked-word loss ({0} guessing by word frequency)").format(
                swatch(theme.role("mark"), "┄")),
            self.tr("Masked-word loss ({0} by frequency)").format(
                swatch(theme.role("mark"), "┄")),
            self.tr("Masked-word loss"))
        self.pretrain.plot_item.setLabel("left", self.tr("loss (nats)"))
        self.pretrain.plot_item.setLabel("bottom", self.tr("step"))
        self.embeddings.set_titles(
            self.tr("Token | segment | position | sum (added)"),
            self.tr("Token | segment | position | sum"),
            self.tr("Embeddings"))
        self.embeddings.plot_item.setLabel("left", self.tr("input token"))
        self._relabel()
        self._show_embedding_ticks()
        for h, view in enumerate(self.heads):
            view.set_title(self.tr("head {0}").format(h + 1))
        self._show_sentence()
        self._show_prediction_titles()
        self._show_caption()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_finetune_titles(self) -> None:
        snap = self.snapshot
        if snap is not None and snap["phase"] == "pretrain":
            self.finetune.set_titles(
                self.tr("Fine-tuning starts after step {0}").format(
                    snap["pretrain_steps"]),
                self.tr("Starts after step {0}").format(snap["pretrain_steps"]))
        else:
            self.finetune.set_titles(
                self.tr("Validation accuracy after pre-training vs from scratch"),
                self.tr("Validation accuracy"), self.tr("Accuracy"))

    def _relabel(self) -> None:
        view = self.finetune
        for sample, label in view.legend.items:
            for method, curve in view.curves.items():
                text = self.method_name(method)
                if sample.item is curve and label.text != text:
                    label.setText(text)
        view.style_legend()
        for sample, label in self.pretrain.legend.items:
            for key, curve in self.pretrain.curves.items():
                text = self._pretrain_label(key)
                if sample.item is curve and label.text != text:
                    label.setText(text)
        self.pretrain.style_legend()

    def _pretrain_label(self, key: str) -> str:
        return {"loss": self.tr("training (mean per point)")}.get(key, key)

    def curve_style(self, name: str) -> tuple[str, str] | None:
        """The window's curves: one colour per network, named by it."""
        if name in ("mlm_acc", "val_mlm_acc") or name in _BOTH_PHASES:
            return None
        for suffix, method in _SUFFIXES.items():
            base = name.removesuffix(suffix) if suffix else name
            if (not suffix or name.endswith(suffix)) and base in _METRICS:
                return COLORS[method], self.tr("{0} ({1})").format(
                    tr_core(metric_label(base)), self.short_name(method))
        return None

    # -- the sentence ------------------------------------------------------------------
    def _sentence_html(self, snap: dict[str, Any]) -> str:
        """The input tokens, each chosen one coloured by its fate, with the original
        word after a changed one."""
        parts = []
        for orig, shown, action in zip(snap["tokens"], snap["inputs"],
                                       snap["actions"]):
            action = int(action)
            if action == NOT_CHOSEN:
                parts.append(html.escape(shown))
                continue
            text = html.escape(shown)
            if shown != orig:
                text += f"<sub>({html.escape(orig)})</sub>"
            color = ACTION_COLORS[action]
            parts.append(f'<b><span style="color:{color}">{text}</span></b>')
        return " ".join(parts)

    def _legend_html(self) -> str:
        names = self.action_names()
        return "   ".join(f"{swatch(ACTION_COLORS[a])} {html.escape(names[a])}"
                          for a in (MASKED, RANDOM, KEPT))

    def _show_sentence(self) -> None:
        snap = self.snapshot
        if snap is None:
            self.sentence.setText(self._legend_html())
            return
        label = self.tr("positive") if snap["label"] else self.tr("negative")
        head = html.escape(self.tr("Input ({0}):").format(label))
        text = (f"{head} {self._sentence_html(snap)}<br>"
                f"<small>{self._legend_html()}</small>")
        if text != self.sentence.text():
            self.sentence.setText(text)

    def _ensure_predictions(self, n: int) -> None:
        if len(self.predictions) == n:
            return
        old = self.predictions
        self.predictions = []
        for _ in range(n):
            view = TitledBars(y_range=(0.0, 1.0), horizontal=True)
            view.plot_item.setLabel("bottom", self.tr("probability"))
            self.predictions.append(view)
        self.predictions_grid.set_views(self.predictions)
        for view in old:
            view.deleteLater()

    def _show_prediction_titles(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        names = self.action_names()
        mark = swatch(theme.PALETTE[3])
        for view, top in zip(self.predictions, snap["top"]):
            pos = int(top["position"])
            orig = html.escape(snap["tokens"][pos])
            fate = html.escape(names[int(snap["actions"][pos])])
            view.set_titles(
                self.tr("Position {0}: “{1}” {2} · P(“{1}”) = {3:.2f} ({4} original)")
                .format(pos, orig, fate, top["p_original"], mark),
                self.tr("{0}: “{1}” {2} · P = {3:.2f}").format(
                    pos, orig, fate, top["p_original"]),
                self.tr("“{0}” {1}").format(orig, fate))
            label = self.tr("probability")
            # setting the same label again lays the axis and the plot out again
            if view.plot_item.getAxis("bottom").labelText != label:
                view.plot_item.setLabel("bottom", label)

    def _show_predictions(self, snap: dict[str, Any]) -> None:
        self._ensure_predictions(len(snap["top"]))
        for view, top in zip(self.predictions, snap["top"]):
            words = list(top["words"])
            orig = snap["tokens"][int(top["position"])]
            highlight = words.index(orig) if orig in words else None
            view.set_values(np.asarray(top["probs"]), words, highlight)
        self._show_prediction_titles()

    # -- embeddings ----------------------------------------------------------------
    def _show_embedding_ticks(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        d = snap["embeddings"].shape[-1]
        names = self.block_names()
        # one label at the middle of each block (the columns are its dimensions)
        ticks = [((i * (d + 1)) + d / 2, names[b]) for i, b in enumerate(BLOCKS)]
        if ticks != self.embeddings.block_ticks:
            self.embeddings.block_ticks = ticks
            self.embeddings._name_blocks()

    def _show_embeddings(self, snap: dict[str, Any]) -> None:
        parts = snap["embeddings"]  # (3, T, d)
        total = parts.sum(0)
        d = parts.shape[-1]
        blocks = [parts[0], parts[1], parts[2], total]
        gap = np.zeros((parts.shape[1], 1), np.float32)
        image = np.concatenate(
            [x for b in blocks for x in (b, gap)][:-1], axis=1)
        lim = float(np.abs(image).max()) or 1.0
        self.embeddings.set_data(image, levels=(-lim, lim))
        tokens = shown_tokens(snap["inputs"])
        self.embeddings.set_ticks(y=tokens, fit=True)
        for i, line in enumerate(self.block_lines, 1):
            line.setPos(i * (d + 1) - 0.5)
        self._show_embedding_ticks()

    # -- attention -------------------------------------------------------------------
    def _ensure_heads(self, n_heads: int) -> None:
        if len(self.heads) == n_heads:
            return
        old = self.heads
        self.heads = []
        for h in range(n_heads):
            view = attention_view()
            view.set_title(self.tr("head {0}").format(h + 1))
            self.heads.append(view)
        self.heads_box.set_views(self.heads)
        for view in old:
            view.deleteLater()

    def _show_heads(self, *_args) -> None:
        snap = self.snapshot
        if snap is None:
            return
        att = snap["attention"]  # (layers, heads, T, T)
        layer = min(self.layer_spin.value() - 1, att.shape[0] - 1)
        tokens = shown_tokens(snap["inputs"])
        for h, view in enumerate(self.heads):
            view.set_data(att[layer, h], levels=(0.0, 1.0))
            view.set_ticks(x=tokens, y=tokens, fit=True)

    # -- caption ---------------------------------------------------------------------
    def _show_caption(self) -> None:
        snap = self.snapshot
        if snap is None:
            self.set_caption(html.escape(self.tr(
                "An encoder learns to fill in masked words of unlabelled sentences, "
                "then learns the sentiment from a few labelled ones; the same "
                "network from scratch learns from the same few.")))
            return
        counts = snap["mask_counts"]
        words = int(snap["mask_words"])
        chosen = int(counts[1:].sum())
        lines = []
        if snap["phase"] == "pretrain":
            lines.append(self.tr(
                "Pre-training: step {0} of {1}. Masked-word accuracy {2:.0%} "
                "(held out); loss {3:.2f} vs {4:.2f} by word frequency.").format(
                    snap["step"], snap["pretrain_steps"],
                    snap["val_metrics"].get("val_mlm_acc", 0.0),
                    snap["val_metrics"].get("val_loss", float("nan")),
                    snap["unigram_loss"]))
        else:
            acc = snap["ft_acc"][:, -1] if snap["ft_acc"].shape[1] else (0.0, 0.0)
            lines.append(self.tr(
                "Fine-tuning step {0} on {1} labelled sentences ({2} held out): "
                "pre-trained {3:.0%}, from scratch {4:.0%}.").format(
                    snap["finetune_step"], snap["examples"], snap["val_size"],
                    float(acc[0]), float(acc[1])))
            probs = snap["class_probs"]
            lines.append(self.tr(
                "This sentence is positive with P = {0:.2f} (pre-trained) and "
                "{1:.2f} (from scratch).").format(float(probs[0, 1]),
                                                  float(probs[1, 1])))
        if chosen:
            lines.append(self.tr(
                "Last pre-training batch: {0} of {1} words chosen ({2:.1%}); of "
                "them {3} → [MASK] ({4:.0%}), {5} → random ({6:.0%}), {7} kept "
                "({8:.0%}).").format(
                    chosen, words, chosen / max(1, words),
                    int(counts[MASKED]), counts[MASKED] / chosen,
                    int(counts[RANDOM]), counts[RANDOM] / chosen,
                    int(counts[KEPT]), counts[KEPT] / chosen))
        text = "<br>".join(html.escape(line) for line in lines)
        if text != self.caption.text():
            self.set_caption(text)

    # -- requests --------------------------------------------------------------------
    def _ask_sample(self, index: int) -> None:
        self.requested.emit("select", {"index": int(index)})

    def _ask_remask(self) -> None:
        self.requested.emit("remask", {})

    # -- snapshots -------------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self.snapshot = snapshot
        n = int(snapshot["n_val"])
        if self.sample_spin.maximum() != n - 1:
            self.sample_spin.setMaximum(n - 1)
        if self.sample_spin.value() != int(snapshot["index"]):
            self.sample_spin.blockSignals(True)
            self.sample_spin.setValue(int(snapshot["index"]))
            self.sample_spin.blockSignals(False)
        self._show_sentence()
        self._show_predictions(snapshot)
        self._show_embeddings(snapshot)
        att = snapshot["attention"]
        if self.layer_spin.maximum() != att.shape[0]:
            self.layer_spin.setRange(1, att.shape[0])
        self._ensure_heads(att.shape[1])
        self._show_heads()
        steps = snapshot["ft_steps"]
        for i, method in enumerate(METHODS):
            if len(steps):
                self.finetune.set_curve(method, steps, snapshot["ft_acc"][i],
                                        color=COLORS[method],
                                        label=self.method_name(method))
        if len(snapshot["mlm_steps"]):
            self.pretrain.set_curve("loss", snapshot["mlm_steps"],
                                    snapshot["mlm_loss"], color=theme.PALETTE[0],
                                    label=self._pretrain_label("loss"))
        self.baseline.setPos(float(snapshot["unigram_loss"]))
        self._show_finetune_titles()
        self._show_caption()

    def reset(self) -> None:
        self.snapshot = None
        self.finetune.clear_curves()
        self.finetune.plot_item.setYRange(0.0, 1.0, padding=0.02)
        self.pretrain.clear_curves()
        self._show_sentence()
        self._show_caption()


STAGES = {"bert": BertStage}
