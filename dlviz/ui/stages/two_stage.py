"""Stage of the ``two_stage`` lab: regions first, then a classifier per region.

* main view: the final detections (after the second stage and NMS) over the scene,
  the true boxes thin;
* proposals: the RPN's best boxes before NMS (thin), the N that survive NMS with
  their objectness, and the region examined below with the anchor it grew from
  (dashed); with the fixed windows of R-CNN and Fast R-CNN, every window and the N
  the second stage trusts most;
* RoI pooling and RoI Align on the examined region, over one channel of the feature
  map: the rounded region and its bins of whole cells against the exact region
  (dashed), and the exact bins with their bilinear sample points; the pooled k × k
  maps of both side by side, on the colour bar of the feature map;
* mAP, recall, precision and the proposals' recall on the validation scenes.

Sliders set the live settings ``proposals`` (N) and ``rpn_nms`` with a
``set_hparams`` request; the caption says what the chosen pipeline (R-CNN, Fast,
Faster) does. The stage never runs torch.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox, QWidget

from dlviz.ui import theme
from dlviz.ui.kit import Role
from dlviz.ui.stages.base import Stage
from dlviz.ui.stages.vision import (
    BOX_COLORS,
    GROUP_GAP,
    GT_COLOR,
    MAX_CAPTIONS,
    _maximum,
    _slider,
    _value_label,
    swatches,
)
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.boxes import BoxesView, rectangle_path
from dlviz.ui.views.heatmap import HeatmapView
from dlviz.ui.views.image_grid import ImageGridView

# Proposals and windows (one colour: they have no class yet); the examined one.
# (grey and yellow: the class colours of the boxes start with orange, sky blue and
# green)
PROPOSAL_COLOR = theme.PALETTE[8]
CHOSEN_COLOR = theme.PALETTE[6]
# Marks drawn over the feature map: bins (light), the exact region and the
# bilinear sample points (the "mark" role).
BIN_ROLE = "map_fill"
MARK_ROLE = "mark"
# Proposals captioned with their objectness (the best ones).
CAPTIONED = 4
# Feature cells shown around the examined region.
MARGIN = 1
# RoI pooling's bins are drawn this much (cells) inside their edges, so that bins
# sharing or overlapping cells show as separate rectangles.
BIN_INSET = 0.08


def _bare(view: HeatmapView) -> HeatmapView:
    view.plot_item.setAspectLocked(True)
    view.plot_item.hideAxis("left")
    view.plot_item.hideAxis("bottom")
    # the axes show no label, so no SI prefix either: without this every new range
    # lays out their (empty) label text again
    axes = [view.plot_item.getAxis(name) for name in ("left", "bottom")]
    if view.colorbar is not None:
        axes.append(view.colorbar.axis)
    for axis in axes:
        axis.enableAutoSIPrefix(False)
    return view


def _set_text(label: QLabel, text: str) -> None:
    """Set ``label``'s text if it changed (setting it again lays the label out)."""
    if label.text() != text:
        label.setText(text)


def crop_window(regions: list[np.ndarray], size: int,
                margin: int = MARGIN) -> tuple[int, int, int, int]:
    """Cells ``(x0, x1, y0, y1)`` of the feature map that hold every region
    (cell coordinates) plus ``margin`` cells, within the map."""
    boxes = np.asarray(regions, dtype=np.float64).reshape(-1, 4)
    x0 = max(0, int(np.floor(boxes[:, 0].min())) - margin)
    y0 = max(0, int(np.floor(boxes[:, 1].min())) - margin)
    x1 = min(size, int(np.ceil(boxes[:, 2].max())) + margin)
    y1 = min(size, int(np.ceil(boxes[:, 3].max())) + margin)
    return x0, max(x1, x0 + 1), y0, max(y1, y0 + 1)


class _BinsView(HeatmapView):
    """A crop of one feature channel with a region's bins drawn over it."""

    def __init__(self) -> None:
        super().__init__(colorbar=True)
        _bare(self)
        self.bins = pg.PlotCurveItem(connect="finite")
        self.region = pg.PlotCurveItem(connect="finite")
        self.points = pg.ScatterPlotItem()
        for z, item in enumerate((self.bins, self.region, self.points)):
            item.setZValue(10 + z)
            self.plot_item.addItem(item)
        self.apply_marks()

    def apply_marks(self) -> None:
        self.bins.setPen(theme.pen(BIN_ROLE, width=1.5))
        self.region.setPen(theme.pen(MARK_ROLE, style=Qt.PenStyle.DashLine))
        self.points.setBrush(pg.mkBrush(theme.role(MARK_ROLE)))
        self.points.setPen(theme.pen("map_outline", width=1))
        self.points.setSize(theme.STYLE.marker_size)

    def apply_style(self) -> None:
        super().apply_style()
        if hasattr(self, "points"):
            self.apply_marks()

    def show_region(self, fmap: np.ndarray, window: tuple[int, int, int, int],
                    levels: tuple[float, float], bins: np.ndarray,
                    region: np.ndarray | None, points: np.ndarray | None) -> None:
        x0, x1, y0, y1 = window
        self.set_data(fmap[y0:y1, x0:x1], levels=levels, extent=(x0, x1, y0, y1))
        self.bins.setData(*rectangle_path(bins), connect="finite")
        if region is None:
            self.region.setData([], [])
        else:
            self.region.setData(*rectangle_path(region[None]), connect="finite")
        if points is None:
            self.points.setData([], [])
        else:
            self.points.setData(points[:, 0], points[:, 1])
        # the new window's transform now, not in the paint: set there, it marks
        # every item dirty again and the plot is painted a second time
        self.plot_item.getViewBox().prepareForPaint()


class TwoStageStage(Stage):
    """Detections (main); proposals, RoI pooling vs RoI Align on one region, the
    pooled maps and the validation metrics beside them."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.snapshot: dict[str, Any] | None = None
        self._metrics_shown: tuple | None = None
        self._frames_shown: tuple | None = None
        deck = self.use_frame()
        self.scene_label = QLabel()
        self.scene = QSpinBox()
        self.scene.setRange(0, _maximum(spec, "scene_index"))
        self.scene.setWrapping(True)
        self.scene.valueChanged.connect(self.choose_scene)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.next_scene)
        self.region_label = QLabel()
        self.region = QSpinBox()
        self.region.setRange(0, _maximum(spec, "proposals", 100) - 1)
        self.region.valueChanged.connect(self.choose_region)
        self.n_label = QLabel()
        self.n_slider = _slider(1, _maximum(spec, "proposals", 100))
        self.n_value = _value_label()
        self.nms_label = QLabel()
        self.nms_slider = _slider(10, 100)
        self.nms_value = _value_label()
        self.n_slider.valueChanged.connect(self._on_n_slider)
        self.nms_slider.valueChanged.connect(self._on_nms_slider)
        for group in (
            self.controls.group(self.scene_label, self.scene, self.next_button),
            self.controls.group(self.region_label, self.region),
            self.controls.group(self.n_label, self.n_slider, self.n_value),
            self.controls.group(self.nms_label, self.nms_slider, self.nms_value),
        ):
            group.layout().setContentsMargins(0, 0, GROUP_GAP, 0)

        self.detections = BoxesView()
        self.proposals = BoxesView()
        self.pool_view = _BinsView()
        self.align_view = _BinsView()
        self.pooled = ImageGridView(normalize_each=False, colorbar=True)
        self.pooled.colorbar.axis.enableAutoSIPrefix(False)  # no label (see _bare)
        # an outline around each pooled map: the gap between them has the colour
        # of the lowest value
        self.pooled_frames = pg.PlotCurveItem(connect="finite")
        self.pooled_frames.setZValue(10)
        self.pooled.plot_item.addItem(self.pooled_frames)
        self.metrics = BarsView(y_range=(0.0, 1.0), horizontal=True)
        deck.add(self.detections, Role.MAIN, "detections")
        deck.add(self.proposals, Role.SECONDARY, "proposals")
        deck.add(self.pool_view, Role.SECONDARY, "RoI pooling")
        deck.add(self.align_view, Role.SECONDARY, "RoI Align")
        deck.add(self.pooled, Role.SECONDARY, "pooled features")
        deck.add(self.metrics, Role.SECONDARY, "metrics")
        self._set_sliders(32, 0.7)
        self.retranslate_ui()

    # -- text ---------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.scene_label.setText(self.tr("Scene"))
        self.next_button.setText(self.tr("Next"))
        self.region_label.setText(self.tr("Region"))
        self.region.setToolTip(self.tr(
            "Which proposal the RoI panels examine (0 = the most confident)."))
        self.n_label.setText(self.tr("Proposals N"))
        tip = self.tr("The region proposal network's best N boxes after NMS go to "
                      "the second stage.")
        for widget in (self.n_label, self.n_slider, self.n_value):
            widget.setToolTip(tip)
        self.nms_label.setText(self.tr("RPN NMS: drop if IoU >"))
        tip = self.tr("NMS among the proposals drops a box that overlaps a better "
                      "one by more than this IoU.")
        for widget in (self.nms_label, self.nms_slider, self.nms_value):
            widget.setToolTip(tip)
        self.metrics.set_title(self.tr("Validation (IoU ≥ 0.5)"))
        deck = self.deck
        deck.set_title(self.detections, self.tr("Detections"))
        deck.set_title(self.proposals, self.tr("Proposals"))
        deck.set_title(self.pool_view, self.tr("RoI pool"))
        deck.set_title(self.align_view, self.tr("RoI Align"))
        deck.set_title(self.pooled, self.tr("Pooled"))
        deck.set_title(self.metrics, self.tr("Validation"))
        self._update_labels()
        self._show_text()
        if self.snapshot is not None:
            self._show_region(self.snapshot)  # the pooled maps' captions

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_labels(self) -> None:
        _set_text(self.n_value, str(self.n_slider.value()))
        _set_text(self.nms_value, f"{self.nms_slider.value() / 100:.2f}")

    def set_caption(self, text: str) -> None:
        # a label given its text again is laid out again (and the row around it)
        if text != self.caption.text() or self.caption.isHidden() == bool(text):
            super().set_caption(text)

    def _pipeline_text(self, snap: dict[str, Any]) -> str:
        pipeline = snap["pipeline"]
        op = self.tr("RoI Align") if snap["roi_op"] == "align" else self.tr(
            "RoI pooling")
        k = snap["roi_size"]
        if pipeline == "rcnn":
            return self.tr(
                "R-CNN: {0} fixed windows per image; each is cut out, warped to "
                "{1}×{1} px and sent through the CNN on its own ({0} CNN runs per "
                "image), then classified and refined.").format(
                    snap["n_windows"], snap["crop_size"])
        if pipeline == "fast":
            return self.tr(
                "Fast R-CNN: the same {0} fixed windows, but the CNN runs once per "
                "image; {1} takes each window's {2}×{2} features from the shared "
                "feature map.").format(snap["n_windows"], op, k)
        return self.tr(
            "Faster R-CNN: the CNN runs once per image; the region proposal network "
            "scores {0} anchors ({1}×{1} cells × {2}) on its features and keeps the "
            "best {3} after NMS; {4} gives each {5}×{5} features.").format(
                snap["n_anchors"], snap["feature_size"], snap["anchors_per_cell"],
                snap["top_n"], op, k)

    def _show_text(self) -> None:
        snap = self.snapshot or {}
        names = list(snap.get("class_names", ()))
        legend = swatches([BOX_COLORS[i % len(BOX_COLORS)] for i in range(len(names))],
                          names)
        self.detections.set_title(self.tr("Detections: {0}").format(
            len(snap.get("det_keep", ()))))
        region = snap.get("region")
        faster = snap.get("pipeline", "faster") == "faster"
        if faster:
            self.proposals.set_title(self.tr("{0} proposals kept of {1}").format(
                len(snap.get("proposals", ())), snap.get("n_candidates", 0)))
        else:
            self.proposals.set_title(self.tr("{0} windows; best {1}").format(
                snap.get("n_candidates", 0), len(snap.get("proposals", ()))))
        if region is not None:
            self.pool_view.set_title(self.tr("RoI pool, channel {0}").format(
                region["channel"]))
            self.align_view.set_title(self.tr("RoI Align, channel {0}").format(
                region["channel"]))
            k = snap["roi_size"]
            self.pooled.set_title(self.tr("Pooled {0}×{0}").format(k))
        else:
            self.pool_view.set_title(self.tr("RoI pool"))
            self.align_view.set_title(self.tr("RoI Align"))
            self.pooled.set_title(self.tr("Pooled"))
        metrics = (self._metric_values(snap),
                   [self.tr("mAP"), self.tr("recall"), self.tr("precision"),
                    self.tr("proposals")])
        if metrics != self._metrics_shown:  # validation runs now and then
            self._metrics_shown = metrics
            self.metrics.set_values(*metrics)
        if not snap:
            self.set_caption("")
            return
        text = self.tr("Colour = class: {0}; thin white: true boxes.").format(legend)
        text += " " + self._pipeline_text(snap)
        if region is not None and snap["pipeline"] == "rcnn":
            text += " " + self.tr("The RoI panels show what Fast and Faster R-CNN "
                                  "do with this window instead.")
        if region is not None:
            text += " " + self.tr(
                "RoI pooling rounds the region to whole {0}-px cells (its edges move "
                "up to {1:.1f} px here, dashed: the exact region), so a small digit's "
                "features shift; RoI Align samples the exact bins bilinearly "
                "(dots).").format(snap["stride"], region["shift_px"])
        self.set_caption(text)

    @staticmethod
    def _metric_values(snap: dict[str, Any]) -> list[float]:
        val = snap.get("validation", {})
        return [val.get(k, 0.0) for k in ("val_map50", "val_recall", "val_precision",
                                          "val_proposal_recall")]

    # -- snapshots ----------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self.snapshot = snapshot
        image = snapshot["image"]
        names = snapshot["class_names"]
        gt = snapshot["gt_boxes"]
        for view in (self.detections, self.proposals):
            view.set_image(image)
            view.set_boxes("truth", gt, GT_COLOR, width=1)
        labels, scores = snapshot["det_labels"], snapshot["det_scores"]
        keep = snapshot["det_keep"]
        colors = [BOX_COLORS[int(labels[i]) % len(BOX_COLORS)] for i in keep]
        self.detections.set_boxes(
            "boxes", snapshot["det_boxes"][keep], colors,
            [f"{names[int(labels[i])]} {scores[i]:.2f}" for i in keep[:MAX_CAPTIONS]])
        self._show_proposals(snapshot)
        self._show_region(snapshot)
        self.scene.blockSignals(True)
        self.scene.setValue(int(snapshot["scene_index"]))
        self.scene.blockSignals(False)
        region = snapshot["region"]
        self.region.blockSignals(True)
        top = max(0, len(snapshot["proposals"]) - 1)
        if top != self.region.maximum():
            self.region.setMaximum(top)
        self.region.setValue(0 if region is None else int(region["proposal_index"]))
        self.region.blockSignals(False)
        faster = snapshot["pipeline"] == "faster"
        for widget in (self.nms_label, self.nms_slider, self.nms_value):
            widget.setEnabled(faster)
        self._set_sliders(snapshot["top_n"], snapshot["rpn_nms"])
        self._show_text()

    def _show_proposals(self, snap: dict[str, Any]) -> None:
        view = self.proposals
        size = snap["image"].shape[0]

        def inside(boxes: np.ndarray) -> np.ndarray:
            # windows at the border reach past the image: draw the part on it
            return np.clip(np.asarray(boxes, np.float32).reshape(-1, 4), 0, size)

        view.set_boxes("candidates", inside(snap["candidates"]), PROPOSAL_COLOR,
                       width=1, opacity=0.3)
        kept, scores = snap["proposals"], snap["proposal_scores"]
        view.set_boxes("kept", inside(kept), PROPOSAL_COLOR,
                       [f"{s:.2f}" for s in scores[:CAPTIONED]])
        region = snap["region"]
        if region is None:
            view.clear_boxes("chosen")
            view.clear_boxes("anchor")
            return
        view.set_boxes("chosen", inside(region["box"]), CHOSEN_COLOR)
        anchors = snap["proposal_anchors"]
        index = int(region["proposal_index"])
        if index < len(anchors):
            view.set_boxes("anchor", inside(anchors[index]), CHOSEN_COLOR, width=1,
                           dashed=True)
        else:
            view.clear_boxes("anchor")

    def _show_region(self, snap: dict[str, Any]) -> None:
        region = snap["region"]
        if region is None:
            return
        scale = 1.0 / snap["stride"]
        exact = region["box"] * scale
        pool, align = region["pool"], region["align"]
        window = crop_window([pool["region"], align["region"], exact],
                             snap["feature_size"])
        fmap = region["feature_map"]
        x0, x1, y0, y1 = window
        top = float(max(fmap[y0:y1, x0:x1].max(), region["pooled_pool"].max(),
                        region["pooled_align"].max(), 1e-6))
        levels = (min(0.0, float(fmap.min())), top)
        inset = np.array([BIN_INSET, BIN_INSET, -BIN_INSET, -BIN_INSET])
        self.pool_view.show_region(fmap, window, levels, pool["bins"] + inset, exact,
                                   None)
        self.align_view.show_region(fmap, window, levels, align["bins"], None,
                                    align["points"])
        self.pooled.set_maps(np.stack((region["pooled_pool"], region["pooled_align"])),
                             captions=[self.tr("RoI pool"), self.tr("RoI Align")],
                             # light: under the maps lies the map's (dark) lowest
                             # colour
                             caption_colors=[theme.role(BIN_ROLE)] * 2,
                             columns=2, levels=levels)
        k = region["pooled_pool"].shape[-1]
        gap = max(1, k // 8)  # the view's gap between tiles (image_grid.tile)
        frames = (k, gap, theme.role(BIN_ROLE), theme.STYLE.line_width)
        if frames != self._frames_shown:  # the outlines move only with k
            self._frames_shown = frames
            boxes = np.array([[0, 0, k, k], [k + gap, 0, 2 * k + gap, k]], np.float64)
            self.pooled_frames.setPen(theme.pen(BIN_ROLE, width=1.5))
            self.pooled_frames.setData(*rectangle_path(boxes), connect="finite")

    def _set_sliders(self, n: int, nms: float) -> None:
        for slider, value in ((self.n_slider, int(n)),
                              (self.nms_slider, int(round(nms * 100)))):
            if slider.isSliderDown():
                continue  # the user is dragging it
            slider.blockSignals(True)
            slider.setValue(value)
            slider.blockSignals(False)
        self._update_labels()

    # -- requests -----------------------------------------------------------------
    def _on_n_slider(self, value: int) -> None:
        self._update_labels()
        self.requested.emit("set_hparams", {"proposals": int(value)})

    def _on_nms_slider(self, value: int) -> None:
        self._update_labels()
        self.requested.emit("set_hparams", {"rpn_nms": value / 100})

    def choose_scene(self, index: int) -> None:
        self.requested.emit("select_scene", {"index": int(index)})

    def choose_region(self, index: int) -> None:
        self.requested.emit("select_proposal", {"index": int(index)})

    def next_scene(self) -> None:
        self.scene.stepBy(1)


STAGES = {"two_stage": TwoStageStage}
