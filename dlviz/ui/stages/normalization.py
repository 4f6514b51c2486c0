"""The batch-normalization and dropout lab: pre-activation histograms over steps for
the lab's network and its twin (BN the other way), BN's running statistics against
the batch's, the same digit in train and eval mode, and dropout's scaling in numbers.

Every number comes from :class:`dlviz.core.labs.normalization.NormalizationTask`;
this stage only draws and words them. A layer chooser picks the hidden layer the
histograms and statistics are of.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget

from dlviz.core.metric_names import metric_label
from dlviz.ui import theme
from dlviz.ui.i18n import tr_core
from dlviz.ui.kit import Role
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.curves import CurvesView
from dlviz.ui.views.heatmap import HeatmapView

#: Colours of the network with BN and of the one without, in curves and bars.
WITH_BN = theme.PALETTE[0]
WITHOUT_BN = theme.PALETTE[3]
#: Batch statistic (measured on this batch) and running statistic (the average).
BATCH_COLOR, RUNNING_COLOR = theme.PALETTE[1], theme.PALETTE[0]
VAR_BATCH_COLOR, VAR_RUNNING_COLOR = theme.PALETTE[3], theme.PALETTE[2]
NUMBERS_FONT_PT = 12.0
_METRICS = ("loss", "val_loss", "acc", "val_acc")


class DriftView(HeatmapView):
    """A histogram per step: x the step, y the value, colour the share of values."""

    def __init__(self):
        super().__init__()
        self.plot_item.invertY(False)  # row 0 is the lowest value
        self.plot_item.setMouseEnabled(x=False, y=False)

    def set_history(self, hist: np.ndarray, steps: np.ndarray, value_range: float,
                    levels: tuple[float, float]) -> None:
        """``hist`` (bins, steps): share of values per bin at each recorded step."""
        last = float(steps[-1]) if len(steps) else 0.0
        x1 = max(last + (last / max(1, len(steps) - 1) if len(steps) > 1 else 1.0),
                 1.0)
        self.set_data(hist, levels=levels,
                      extent=(0.0, x1, -value_range, value_range))


class NormalizationStage(Stage):
    """Drift of the pre-activations with and without BN, BN's statistics, train vs
    eval mode and dropout's scaling."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.drift = DriftView()
        self.twin_drift = DriftView()
        self.stats = CurvesView()
        self.modes = BarsView(horizontal=True, y_range=(0.0, 1.0))
        self.numbers = QPlainTextEdit()
        self.numbers.setReadOnly(True)
        self.numbers.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.numbers.setFont(
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        )
        self.numbers.viewport().installEventFilter(self)
        self.layer_label = QLabel()
        self.layer_combo = QComboBox()
        self.layer_combo.currentIndexChanged.connect(self._on_layer_chosen)
        self.status_label = QLabel()
        deck = self.use_frame()
        deck.add(self.drift, Role.MAIN, "pre-activations")
        deck.add(self.twin_drift, Role.SECONDARY, "twin pre-activations")
        deck.add(self.stats, Role.SECONDARY, "running statistics")
        deck.add(self.modes, Role.SECONDARY, "train vs eval")
        deck.add(self.numbers, Role.SECONDARY, "numbers")
        self.controls.group(self.layer_label, self.layer_combo)
        self.controls.add(self.status_label)
        self.snapshot: dict[str, Any] | None = None
        self._layers = 0
        self._numbers_shown = ""
        self._fitted_for = 0
        self.retranslate_ui()

    # -- text ----------------------------------------------------------------------
    def _bn_words(self, with_bn: bool) -> str:
        return self.tr("with BN") if with_bn else self.tr("without BN")

    def retranslate_ui(self) -> None:
        self.layer_label.setText(self.tr("Layer"))
        for view in (self.drift, self.twin_drift):
            view.plot_item.setLabel("bottom", self.tr("step"))
            view.plot_item.setLabel("left", self.tr("pre-activation"))
        self.stats.plot_item.setLabel("bottom", self.tr("step"))
        self.deck.set_title(self.stats, self.tr("Running statistics"))
        self.deck.set_title(self.modes, self.tr("Train vs eval"))
        self.deck.set_title(self.numbers, self.tr("Numbers"))
        self.modes.set_title(self.tr("P(true digit), same image"))
        self.set_caption(html.escape(self.tr(
            "Colour: share of the layer's pre-activations (ReLU inputs) in each "
            "value bin at each step; values beyond ±4 count in the edge bins. The "
            "twin is the same network with BN the other way, on the same batches."
        )))
        self._show_titles()
        self._show_status()
        if self.snapshot is not None:
            self._show_stats(self.snapshot)
            self._show_modes(self.snapshot)
            self._show_numbers(self.snapshot)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_titles(self) -> None:
        snap = self.snapshot
        bn = True if snap is None else snap["batchnorm"]
        layer = self.layer() + 1
        self.drift.set_title(self.tr("This network ({0}): layer {1}").format(
            self._bn_words(bn), layer))
        self.twin_drift.set_title(self.tr("Twin ({0}): layer {1}").format(
            self._bn_words(not bn), layer))
        self.stats.set_title(self.tr("BN layer {0}, unit 1: batch vs running").format(
            layer))
        self.deck.set_title(self.drift, self.tr("This network"))
        self.deck.set_title(self.twin_drift, self.tr("Twin"))

    def _show_status(self) -> None:
        snap = self.snapshot
        text = ""
        if snap is not None and snap["twin_stopped"] >= 0:
            text = self.tr(
                "The twin ({0}) diverged at step {1} and was stopped."
            ).format(self._bn_words(not snap["batchnorm"]), snap["twin_stopped"])
        if text != self.status_label.text():
            self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def curve_style(self, name: str) -> tuple[str, str] | None:
        """The window's curves: the lab's network and the twin, each named by
        whether it has BN, in the colour of that."""
        twin = name.endswith("_twin")
        base = name.removesuffix("_twin")
        if base not in _METRICS:
            return None
        bn = True if self.snapshot is None else self.snapshot["batchnorm"]
        has_bn = bn != twin
        label = self.tr("{0} ({1})").format(
            tr_core(metric_label(base)), self._bn_words(has_bn))
        return (WITH_BN if has_bn else WITHOUT_BN), label

    def layer(self) -> int:
        return max(0, self.layer_combo.currentIndex())

    # -- snapshots -----------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        first = self.snapshot is None or (
            self.snapshot["batchnorm"] != snapshot["batchnorm"])
        self.snapshot = snapshot
        if snapshot["layers"] != self._layers:
            self._set_layers(snapshot["layers"])
        if first:
            self._show_titles()
        self._show_status()
        self._show_drift(snapshot)
        self._show_stats(snapshot)
        self._show_modes(snapshot)
        self._show_numbers(snapshot)

    def _set_layers(self, n: int) -> None:
        self._layers = n
        keep = self.layer()
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for i in range(n):
            self.layer_combo.addItem(str(i + 1))
        self.layer_combo.setCurrentIndex(min(keep, n - 1))
        self.layer_combo.blockSignals(False)
        self._show_titles()

    def _show_drift(self, snap: dict[str, Any]) -> None:
        layer, steps = self.layer(), snap["steps"]
        hist, twin = snap["hist"][layer], snap["twin_hist"][layer]
        # one colour scale for both networks, so that their colours compare
        top = float(max(hist.max(initial=0.0), twin.max(initial=0.0), 1e-6))
        levels = (0.0, float(np.ceil(top * 20) / 20))
        self.drift.set_history(hist, steps, snap["hist_range"], levels)
        self.twin_drift.set_history(twin, steps, snap["hist_range"], levels)

    def _show_stats(self, snap: dict[str, Any]) -> None:
        layer, steps = self.layer(), snap["steps"]
        series = (
            ("batch_mean", self.tr("batch mean μ_B"), BATCH_COLOR, False),
            ("running_mean", self.tr("running mean"), RUNNING_COLOR, False),
            ("batch_var", self.tr("batch variance σ²_B"), VAR_BATCH_COLOR, True),
            ("running_var", self.tr("running variance"), VAR_RUNNING_COLOR, True),
        )
        for key, label, color, dashed in series:
            self.stats.set_curve(key, steps, snap[key][layer], color=color,
                                 dashed=dashed, label=label)
            self._relabel(self.stats.curves[key], label)

    def _relabel(self, curve, text: str) -> None:
        for sample, label in self.stats.legend.items:
            if sample.item is curve and label.text != text:
                label.setText(text)
                self.stats.style_legend()

    def _show_modes(self, snap: dict[str, Any]) -> None:
        probe = snap["probe"]
        label = probe["label"]
        values = [probe["eval"][label], probe["train_a"][label],
                  probe["train_b"][label]]
        names = [
            self.tr("eval mode"),
            self.tr("train, random batch"),
            self.tr("train, batch of {0}s").format(probe["other_label"]),
        ]
        self.modes.set_values(
            values, names, colors=[theme.PALETTE[2], theme.PALETTE[1],
                                   theme.PALETTE[3]])

    # -- the numbers panel -------------------------------------------------------
    def numbers_text(self, snap: dict[str, Any]) -> str:
        """BN's statistics of unit 1 of the chosen layer with the momentum update,
        the probe digit in both modes, and dropout's scaling, with numbers."""
        layer = self.layer()
        m = snap["momentum"]
        before, batch, after = (snap["stats_before"][layer],
                                snap["stats_batch"][layer], snap["stats_after"][layer])
        b = snap["batch_size"]
        lines = [
            self.tr("BN layer {0}, unit 1, step {1}").format(
                layer + 1, int(snap["steps"][-1])),
            self.tr("batch:   μ_B = {0}   σ²_B = {1}").format(
                _num(batch[0]), _num(batch[1])),
            self.tr("running: μ  ← {0:g}·{1} + {2:g}·{3} = {4}").format(
                1 - m, _num(before[0], True), m, _num(batch[0], True),
                _num(after[0])),
            self.tr("         σ² ← {0:g}·{1} + {2:g}·{3} = {4}  (σ²_B·{5}/{6})").format(
                1 - m, _num(before[1], True), m, _num(batch[2], True),
                _num(after[1]), b, b - 1),
            self.tr("train mode uses μ_B, σ²_B; eval mode the running μ, σ²."),
            "",
        ]
        probe = snap["probe"]
        label = probe["label"]
        lines.append(self.tr("The same validation digit (a {0}):").format(label))
        rows = (
            (self.tr("eval mode"), probe["eval"]),
            (self.tr("train, random batch"), probe["train_a"]),
            (self.tr("train, batch of {0}s").format(probe["other_label"]),
             probe["train_b"]),
        )
        width = max(len(name) for name, _ in rows)
        for name, probs in rows:
            lines.append(self.tr("  {0}  p({1}) = {2:.3f}  → {3}").format(
                name.ljust(width), label, float(probs[label]), int(np.argmax(probs))))
        drop = probe.get("dropout")
        lines.append("")
        if drop is None:
            lines.append(self.tr("Dropout is off (p = 0)."))
            return "\n".join(lines)
        lines += [
            self.tr("Dropout p = {0:g}, layer 1, train mode:").format(drop["p"]),
            self.tr("  kept {0} of {1} active units, ×1/(1 − p) = ×{2:.2f}").format(
                drop["kept"], drop["active"], drop["scale"]),
        ]
        if drop["unit"] >= 0:
            lines.append(self.tr("  unit {0}: {1} → {2}").format(
                drop["unit"] + 1, _num(drop["x"]), _num(drop["y"])))
        lines.append(self.tr("  batch mean: in {0}, out {1}; eval: y = x").format(
            _num(drop["mean_in"]), _num(drop["mean_out"])))
        return "\n".join(lines)

    def _show_numbers(self, snap: dict[str, Any]) -> None:
        text = self.numbers_text(snap)
        if text == self._numbers_shown:
            return
        self._numbers_shown = text
        self.numbers.setPlainText(text)
        widest = max((len(line) for line in text.splitlines()), default=0)
        if not self._fitted_for - 6 <= widest <= self._fitted_for:
            self._fitted_for = widest
            self._fit_numbers_font()

    def _fit_numbers_font(self) -> None:
        """The largest font (up to NUMBERS_FONT_PT, scaled) in which the widest
        line fits the panel."""
        font = QFont(self.numbers.font())
        font.setPointSizeF(NUMBERS_FONT_PT * max(1.0, theme.STYLE.font_pt / 11.0))
        metrics = QFontMetricsF(font)
        lines = self._numbers_shown.splitlines() or [""]
        needed = max(metrics.horizontalAdvance(line + "  ") for line in lines)
        room = self.numbers.viewport().width() - 8
        if needed > room > 0:
            font.setPointSizeF(max(7.0, font.pointSizeF() * room / needed))
        if font.pointSizeF() != self.numbers.font().pointSizeF():
            self.numbers.setFont(font)

    def eventFilter(self, watched, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.numbers.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_numbers_font()
        return super().eventFilter(watched, event)

    def _on_layer_chosen(self, _index: int) -> None:
        self._show_titles()
        if self.snapshot is not None:
            self._show_drift(self.snapshot)
            self._show_stats(self.snapshot)
            self._show_numbers(self.snapshot)

    def reset(self) -> None:
        self._numbers_shown = ""
        self.stats.clear_curves()


def _num(value: float, bracket: bool = False) -> str:
    """Three decimals with a true minus sign; a negative factor in a product is
    bracketed (``0.9·(−0.382)``)."""
    text = f"{value:.3f}".replace("-", "−")
    return f"({text})" if bracket and value < 0 else text


STAGES = {"normalization": NormalizationStage}
