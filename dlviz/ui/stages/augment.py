"""The data-augmentation preview: one bundled digit and a grid of random variants.

A tool stage: no training, no torch. The variants come from the numpy twin of the
training augmentation (:func:`dlviz.core.data.augment.augment_numpy`), which applies
the same maths as the torch version the CNN labs use.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from dlviz.core.data.augment import augment_numpy, preview_digits
from dlviz.core.labs.base import LabSpec
from dlviz.ui.kit import Role
from dlviz.ui.stages.base import Stage
from dlviz.ui.views.image_grid import ImageGridView, tile

#: Side of the preview images (as the CNN labs upsample the 8×8 digits).
PREVIEW_SIZE = 32
GRID_SIDE = 4
#: Gray between the tiles, so the (black) borders of the digits stay apart.
TILE_GAP_GRAY = 0.5
#: Room after each group of controls (pixels).
GROUP_GAP = 14
#: The original is shown at 1 / this of its panel (a reference beside the grid).
ORIGINAL_ZOOM_OUT = 1.6
#: Preview settings shown first, so the grid already varies when the tool opens.
PREVIEW_DEFAULTS = {
    "hflip": False, "vflip": False, "crop_scale": 0.7, "rotation": 15.0,
    "brightness": 0.3, "contrast": 0.3,
}


def tile_grid(images: np.ndarray, columns: int = GRID_SIDE) -> np.ndarray:
    """(N, H, W) images in [0, 1] tiled into one image, in a gray frame and with gray
    lines between them."""
    tiled, _ = tile(images, columns, gap=2, normalize_each=False, fill=TILE_GAP_GRAY)
    return np.pad(tiled, 2, constant_values=TILE_GAP_GRAY)


class AugmentStage(Stage):
    """Choose a digit and the augmentation options; see many random draws at once."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.images, self.labels = preview_digits(PREVIEW_SIZE)
        self.draw_seed = 0
        deck = self.use_frame()

        self.digit = QSpinBox()
        self.digit.setRange(0, len(self.images) - 1)
        self.hflip = QCheckBox()
        self.vflip = QCheckBox()
        self.crop = self._double(0.2, 1.0, 0.05, PREVIEW_DEFAULTS["crop_scale"])
        self.rotation = self._double(0.0, 180.0, 5.0, PREVIEW_DEFAULTS["rotation"], 0)
        self.brightness = self._double(0.0, 0.9, 0.05, PREVIEW_DEFAULTS["brightness"])
        self.contrast = self._double(0.0, 0.9, 0.05, PREVIEW_DEFAULTS["contrast"])
        self.new_draws = QPushButton()
        self.new_draws.clicked.connect(self.redraw)
        self.digit.valueChanged.connect(self.refresh)
        self.hflip.toggled.connect(self.refresh)
        self.vflip.toggled.connect(self.refresh)

        #: the labels of the digit and of the four numeric options
        self.form_labels = [QLabel() for _ in range(5)]
        groups = [self.controls.group(self.form_labels[0], self.digit),
                  self.controls.group(self.hflip), self.controls.group(self.vflip)]
        spins = (self.crop, self.rotation, self.brightness, self.contrast)
        for label, widget in zip(self.form_labels[1:], spins):
            groups.append(self.controls.group(label, widget))
        for group in groups:
            group.layout().setContentsMargins(0, 0, GROUP_GAP, 0)
        self.controls.add(self.new_draws)

        self.grid = ImageGridView(normalize_each=False, gray=True)
        self.original = ImageGridView(normalize_each=False, gray=True)
        deck.add(self.grid, Role.MAIN, "augmented")
        deck.add(self.original, Role.SECONDARY, "original")
        self.retranslate_ui()

    def _double(self, lo: float, hi: float, step: float, value: float,
                decimals: int = 2) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(lo, hi)
        spin.setSingleStep(step)
        spin.setDecimals(decimals)
        spin.setValue(value)
        spin.valueChanged.connect(self.refresh)
        return spin

    def retranslate_ui(self) -> None:
        texts = (self.tr("Digit number"), self.tr("Crop: smallest area"),
                 self.tr("Rotation ± degrees"), self.tr("Brightness ±"),
                 self.tr("Contrast ±"))
        for label, text in zip(self.form_labels, texts):
            label.setText(text)
        self.hflip.setText(self.tr("Horizontal flip"))
        self.vflip.setText(self.tr("Vertical flip"))
        self.new_draws.setText(self.tr("New random draws"))
        self.grid.set_title(self.tr("{n} random versions").format(
            n=GRID_SIDE * GRID_SIDE))
        self.deck.set_title(self.grid, self.tr("Augmented"))
        self.deck.set_title(self.original, self.tr("Original"))
        self.refresh()

    def options(self) -> dict[str, Any]:
        """The current options, as :func:`dlviz.core.data.augment.make_augment`
        takes them."""
        return {
            "hflip": self.hflip.isChecked(),
            "vflip": self.vflip.isChecked(),
            "crop_scale": self.crop.value(),
            "rotation": self.rotation.value(),
            "brightness": self.brightness.value(),
            "contrast": self.contrast.value(),
        }

    def augmented(self) -> np.ndarray:
        """The grid's images: (16, 32, 32) float32 in [0, 1] for the current seed."""
        image = self.images[self.digit.value()]
        batch = np.repeat(image[None], GRID_SIDE * GRID_SIDE, axis=0)
        rng = np.random.default_rng(self.draw_seed)
        return augment_numpy(batch, self.options(), rng)

    def refresh(self) -> None:
        index = self.digit.value()
        label = int(self.labels[index])
        self.original.set_title(self.tr("Original (class {c})").format(c=label))
        self.original.set_maps(self.images[index][None], levels=(0.0, 1.0))
        side = float(PREVIEW_SIZE)
        margin = side * (ORIGINAL_ZOOM_OUT - 1) / 2
        self.original.plot_item.setRange(  # a reference, smaller than the grid
            rect=QRectF(-margin, -margin, side + 2 * margin, side + 2 * margin),
            padding=0)
        self.draws = self.augmented()
        self.grid.set_maps(tile_grid(self.draws)[None], levels=(0.0, 1.0))
        self.set_caption(self.tr(
            "Each of the {n} tiles is a new random draw, as training makes one at "
            "every step: the network learns the digit, not its exact pixels."
        ).format(n=GRID_SIDE * GRID_SIDE))

    def redraw(self) -> None:
        """New random draws with the same options."""
        self.draw_seed += 1
        self.refresh()

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        """A tool: nothing to draw from snapshots."""

    def panels(self) -> dict[str, QWidget]:
        return {**self.deck.panels(), "options": self.controls}


STAGES = {"augment": AugmentStage}
