"""Stage of the ``unet`` lab: a tiny U-Net beside the tiny FCN on the same images.

* main view: the U-Net's mask over the input; beside it the FCN's mask, the true
  mask and the mean IoU of both (validation);
* what crosses a skip: for the chosen level, the encoder's maps that are
  concatenated into the decoder (top row, "encoder") and the upsampled maps from
  below they join (bottom row, "upsampled"), one colour bar for both;
* the checkerboard: the U-Net's last upsampling layer alone on a flat input, and
  the decoder's last features for a flat grey image, each with its colour bar and
  the strength of its period-2 pattern;
* the window's curves name the two networks (``…_twin`` is the FCN).

The stage never runs torch: it emits ``requested("select_sample", …)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSpinBox, QWidget

from dlviz.core.metric_names import metric_label
from dlviz.ui import theme
from dlviz.ui.i18n import tr_core
from dlviz.ui.kit import Role
from dlviz.ui.stages.base import Stage
from dlviz.ui.stages.vision import (
    GROUP_GAP,
    MASK_COLORS,
    colour_mask,
    overlay_mask,
    swatches,
)
from dlviz.ui.views.bars import BarsView
from dlviz.ui.views.boxes import BoxesView
from dlviz.ui.views.heatmap import HeatmapView
from dlviz.ui.views.image_grid import ImageGridView

# The two networks' colours (curves and IoU bars).
UNET_COLOR = theme.PALETTE[0]
FCN_COLOR = theme.PALETTE[3]
# Curves of the window that the stage names by network.
_CURVES = ("loss", "val_miou")


def scaled_maps(maps: np.ndarray) -> np.ndarray:
    """Each map of (N, H, W) divided by its largest |value| (an all-zero map stays
    zero), so that the encoder's small activations and the decoder's larger ones
    share one colour bar, −1 … 1."""
    maps = np.asarray(maps, dtype=np.float32)
    peak = np.abs(maps).reshape(len(maps), -1).max(1)[:, None, None]
    return maps / np.where(peak > 0, peak, 1.0)


def _bare(view: HeatmapView) -> HeatmapView:
    view.plot_item.setAspectLocked(True)
    view.plot_item.hideAxis("left")
    view.plot_item.hideAxis("bottom")
    return view


class UNetStage(Stage):
    """Both masks, the mean IoU of both, what crosses each skip, and the
    checkerboard of the decoder's upsampling."""

    def __init__(self, spec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.snapshot: dict[str, Any] | None = None
        self._caption_key: tuple | None = None
        deck = self.use_frame()
        self.sample_label = QLabel()
        self.sample = QSpinBox()
        maximum = next((int(p.maximum) for p in spec.params
                        if p.key == "sample_index" and p.maximum is not None), 199)
        self.sample.setRange(0, maximum)
        self.sample.setWrapping(True)
        self.sample.valueChanged.connect(self.choose_sample)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.next_sample)
        self.level_label = QLabel()
        self.level_combo = QComboBox()
        self.level_combo.addItems(["", "", ""])
        self.level_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.level_combo.currentIndexChanged.connect(self._level_changed)
        for group in (
            self.controls.group(self.sample_label, self.sample, self.next_button),
            self.controls.group(self.level_label, self.level_combo),
        ):
            group.layout().setContentsMargins(0, 0, GROUP_GAP, 0)

        self.unet_mask = BoxesView()
        self.fcn_mask = BoxesView()
        self.truth = BoxesView()
        self.skip_maps = ImageGridView(diverging=True, normalize_each=False,
                                       colorbar=True)
        self.layer_flat = _bare(HeatmapView(colorbar=True))
        self.decoder_flat = _bare(HeatmapView(colorbar=True))
        self.miou = BarsView(y_range=(0.0, 1.0), horizontal=True)
        deck.add(self.unet_mask, Role.MAIN, "U-Net mask")
        deck.add(self.fcn_mask, Role.SECONDARY, "FCN mask")
        deck.add(self.truth, Role.SECONDARY, "true mask")
        deck.add(self.skip_maps, Role.SECONDARY, "skip")
        deck.add(self.layer_flat, Role.SECONDARY, "flat input, one layer")
        deck.add(self.decoder_flat, Role.SECONDARY, "flat input, decoder")
        deck.add(self.miou, Role.SECONDARY, "mean IoU")
        self.retranslate_ui()

    # -- text ---------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.sample_label.setText(self.tr("Image"))
        self.next_button.setText(self.tr("Next"))
        self.level_label.setText(self.tr("Skip"))
        for i, size in enumerate((48, 24, 12)):
            self.level_combo.setItemText(
                i, self.tr("{0}: {1}×{1}").format(i + 1, size))
        self.level_combo.setToolTip(self.tr(
            "Which skip connection the skip panel shows: 1 is the finest (full "
            "size), 3 the coarsest."))
        self.truth.set_title(self.tr("True mask"))
        self.miou.set_title(self.tr("Validation mean IoU"))
        deck = self.deck
        deck.set_title(self.unet_mask, self.tr("U-Net"))
        deck.set_title(self.fcn_mask, self.tr("FCN"))
        deck.set_title(self.truth, self.tr("True mask"))
        deck.set_title(self.skip_maps, self.tr("Skip"))
        deck.set_title(self.layer_flat, self.tr("One layer"))
        deck.set_title(self.decoder_flat, self.tr("Decoder"))
        deck.set_title(self.miou, self.tr("mIoU"))
        self._caption_key = None
        self._show_titles()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _method(self, snap: dict[str, Any] | None) -> str:
        up = "transposed" if snap is None else snap["upsampling"]
        return (self.tr("transposed conv. 3×3, stride 2") if up == "transposed"
                else self.tr("upsample + conv. 3×3"))

    def _class_name(self, name: str) -> str:
        return {"background": self.tr("background"), "disc": self.tr("disc"),
                "square": self.tr("square"), "triangle": self.tr("triangle")}.get(
                    name, name)

    def _show_titles(self) -> None:
        snap = self.snapshot
        self.unet_mask.set_title(self.tr("U-Net mask over the input"))
        self.fcn_mask.set_title(self.tr("FCN mask over the input"))
        level = self.level()
        size = (48, 24, 12)[level]
        if snap is not None:
            size = snap["skips"][level]["size"]
        self.skip_maps.set_title(self.tr("Skip {0} ({1}×{1})").format(level + 1, size))
        if snap is None:
            self.layer_flat.set_title(self.tr("Up-layer on a flat input"))
            self.decoder_flat.set_title(self.tr("Decoder on a flat image"))
            return
        board = snap["checkerboard"]
        self.layer_flat.set_title(self.tr("Up-layer, flat input: {0:.2f}").format(
            board["layer_strength"]))
        self.decoder_flat.set_title(self.tr("Decoder, flat image: {0:.2f}").format(
            board["decoder_strength"]))

    def _show_caption(self) -> None:
        snap = self.snapshot
        if snap is None:
            self.set_caption("")
            return
        key = (snap["upsampling"], tuple(snap["class_names"]))
        if key == self._caption_key:
            return
        self._caption_key = key
        names = [self._class_name(n) for n in snap["class_names"]]
        legend = swatches([MASK_COLORS[i % len(MASK_COLORS)]
                           for i in range(len(names))], names)
        text = self.tr("Mask colours: {0}. Skip: each map divided by its largest "
                       "magnitude. Upsampling: {1}; on a flat input its period-2 "
                       "pattern has the strength in the titles (0 = none).").format(
                           legend, self._method(snap))
        self.set_caption(text)

    def curve_style(self, name: str) -> tuple[str, str] | None:
        """The window's curves: each metric of the U-Net and of the FCN (the
        ``_twin`` metrics), named and coloured by network."""
        fcn = name.endswith("_twin")
        base = name.removesuffix("_twin")
        if base not in _CURVES:
            return None
        label = self.tr("{0} ({1})").format(
            tr_core(metric_label(base)), self.tr("FCN") if fcn else self.tr("U-Net"))
        return (FCN_COLOR if fcn else UNET_COLOR), label

    def level(self) -> int:
        return max(0, self.level_combo.currentIndex())

    # -- snapshots ----------------------------------------------------------------
    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        self.snapshot = snapshot
        image = snapshot["image"]
        self.unet_mask.set_image(overlay_mask(image, snapshot["predicted"]))
        self.fcn_mask.set_image(overlay_mask(image, snapshot["predicted_fcn"]))
        self.truth.set_image(colour_mask(snapshot["mask"]))
        miou = [snapshot["miou"], snapshot["miou_fcn"]]
        self.miou.set_values([0.0 if np.isnan(v) else float(v) for v in miou],
                             [self.tr("U-Net"), self.tr("FCN")],
                             colors=[UNET_COLOR, FCN_COLOR])
        self._show_skip()
        board = snapshot["checkerboard"]
        self.layer_flat.set_data(board["layer_map"])
        self.decoder_flat.set_data(board["decoder_map"])
        self.sample.blockSignals(True)
        self.sample.setValue(int(snapshot["sample_index"]))
        self.sample.blockSignals(False)
        self._show_titles()
        self._show_caption()

    def _show_skip(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        level = snap["skips"][self.level()]
        maps = scaled_maps(np.concatenate([level["skip"], level["up"]]))
        self.skip_maps.set_maps(maps, columns=len(level["skip"]), levels=(-1.0, 1.0),
                                row_labels=[self.tr("encoder"), self.tr("upsampled")])

    def _level_changed(self, _index: int) -> None:
        self._show_skip()
        self._show_titles()
        self._show_caption()

    # -- requests -----------------------------------------------------------------
    def choose_sample(self, index: int) -> None:
        self.requested.emit("select_sample", {"index": int(index)})

    def next_sample(self) -> None:
        self.sample.stepBy(1)


STAGES = {"unet": UNetStage}
