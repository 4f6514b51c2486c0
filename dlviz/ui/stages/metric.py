"""Stages of the metric chapter: the Siamese network and knowledge distillation.

Requests to the task: ``pair`` (``{"offset": ±1}`` or ``{"index": i}``) for the pair
viewer of the Siamese stage; ``sample`` (``{"offset": ±1}``) and ``temperature``
(``{"T": t}``) for the distillation stage.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dlviz.ui import theme
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.curves import CurvesView
from dlviz.ui.views.histogram import HistogramView
from dlviz.ui.views.image_grid import ImageGridView
from dlviz.ui.views.scatter import ScatterView

POS_COLOR = "#009E73"
NEG_COLOR = "#D55E00"
MARGIN_COLOR = "#0072B2"
THRESHOLD_COLOR = "#CC79A7"
HARD_COLOR = "#E69F00"
TEACHER_COLOR = "#666666"
#: Range of the temperature slider (log scale).
T_MIN, T_MAX, T_STEPS = 0.25, 50.0, 200


def _splitter(orientation, *widgets: QWidget, stretches=()) -> QSplitter:
    splitter = QSplitter(orientation)
    splitter.setChildrenCollapsible(False)
    for i, widget in enumerate(widgets):
        splitter.addWidget(widget)
        splitter.setStretchFactor(i, stretches[i] if i < len(stretches) else 1)
    return splitter


def _big_label(scale: float = 1.3, bold: bool = True) -> QLabel:
    label = QLabel()
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def slider_temperature(value: int) -> float:
    """Slider position 0..T_STEPS → temperature on a log scale."""
    lo, hi = math.log10(T_MIN), math.log10(T_MAX)
    return 10 ** (lo + (hi - lo) * value / T_STEPS)


def temperature_position(t: float) -> int:
    lo, hi = math.log10(T_MIN), math.log10(T_MAX)
    t = min(max(t, T_MIN), T_MAX)
    return int(round((math.log10(t) - lo) / (hi - lo) * T_STEPS))


class _RangeKeeper:
    """Set a view's range from the data with hysteresis (grow at once, shrink late)."""

    def __init__(self) -> None:
        self.range: tuple[float, float, float, float] | None = None

    def update(self, xy: np.ndarray) -> tuple[float, float, float, float] | None:
        if len(xy) == 0 or not np.isfinite(xy).all():
            return None
        x0, y0 = (float(v) for v in xy.min(0))
        x1, y1 = (float(v) for v in xy.max(0))
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        half = max(x1 - x0, y1 - y0, 1e-3) / 2
        if self.range is not None:
            rx0, rx1, ry0, ry1 = self.range
            inside = rx0 <= x0 and x1 <= rx1 and ry0 <= y0 and y1 <= ry1
            if inside and 2 * half >= 0.5 * (rx1 - rx0):
                return None
        half *= 1.15
        self.range = (cx - half, cx + half, cy - half, cy + half)
        return self.range


class SiameseStage(Stage):
    """Embedding scatter, distance histograms with margin and threshold, pair viewer."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.scatter = ScatterView()
        self.class_tags: list[pg.TextItem] = []
        for c in range(10):
            tag = pg.TextItem(str(c), anchor=(0.5, 0.5), color=theme.STYLE.foreground)
            tag.setZValue(20)
            tag.setVisible(False)
            self.scatter.plot_item.addItem(tag)
            self.class_tags.append(tag)
        self.hist = HistogramView()
        self.hist.plot_item.addLegend(offset=(-10, 10))
        self.pair_view = ImageGridView(normalize_each=False, gray=True)
        self.pair_label = _big_label()
        self.accuracy_label = _big_label(1.1, bold=False)
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.previous_button.clicked.connect(self.previous_pair)
        self.next_button.clicked.connect(self.next_pair)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        pair_box = QWidget()
        box = QVBoxLayout(pair_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.pair_view, 1)
        box.addWidget(self.pair_label)
        box.addLayout(buttons)
        box.addWidget(self.accuracy_label)
        right = _splitter(
            Qt.Orientation.Vertical, self.hist, pair_box, stretches=(3, 2)
        )
        main = _splitter(
            Qt.Orientation.Horizontal, self.scatter, right, stretches=(3, 2)
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(main)
        self._ranges = _RangeKeeper()
        self._snapshot: dict[str, Any] | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.scatter.set_title(self.tr("Embeddings of validation digits (by class)"))
        self.hist.set_title(self.tr("Pair distances: same class vs different class"))
        self.pair_view.set_title(self.tr("A validation pair"))
        self.previous_button.setText(self.tr("◀ Previous pair"))
        self.next_button.setText(self.tr("Next pair ▶"))
        if self._snapshot is not None:
            self._show_texts(self._snapshot)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self._snapshot = snapshot
        emb, labels = snapshot["embedding"], snapshot["labels"]
        self.scatter.set_points("val", emb, labels)
        for c, tag in enumerate(self.class_tags):
            members = emb[labels == c]
            tag.setVisible(len(members) > 0)
            if len(members):
                x, y = np.median(members, 0)
                tag.setPos(float(x), float(y))
        new = self._ranges.update(emb)
        if new is not None:
            self.scatter.set_range(*new)
        pos, neg = snapshot["pos_dist"], snapshot["neg_dist"]
        top = max(float(np.max(pos, initial=0)), float(np.max(neg, initial=0)))
        top = max(top, snapshot["margin"] * 1.1, 1e-3)
        self.hist.set_samples(
            "pos", pos, 30, POS_COLOR, value_range=(0, top)
        )
        self.hist.set_samples(
            "neg", neg, 30, NEG_COLOR, value_range=(0, top)
        )
        self.hist.set_line("margin", snapshot["margin"], MARGIN_COLOR)
        self.hist.set_line("threshold", snapshot["threshold"], THRESHOLD_COLOR)
        images = snapshot["pair_images"]
        a, b = snapshot["pair_labels"]
        self.pair_view.set_maps(images, [str(a), str(b)], columns=2, levels=(0, 1))
        self._show_texts(snapshot)

    def _show_texts(self, snapshot: dict[str, Any]) -> None:
        self._legend_names()
        d, thr = snapshot["pair_distance"], snapshot["threshold"]
        called_same = d < thr
        verdict = self.tr("same") if called_same else self.tr("different")
        right = called_same == snapshot["pair_same"]
        mark = "✓" if right else "✗"
        color = POS_COLOR if right else NEG_COLOR
        self.pair_label.setText(
            self.tr("{0} vs {1}: distance {2:.3f} {3} {4:.3f} → {5} {6}").format(
                *snapshot["pair_labels"],
                d,
                "<" if called_same else "≥",
                thr,
                verdict,
                mark,
            )
        )
        self.pair_label.setStyleSheet(f"color: {color}")
        self.accuracy_label.setText(
            self.tr(
                "Verification accuracy {0:.1f}% at the best threshold; "
                "margin m = {1:g} ({2}, {3})"
            ).format(
                100 * snapshot["verification_acc"],
                snapshot["margin"],
                self.tr("cosine") if snapshot["metric"] == "cosine"
                else self.tr("Euclidean"),
                self.tr("shared weights") if snapshot["shared"]
                else self.tr("two towers, unshared"),
            )
        )

    def _legend_names(self) -> None:
        legend = self.hist.plot_item.legend
        names = {
            "pos": self.tr("same class"),
            "neg": self.tr("different class"),
        }
        if [label.text for _sample, label in legend.items] == list(names.values()):
            return
        legend.clear()
        for key in ("pos", "neg"):
            legend.addItem(self.hist.items[key], names[key])
        self.hist.style_legend()

    def previous_pair(self) -> None:
        self.requested.emit("pair", {"offset": -1})

    def next_pair(self) -> None:
        self.requested.emit("pair", {"offset": 1})

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if "snapshot" in data:
            self.show_snapshot(data["snapshot"])

    def reset(self) -> None:
        self._ranges = _RangeKeeper()
        self._snapshot = None

    def panels(self) -> dict[str, QWidget]:
        return {
            "embedding": self.scatter,
            "distances": self.hist,
            "pair": self.pair_view,
        }


class DistillationStage(Stage):
    """Hard label, teacher and student soft labels; a temperature explorer; the
    accuracy race of the distilled and the hard-label student."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        digits = [str(i) for i in range(10)]
        self._digits = digits
        self.sample_view = ImageGridView(normalize_each=False, gray=True)
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.previous_button.clicked.connect(self.previous_sample)
        self.next_button.clicked.connect(self.next_sample)
        self.hard_bars = BarsView(y_range=(0.0, 1.0))
        self.teacher_bars = BarsView(y_range=(0.0, 1.0))
        self.student_bars = BarsView(y_range=(0.0, 1.0))
        self.explorer = BarsView(y_range=(0.0, 1.0))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, T_STEPS)
        self.slider.setValue(temperature_position(4.0))
        self.slider.valueChanged.connect(self.on_slider)
        self.slider_label = _big_label(1.1, bold=False)
        self.curves = CurvesView(x_label="step")
        self.curves.plot_item.setYRange(0, 1, padding=0)
        self.params_label = _big_label(1.0, bold=False)
        sample_box = QWidget()
        box = QVBoxLayout(sample_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.sample_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        box.addLayout(buttons)
        top = _splitter(
            Qt.Orientation.Horizontal,
            self.hard_bars,
            self.teacher_bars,
            self.student_bars,
        )
        explorer_box = QWidget()
        box = QVBoxLayout(explorer_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.explorer, 1)
        box.addWidget(self.slider_label)
        box.addWidget(self.slider)
        curves_box = QWidget()
        box = QVBoxLayout(curves_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.curves, 1)
        box.addWidget(self.params_label)
        bottom = _splitter(
            Qt.Orientation.Horizontal,
            sample_box,
            explorer_box,
            curves_box,
            stretches=(1, 2, 3),
        )
        main = _splitter(Qt.Orientation.Vertical, top, bottom, stretches=(1, 1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(main)
        self._snapshot: dict[str, Any] | None = None
        self._explored: dict[str, Any] | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.sample_view.set_title(self.tr("Digit"))
        self.previous_button.setText(self.tr("◀ Previous"))
        self.next_button.setText(self.tr("Next ▶"))
        self.curves.plot_item.setLabel("bottom", self.tr("step"))
        self.hard_bars.set_title(self.tr("Hard label"))
        self.curves.set_title(self.tr("Students: validation accuracy"))
        self._set_temperature_titles()
        self._show_explorer_text()
        if self._snapshot is not None:
            self._show_curves(self._snapshot)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _set_temperature_titles(self) -> None:
        t = self._snapshot["temperature"] if self._snapshot else None
        suffix = f", T = {t:g}" if t is not None else ""
        self.teacher_bars.set_title(self.tr("Teacher") + suffix)
        self.student_bars.set_title(self.tr("Student") + suffix)

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        first = self._snapshot is None
        self._snapshot = snapshot
        label = int(snapshot["sample_label"])
        self.sample_view.set_maps(
            snapshot["sample_image"][None], [str(label)], levels=(0.0, 1.0)
        )
        self.hard_bars.set_values(snapshot["hard_label"], self._digits, label)
        self.teacher_bars.set_values(snapshot["teacher_soft"], self._digits, label)
        self.student_bars.set_values(snapshot["student_soft"], self._digits, label)
        self._set_temperature_titles()
        self._show_curves(snapshot)
        if first or self._explored is None:
            self._request_temperature()

    def _show_curves(self, snapshot: dict[str, Any]) -> None:
        steps = snapshot["history_steps"]
        self.curves.set_curve(
            "distilled",
            steps,
            snapshot["history_acc"],
            theme.PALETTE[0],
            label=self.tr("distilled student"),
        )
        self.curves.set_curve(
            "hard",
            steps,
            snapshot["history_acc_hard"],
            HARD_COLOR,
            label=self.tr("hard labels only"),
        )
        if len(steps):
            xs = np.array([steps[0], max(steps[-1], 1)])
            self.curves.set_curve(
                "teacher",
                xs,
                np.full(2, snapshot["teacher_acc"]),
                TEACHER_COLOR,
                dashed=True,
                label=self.tr("teacher"),
            )
        acc, acc_hard = snapshot["history_acc"], snapshot["history_acc_hard"]
        n_t, n_s = snapshot["params_teacher"], snapshot["params_student"]
        text = self.tr(
            "Teacher: {0:,} parameters, {1:.1f}%. Student: {2:,} parameters "
            "({3:.0f}× fewer)."
        ).format(n_t, 100 * snapshot["teacher_acc"], n_s, n_t / max(n_s, 1))
        if len(acc):
            now = self.tr("Now: distilled {0:.1f}%, hard labels {1:.1f}%.")
            text += " " + now.format(100 * float(acc[-1]), 100 * float(acc_hard[-1]))
        self.params_label.setText(text)

    # -- temperature explorer ----------------------------------------------------------
    def slider_value(self) -> float:
        return slider_temperature(self.slider.value())

    def on_slider(self, _value: int) -> None:
        self._request_temperature()

    def _request_temperature(self) -> None:
        self.requested.emit("temperature", {"T": round(self.slider_value(), 3)})

    def _show_explorer_text(self) -> None:
        data = self._explored
        if data is None:
            self.explorer.set_title(self.tr("Teacher at T"))
            self.slider_label.setText(
                self.tr("T = {0:.2f}").format(self.slider_value())
            )
            return
        self.explorer.set_title(
            self.tr("Teacher, T = {0:.2f}").format(data["T"])
        )
        self.slider_label.setText(
            self.tr("T = {0:.2f}, entropy {1:.2f} (max {2:.2f})").format(
                data["T"], data["entropy"], math.log(10)
            )
        )

    # -- requests --------------------------------------------------------------------
    def previous_sample(self) -> None:
        self.requested.emit("sample", {"offset": -1})

    def next_sample(self) -> None:
        self.requested.emit("sample", {"offset": 1})

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "temperature":
            self._explored = data
            label = self._snapshot["sample_label"] if self._snapshot else None
            self.explorer.set_values(data["probs"], self._digits, label)
            self._show_explorer_text()
        elif "snapshot" in data:
            self.show_snapshot(data["snapshot"])
            self._request_temperature()

    def reset(self) -> None:
        self.curves.clear_curves()
        self._snapshot = None
        self._explored = None

    def panels(self) -> dict[str, QWidget]:
        return {
            "hard label": self.hard_bars,
            "teacher": self.teacher_bars,
            "student": self.student_bars,
            "temperature": self.explorer,
            "accuracy": self.curves,
        }


STAGES = {"siamese": SiameseStage, "distillation": DistillationStage}
