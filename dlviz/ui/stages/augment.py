"""The data-augmentation preview: one bundled digit and a grid of random variants.

A tool stage: no training, no torch. The variants come from the numpy twin of the
training augmentation (:func:`dlviz.core.data.augment.augment_numpy`), which applies
the same maths as the torch version the CNN labs use.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dlviz.core.data.augment import augment_numpy, preview_digits
from dlviz.core.labs.base import LabSpec
from dlviz.ui.stages.base import Stage

#: Side of the preview images (as the CNN labs upsample the 8×8 digits).
PREVIEW_SIZE = 32
GRID_SIDE = 4
STAGE_FONT_PT = 13.0
#: Preview settings shown first, so the grid already varies when the tool opens.
PREVIEW_DEFAULTS = {
    "hflip": False, "vflip": False, "crop_scale": 0.7, "rotation": 15.0,
    "brightness": 0.3, "contrast": 0.3,
}


def to_qimage(image: np.ndarray) -> QImage:
    """A grayscale QImage (owning its data) from a float (H, W) array in [0, 1]."""
    data = np.ascontiguousarray(np.clip(image * 255 + 0.5, 0, 255).astype(np.uint8))
    h, w = data.shape
    return QImage(data.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


class ImageTilesView(QWidget):
    """Square grayscale images in a grid, drawn with visible pixels."""

    def __init__(self, columns: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = columns
        self.images: list[QImage] = []
        self.setMinimumSize(160, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(560, 560)

    def set_images(self, images: np.ndarray) -> None:
        self.images = [to_qimage(image) for image in images]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(40, 40, 40))
        if self.images:
            rows = -(-len(self.images) // self.columns)
            gap = 6.0
            cell = min(
                (self.width() - gap * (self.columns + 1)) / self.columns,
                (self.height() - gap * (rows + 1)) / rows,
            )
            x0 = (self.width() - (cell * self.columns + gap * (self.columns - 1))) / 2
            y0 = (self.height() - (cell * rows + gap * (rows - 1))) / 2
            painter.setPen(QPen(QColor(110, 110, 110), 1))
            for i, image in enumerate(self.images):
                r, c = divmod(i, self.columns)
                rect = QRectF(x0 + c * (cell + gap), y0 + r * (cell + gap), cell, cell)
                painter.drawImage(rect, image)
                painter.drawRect(rect)
        painter.end()


class AugmentStage(Stage):
    """Choose a digit and the augmentation options; see many random draws at once."""

    def __init__(self, spec: LabSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        font = self.font()
        font.setPointSizeF(STAGE_FONT_PT)
        self.setFont(font)
        self.images, self.labels = preview_digits(PREVIEW_SIZE)
        self.draw_seed = 0

        self.digit = QSpinBox()
        self.digit.setRange(0, len(self.images) - 1)
        self.class_label = QLabel()
        self.hflip = QCheckBox()
        self.vflip = QCheckBox()
        self.crop = self._double(0.2, 1.0, 0.05, PREVIEW_DEFAULTS["crop_scale"])
        self.rotation = self._double(0.0, 180.0, 5.0, PREVIEW_DEFAULTS["rotation"], 0)
        self.brightness = self._double(0.0, 0.9, 0.05, PREVIEW_DEFAULTS["brightness"])
        self.contrast = self._double(0.0, 0.9, 0.05, PREVIEW_DEFAULTS["contrast"])
        self.new_draws = QPushButton()
        self.new_draws.setMinimumHeight(40)
        self.new_draws.clicked.connect(self.redraw)
        self.digit.valueChanged.connect(self.refresh)
        self.hflip.toggled.connect(self.refresh)
        self.vflip.toggled.connect(self.refresh)

        self.form = QFormLayout()
        self.form_labels = [QLabel() for _ in range(7)]
        widgets = (self.digit, self.class_label, self.hflip, self.vflip, self.crop,
                   self.rotation, self.brightness, self.contrast)
        self.form.addRow(self.form_labels[0], self.digit)
        self.form.addRow("", self.class_label)
        for label, widget in zip(self.form_labels[1:], widgets[2:]):
            self.form.addRow(label, widget)
        self.form.addRow(self.new_draws)
        self.options_box = QGroupBox()
        self.options_box.setLayout(self.form)

        self.original = ImageTilesView(1)
        self.original.setMaximumSize(280, 280)
        self.original_box = QGroupBox()
        original_layout = QVBoxLayout(self.original_box)
        original_layout.addWidget(self.original)
        left = QVBoxLayout()
        left.addWidget(self.options_box)
        left.addWidget(self.original_box, 1)

        self.grid = ImageTilesView(GRID_SIDE)
        self.grid_box = QGroupBox()
        grid_layout = QVBoxLayout(self.grid_box)
        grid_layout.addWidget(self.grid)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.grid_box, 3)
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
        texts = (self.tr("Digit number"), self.tr("Horizontal flip"),
                 self.tr("Vertical flip"), self.tr("Crop: smallest area"),
                 self.tr("Rotation ± degrees"), self.tr("Brightness ±"),
                 self.tr("Contrast ±"))
        for label, text in zip(self.form_labels, texts):
            label.setText(text)
        self.new_draws.setText(self.tr("New random draws"))
        self.options_box.setTitle(self.tr("Augmentation"))
        self.original_box.setTitle(self.tr("Original"))
        self.grid_box.setTitle(
            self.tr("{n} random training versions of the same digit").format(
                n=GRID_SIDE * GRID_SIDE)
        )
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
        self.class_label.setText(self.tr("class {c}").format(c=int(self.labels[index])))
        self.original.set_images(self.images[index][None])
        self.grid.set_images(self.augmented())

    def redraw(self) -> None:
        """New random draws with the same options."""
        self.draw_seed += 1
        self.refresh()

    def show_snapshot(self, snapshot: dict[str, Any]) -> None:
        """A tool: nothing to draw from snapshots."""

    def panels(self) -> dict[str, QWidget]:
        return {"options": self.options_box, "original": self.original_box,
                "augmented": self.grid_box}


STAGES = {"augment": AugmentStage}
