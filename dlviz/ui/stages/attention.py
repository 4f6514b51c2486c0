"""Stages of the attention labs: seq2seq with attention and the Transformer.

Seq2seq: the attention matrix (output step × input step) with the tokens on its axes
and the known alignment marked, updating live (the main view); beam search
candidates step by step.
Transformer: the heads of one layer and one kind of attention (encoder self,
decoder masked self, cross) as the main view, the causal mask, the positional
encoding, and the QKᵀ/√d → softmax → ×V step-through of one query token with its
numbers. The step-through follows the controls: changing the attention, layer,
head or query token asks for the new numbers (an answer for an older choice is
dropped), so the table never shows encoder keys in decoder mode. The caption gives
the range of the raw scores QKᵀ/√d at step 0 and now: soft attention at the start
(scores of order 1), sharper as training goes on.

Token rows never widen the window: tick labels are thinned to the room they have,
long texts (beam search, step-through, the sample in the caption) wrap or scroll
inside their panels.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from dlviz.core.labs.base import LabSpec
from dlviz.ui import theme
from dlviz.ui.kit import PanelDeck, Role
from dlviz.ui.stages.base import Stage
from dlviz.ui.stages.sequence import colorbar_ticks, monospace_font, scrolled
from dlviz.ui.views.grid import ViewGrid
from dlviz.ui.views.heatmap import HeatmapView

KINDS = ("encoder", "decoder", "cross")
#: The causal mask: positions a query may attend to, and hidden ones.
SEEN_COLOR = theme.PALETTE[2]
HIDDEN_COLOR = theme.PALETTE[8]
#: The Transformer's heads grid: its share of the stage's width (the other stages 0.58).
HEADS_SHARE = 0.66
# Marks drawn over the heatmaps (the true alignment, the query token's row) are in
# the theme's role "mark"; the sample's result in the caption in "right" / "wrong".


def _mono_label() -> QLabel:
    label = QLabel()
    label.setFont(monospace_font())
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(False)
    label.setMargin(4)
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


def swatch(color: str, glyph: str = "■") -> str:
    """A coloured glyph for a legend in rich text (titles, captions)."""
    return f'<span style="color:{color}">{glyph}</span>'


#: English templates of :func:`format_beam` and :func:`format_steps`; the stages
#: pass their translations.
BEAM_TEXTS = {"header": "source: {0}   target: {1}   k = {2}", "step": "step {0}",
              "best": "best: {0}"}
STEPS_TEXTS = {"query": "query “{0}” (position {1}), layer {2}, head {3}",
               "scale": "√d = {0:.2f}", "key": "key", "masked": "masked",
               "output": "output = Σ softmax · v ="}


def format_beam(result: dict[str, Any], texts: dict[str, str] | None = None) -> str:
    """Beam search steps as monospace text: one block per step, best first."""
    texts = {**BEAM_TEXTS, **(texts or {})}
    lines = [texts["header"].format(
        result.get("source", ""), result.get("target", ""), result.get("k", ""))]
    for t, step in enumerate(result["steps"], 1):
        lines.append(texts["step"].format(t))
        for rank, cand in enumerate(step["kept"], 1):
            mark = " ✓" if cand["finished"] else ""
            text = "".join(c if len(c) == 1 else f" {c} " for c in cand["text"])
            lines.append(f"  {rank}. {text:<18} {cand['score']:8.3f}{mark}")
    best = "".join(c for c in result["best"] if len(c) == 1)
    lines.append(texts["best"].format(best))
    return "\n".join(lines)


def format_steps(steps: dict[str, Any], texts: dict[str, str] | None = None) -> str:
    """The numbers of one attention computation (see ``attention_steps``)."""
    texts = {**STEPS_TEXTS, **(texts or {})}
    q_tok = steps["query_tokens"][steps["query"]]
    lines = [
        texts["query"].format(
            q_tok, steps["query"], steps["layer"] + 1, steps["head"] + 1),
        "q = [" + ", ".join(f"{v:+.2f}" for v in steps["q"][:8])
        + (", …]" if len(steps["q"]) > 8 else "]"),
        texts["scale"].format(steps["scale"]),
        "",
        f"{texts['key']:<8}{'q·k/√d':>9}{texts['masked']:>9}{'softmax':>9}",
    ]
    for i, tok in enumerate(steps["key_tokens"]):
        masked = steps["masked"][i]
        masked_text = "−∞" if np.isneginf(masked) else f"{masked:+.2f}"
        lines.append(f"{tok:<8}{steps['scores'][i]:+9.2f}{masked_text:>9}"
                     f"{steps['weights'][i]:9.3f}")
    lines += ["", texts["output"]]
    lines.append("[" + ", ".join(f"{v:+.2f}" for v in steps["output"][:8])
                 + (", …]" if len(steps["output"]) > 8 else "]"))
    return "\n".join(lines)


def signed(value: float, digits: int = 1) -> str:
    """A number with a true minus sign (−1.4), as in the formulas."""
    return f"{value:.{digits}f}".replace("-", "−")


def score_range_text(lo: float, hi: float, std: float, template: str,
                     **more: str) -> str:
    """``template`` filled with a score range and its spread: ``{range}`` =
    ``[−1.4, 2.4]``, ``{std}`` = ``0.45`` (and ``more``)."""
    return template.format(range=f"[{signed(lo)}, {signed(hi)}]", std=f"{std:.2f}",
                           **more)


def attention_view() -> HeatmapView:
    """Attention weights 0…1: a colour bar, token ticks thinned to fit, and a map
    whose low end stays visible on the dark theme."""
    view = HeatmapView(colorbar=True, lift_dark=True)
    view.plot_item.setMouseEnabled(x=False, y=False)
    colorbar_ticks(view, (0.0, 0.5, 1.0))
    return view


class MaskView(HeatmapView):
    """The causal mask in two colours (seen, hidden), named in its title."""

    def __init__(self):
        super().__init__(colorbar=False)
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.set_diverging(False)

    def set_diverging(self, diverging: bool) -> None:
        self.diverging = diverging
        table = np.array([pg.mkColor(c).getRgb() for c in (HIDDEN_COLOR, SEEN_COLOR)],
                         dtype=np.ubyte)
        self.image.setLookupTable(table)


class _AttentionStage(Stage):
    """Shared parts: the sample choice (a control) and the sample's result with the
    validation metrics (the caption, coloured right / wrong, wrapping).

    ``self.tr`` of a subclass looks a string up under the subclass's name, then
    under this class's (PySide6 follows the class hierarchy), so the caption
    templates shared by both stages (:meth:`texts`) are written once, here.
    """

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.snapshot: dict[str, Any] | None = None
        self.sample_label = QLabel()
        self.sample_spin = QSpinBox()
        self.sample_spin.setRange(0, 299)
        self.sample_spin.setKeyboardTracking(False)
        self.sample_spin.valueChanged.connect(self._ask_sample)
        #: the sample and its result, the validation metrics (shown in the caption)
        self.result_text = ""
        self.metrics_text = ""
        self._correct = False

    def texts(self) -> dict[str, str]:
        """The translated templates of the caption."""
        return {
            "translation": self.tr("{0}  →  {1}   (target {2})"),
            "classification": self.tr("{0}  →  class {1} ({2:.0%}), label {3}"),
            "bleu": self.tr("val: sequences {0:.0%} · tokens {1:.0%} · BLEU {2:.3f}"),
            "accuracy": self.tr("val accuracy {0:.0%}"),
        }

    def legend_text(self) -> str:
        """What the marks on the heatmaps mean (rich text; subclasses)."""
        return ""

    def extra_text(self) -> str:
        """One more line of plain text about the snapshot (subclasses)."""
        return ""

    def _ask_sample(self, index: int) -> None:
        self.requested.emit("select", {"index": int(index)})

    def _show_header(self, snap: dict[str, Any]) -> None:
        self.snapshot = snap
        n = int(snap.get("n_val", 300))
        if self.sample_spin.maximum() != n - 1:
            self.sample_spin.setMaximum(n - 1)
        if self.sample_spin.value() != int(snap.get("index", 0)):
            self.sample_spin.blockSignals(True)
            self.sample_spin.setValue(int(snap.get("index", 0)))
            self.sample_spin.blockSignals(False)
        self._update_caption()

    def _update_caption(self) -> None:
        snap = self.snapshot
        texts = self.texts()
        if snap is None:
            self.result_text = self.metrics_text = ""
        else:
            self._correct = bool(snap.get("correct"))
            if "target" in snap:
                self.result_text = texts["translation"].format(
                    snap["source"], snap["prediction"], snap["target"])
            else:
                probs = snap["probs"]
                self.result_text = texts["classification"].format(
                    snap["source"], int(np.argmax(probs)), float(np.max(probs)),
                    snap["label"])
            self.metrics_text = self._metrics_text(snap.get("val_metrics", {}), texts)
        parts = []
        if self.result_text:
            color = theme.role("right" if self._correct else "wrong")
            mark = "✓" if self._correct else "✗"
            parts.append(f'<span style="color:{color}"><b>{mark} '
                         f"{html.escape(self.result_text)}</b></span>")
        if self.metrics_text:
            parts.append(html.escape(self.metrics_text))
        text = "   ·   ".join(parts)
        extra = self.extra_text() if snap is not None else ""
        if extra:
            text = f"{text}<br>{html.escape(extra)}" if text else html.escape(extra)
        legend = self.legend_text()
        if legend:
            text = f"{text}<br>{legend}" if text else legend
        if text != self.caption.text():
            self.set_caption(text)

    @staticmethod
    def _metrics_text(metrics: dict[str, float], texts: dict[str, str]) -> str:
        if not metrics:
            return ""
        if "val_bleu" in metrics:
            return texts["bleu"].format(metrics["val_seq_acc"],
                                        metrics["val_token_acc"], metrics["val_bleu"])
        return texts["accuracy"].format(metrics.get("val_acc", 0.0))

    def reset(self) -> None:
        self.snapshot = None
        self._update_caption()


class Seq2SeqStage(_AttentionStage):
    """The attention matrix, live, and beam search step by step."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.matrix = attention_view()
        self.alignment = pg.ScatterPlotItem(
            symbol="s", size=10, pen=theme.pen("mark"), brush=None)
        self.alignment.setZValue(10)
        self.matrix.plot_item.addItem(self.alignment, ignoreBounds=True)
        self.beam_label = QLabel()
        self.beam_spin = QSpinBox()
        self.beam_spin.setRange(1, 10)
        self.beam_spin.setValue(int(spec.resolve().get("beam_width", 3)))
        self.beam_button = QPushButton()
        self.beam_button.clicked.connect(self._ask_beam)
        self.beam_text = _mono_label()
        self.beam_panel = scrolled(self.beam_text)
        deck = self.use_frame()
        self.controls.group(self.sample_label, self.sample_spin)
        self.controls.group(self.beam_label, self.beam_spin)
        self.controls.add(self.beam_button)
        deck.add(self.matrix, Role.MAIN, "attention matrix")
        deck.add(self.beam_panel, Role.SECONDARY, "beam search")
        self.retranslate_ui()

    def legend_text(self) -> str:
        return self.tr("{0} true alignment").format(swatch(theme.role("mark"), "□"))

    def retranslate_ui(self) -> None:
        self.matrix.set_title(self.tr("Attention weights {0} alignment").format(
            swatch(theme.role("mark"), "□")))
        self.matrix.plot_item.setLabel("bottom", self.tr("input"))
        self.matrix.plot_item.setLabel("left", self.tr("output"))
        self.deck.set_title(self.matrix, self.tr("Attention"))
        self.deck.set_title(self.beam_panel, self.tr("Beam search"))
        self.sample_label.setText(self.tr("sample"))
        self.beam_label.setText(self.tr("beam width k"))
        self.beam_button.setText(self.tr("Beam search"))
        self.beam_text.setWordWrap(self._beam is None)  # the hint wraps
        if self._beam is not None:
            self.beam_text.setText(format_beam(self._beam, self._beam_texts()))
        else:
            self.beam_text.setText(self.tr(
                "Beam search keeps the k best partial outputs at every step. "
                "Press “Beam search” to decode this sample."))
        self._update_caption()

    _beam: dict[str, Any] | None = None

    def _beam_texts(self) -> dict[str, str]:
        return {"header": self.tr("source: {0}   target: {1}   k = {2}"),
                "step": self.tr("step {0}"), "best": self.tr("best: {0}")}

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self._show_header(snapshot)
        att = snapshot["attention"]
        self.matrix.set_data(att, levels=(0.0, 1.0))
        self.matrix.set_ticks(x=shown_tokens(snapshot["src_tokens"]),
                              y=shown_tokens(snapshot["out_tokens"]), fit=True)
        rows, cols = np.nonzero(snapshot["alignment"])
        self.alignment.setData(x=cols + 0.5, y=rows + 0.5)

    def _ask_beam(self) -> None:
        index = self.snapshot["index"] if self.snapshot else 0
        self.requested.emit("beam", {"index": int(index), "k": self.beam_spin.value()})

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "beam":
            self._beam = data
            self.beam_text.setWordWrap(False)
            self.beam_text.setText(format_beam(data, self._beam_texts()))
            self.deck.reveal(self.beam_panel)
        else:
            super().show_result(kind, data)

    def reset(self) -> None:
        super().reset()
        self._beam = None
        self.retranslate_ui()


class TransformerStage(_AttentionStage):
    """Heads of one layer, the causal mask, positions and one query step by step."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.kind_combo = QComboBox()
        self.kind_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_combo.currentIndexChanged.connect(self._on_choice)
        self.layer_label = QLabel()
        self.layer_spin = QSpinBox()
        self.layer_spin.setRange(1, 1)
        self.layer_spin.valueChanged.connect(self._on_choice)
        self.query_label = QLabel()
        self.query_spin = QSpinBox()
        self.query_spin.setRange(0, 0)
        self.query_spin.valueChanged.connect(self._on_query)
        self.query_spin.valueChanged.connect(self._follow_choice)
        self.head_label = QLabel()
        self.head_spin = QSpinBox()
        self.head_spin.setRange(1, 1)
        self.head_spin.valueChanged.connect(self._follow_choice)
        self.steps_button = QPushButton()
        self.steps_button.clicked.connect(self._ask_steps)
        self.heads: list[HeatmapView] = []
        self.query_lines: list[pg.InfiniteLine] = []
        self.heads_box = ViewGrid()
        self.mask_view = MaskView()
        self.pe_view = HeatmapView(x_label="dimension", y_label="position",
                                   diverging=True)
        self.pe_view.plot_item.setMouseEnabled(x=False, y=False)
        colorbar_ticks(self.pe_view, (-1.0, 0.0, 1.0))
        self.steps_text = _mono_label()
        self.steps_panel = scrolled(self.steps_text)
        # the step-through shown, and the choice of the request not yet answered
        self._steps: dict[str, Any] | None = None
        self._steps_for: tuple | None = None
        self._asked: tuple | None = None

        # four heads share the main view: it gets two thirds of the width
        self.deck = PanelDeck(main_share=HEADS_SHARE)
        deck = self.use_frame()
        self.controls.group(self.sample_label, self.sample_spin)
        self.controls.add(self.kind_combo)
        self.controls.group(self.layer_label, self.layer_spin)
        self.controls.group(self.query_label, self.query_spin)
        self.controls.group(self.head_label, self.head_spin)
        self.controls.add(self.steps_button)
        deck.add(self.heads_box, Role.MAIN, "heads")
        deck.add(self.mask_view, Role.SECONDARY, "causal mask")
        deck.add(self.pe_view, Role.SECONDARY, "positional encoding")
        deck.add(self.steps_panel, Role.SECONDARY, "step-through")
        self._mask_shown = True
        self.retranslate_ui()

    def legend_text(self) -> str:
        return self.tr("{0} query token (its row: what it attends to)").format(
            swatch(theme.role("mark"), "━━"))

    def extra_text(self) -> str:
        """The range of the raw scores QKᵀ/√d at step 0 and now (over every layer
        and head; masked positions left out), and now for the attention shown."""
        snap = self.snapshot
        if snap is None or "score_range" not in snap:
            return ""
        parts = []
        if "init_score_range" in snap:
            lo, hi = snap["init_score_range"]
            parts.append(score_range_text(
                lo, hi, float(snap.get("init_score_std", 0.0)),
                self.tr("scores QKᵀ/√d at step 0: {range} (σ {std})")))
        lo, hi = snap["score_range"]
        parts.append(score_range_text(lo, hi, float(snap.get("score_std", 0.0)),
                                      self.tr("now: {range} (σ {std})")))
        ranges = snap.get("score_ranges") or {}
        if len(ranges) > 1 and self.kind in ranges:
            lo, hi, std = ranges[self.kind]
            parts.append(score_range_text(
                lo, hi, std, self.tr("{name}: {range} (σ {std})"),
                name=self._kind_names()[self.kind]))
        return "; ".join(parts)

    def _kind_names(self) -> dict[str, str]:
        return {
            "encoder": self.tr("encoder self-attention"),
            "decoder": self.tr("decoder masked self-attention"),
            "cross": self.tr("cross-attention (decoder → encoder)"),
        }

    def _steps_texts(self) -> dict[str, str]:
        return {"query": self.tr("query “{0}” (position {1}), layer {2}, head {3}"),
                "scale": self.tr("√d = {0:.2f}"), "key": self.tr("key"),
                "masked": self.tr("masked"),
                "output": self.tr("output = Σ softmax · v =")}

    def retranslate_ui(self) -> None:
        names = self._kind_names()
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
        self.mask_view.set_title(self.tr("Mask {0} seen {1} hidden").format(
            swatch(SEEN_COLOR), swatch(HIDDEN_COLOR)))
        self.pe_view.set_title(self.tr("Positional encoding"))
        for h, view in enumerate(self.heads):
            view.set_title(self.tr("head {0}").format(h + 1))
        self.deck.set_title(self.heads_box, self.tr("Heads"))
        self.deck.set_title(self.mask_view, self.tr("Causal mask"))
        self.deck.set_title(self.pe_view, self.tr("Positions"))
        self.deck.set_title(self.steps_panel, self.tr("Step-through"))
        self._show_steps()
        self._update_caption()

    def _show_steps(self) -> None:
        """The step-through table, or the hint when there is none for the choice."""
        self.steps_text.setWordWrap(self._steps is None)  # the hint wraps
        if self._steps is not None:
            self.steps_text.setText(format_steps(self._steps, self._steps_texts()))
        else:
            self.steps_text.setText(self.tr(
                "Choose the attention, layer, query token and head, "
                "then press “Step through” to see the numbers."))

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
        old = self.heads
        self.heads, self.query_lines = [], []
        for h in range(n_heads):
            view = attention_view()
            view.set_title(self.tr("head {0}").format(h + 1))
            line = pg.InfiniteLine(pos=0.5, angle=0, movable=False,
                                   pen=theme.pen("mark"))
            line.setZValue(10)
            view.plot_item.addItem(line, ignoreBounds=True)
            self.heads.append(view)
            self.query_lines.append(line)
        self.heads_box.set_views(self.heads)
        for view in old:
            view.deleteLater()
        self.head_spin.setRange(1, n_heads)

    def _show_mask(self, shown: bool) -> None:
        """The causal mask is a panel only for an encoder-decoder task."""
        if shown == self._mask_shown:
            return
        self._mask_shown = shown
        if shown:
            self.deck.add(self.mask_view, Role.SECONDARY, "causal mask",
                          title=self.tr("Causal mask"))
        else:
            self.deck.remove(self.mask_view)
            self.mask_view.hide()

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
            rows, cols = pe.shape
            self.pe_view.set_ticks(x=[str(i) for i in range(cols)],
                                   y=[str(i) for i in range(rows)],
                                   max_ticks=rows + cols, fit=True)
        self._show_mask("causal_mask" in snapshot)
        if "causal_mask" in snapshot:
            mask = snapshot["causal_mask"]
            self.mask_view.set_data(1.0 - mask.astype(np.float32), levels=(0.0, 1.0))
            dec = shown_tokens(snapshot["dec_tokens"])
            self.mask_view.set_ticks(x=dec, y=dec, fit=True)
        self._redraw()
        self._follow_choice()  # another sample: its tokens, its numbers

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
        x, y = shown_tokens(cols), shown_tokens(rows)
        for h, view in enumerate(self.heads):
            view.set_data(weights[layer, h], levels=(0.0, 1.0))
            view.set_ticks(x=x, y=y, fit=True)
        self._on_query(self.query_spin.value())

    def focus(self, map: str | None = None, layer: int | None = None,  # noqa: A002
              head: int | None = None, i: int | None = None,
              **_where: Any) -> QWidget | None:
        """Choose the attention (``map``: ``encoder_attention`` …), layer, head and
        query token of a cell (0-based, as a practice question's ``where``); the
        head's heat map, or None when that attention is not on show."""
        kind = (map or "").removesuffix("_attention")
        index = self.kind_combo.findData(kind)
        if self.snapshot is None or index < 0 or None in (layer, head, i):
            return None
        if not (0 <= layer <= self.layer_spin.maximum() - 1
                and 0 <= head < len(self.heads)):
            return None
        self.kind_combo.setCurrentIndex(index)
        self.layer_spin.setValue(int(layer) + 1)
        self.head_spin.setValue(int(head) + 1)
        if 0 <= i <= self.query_spin.maximum():
            self.query_spin.setValue(int(i))
        return self.heads[head]

    def _on_query(self, value: int) -> None:
        for line in self.query_lines:
            line.setPos(value + 0.5)

    def _on_choice(self, *_args) -> None:
        """Another attention or layer: redraw the heads, follow with the steps."""
        self._redraw()
        self._follow_choice()
        self._update_caption()  # the score range of the attention shown

    def _choice(self) -> tuple[int, str, int, int, int]:
        """(sample, attention, layer, head, query) as the controls set them, 0-based
        like the answers."""
        index = int(self.snapshot["index"]) if self.snapshot else 0
        return (index, self.kind, self.layer_spin.value() - 1,
                self.head_spin.value() - 1, self.query_spin.value())

    @staticmethod
    def _answered(data: dict[str, Any]) -> tuple[str, int, int, int]:
        return (str(data.get("kind")), int(data.get("layer", -1)),
                int(data.get("head", -1)), int(data.get("query", -1)))

    def _same_sample(self, data: dict[str, Any]) -> bool:
        """The answer's query tokens are those of the sample on show."""
        if self.snapshot is None or "query_tokens" not in data:
            return True
        return list(data["query_tokens"]) == list(self._axes_tokens()[0])

    def _follow_choice(self, *_args) -> None:
        """The step-through shown (or asked for) is for another choice: drop it and
        ask for the numbers of the one the controls set now."""
        if self._steps is None and self._asked is None:
            return  # nothing asked yet: the hint stays
        choice = self._choice()
        if self._asked == choice:
            return  # on its way
        if self._asked is None and self._steps is not None \
                and self._steps_for == choice:
            return  # on show
        self._steps = None
        self._show_steps()
        self._ask_steps()

    def _ask_steps(self) -> None:
        index, kind, layer, head, query = self._choice()
        self._asked = (index, kind, layer, head, query)
        self.requested.emit("attention_steps", {
            "index": index, "kind": kind, "layer": layer, "head": head,
            "query": query,
        })

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "attention_steps":
            choice = self._choice()
            if self._answered(data) != choice[1:] or not self._same_sample(data):
                return  # asked for another attention, layer, head, query or sample
            self._asked = None
            self._steps = data
            self._steps_for = choice
            self._show_steps()
            self.deck.reveal(self.steps_panel)
        else:
            super().show_result(kind, data)

    def reset(self) -> None:
        super().reset()
        self._steps = None
        self._asked = None
        self._steps_for = None
        self.retranslate_ui()


STAGES = {"seq2seq": Seq2SeqStage, "transformer": TransformerStage}
