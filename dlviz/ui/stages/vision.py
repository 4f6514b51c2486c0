"""Stages of chapter 7: object detection and semantic segmentation.

* **detection** — the main view is the scene with the detector's boxes after
  non-maximum suppression (and the true boxes, thin); beside it the true boxes, the
  anchors matched to them, the boxes before NMS, the object probability of each grid
  cell (with its colour bar) and mAP / recall / precision; sliders for the score and
  NMS thresholds, each showing its value. The sliders change the lab's settings
  ``score_threshold`` and ``nms_threshold`` — the ones in the settings panel — with
  a ``set_hparams`` request: the task applies them without retraining and answers
  with ``applied_hparams`` and a snapshot; the sliders always show the snapshot's
  thresholds, so slider and settings never disagree.
* **segmentation** — the main view is the predicted mask over the input; beside it
  the input, the true mask, one class's probability map (with its colour bar) and the
  IoU per class; the class colours are listed in the caption. A second page holds a
  transposed-convolution calculator: ``(n − 1)·s − 2p + k`` with the numbers and how
  many inputs write into each output cell.

The stages never run torch: they emit ``requested(kind, data)`` (``set_hparams``,
``select_scene``, ``select_sample``); the task answers with a new live snapshot, which
reaches the stage through the one path (:meth:`show_snapshot`), like a training step's.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.vision.fcn import (
    transposed_conv_coverage,
    transposed_conv_formula,
    transposed_conv_output_size,
)
from dlviz.ui import theme
from dlviz.ui.kit import ControlRow, PanelDeck, Role
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.boxes import BoxesView
from dlviz.ui.views.heatmap import HeatmapView

#: Class colours of boxes: the theme's palette, bright colours first, without black
#: (it would vanish on the black scene).
BOX_COLORS = tuple(theme.PALETTE[i] for i in (1, 5, 2, 6, 4, 3, 8, 9, 0))
#: The true boxes: thin and white on the (black) scene, whatever the theme.
GT_COLOR = theme.role("truth_box")
#: Mask colours: background gray, then one palette colour per class.
MASK_BACKGROUND = theme.role("mask_background")  # mid gray: reads on white and black
MASK_COLORS = (MASK_BACKGROUND, theme.PALETTE[1], theme.PALETTE[5], theme.PALETTE[2],
               theme.PALETTE[4], theme.PALETTE[6])
#: Opacity of the class colours drawn over the input in the main view.
MASK_ALPHA = 0.6
#: Room after each group of controls (pixels), so a value never reads as the next
#: control's label.
GROUP_GAP = 14
#: At most this many detections are captioned with class and score (the best ones).
MAX_CAPTIONS = 8


def _rgb(color: str) -> tuple[int, int, int]:
    c = QColor(color)
    return c.red(), c.green(), c.blue()


MASK_TABLE = np.array([_rgb(c) for c in MASK_COLORS], dtype=np.uint8)


def colour_mask(mask: np.ndarray) -> np.ndarray:
    """(H, W) class indices → (H, W, 3) uint8 colours of :data:`MASK_COLORS`."""
    return MASK_TABLE[np.asarray(mask) % len(MASK_TABLE)]


def overlay_mask(image: np.ndarray, mask: np.ndarray,
                 alpha: float = MASK_ALPHA) -> np.ndarray:
    """The gray ``image`` (H, W) in [0, 1] with the classes of ``mask`` (not the
    background) painted over it at opacity ``alpha``: (H, W, 3) uint8."""
    gray = np.clip(np.asarray(image, dtype=np.float32), 0.0, 1.0)[..., None] * 255.0
    mask = np.asarray(mask)
    weight = np.where(mask[..., None] > 0, alpha, 0.0).astype(np.float32)
    colours = colour_mask(mask).astype(np.float32)
    return np.clip(gray * (1 - weight) + colours * weight + 0.5, 0, 255).astype(
        np.uint8)


def swatches(colours: list[str], names: list[str]) -> str:
    """Rich text: a coloured square before each name (a legend in a caption)."""
    return "&nbsp;&nbsp;".join(
        f"<span style='color:{c}'>■</span>&nbsp;{html.escape(n)}"
        for c, n in zip(colours, names))


def best_first(owner: np.ndarray, iou: np.ndarray) -> list[int]:
    """Indices of the matched anchors: the best one of each true box first (in the
    order of the boxes), then the others. Only the first ones get a caption, so the
    captions of anchors around one box do not cover each other."""
    owner, iou = np.asarray(owner), np.asarray(iou)
    best = [int(np.flatnonzero(owner == g)[np.argmax(iou[owner == g])])
            for g in dict.fromkeys(owner.tolist())]
    return best + [i for i in range(len(owner)) if i not in best]


def _maximum(spec, key: str, default: int = 199) -> int:
    """Upper bound of the lab's parameter ``key`` (the last validation index)."""
    return next((int(p.maximum) for p in spec.params
                 if p.key == key and p.maximum is not None), default)


def _slider(lo: int, hi: int) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(lo, hi)
    slider.setMinimumWidth(120)
    slider.setPageStep(5)
    return slider


def _value_label() -> QLabel:
    """A slider's value, bold, beside it."""
    label = QLabel()
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class DetectionStage(Stage):
    """The boxes after NMS (main); true boxes, matched anchors, boxes before NMS,
    object probability and the validation metrics beside it."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.snapshot: dict[str, Any] | None = None
        deck = self.use_frame()
        self.scene_label = QLabel()
        self.scene = QSpinBox()
        self.scene.setRange(0, _maximum(spec, "scene_index"))
        self.scene.setWrapping(True)
        self.scene.valueChanged.connect(self.choose_scene)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.next_scene)
        self.score_label = QLabel()
        self.score_slider = _slider(1, 99)
        self.score_value = _value_label()
        self.nms_label = QLabel()
        self.nms_slider = _slider(5, 100)
        self.nms_value = _value_label()
        self.score_slider.valueChanged.connect(self._on_score_slider)
        self.nms_slider.valueChanged.connect(self._on_nms_slider)
        for group in (
            self.controls.group(self.scene_label, self.scene, self.next_button),
            self.controls.group(self.score_label, self.score_slider, self.score_value),
            self.controls.group(self.nms_label, self.nms_slider, self.nms_value),
        ):
            group.layout().setContentsMargins(0, 0, GROUP_GAP, 0)

        self.after = BoxesView()
        self.truth = BoxesView()
        self.anchors = BoxesView()
        self.before = BoxesView()
        self.objectness = HeatmapView(colorbar=True)
        self.objectness.plot_item.setAspectLocked(True)
        self.objectness.plot_item.hideAxis("left")
        self.objectness.plot_item.hideAxis("bottom")
        self.metrics = BarsView(y_range=(0.0, 1.0), horizontal=True)
        deck.add(self.after, Role.MAIN, "after NMS")
        deck.add(self.truth, Role.SECONDARY, "ground truth")
        deck.add(self.anchors, Role.SECONDARY, "matched anchors")
        deck.add(self.before, Role.SECONDARY, "before NMS")
        deck.add(self.objectness, Role.SECONDARY, "objectness")
        deck.add(self.metrics, Role.SECONDARY, "metrics")
        self._set_sliders(0.5, 0.45)
        self.retranslate_ui()

    # -- text ---------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.scene_label.setText(self.tr("Scene"))
        self.next_button.setText(self.tr("Next"))
        self.score_label.setText(self.tr("Score ≥"))
        self.nms_label.setText(self.tr("NMS: drop if IoU >"))
        tip = self.tr("Keep only boxes whose class score is at least this value.")
        for widget in (self.score_label, self.score_slider, self.score_value):
            widget.setToolTip(tip)
        tip = self.tr("Non-maximum suppression drops a box that overlaps a better "
                      "box of its class by more than this IoU.")
        for widget in (self.nms_label, self.nms_slider, self.nms_value):
            widget.setToolTip(tip)
        self.truth.set_title(self.tr("Scene and true boxes"))
        self.objectness.set_title(self.tr("Object probability"))
        self.metrics.set_title(self.tr("Validation (IoU ≥ 0.5)"))
        deck = self.deck
        deck.set_title(self.after, self.tr("After NMS"))
        deck.set_title(self.truth, self.tr("Truth"))
        deck.set_title(self.anchors, self.tr("Anchors"))
        deck.set_title(self.before, self.tr("Before NMS"))
        deck.set_title(self.objectness, self.tr("Objects"))
        deck.set_title(self.metrics, self.tr("Validation"))
        self._update_labels()
        self._show_titles()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_labels(self) -> None:
        self.score_value.setText(f"{self.score_slider.value() / 100:.2f}")
        self.nms_value.setText(f"{self.nms_slider.value() / 100:.2f}")

    def _show_titles(self) -> None:
        snap = self.snapshot or {}
        matched = len(snap.get("matched_anchors", ()))
        self.anchors.set_title(self.tr("{0} anchors matched").format(matched))
        self.before.set_title(
            self.tr("Before NMS: {0} boxes").format(len(snap.get("pred_boxes", ())))
        )
        self.after.set_title(
            self.tr("After NMS: {0} boxes").format(len(snap.get("pred_keep", ())))
        )
        self.metrics.set_values(self._metric_values(snap),
                                [self.tr("mAP"), self.tr("recall"),
                                 self.tr("precision")])
        self.set_caption(self._caption(snap))

    def _caption(self, snap: dict[str, Any]) -> str:
        names = list(snap.get("class_names", ()))
        legend = swatches([BOX_COLORS[i % len(BOX_COLORS)] for i in range(len(names))],
                          names)
        text = self.tr("Colour = class: {0}; thin white: true boxes.").format(legend)
        if snap:
            text += " " + self.tr(
                "Dashed: the {0} of {1} anchors ({2} × {2} cells × {3}) that overlap "
                "a true box with IoU ≥ {4:.2f}."
            ).format(len(snap["matched_anchors"]), snap["n_anchors"],
                     snap["feature_size"], snap["anchors_per_cell"],
                     snap["match_iou"])
        return text

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
        order = best_first(owner, snapshot["matched_iou"])
        self.anchors.set_boxes(
            "anchors", snapshot["matched_anchors"][order], [colors[i] for i in order],
            [f"IoU {snapshot['matched_iou'][i]:.2f}" for i in order[:len(gt)]],
            dashed=True)
        labels, scores = snapshot["pred_labels"], snapshot["pred_scores"]
        colors = [BOX_COLORS[int(c) % len(BOX_COLORS)] for c in labels]
        self.before.set_boxes("boxes", snapshot["pred_boxes"], colors, width=1,
                              opacity=0.8)
        keep = snapshot["pred_keep"]
        self.after.set_boxes("truth", gt, GT_COLOR, width=1)
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
    def _on_score_slider(self, value: int) -> None:
        self._update_labels()
        self.requested.emit("set_hparams", {"score_threshold": value / 100})

    def _on_nms_slider(self, value: int) -> None:
        self._update_labels()
        self.requested.emit("set_hparams", {"nms_threshold": value / 100})

    def choose_scene(self, index: int) -> None:
        self.requested.emit("select_scene", {"index": int(index)})

    def next_scene(self) -> None:
        self.scene.stepBy(1)


class TransposedConvPanel(QWidget):
    """A calculator: input size, kernel, stride, padding → output size, with the
    formula and a map of how many input cells write into each output cell."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.spins: dict[str, QSpinBox] = {}
        self.names: dict[str, QLabel] = {}
        self.row = ControlRow(self)  # a parent first: adding to a row shows it
        settings = (("n", 1, 12, 3), ("k", 1, 8, 4), ("s", 1, 4, 2), ("p", 0, 4, 1))
        for key, lo, hi, value in settings:
            spin = QSpinBox()
            spin.setRange(lo, hi)
            spin.setValue(value)
            spin.valueChanged.connect(self.recompute)
            self.spins[key] = spin
            self.names[key] = QLabel()
            self.row.group(self.names[key], spin)
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.coverage = HeatmapView(colorbar=True)
        self.coverage.plot_item.setAspectLocked(True)
        self.coverage.plot_item.hideAxis("left")
        self.coverage.plot_item.hideAxis("bottom")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.row)
        layout.addWidget(self.formula)
        layout.addWidget(self.coverage, 1)
        self.output_size = 0

    def values(self) -> tuple[int, int, int, int]:
        return tuple(self.spins[k].value() for k in ("n", "k", "s", "p"))

    def recompute(self) -> None:
        n, k, s, p = self.values()
        self.output_size = transposed_conv_output_size(n, k, s, p)
        general, numbers = transposed_conv_formula(n, k, s, p).split(" = ", 1)
        self.formula.setText(f"{general} = {numbers}")
        if self.output_size > 0:
            cover = transposed_conv_coverage(n, k, s, p)
            self.coverage.set_data(cover, levels=(0.0, float(max(cover.max(), 1))))
            self.coverage.setEnabled(True)
        else:
            self.coverage.setEnabled(False)


class SegmentationStage(Stage):
    """The predicted mask over the input (main); the input, true mask, a class's
    probability and the IoU per class beside it; the transposed-convolution
    calculator on a second page."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.snapshot: dict[str, Any] | None = None
        self.deck = PanelDeck()
        self.calc_deck = PanelDeck()
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.deck, "")
        self.pages.addTab(self.calc_deck, "")
        self.pages.currentChanged.connect(self._show_names)
        self.use_frame(deck=self.pages)
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
        for group in (
            self.controls.group(self.sample_label, self.sample, self.next_button),
            self.controls.group(self.class_label, self.class_combo),
        ):
            group.layout().setContentsMargins(0, 0, GROUP_GAP, 0)

        self.predicted = BoxesView()
        self.input = BoxesView()
        self.truth = BoxesView()
        self.probability = HeatmapView(colorbar=True)
        self.probability.plot_item.setAspectLocked(True)
        self.probability.plot_item.hideAxis("left")
        self.probability.plot_item.hideAxis("bottom")
        self.iou = BarsView(y_range=(0.0, 1.0), horizontal=True)
        self.calculator = TransposedConvPanel()
        self.deck.add(self.predicted, Role.MAIN, "predicted mask")
        self.deck.add(self.input, Role.SECONDARY, "input")
        self.deck.add(self.truth, Role.SECONDARY, "true mask")
        self.deck.add(self.probability, Role.SECONDARY, "probability")
        self.deck.add(self.iou, Role.SECONDARY, "class IoU")
        self.calc_deck.add(self.calculator, Role.MAIN, "transposed convolution")
        self.retranslate_ui()
        self.calculator.recompute()

    def panels(self) -> dict[str, QWidget]:
        return {**self.deck.panels(), **self.calc_deck.panels()}

    def retranslate_ui(self) -> None:
        self.sample_label.setText(self.tr("Image"))
        self.next_button.setText(self.tr("Next"))
        self.class_label.setText(self.tr("Probability of"))
        self.pages.setTabText(0, self.tr("Masks"))
        self.pages.setTabText(1, self.tr("Transposed convolution"))
        self.predicted.set_title(self.tr("Predicted mask over the input"))
        self.input.set_title(self.tr("Input"))
        self.truth.set_title(self.tr("True mask"))
        self.iou.set_title(self.tr("Validation IoU"))
        self.deck.set_title(self.predicted, self.tr("Prediction"))
        self.deck.set_title(self.input, self.tr("Input"))
        self.deck.set_title(self.truth, self.tr("True mask"))
        self.deck.set_title(self.probability, self.tr("Probability"))
        self.deck.set_title(self.iou, self.tr("IoU"))
        calc = self.calculator
        calc.coverage.set_title(self.tr("Inputs per output cell"))
        self.calc_deck.set_title(calc, self.tr("Transposed convolution"))
        for key, text in (("n", self.tr("input n")), ("k", self.tr("kernel k")),
                          ("s", self.tr("stride s")), ("p", self.tr("padding p"))):
            calc.names[key].setText(text)
        self._show_names()
        self._show_probability()

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
        if self.pages.currentWidget() is self.calc_deck:
            # the calculator's page: what this network's upsampling layers do
            caption = self.tr("(n − 1)·s − 2p + k: the output size of a transposed "
                              "convolution; the map counts the inputs that write "
                              "into each output cell.")
            if snap:
                lines = [
                    self.tr("{name}: {n} → {out} (k = {kernel}, s = {stride}, "
                            "p = {padding})").format(**layer)
                    for layer in snap["upsampling"]
                ]
                head = (self.tr("This network (skip connection on):") if snap["skip"]
                        else self.tr("This network (no skip connection):"))
                caption += " " + head + " " + "; ".join(lines) + "."
        elif shown:
            legend = swatches(
                [MASK_COLORS[i % len(MASK_COLORS)] for i in range(len(shown))], shown)
            caption = self.tr("Mask colours: {0}. The network gives every pixel a "
                              "class.").format(legend)
            caption += " " + (
                self.tr("Skip connection on: the 1/4-size features add their "
                        "scores, for finer edges.") if snap["skip"]
                else self.tr("No skip connection: the scores come from the "
                             "1/8-size features alone."))
        else:
            caption = ""
        self.set_caption(caption)

    @staticmethod
    def _network(snapshot: dict[str, Any] | None) -> tuple:
        """What the captions say about the network (skip, upsampling layers)."""
        if snapshot is None:
            return ()
        return (bool(snapshot["skip"]),
                tuple(tuple(sorted(layer.items())) for layer in snapshot["upsampling"]))

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        # new settings (a lesson scene turning the skip off) build a new network:
        # the captions describe the one now shown
        first = self._network(self.snapshot) != self._network(snapshot)
        self.snapshot = snapshot
        self.input.set_image(snapshot["image"])
        self.truth.set_image(colour_mask(snapshot["mask"]))
        self.predicted.set_image(overlay_mask(snapshot["image"], snapshot["predicted"]))
        names = [self._class_name(n) for n in snapshot["class_names"]]
        if first or self.class_combo.count() != len(names):
            self._show_names()
        self._show_probability()
        iou = np.nan_to_num(snapshot["class_iou"], nan=0.0)
        self.iou.set_values(iou, names,
                            colors=[MASK_COLORS[i % len(MASK_COLORS)]
                                    for i in range(len(iou))])
        self.sample.blockSignals(True)
        self.sample.setValue(int(snapshot["sample_index"]))
        self.sample.blockSignals(False)

    def _show_probability(self) -> None:
        snap = self.snapshot
        if snap is None:
            self.probability.set_title(self.tr("Probability per pixel"))
            return
        index = max(0, min(self.class_combo.currentIndex(), len(snap["probs"]) - 1))
        self.probability.set_data(snap["probs"][index], levels=(0.0, 1.0))
        self.probability.set_title(self.tr("P({0}) per pixel").format(
            self._class_name(snap["class_names"][index])))

    def choose_sample(self, index: int) -> None:
        self.requested.emit("select_sample", {"index": int(index)})

    def next_sample(self) -> None:
        self.sample.stepBy(1)


STAGES = {"detection": DetectionStage, "segmentation": SegmentationStage}
