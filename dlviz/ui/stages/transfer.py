"""The transfer-learning lab: digits 5–9 learnt from scratch, with the frozen features
of a body pre-trained on 0–4, and fine-tuned, on the same batches.

* **main** — the validation accuracy on 5–9 of the three against the step, one plot;
* **examples needed** — on request ("Measure"), the accuracy of the three after the
  same number of steps for 10 … 500 labelled examples (log scale), the lab's current
  number marked;
* **first-layer filters** — pre-trained (= frozen), fine-tuned and from scratch, one
  row each, on one signed colour scale.

A slider sets the number of labelled examples (the run restarts with it, as the
settings panel would). Every number comes from
:class:`dlviz.core.labs.transfer.TransferTask`; this stage only draws and words them.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel, QPushButton, QSlider, QWidget

from dlviz.core.labs.transfer import METHODS, SWEEP_SIZES, SWEEP_STEPS
from dlviz.core.metric_names import metric_label
from dlviz.ui import theme
from dlviz.ui.i18n import tr_core
from dlviz.ui.kit import Role
from dlviz.ui.stages.base import Stage
from dlviz.ui.stages.image_classifier import TitledGrid
from dlviz.ui.views.curves import CurvesView
from dlviz.ui.views.titles import FittedTitle

#: The colour of each way, in curves, markers and the window's curves.
COLORS = {"scratch": theme.PALETTE[3], "frozen": theme.PALETTE[2],
          "finetune": theme.PALETTE[0]}
#: The slider's stops (labelled examples of 5–9).
EXAMPLE_STOPS = (10, 20, 50, 100, 200, 500, 700)
#: Metric keys of each way in the window's curves.
_SUFFIXES = {"_scratch": "scratch", "_frozen": "frozen", "": "finetune"}
_METRICS = ("loss", "val_acc")


class _Refitted:
    """After the longest title that fits is chosen, the plot is laid out to the
    view again: a longer title tried first may have widened it past the view."""

    def _fit_title(self) -> None:
        super()._fit_title()
        if self._title_options:
            self.plot_item.setGeometry(self.range)


class TitledCurves(_Refitted, FittedTitle, CurvesView):
    """Curves whose title fits the width."""


class FilterGrid(_Refitted, TitledGrid):
    """Filters in labelled rows whose title fits the width."""

    def set_rows(self, rows: list[np.ndarray], labels: list[str]) -> None:
        """Each array (channels, h, w) as two rows of tiles, named on the left by
        its first row (the tiles stay big enough in a small panel); the title is
        fitted again when the names change (they take width)."""
        fitted = getattr(self, "_row_key", None)
        columns = (len(rows[0]) + 1) // 2
        names = [text for label in labels for text in (label, "")]
        self.set_maps(np.concatenate(rows), columns=columns, row_labels=names)
        if getattr(self, "_row_key", None) != fitted:
            # the axis widens for its labels only when painted: size it now
            axis = self.plot_item.getAxis("left")
            metrics = QFontMetricsF(axis.style.get("tickFont") or self.font())
            axis.setWidth(max(metrics.horizontalAdvance(t) for t in names)
                          + metrics.height())
            self._fit_title()


class TransferStage(Stage):
    """Three ways of learning 5–9 after pre-training on 0–4, side by side."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.curves = TitledCurves()
        self.curves.plot_item.setMouseEnabled(x=False, y=False)
        self.needed = TitledCurves()
        self.needed.plot_item.setMouseEnabled(x=False, y=False)
        # labels at 10, 50, 500 (neighbours on a log axis would touch in a small
        # panel); unlabelled ticks at the other sizes measured
        labelled = (SWEEP_SIZES[0], 50, SWEEP_SIZES[-1])
        self.needed.plot_item.getAxis("bottom").setTicks([
            [(float(np.log10(n)), str(n)) for n in labelled],
            [(float(np.log10(n)), "") for n in SWEEP_SIZES if n not in labelled],
        ])
        self.marker = pg.InfiniteLine(angle=90, movable=False,
                                      pen=theme.pen("mark", style=Qt.PenStyle.DotLine))
        self.needed.plot_item.addItem(self.marker, ignoreBounds=True)
        self._fix_ranges()
        self.filters = FilterGrid(diverging=True, normalize_each=False, colorbar=True)
        deck = self.use_frame()
        deck.add(self.curves, Role.MAIN, "accuracy")
        deck.add(self.needed, Role.SECONDARY, "examples needed")
        deck.add(self.filters, Role.SECONDARY, "filters")
        self.examples_label = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, len(EXAMPLE_STOPS) - 1)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTracking(False)  # the run restarts when the slider is let go
        self.slider.setMinimumWidth(120)
        self.slider.valueChanged.connect(self._on_slider)
        self.slider.sliderMoved.connect(self._show_examples_label)
        self.measure_button = QPushButton()
        self.measure_button.clicked.connect(self.request_sweep)
        self.controls.group(self.examples_label, self.slider)
        self.controls.add(self.measure_button)
        self.snapshot: dict[str, Any] | None = None
        self.sweep: dict[str, Any] | None = None
        self._new_run = True
        self._examples = int(spec.resolve({})["examples"])
        self._set_slider(self._examples)
        self.retranslate_ui()

    def _fix_ranges(self) -> None:
        """Accuracy from 0 to 1 on both plots; the examples axis from 10 to 500
        (log scale) before anything is measured. Set ranges stay put."""
        for view in (self.curves, self.needed):
            view.plot_item.setYRange(0.0, 1.0, padding=0.02)
        # room left and right for the end labels
        self.needed.plot_item.setXRange(float(np.log10(SWEEP_SIZES[0])) - 0.15,
                                        float(np.log10(SWEEP_SIZES[-1])) + 0.2,
                                        padding=0)

    # -- text ------------------------------------------------------------------------
    def short_name(self, method: str) -> str:
        """The way in a few words, for the window's curve legends."""
        return {
            "scratch": self.tr("from scratch"),
            "frozen": self.tr("frozen"),
            "finetune": self.tr("fine-tuned"),
        }[method]

    def legend_name(self, view: CurvesView, method: str) -> str:
        """The main plot names each way in full, the small sweep plot briefly."""
        return self.method_name(method) if view is self.curves else (
            self.short_name(method))

    def method_name(self, method: str) -> str:
        return {
            "scratch": self.tr("from scratch"),
            "frozen": self.tr("frozen + new head"),
            "finetune": self.tr("fine-tuned"),
        }[method]

    def retranslate_ui(self) -> None:
        self.curves.plot_item.setLabel("left", self.tr("validation accuracy"))
        self.needed.plot_item.setLabel("left", self.tr("accuracy"))
        self.curves.plot_item.setLabel("bottom", self.tr("step"))
        self.needed.plot_item.setLabel("bottom", self.tr("labelled examples"))
        self.deck.set_title(self.curves, self.tr("Accuracy"))
        self.deck.set_title(self.needed, self.tr("Examples needed"))
        self.deck.set_title(self.filters, self.tr("Filters"))
        self.curves.set_titles(self.tr("Validation accuracy on 5–9"),
                               self.tr("Accuracy on 5–9"))
        self.measure_button.setText(self.tr("Measure {0}–{1} examples").format(
            SWEEP_SIZES[0], SWEEP_SIZES[-1]))
        self.measure_button.setToolTip(self.tr(
            "Train the three ways for {0} steps with each number of labelled "
            "examples (takes a while; training waits)").format(SWEEP_STEPS))
        self.slider.setToolTip(self.tr(
            "How many labelled digits 5–9 the three networks learn from; the run "
            "restarts with the new number"))
        self._show_examples_label()
        self._relabel(self.curves)
        self._relabel(self.needed)
        self._show_needed_titles()
        self._show_filter_titles()
        self._show_caption()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _relabel(self, view: CurvesView) -> None:
        for sample, label in view.legend.items:
            for method, curve in view.curves.items():
                text = self.legend_name(view, method)
                if sample.item is curve and label.text != text:
                    label.setText(text)
        view.style_legend()

    def _show_examples_label(self, *_args) -> None:
        n = EXAMPLE_STOPS[self.slider.sliderPosition()]
        self.examples_label.setText(self.tr("Labelled examples: {0}").format(n))

    def _show_needed_titles(self) -> None:
        if self.sweep is None:
            self.needed.set_titles(
                self.tr("Accuracy after {0} steps: not measured yet").format(
                    SWEEP_STEPS),
                self.tr("Not measured yet"),
                self.tr("Not measured"))
        else:
            self.needed.set_titles(
                self.tr("Accuracy after {0} steps by examples").format(
                    self.sweep["steps"]),
                self.tr("After {0} steps").format(self.sweep["steps"]),
                self.tr("{0} steps").format(self.sweep["steps"]))

    def _show_filter_titles(self) -> None:
        self.filters.set_titles(self.tr("First-layer filters"), self.tr("Filters"))

    def _show_caption(self) -> None:
        snap = self.snapshot
        if snap is None:
            text = self.tr(
                "A body pre-trained on the digits 0–4 learns 5–9 from a few "
                "labelled examples, three ways, on the same batches.")
            self.set_caption(html.escape(text))
            return
        reached = [str(step) if step >= 0 else "—" for step in snap["reached"]]
        text = self.tr(
            "Pre-trained on 0–4 (each digit at many places): {0:.1f} %. "
            "{1} labelled examples of 5–9 ({2} held out); first step at ≥ {3:.0f} %: "
            "scratch {4}, frozen {5}, fine-tuned {6}. Fine-tuned filters moved "
            "{7:.1f} % (frozen = pre-trained; colour: signed weight). Dotted line: "
            "this run's examples."
        ).format(100 * snap["pretrain_acc"], snap["examples"], snap["val_size"],
                 100 * snap["target_acc"], *reached,
                 100.0 * snap["filter_change"]["finetune"])
        self.set_caption(html.escape(text))

    def curve_style(self, name: str) -> tuple[str, str] | None:
        """The window's curves: one colour per way, named by it."""
        for suffix, method in _SUFFIXES.items():
            base = name.removesuffix(suffix) if suffix else name
            if (not suffix or name.endswith(suffix)) and base in _METRICS:
                # the loss panel holds only the training losses: the way names
                # them (a short legend leaves the plot its height)
                label = self.short_name(method) if base == "loss" else self.tr(
                    "{0} ({1})").format(tr_core(metric_label(base)),
                                        self.short_name(method))
                return COLORS[method], label
        return None

    # -- the slider --------------------------------------------------------------------
    def _set_slider(self, examples: int) -> None:
        nearest = int(np.argmin([abs(np.log(s / examples)) for s in EXAMPLE_STOPS]))
        self.slider.blockSignals(True)
        self.slider.setValue(nearest)
        self.slider.setSliderPosition(nearest)
        self.slider.blockSignals(False)
        self._show_examples_label()

    def _on_slider(self, index: int) -> None:
        n = EXAMPLE_STOPS[index]
        self._show_examples_label()
        if n != self._examples:
            self.request_settings({"examples": n})

    # -- the sweep ---------------------------------------------------------------------
    def request_sweep(self) -> None:
        """Ask for the sweep. The window shows its progress with a Cancel button;
        a second click costs nothing once it is measured (the task answers from
        its cache), and after a cancel it starts again."""
        self.requested.emit("sweep", {})

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "sweep" and "acc" in data:
            self._show_sweep(data)

    def _show_sweep(self, sweep: dict[str, Any]) -> None:
        self.sweep = sweep
        x = np.log10(np.asarray(sweep["sizes"], dtype=float))
        for i, method in enumerate(METHODS):
            self.needed.set_curve(method, x, np.asarray(sweep["acc"][i]),
                                  color=COLORS[method],
                                  label=self.short_name(method))
            curve = self.needed.curves[method]
            if curve.opts.get("symbol") is None:
                curve.setSymbol("o")
                curve.setSymbolSize(theme.STYLE.marker_size + 2)
                curve.setSymbolBrush(COLORS[method])
                curve.setSymbolPen(theme.pen(COLORS[method]))
        self._show_needed_titles()

    # -- snapshots ---------------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        first = self.snapshot is None
        self.snapshot = snapshot
        if snapshot["examples"] != self._examples or first:
            self._examples = int(snapshot["examples"])
            self._set_slider(self._examples)
        self.marker.setValue(float(np.log10(max(1, snapshot["examples"]))))
        if self._new_run and snapshot.get("sweep") is None and self.sweep is not None:
            # the new run's settings were not measured: the old sweep does not apply
            self.sweep = None
            self.needed.clear_curves()
            self._fix_ranges()
            self._show_needed_titles()
        self._new_run = False
        if snapshot.get("sweep") is not None and self.sweep is not snapshot["sweep"]:
            self._show_sweep(snapshot["sweep"])
        steps, acc = snapshot["steps"], snapshot["acc"]
        for i, method in enumerate(METHODS):
            self.curves.set_curve(method, steps, acc[i], color=COLORS[method],
                                  label=self.method_name(method))
        filters = snapshot["filters"]
        rows = [filters["pretrained"], filters["finetune"], filters["scratch"]]
        self.filters.set_rows(rows, [self.tr("pre-trained"), self.tr("fine-tuned"),
                                     self.tr("from scratch")])
        self._show_caption()

    def reset(self) -> None:
        """A new run: its curves start afresh. The measured sweep stays while the
        new run's settings differ only in the number of examples (the task's
        snapshot then carries it again)."""
        self.snapshot = None
        self._new_run = True
        self.curves.clear_curves()
        self._fix_ranges()


STAGES = {"transfer": TransferStage}
