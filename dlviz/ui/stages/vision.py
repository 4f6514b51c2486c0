"""Stages of chapter 7: object detection and semantic segmentation.

* **detection** — the scene with its true boxes, the anchors matched to them, the
  detector's boxes before and after non-maximum suppression, the object probability
  of each grid cell and mAP / recall / precision; sliders for the score and NMS
  thresholds (the task recomputes the boxes and answers with a snapshot).
* **segmentation** — input, true mask, predicted mask, one class's probability map,
  IoU per class, and a transposed-convolution calculator: ``(n − 1)·s − 2p + k`` with
  the numbers and how many inputs write into each output cell.

The stages never run torch: they emit ``requested(kind, data)`` (``set_thresholds``,
``select_scene``, ``select_sample``) and show the answers in :meth:`show_result`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.vision.fcn import (
    transposed_conv_coverage,
    transposed_conv_formula,
    transposed_conv_output_size,
)
from dlviz.ui import theme
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.boxes import BoxesView
from dlviz.ui.views.heatmap import HeatmapView

STAGE_FONT_PT = 12.0
#: Bright class colours that read on a dark scene (Okabe-Ito without black).
BOX_COLORS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7", "#D55E00",
              "#0072B2", "#FFFFFF", "#999999", "#8C564B")
#: Mask colours: background dark gray, then one colour per class.
MASK_COLORS = ("#303030", "#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#F0E442")
GT_COLOR = "#FFFFFF"
#: At most this many detections are captioned with class and score (the best ones).
MAX_CAPTIONS = 12


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


MASK_TABLE = np.array([_rgb(c) for c in MASK_COLORS], dtype=np.uint8)


def colour_mask(mask: np.ndarray) -> np.ndarray:
    """(H, W) class indices → (H, W, 3) uint8 colours of :data:`MASK_COLORS`."""
    return MASK_TABLE[np.asarray(mask) % len(MASK_TABLE)]


def _styled(stage: QWidget) -> None:
    font = stage.font()
    font.setPointSizeF(max(STAGE_FONT_PT, theme.STYLE.font_pt))
    stage.setFont(font)


def _maximum(spec, key: str, default: int = 199) -> int:
    """Upper bound of the lab's parameter ``key`` (the last validation index)."""
    return next((int(p.maximum) for p in spec.params
                 if p.key == key and p.maximum is not None), default)


def _even_grid(grid: QGridLayout, rows: int, columns: int) -> None:
    """Equal rows and columns whatever the panels' size hints."""
    for i in range(grid.count()):
        grid.itemAt(i).widget().setSizePolicy(QSizePolicy.Policy.Ignored,
                                               QSizePolicy.Policy.Ignored)
    for row in range(rows):
        grid.setRowStretch(row, 1)
    for column in range(columns):
        grid.setColumnStretch(column, 1)


def _slider(lo: int, hi: int) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(lo, hi)
    slider.setMinimumWidth(120)
    return slider


class DetectionStage(Stage):
    """Ground truth, matched anchors, boxes before and after NMS, and the metrics."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        _styled(self)
        self.snapshot: dict[str, Any] | None = None
        self.scene_label = QLabel()
        self.scene = QSpinBox()
        self.scene.setRange(0, _maximum(spec, "scene_index"))
        self.scene.setWrapping(True)
        self.scene.valueChanged.connect(self.choose_scene)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.next_scene)
        self.score_label = QLabel()
        self.score_slider = _slider(1, 99)
        self.nms_label = QLabel()
        self.nms_slider = _slider(5, 100)
        for slider in (self.score_slider, self.nms_slider):
            slider.valueChanged.connect(self._on_slider)
        controls = QHBoxLayout()
        for widget in (self.scene_label, self.scene, self.next_button):
            controls.addWidget(widget)
        controls.addSpacing(16)
        controls.addWidget(self.score_label)
        controls.addWidget(self.score_slider, 1)
        controls.addSpacing(16)
        controls.addWidget(self.nms_label)
        controls.addWidget(self.nms_slider, 1)
        self.truth = BoxesView()
        self.anchors = BoxesView()
        self.before = BoxesView()
        self.after = BoxesView()
        self.objectness = HeatmapView(colorbar=False)
        self.objectness.plot_item.setAspectLocked(True)
        self.objectness.plot_item.hideAxis("left")
        self.objectness.plot_item.hideAxis("bottom")
        self.metrics = BarsView(y_range=(0.0, 1.0))
        self.info = QLabel()
        self.info.setWordWrap(True)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.truth, 0, 0)
        grid.addWidget(self.anchors, 0, 1)
        grid.addWidget(self.objectness, 0, 2)
        grid.addWidget(self.before, 1, 0)
        grid.addWidget(self.after, 1, 1)
        grid.addWidget(self.metrics, 1, 2)
        _even_grid(grid, 2, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addLayout(grid, 1)
        layout.addWidget(self.info)
        self._set_sliders(0.5, 0.45)
        self.retranslate_ui()

    # -- text ---------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.scene_label.setText(self.tr("Scene"))
        self.next_button.setText(self.tr("Next"))
        self.truth.set_title(self.tr("Scene and true boxes"))
        self.objectness.set_title(self.tr("Object probability per cell"))
        self.metrics.set_title(self.tr("Validation (IoU ≥ 0.5)"))
        self._update_labels()
        self._show_titles()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_labels(self) -> None:
        self.score_label.setText(
            self.tr("Score ≥ {0:.2f}").format(self.score_slider.value() / 100)
        )
        self.nms_label.setText(
            self.tr("NMS IoU > {0:.2f}").format(self.nms_slider.value() / 100)
        )

    def _show_titles(self) -> None:
        snap = self.snapshot or {}
        matched = len(snap.get("matched_anchors", ()))
        self.anchors.set_title(
            self.tr("{0} of {1} anchors matched (IoU ≥ {2:.2f})").format(
                matched, snap.get("n_anchors", 0), snap.get("match_iou", 0.5))
        )
        self.before.set_title(
            self.tr("Before NMS: {0} boxes").format(len(snap.get("pred_boxes", ())))
        )
        self.after.set_title(
            self.tr("After NMS: {0} boxes").format(len(snap.get("pred_keep", ())))
        )
        if snap:
            n, a = snap["feature_size"], snap["anchors_per_cell"]
            self.info.setText(
                self.tr("{0} × {0} cells × {1} anchors per cell = {2} anchors; each "
                        "predicts a class and 4 offsets.").format(
                    n, a, snap["n_anchors"])
            )
        self.metrics.set_values(self._metric_values(snap),
                                [self.tr("mAP"), self.tr("recall"),
                                 self.tr("precision")])

    @staticmethod
    def _metric_values(snap: dict[str, Any]) -> list[float]:
        val = snap.get("validation", {})
        return [val.get(k, 0.0) for k in ("val_map50", "val_recall", "val_precision")]

    # -- snapshots ----------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self.snapshot = snapshot
        image = snapshot["image"]
        names = snapshot["class_names"]
        for view in (self.truth, self.anchors, self.before, self.after):
            view.set_image(image)
        gt, gt_labels = snapshot["gt_boxes"], snapshot["gt_labels"]
        gt_colors = [BOX_COLORS[int(c) % len(BOX_COLORS)] for c in gt_labels]
        self.truth.set_boxes("truth", gt, gt_colors, [names[int(c)] for c in gt_labels])
        self.anchors.set_boxes("truth", gt, GT_COLOR, width=1)
        owner = snapshot["matched_gt"]
        colors = [gt_colors[int(i)] for i in owner]
        self.anchors.set_boxes(
            "anchors", snapshot["matched_anchors"], colors,
            [f"{v:.2f}" for v in snapshot["matched_iou"]], dashed=True)
        labels, scores = snapshot["pred_labels"], snapshot["pred_scores"]
        colors = [BOX_COLORS[int(c) % len(BOX_COLORS)] for c in labels]
        self.before.set_boxes("boxes", snapshot["pred_boxes"], colors, width=1,
                              opacity=0.8)
        keep = snapshot["pred_keep"]
        self.after.set_boxes(
            "boxes", snapshot["pred_boxes"][keep], [colors[int(i)] for i in keep],
            [f"{names[int(labels[i])]} {scores[i]:.2f}" for i in keep[:MAX_CAPTIONS]])
        self.objectness.set_data(snapshot["objectness"], levels=(0.0, 1.0))
        self.scene.blockSignals(True)
        self.scene.setValue(int(snapshot["scene_index"]))
        self.scene.blockSignals(False)
        self._set_sliders(snapshot["score_threshold"], snapshot["nms_threshold"])
        self._show_titles()

    def _set_sliders(self, score: float, nms: float) -> None:
        for slider, value in ((self.score_slider, score), (self.nms_slider, nms)):
            if slider.isSliderDown():
                continue  # the user is dragging it
            slider.blockSignals(True)
            slider.setValue(int(round(value * 100)))
            slider.blockSignals(False)
        self._update_labels()

    # -- requests -----------------------------------------------------------------
    def _on_slider(self) -> None:
        self._update_labels()
        self.requested.emit("set_thresholds", {
            "score": self.score_slider.value() / 100,
            "nms": self.nms_slider.value() / 100,
        })

    def choose_scene(self, index: int) -> None:
        self.requested.emit("select_scene", {"index": int(index)})

    def next_scene(self) -> None:
        self.scene.stepBy(1)

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind in ("set_thresholds", "select_scene") and "image" in data:
            self.show_snapshot(data)

    def panels(self) -> dict[str, QWidget]:
        return {
            "ground truth": self.truth,
            "matched anchors": self.anchors,
            "before NMS": self.before,
            "after NMS": self.after,
            "objectness": self.objectness,
            "metrics": self.metrics,
        }


class TransposedConvPanel(QWidget):
    """A calculator: input size, kernel, stride, padding → output size, with the
    formula and a map of how many input cells write into each output cell."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.spins: dict[str, QSpinBox] = {}
        self.names: dict[str, QLabel] = {}
        row = QGridLayout()
        settings = (("n", 1, 12, 3), ("k", 1, 8, 4), ("s", 1, 4, 2), ("p", 0, 4, 1))
        for i, (key, lo, hi, value) in enumerate(settings):
            spin = QSpinBox()
            spin.setRange(lo, hi)
            spin.setValue(value)
            spin.valueChanged.connect(self.recompute)
            self.spins[key] = spin
            self.names[key] = QLabel()
            r, c = divmod(i, 2)
            row.addWidget(self.names[key], r, 2 * c)
            row.addWidget(spin, r, 2 * c + 1)
        row.setColumnStretch(4, 1)
        self.formula = QLabel()
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.coverage = HeatmapView(colorbar=False)
        self.coverage.plot_item.setAspectLocked(True)
        self.network = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.formula)
        layout.addWidget(self.coverage, 1)
        layout.addWidget(self.network)
        self.output_size = 0

    def values(self) -> tuple[int, int, int, int]:
        return tuple(self.spins[k].value() for k in ("n", "k", "s", "p"))

    def recompute(self) -> None:
        n, k, s, p = self.values()
        self.output_size = transposed_conv_output_size(n, k, s, p)
        general, numbers = transposed_conv_formula(n, k, s, p).split(" = ", 1)
        self.formula.setText(f"{general}\n= {numbers}")
        if self.output_size > 0:
            cover = transposed_conv_coverage(n, k, s, p)
            self.coverage.set_data(cover, levels=(0.0, float(max(cover.max(), 1))))
            self.coverage.setEnabled(True)
        else:
            self.coverage.setEnabled(False)


class SegmentationStage(Stage):
    """Input, true and predicted masks, a class's probability map, IoU per class and
    the transposed-convolution calculator."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        _styled(self)
        self.snapshot: dict[str, Any] | None = None
        self.sample_label = QLabel()
        self.sample = QSpinBox()
        self.sample.setRange(0, _maximum(spec, "sample_index"))
        self.sample.setWrapping(True)
        self.sample.valueChanged.connect(self.choose_sample)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.next_sample)
        self.class_label = QLabel()
        self.class_combo = QComboBox()
        self.class_combo.currentIndexChanged.connect(self._show_probability)
        self.legend = QLabel()
        controls = QHBoxLayout()
        for widget in (self.sample_label, self.sample, self.next_button):
            controls.addWidget(widget)
        controls.addSpacing(16)
        controls.addWidget(self.class_label)
        controls.addWidget(self.class_combo)
        controls.addSpacing(16)
        controls.addWidget(self.legend, 1)
        self.input = BoxesView()
        self.truth = BoxesView()
        self.predicted = BoxesView()
        self.probability = HeatmapView(colorbar=False)
        self.probability.plot_item.setAspectLocked(True)
        self.probability.plot_item.hideAxis("left")
        self.probability.plot_item.hideAxis("bottom")
        self.iou = BarsView(y_range=(0.0, 1.0))
        self.calculator = TransposedConvPanel()
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.input, 0, 0)
        grid.addWidget(self.truth, 0, 1)
        grid.addWidget(self.predicted, 0, 2)
        grid.addWidget(self.probability, 1, 0)
        grid.addWidget(self.iou, 1, 1)
        grid.addWidget(self.calculator, 1, 2)
        _even_grid(grid, 2, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addLayout(grid, 1)
        self.retranslate_ui()
        self.calculator.recompute()

    def retranslate_ui(self) -> None:
        self.sample_label.setText(self.tr("Image"))
        self.next_button.setText(self.tr("Next"))
        self.class_label.setText(self.tr("Probability of"))
        self.input.set_title(self.tr("Input"))
        self.truth.set_title(self.tr("True mask"))
        self.predicted.set_title(self.tr("Predicted mask"))
        self.iou.set_title(self.tr("IoU per class (validation)"))
        calc = self.calculator
        calc.coverage.set_title(self.tr("Inputs writing into each output cell"))
        for key, text in (("n", self.tr("input n")), ("k", self.tr("kernel k")),
                          ("s", self.tr("stride s")), ("p", self.tr("padding p"))):
            calc.names[key].setText(text)
        self._show_names()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _class_name(self, name: str) -> str:
        return {"background": self.tr("background"), "disc": self.tr("disc"),
                "square": self.tr("square"), "triangle": self.tr("triangle")}.get(
                    name, name)

    def _show_names(self) -> None:
        snap = self.snapshot
        names = snap["class_names"] if snap else []
        shown = [self._class_name(n) for n in names]
        if self.class_combo.count() != len(shown):
            self.class_combo.blockSignals(True)
            self.class_combo.clear()
            self.class_combo.addItems(shown)
            self.class_combo.setCurrentIndex(min(1, len(shown) - 1))
            self.class_combo.blockSignals(False)
        else:
            for i, text in enumerate(shown):
                self.class_combo.setItemText(i, text)
        self.legend.setText("  ".join(
            f"<span style='color:{MASK_COLORS[i % len(MASK_COLORS)]}'>■</span> {t}"
            for i, t in enumerate(shown)))
        if snap:
            lines = [
                self.tr("{name}: {n} → {out}   (k = {kernel}, s = {stride}, "
                        "p = {padding})").format(**layer)
                for layer in snap["upsampling"]
            ]
            head = (self.tr("This network (skip connection on):") if snap["skip"]
                    else self.tr("This network (no skip connection):"))
            self.calculator.network.setText("\n".join([head, *lines]))

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        first = self.snapshot is None
        self.snapshot = snapshot
        self.input.set_image(snapshot["image"])
        self.truth.set_image(colour_mask(snapshot["mask"]))
        self.predicted.set_image(colour_mask(snapshot["predicted"]))
        self._show_probability()
        iou = np.nan_to_num(snapshot["class_iou"], nan=0.0)
        names = [self._class_name(n) for n in snapshot["class_names"]]
        self.iou.set_values(iou, names,
                            colors=[MASK_COLORS[i % len(MASK_COLORS)]
                                    for i in range(len(iou))])
        self.sample.blockSignals(True)
        self.sample.setValue(int(snapshot["sample_index"]))
        self.sample.blockSignals(False)
        if first or self.class_combo.count() != len(names):
            self._show_names()
        else:
            self._show_network()

    def _show_network(self) -> None:
        if not self.calculator.network.text():
            self._show_names()

    def _show_probability(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        index = max(0, min(self.class_combo.currentIndex(), len(snap["probs"]) - 1))
        self.probability.set_data(snap["probs"][index], levels=(0.0, 1.0))
        self.probability.set_title(self.tr("P({0}) per pixel").format(
            self._class_name(snap["class_names"][index])))

    def choose_sample(self, index: int) -> None:
        self.requested.emit("select_sample", {"index": int(index)})

    def next_sample(self) -> None:
        self.sample.stepBy(1)

    def show_result(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "select_sample" and "image" in data:
            self.show_snapshot(data)

    def panels(self) -> dict[str, QWidget]:
        return {
            "input": self.input,
            "true mask": self.truth,
            "predicted mask": self.predicted,
            "probability": self.probability,
            "class IoU": self.iou,
            "transposed convolution": self.calculator,
        }


STAGES = {"detection": DetectionStage, "segmentation": SegmentationStage}
